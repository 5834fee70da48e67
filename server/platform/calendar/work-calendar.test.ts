import { describe, expect, it } from 'vitest';
import { BUNDLED_NOTICES, HolidayNoticeError, type HolidayNotice } from './holiday-notice.js';
import { WorkCalendar } from './work-calendar.js';

const cal = WorkCalendar.fromNotices(BUNDLED_NOTICES);

describe('WorkCalendar from the bundled notices', () => {
  it('knows which years are loaded', () => {
    expect(cal.loadedYears()).toEqual([2025, 2026]);
    expect(cal.hasYear(2026)).toBe(true);
    expect(cal.hasYear(2027)).toBe(false);
  });

  it.each([
    ['2026-02-13', 'workday', true],
    ['2026-02-14', 'adjusted_workday', true],
    ['2026-02-15', 'holiday', false],
    ['2026-02-23', 'holiday', false],
    ['2026-02-24', 'workday', true],
    ['2026-02-28', 'adjusted_workday', true],
    ['2026-03-07', 'weekend', false],
    ['2026-10-10', 'adjusted_workday', true],
    ['2026-10-11', 'weekend', false],
    ['2025-01-01', 'holiday', false],
    ['2025-01-26', 'adjusted_workday', true],
    ['2025-10-08', 'holiday', false],
    // 2027 is not loaded: weekdays are guessed to be working days, 元旦 included.
    ['2027-01-01', 'workday', true],
    ['2027-01-02', 'weekend', false],
  ] as const)('%s is a %s', (date, kind, working) => {
    expect(cal.dayKind(date)).toBe(kind);
    expect(cal.isWorkingDay(date)).toBe(working);
  });

  it('counts and steps over working days', () => {
    expect(cal.addWorkingDays('2026-02-13', 1)).toBe('2026-02-14');
    expect(cal.addWorkingDays('2026-02-13', 2)).toBe('2026-02-24');
    expect(cal.addWorkingDays('2026-02-13', 0)).toBe('2026-02-13');
    expect(cal.firstWorkingDayFrom('2026-10-01')).toBe('2026-10-08');
    expect(cal.firstWorkingDayFrom('2026-10-10')).toBe('2026-10-10');
    expect(cal.countWorkingDaysAfter('2026-02-13', '2026-02-24')).toBe(2);
    expect(cal.countWorkingDaysAfter('2026-02-13', '2026-02-13')).toBe(0);
    expect(() => cal.addWorkingDays('2026-02-13', -1)).toThrow(RangeError);
  });

  it('names the unloaded years of a span', () => {
    expect(cal.missingYearsBetween('2025-06-01', '2026-12-31')).toEqual([]);
    expect(cal.missingYearsBetween('2024-12-30', '2027-01-05')).toEqual([2024, 2027]);
    expect(cal.missingYearsBetween('2026-12-31', '2026-12-30')).toEqual([]);
  });
});

describe('WorkCalendar.fromNotices', () => {
  const notice2026: HolidayNotice = {
    year: 2026,
    source: '测试',
    holidays: [{ name: '元旦', from: '2026-01-01', to: '2026-01-03' }],
    adjustedWorkdays: [],
  };

  it('refuses a year loaded twice', () => {
    expect(() => WorkCalendar.fromNotices([...BUNDLED_NOTICES, notice2026])).toThrow(HolidayNoticeError);
  });

  it('refuses notices that disagree about a day', () => {
    // 2025-10-04 (a Saturday) is a 2025 国庆 holiday; a 2026 notice may not make it a working day.
    const conflicting = { ...notice2026, adjustedWorkdays: [{ date: '2025-10-04', name: '元旦' }] };
    expect(() => WorkCalendar.fromNotices([BUNDLED_NOTICES[0], conflicting])).toThrow(/不一致/);
  });

  it('refuses an invalid notice', () => {
    expect(() => WorkCalendar.fromNotices([{ ...notice2026, holidays: [] }])).toThrow(HolidayNoticeError);
  });

  it('works with no notices at all, guessing every year', () => {
    const empty = WorkCalendar.fromNotices([]);
    expect(empty.loadedYears()).toEqual([]);
    expect(empty.isWorkingDay('2026-10-01')).toBe(true);
  });
});
