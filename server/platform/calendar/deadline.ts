// Legal and commitment time limits.
//
// Counting rules, by unit:
// - 公安机关办理行政案件程序规定 Art. 35 and 民法典 Art. 201: the day a period starts is not counted.
// - 民法典 Art. 202: a month period ends on the same day of the month; a month without that day ends
//   on its last day.
// - 民法典 Art. 203: the last day ends at 24:00 — here 23:59:59.999 Asia/Shanghai.
// - Art. 35 (and 民法典 Art. 203): a period whose last day is a holiday ends on the next working
//   day, except periods restricting personal liberty; rules carry rollForwardIfHoliday for that.
// - 行政处罚法 Art. 85, 行政许可法 Art. 82: limits stated in 工作日 skip weekends and statutory
//   holidays, and count the weekend days worked under 调休.

import { addDays, addMonths, daysBetween, endOfShanghaiDay, shanghaiDate } from './civil-date.js';
import type { WorkCalendar } from './work-calendar.js';

export type TimeUnit = 'hour' | 'calendar_day' | 'working_day' | 'month';

export type LimitRule = { amount: number; unit: TimeUnit; rollForwardIfHoliday: boolean };

/** missingYears: years without a loaded holiday notice whose working days the result relied on. */
export type DueResult = { dueAt: Date; missingYears: number[] };

const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 24 * MS_PER_HOUR;
const TIME_UNITS: readonly TimeUnit[] = ['hour', 'calendar_day', 'working_day', 'month'];

function assertValidRule(rule: LimitRule): void {
  if (!TIME_UNITS.includes(rule.unit)) throw new RangeError(`Unknown time unit "${String(rule.unit)}"`);
  const { amount } = rule;
  const valid = rule.unit === 'hour' ? Number.isFinite(amount) && amount >= 0 : Number.isInteger(amount) && amount >= 0;
  if (!valid) throw new RangeError(`Invalid amount ${amount} for unit ${rule.unit}`);
}

function assertValidInstant(instant: Date, what: string): void {
  if (Number.isNaN(instant.getTime())) throw new RangeError(`${what} is an invalid Date`);
}

function mergeYears(a: number[], b: number[]): number[] {
  return [...new Set([...a, ...b])].sort((x, y) => x - y);
}

function endOfLastDay(lastDay: string, rule: LimitRule, cal: WorkCalendar): DueResult {
  if (!rule.rollForwardIfHoliday) return { dueAt: endOfShanghaiDay(lastDay), missingYears: [] };
  const workingDay = cal.firstWorkingDayFrom(lastDay);
  return { dueAt: endOfShanghaiDay(workingDay), missingYears: cal.missingYearsBetween(lastDay, workingDay) };
}

function endOfWorkingDaysAfter(day: string, count: number, cal: WorkCalendar): DueResult {
  const lastDay = cal.addWorkingDays(day, count);
  return { dueAt: endOfShanghaiDay(lastDay), missingYears: cal.missingYearsBetween(addDays(day, 1), lastDay) };
}

/**
 * When a limit of `rule` that starts at `start` runs out.
 * Hour limits run from the exact instant, straight through nights and holidays, and never roll
 * forward: they are the 24-hour kind (follow-up calls, custody) that Art. 35 does not extend.
 */
export function computeDue(start: Date, rule: LimitRule, cal: WorkCalendar): DueResult {
  assertValidInstant(start, 'start');
  assertValidRule(rule);
  const startDay = shanghaiDate(start);
  switch (rule.unit) {
    case 'hour':
      return { dueAt: new Date(start.getTime() + rule.amount * MS_PER_HOUR), missingYears: [] };
    case 'calendar_day':
      return endOfLastDay(addDays(startDay, rule.amount), rule, cal);
    case 'month':
      return endOfLastDay(addMonths(startDay, rule.amount), rule, cal);
    case 'working_day':
      return endOfWorkingDaysAfter(startDay, rule.amount, cal);
  }
}

/**
 * An extension (e.g. 信访工作条例 Art. 34: up to 30 more days once approved) counted from the
 * current due date as if the period started then.
 */
export function extendDue(dueAt: Date, rule: LimitRule, cal: WorkCalendar): DueResult {
  return computeDue(dueAt, rule, cal);
}

/**
 * Moves a due date for a pause (the clock stops while the bureau waits for the citizen's materials).
 * As for the start of a period, the day of the pause still counts and the day of the resumption
 * does not, so pausing and resuming on the same day adds nothing:
 * - hour rules add the exact paused duration;
 * - calendar_day and month rules add the Shanghai calendar days from the pause date to the resume
 *   date, then roll forward to a working day if the rule says so;
 * - working_day rules add the working days d with pauseDate < d <= resumeDate.
 * Day-based rules move the current due date: when it was already rolled past a holiday, the days
 * are added to the rolled date.
 */
export function extendForPause(dueAt: Date, pausedFrom: Date, pausedUntil: Date, rule: LimitRule, cal: WorkCalendar): DueResult {
  assertValidInstant(dueAt, 'dueAt');
  assertValidInstant(pausedFrom, 'pausedFrom');
  assertValidInstant(pausedUntil, 'pausedUntil');
  assertValidRule(rule);
  if (pausedUntil < pausedFrom) throw new RangeError('pausedUntil is before pausedFrom');

  const pauseDay = shanghaiDate(pausedFrom);
  const resumeDay = shanghaiDate(pausedUntil);
  const dueDay = shanghaiDate(dueAt);
  switch (rule.unit) {
    case 'hour':
      return { dueAt: new Date(dueAt.getTime() + (pausedUntil.getTime() - pausedFrom.getTime())), missingYears: [] };
    case 'calendar_day':
    case 'month': {
      const pausedDays = daysBetween(pauseDay, resumeDay);
      if (pausedDays === 0) return { dueAt, missingYears: [] };
      return endOfLastDay(addDays(dueDay, pausedDays), rule, cal);
    }
    case 'working_day': {
      const pausedWorkingDays = cal.countWorkingDaysAfter(pauseDay, resumeDay);
      const countedPause = cal.missingYearsBetween(addDays(pauseDay, 1), resumeDay);
      if (pausedWorkingDays === 0) return { dueAt, missingYears: countedPause };
      const moved = endOfWorkingDaysAfter(dueDay, pausedWorkingDays, cal);
      return { dueAt: moved.dueAt, missingYears: mergeYears(countedPause, moved.missingYears) };
    }
  }
}

/**
 * When the "due soon" warning fires: after `fraction` of the time from start to due has passed,
 * but for limits longer than two days never later than 24 hours before due, so that a long limit
 * always leaves a full day to act.
 */
export function warnAt(start: Date, dueAt: Date, fraction = 0.8): Date {
  assertValidInstant(start, 'start');
  assertValidInstant(dueAt, 'dueAt');
  if (!(fraction > 0 && fraction <= 1)) throw new RangeError(`fraction must be in (0, 1], got ${fraction}`);
  const span = dueAt.getTime() - start.getTime();
  if (span < 0) throw new RangeError('dueAt is before start');
  const atFraction = start.getTime() + Math.round(span * fraction);
  return new Date(span > 2 * MS_PER_DAY ? Math.min(atFraction, dueAt.getTime() - MS_PER_DAY) : atFraction);
}
