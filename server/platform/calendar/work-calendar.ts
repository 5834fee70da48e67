// Which days are working days, from the yearly State Council notices (see holiday-notice.ts).
// A year without a loaded notice falls back to Monday–Friday; every computation that relies on such
// a guess reports the year (missingYears) so that the caller can raise an admin alert.

import { addDays, weekday, yearOf } from './civil-date.js';
import { HolidayNoticeError, validateHolidayNotice, type HolidayNotice } from './holiday-notice.js';

export { addDays, addMonths, daysBetween, endOfShanghaiDay, shanghaiDate, startOfShanghaiDay, weekday, yearOf } from './civil-date.js';

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'adjusted_workday';

type NoticedDay = { kind: 'holiday' | 'adjusted_workday'; year: number };

export class WorkCalendar {
  private readonly years: ReadonlySet<number>;
  private readonly noticedDays: ReadonlyMap<string, NoticedDay>;

  private constructor(years: ReadonlySet<number>, noticedDays: ReadonlyMap<string, NoticedDay>) {
    this.years = years;
    this.noticedDays = noticedDays;
  }

  /** Validates every notice; throws HolidayNoticeError on a bad notice, a year given twice or a day two notices disagree on. */
  static fromNotices(notices: readonly HolidayNotice[]): WorkCalendar {
    const years = new Set<number>();
    const noticedDays = new Map<string, NoticedDay>();
    const record = (date: string, day: NoticedDay) => {
      const earlier = noticedDays.get(date);
      if (earlier !== undefined && earlier.kind !== day.kind) {
        throw new HolidayNoticeError([{
          line: 0,
          message: {
            'zh-CN': `${date}在${earlier.year}年和${day.year}年的通知中安排不一致`,
            en: `The ${earlier.year} and ${day.year} notices disagree about ${date}`,
          },
        }]);
      }
      noticedDays.set(date, day);
    };

    for (const notice of notices) {
      validateHolidayNotice(notice);
      if (years.has(notice.year)) {
        throw new HolidayNoticeError([{
          line: 0,
          message: { 'zh-CN': `${notice.year}年的放假安排重复加载`, en: `The ${notice.year} notice is loaded twice` },
        }]);
      }
      years.add(notice.year);
      for (const { from, to } of notice.holidays) {
        for (let date = from; date <= to; date = addDays(date, 1)) record(date, { kind: 'holiday', year: notice.year });
      }
      for (const { date } of notice.adjustedWorkdays) record(date, { kind: 'adjusted_workday', year: notice.year });
    }
    return new WorkCalendar(years, noticedDays);
  }

  hasYear(year: number): boolean {
    return this.years.has(year);
  }

  loadedYears(): number[] {
    return [...this.years].sort((a, b) => a - b);
  }

  dayKind(date: string): DayKind {
    const noticed = this.noticedDays.get(date);
    if (noticed !== undefined) return noticed.kind;
    const day = weekday(date);
    return day === 0 || day === 6 ? 'weekend' : 'workday';
  }

  isWorkingDay(date: string): boolean {
    const kind = this.dayKind(date);
    return kind === 'workday' || kind === 'adjusted_workday';
  }

  /** `date` itself when it is a working day, otherwise the next one. */
  firstWorkingDayFrom(date: string): string {
    let day = date;
    while (!this.isWorkingDay(day)) day = addDays(day, 1);
    return day;
  }

  /** The `count`th working day after `date` (`date` itself not counted); `date` when count is 0. */
  addWorkingDays(date: string, count: number): string {
    if (!Number.isInteger(count) || count < 0) throw new RangeError(`Working days must be a non-negative integer, got ${count}`);
    let day = date;
    for (let counted = 0; counted < count; ) {
      day = addDays(day, 1);
      if (this.isWorkingDay(day)) counted += 1;
    }
    return day;
  }

  /** Working days d with from < d <= to. */
  countWorkingDaysAfter(from: string, to: string): number {
    let count = 0;
    for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (this.isWorkingDay(day)) count += 1;
    return count;
  }

  /** Years between `from` and `to` (inclusive) whose calendar is not loaded, so their working days were guessed. */
  missingYearsBetween(from: string, to: string): number[] {
    const missing: number[] = [];
    for (let year = yearOf(from); year <= yearOf(to); year += 1) if (!this.hasYear(year)) missing.push(year);
    return missing;
  }
}
