import { afterEach, describe, expect, it } from 'vitest';
import { computeDue, extendDue, extendForPause, warnAt, type LimitRule } from './deadline.js';
import { BUNDLED_NOTICES } from './holiday-notice.js';
import { WorkCalendar } from './work-calendar.js';

const cal = WorkCalendar.fromNotices(BUNDLED_NOTICES);

/** An instant given as Asia/Shanghai wall-clock time. */
const at = (shanghaiLocal: string) => new Date(`${shanghaiLocal}+08:00`);
const endOf = (date: string) => at(`${date}T23:59:59.999`);

const workingDays = (amount: number): LimitRule => ({ amount, unit: 'working_day', rollForwardIfHoliday: false });
const calendarDays = (amount: number, rollForwardIfHoliday = true): LimitRule => ({ amount, unit: 'calendar_day', rollForwardIfHoliday });
const months = (amount: number, rollForwardIfHoliday = true): LimitRule => ({ amount, unit: 'month', rollForwardIfHoliday });
const hours = (amount: number): LimitRule => ({ amount, unit: 'hour', rollForwardIfHoliday: true });

describe('computeDue: working days', () => {
  it('counts the Saturday make-up day before Spring Festival and skips the festival', () => {
    // Fri 2/13 not counted; Sat 2/14 调休上班 = 1st; 2/15–2/23 春节; Tue 2/24 = 2nd.
    expect(computeDue(at('2026-02-13T15:00'), workingDays(2), cal)).toEqual({ dueAt: endOf('2026-02-24'), missingYears: [] });
  });

  it('does not count the start day even when it is a working day', () => {
    expect(computeDue(at('2026-03-02T08:00'), workingDays(1), cal).dueAt).toEqual(endOf('2026-03-03'));
  });

  it('runs 15 working days across the 2026 Mid-Autumn and National Day holidays', () => {
    // 9/20 (Sun, worked) … 9/24 = 5; 9/28–9/30 = 8; 10/8, 10/9, 10/10 (Sat, worked) = 11; 10/12–10/15 = 15.
    expect(computeDue(at('2026-09-18T16:00'), workingDays(15), cal)).toEqual({ dueAt: endOf('2026-10-15'), missingYears: [] });
  });

  it('treats a start late in the Shanghai evening as that Shanghai day, whatever the UTC date', () => {
    expect(computeDue(new Date('2026-02-13T15:30:00Z'), workingDays(2), cal).dueAt).toEqual(endOf('2026-02-24'));
    expect(computeDue(new Date('2026-02-13T16:30:00Z'), workingDays(1), cal).dueAt).toEqual(endOf('2026-02-24'));
  });
});

describe('computeDue: calendar days (公安机关办理行政案件程序规定 Art. 35)', () => {
  it('ends at 24:00 of the Nth day after the start day', () => {
    expect(computeDue(at('2026-03-02T10:00'), calendarDays(15), cal).dueAt).toEqual(endOf('2026-03-17'));
  });

  it('rolls a last day in the National Day holiday forward to the next working day', () => {
    expect(computeDue(at('2026-09-16T10:00'), calendarDays(15), cal)).toEqual({ dueAt: endOf('2026-10-08'), missingYears: [] });
    expect(computeDue(at('2026-09-16T10:00'), calendarDays(15, false), cal).dueAt).toEqual(endOf('2026-10-01'));
  });

  it('rolls a last day in the 2025 Spring Festival forward', () => {
    expect(computeDue(at('2025-01-13T09:00'), calendarDays(15), cal).dueAt).toEqual(endOf('2025-02-05'));
  });

  it('rolls an ordinary Saturday to Monday, but not a Saturday worked under 调休', () => {
    expect(computeDue(at('2026-03-06T10:00'), calendarDays(15), cal).dueAt).toEqual(endOf('2026-03-23'));
    expect(computeDue(at('2026-02-13T10:00'), calendarDays(15), cal).dueAt).toEqual(endOf('2026-02-28'));
  });

  it('runs a 60-day 信访 limit across Spring Festival and rolls it past the festival', () => {
    expect(computeDue(at('2025-12-20T11:00'), calendarDays(60), cal).dueAt).toEqual(endOf('2026-02-24'));
    expect(computeDue(at('2025-12-20T11:00'), calendarDays(60, false), cal).dueAt).toEqual(endOf('2026-02-18'));
  });

  it('allows a same-day commitment', () => {
    expect(computeDue(at('2026-03-02T10:00'), calendarDays(0), cal).dueAt).toEqual(endOf('2026-03-02'));
  });
});

describe('computeDue: months (民法典 Art. 202)', () => {
  it('ends on the same day of the month, or on the last day of a shorter month', () => {
    expect(computeDue(at('2026-01-31T10:00'), months(1, false), cal).dueAt).toEqual(endOf('2026-02-28'));
    expect(computeDue(at('2026-03-31T10:00'), months(1), cal).dueAt).toEqual(endOf('2026-04-30'));
  });

  it('keeps a last day that is a make-up working day and rolls one in a holiday', () => {
    expect(computeDue(at('2025-11-30T10:00'), months(3), cal).dueAt).toEqual(endOf('2026-02-28'));
    expect(computeDue(at('2026-09-01T10:00'), months(1), cal).dueAt).toEqual(endOf('2026-10-08'));
  });
});

describe('computeDue: hours', () => {
  it('adds exact hours and never rolls forward, even into a holiday', () => {
    expect(computeDue(at('2026-02-14T22:30'), hours(24), cal)).toEqual({ dueAt: at('2026-02-15T22:30'), missingYears: [] });
    expect(computeDue(at('2026-02-14T22:30'), hours(0.05), cal).dueAt).toEqual(at('2026-02-14T22:33'));
  });
});

describe('years without a loaded calendar', () => {
  it('reports 2027 when working days run into it', () => {
    // 12/21–12/25 = 5, 12/28–12/31 = 9, 2027: 1/1 (guessed working) = 10, 1/4–1/8 = 15.
    expect(computeDue(at('2026-12-20T10:00'), workingDays(15), cal)).toEqual({ dueAt: endOf('2027-01-08'), missingYears: [2027] });
  });

  it('reports 2027 for a roll-forward check there, not for plain calendar days', () => {
    expect(computeDue(at('2026-12-20T10:00'), calendarDays(15, false), cal)).toEqual({ dueAt: endOf('2027-01-04'), missingYears: [] });
    expect(computeDue(at('2026-12-20T10:00'), calendarDays(15), cal)).toEqual({ dueAt: endOf('2027-01-04'), missingYears: [2027] });
  });

  it('reports 2024 when counted days fall in it, and not when only the start day does', () => {
    expect(computeDue(at('2024-12-27T10:00'), workingDays(3), cal)).toEqual({ dueAt: endOf('2025-01-02'), missingYears: [2024] });
    expect(computeDue(at('2024-12-31T10:00'), workingDays(1), cal)).toEqual({ dueAt: endOf('2025-01-02'), missingYears: [] });
  });
});

describe('extendDue', () => {
  it('adds the 30-day 信访 extension from the current due date', () => {
    const due = computeDue(at('2025-12-20T11:00'), calendarDays(60), cal).dueAt;
    expect(extendDue(due, calendarDays(30), cal)).toEqual({ dueAt: endOf('2026-03-26'), missingYears: [] });
  });

  it('adds working days after the current due date', () => {
    expect(extendDue(endOf('2026-09-30'), workingDays(5), cal).dueAt).toEqual(endOf('2026-10-13'));
  });
});

describe('extendForPause', () => {
  const consultationDue = endOf('2026-02-24');

  it('working days: adds the working days after the pause day up to the resume day', () => {
    const rule = workingDays(2);
    expect(extendForPause(consultationDue, at('2026-02-13T16:00'), at('2026-02-14T10:00'), rule, cal).dueAt).toEqual(endOf('2026-02-25'));
    expect(extendForPause(consultationDue, at('2026-02-13T16:00'), at('2026-02-24T09:00'), rule, cal).dueAt).toEqual(endOf('2026-02-26'));
    expect(extendForPause(consultationDue, at('2026-02-24T09:00'), at('2026-02-24T17:00'), rule, cal)).toEqual({ dueAt: consultationDue, missingYears: [] });
    expect(extendForPause(endOf('2026-03-10'), at('2026-03-06T17:00'), at('2026-03-08T12:00'), rule, cal).dueAt).toEqual(endOf('2026-03-10'));
  });

  it('working days: reports a pause or a new due date in an unloaded year', () => {
    // Paused working days 12/31, 1/1 (guessed), 1/4, 1/5 = 4; after 12/31: 1/1, 1/4, 1/5, 1/6.
    expect(extendForPause(endOf('2026-12-31'), at('2026-12-30T10:00'), at('2027-01-05T10:00'), workingDays(5), cal)).toEqual({
      dueAt: endOf('2027-01-06'),
      missingYears: [2027],
    });
  });

  it('calendar days: adds whole Shanghai days, then rolls forward', () => {
    const due = computeDue(at('2026-09-15T10:00'), calendarDays(15), cal).dueAt;
    expect(due).toEqual(endOf('2026-09-30'));
    expect(extendForPause(due, at('2026-09-20T15:00'), at('2026-09-21T09:00'), calendarDays(15), cal).dueAt).toEqual(endOf('2026-10-08'));
    expect(extendForPause(due, at('2026-09-20T15:00'), at('2026-09-21T09:00'), calendarDays(15, false), cal).dueAt).toEqual(endOf('2026-10-01'));
    expect(extendForPause(due, at('2026-09-20T09:00'), at('2026-09-20T23:00'), calendarDays(15), cal).dueAt).toEqual(due);
  });

  it('months: adds whole days like calendar days', () => {
    expect(extendForPause(endOf('2026-03-31'), at('2026-03-02T10:00'), at('2026-03-05T10:00'), months(1), cal).dueAt).toEqual(endOf('2026-04-03'));
  });

  it('hours: adds the exact paused duration', () => {
    expect(extendForPause(at('2026-02-15T22:30'), at('2026-02-15T08:00'), at('2026-02-15T09:30'), hours(24), cal).dueAt).toEqual(at('2026-02-16T00:00'));
  });

  it('refuses a resumption before the pause', () => {
    expect(() => extendForPause(consultationDue, at('2026-02-14T10:00'), at('2026-02-13T10:00'), workingDays(2), cal)).toThrow(RangeError);
  });
});

describe('warnAt', () => {
  it('fires at 80% of a long limit when that leaves more than a day', () => {
    expect(warnAt(at('2026-03-02T00:00'), at('2026-03-12T00:00'))).toEqual(at('2026-03-10T00:00'));
  });

  it('fires no later than 24 hours before due for limits over two days', () => {
    expect(warnAt(at('2026-03-02T00:00'), at('2026-03-05T00:00'))).toEqual(at('2026-03-04T00:00'));
  });

  it('fires at the fraction for limits of two days or less', () => {
    expect(warnAt(at('2026-03-02T00:00'), at('2026-03-03T00:00'))).toEqual(at('2026-03-02T19:12'));
    expect(warnAt(at('2026-03-02T00:00'), at('2026-03-04T00:00'))).toEqual(at('2026-03-03T14:24'));
    expect(warnAt(at('2026-03-02T00:00'), at('2026-03-03T00:00'), 0.5)).toEqual(at('2026-03-02T12:00'));
  });

  it('refuses a due date before the start and a fraction outside (0, 1]', () => {
    expect(() => warnAt(at('2026-03-02T00:00'), at('2026-03-01T00:00'))).toThrow(RangeError);
    expect(() => warnAt(at('2026-03-02T00:00'), at('2026-03-03T00:00'), 0)).toThrow(RangeError);
    expect(() => warnAt(at('2026-03-02T00:00'), at('2026-03-03T00:00'), 1.5)).toThrow(RangeError);
  });
});

describe('invalid input', () => {
  it.each<[string, LimitRule]>([
    ['a negative amount', { amount: -1, unit: 'calendar_day', rollForwardIfHoliday: true }],
    ['fractional days', { amount: 1.5, unit: 'working_day', rollForwardIfHoliday: false }],
    ['fractional months', { amount: 0.5, unit: 'month', rollForwardIfHoliday: false }],
    ['an infinite number of hours', { amount: Infinity, unit: 'hour', rollForwardIfHoliday: false }],
    ['an unknown unit', JSON.parse('{"amount":1,"unit":"week","rollForwardIfHoliday":false}') as LimitRule],
  ])('refuses %s', (_, rule) => {
    expect(() => computeDue(at('2026-03-02T10:00'), rule, cal)).toThrow(RangeError);
  });

  it('refuses an invalid start', () => {
    expect(() => computeDue(new Date(Number.NaN), workingDays(1), cal)).toThrow(RangeError);
  });
});

describe('independence from the process time zone', () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    if (originalTz === undefined) delete process.env.TZ;
    else process.env.TZ = originalTz;
  });

  // Offsets on 2026-07-01, to prove the zone really changed for this process.
  it.each([
    ['UTC', 0],
    ['America/New_York', 240],
    ['Asia/Shanghai', -480],
    ['Pacific/Kiritimati', -840],
    ['Pacific/Pago_Pago', 660],
  ])('gives the same instants with TZ=%s', (tz, offsetMinutes) => {
    process.env.TZ = tz;
    expect(new Date('2026-07-01T00:00:00Z').getTimezoneOffset()).toBe(offsetMinutes);

    expect(computeDue(new Date('2026-02-13T07:00:00Z'), workingDays(2), cal).dueAt.toISOString()).toBe('2026-02-24T15:59:59.999Z');
    expect(computeDue(new Date('2026-09-16T02:00:00Z'), calendarDays(15), cal).dueAt.toISOString()).toBe('2026-10-08T15:59:59.999Z');
    expect(computeDue(new Date('2026-01-30T16:30:00Z'), months(1, false), cal).dueAt.toISOString()).toBe('2026-02-28T15:59:59.999Z');
    expect(computeDue(new Date('2026-12-20T02:00:00Z'), workingDays(15), cal).missingYears).toEqual([2027]);
    expect(extendForPause(new Date('2026-02-24T15:59:59.999Z'), new Date('2026-02-13T08:00:00Z'), new Date('2026-02-14T02:00:00Z'), workingDays(2), cal).dueAt.toISOString()).toBe(
      '2026-02-25T15:59:59.999Z',
    );
    expect(cal.dayKind('2026-02-14')).toBe('adjusted_workday');
  });
});
