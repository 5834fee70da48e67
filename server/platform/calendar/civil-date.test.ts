import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  daysBetween,
  endOfShanghaiDay,
  isCivilDate,
  shanghaiDate,
  startOfShanghaiDay,
  weekday,
} from './civil-date.js';

describe('civil dates in Asia/Shanghai', () => {
  it('takes the Shanghai date of an instant, not the UTC or local one', () => {
    expect(shanghaiDate(new Date('2026-02-13T15:59:59.999Z'))).toBe('2026-02-13');
    expect(shanghaiDate(new Date('2026-02-13T16:00:00.000Z'))).toBe('2026-02-14');
    expect(shanghaiDate(new Date('2025-12-31T23:30:00-05:00'))).toBe('2026-01-01');
  });

  it('gives the first and last instants of a Shanghai day', () => {
    expect(startOfShanghaiDay('2026-02-14').toISOString()).toBe('2026-02-13T16:00:00.000Z');
    expect(endOfShanghaiDay('2026-02-14').toISOString()).toBe('2026-02-14T15:59:59.999Z');
    expect(endOfShanghaiDay('2026-12-31').toISOString()).toBe('2026-12-31T15:59:59.999Z');
  });

  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2025-12-20', 60)).toBe('2026-02-18');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-02-13', '2026-02-24')).toBe(11);
    expect(daysBetween('2026-02-24', '2026-02-13')).toBe(-11);
  });

  it('clamps added months to the end of a shorter month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2025-11-30', 3)).toBe('2026-02-28');
    expect(addMonths('2025-12-15', 2)).toBe('2026-02-15');
    expect(addMonths('2026-05-31', 1)).toBe('2026-06-30');
    expect(addMonths('2026-08-31', 1)).toBe('2026-09-30');
  });

  it('knows the weekday (0 = Sunday)', () => {
    expect(weekday('2026-01-01')).toBe(4);
    expect(weekday('2026-02-14')).toBe(6);
    expect(weekday('2026-02-15')).toBe(0);
    expect(weekday('2025-01-28')).toBe(2);
  });

  it('rejects malformed and impossible dates', () => {
    expect(isCivilDate('2026-02-29')).toBe(false);
    expect(isCivilDate('2024-02-29')).toBe(true);
    expect(isCivilDate('2026-2-14')).toBe(false);
    expect(isCivilDate('2026-13-01')).toBe(false);
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addDays('2026-02-01', 1.5)).toThrow(RangeError);
    expect(() => shanghaiDate(new Date('not a date'))).toThrow(RangeError);
  });
});
