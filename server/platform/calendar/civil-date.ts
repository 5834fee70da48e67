// Civil dates ('YYYY-MM-DD') and their instants in Asia/Shanghai.
// China has used UTC+8 without daylight saving since 1991, so a fixed offset is exact for every
// date this platform handles; the machine's own time zone is never consulted.

const DATE_PATTERN = /^([1-9]\d{3})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

export type CivilDateParts = { year: number; month: number; day: number };

/** 0 = Sunday … 6 = Saturday, as Date#getUTCDay. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isCivilDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const month = Number(match[2]);
  const day = Number(match[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(Number(match[1]), month);
}

export function parseCivilDate(date: string): CivilDateParts {
  if (!isCivilDate(date)) throw new RangeError(`Not a valid YYYY-MM-DD date: "${date}"`);
  const [year, month, day] = date.split('-').map(Number);
  return { year, month, day };
}

export function formatCivilDate({ year, month, day }: CivilDateParts): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function yearOf(date: string): number {
  return parseCivilDate(date).year;
}

function toDayNumber(date: string): number {
  const { year, month, day } = parseCivilDate(date);
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

function fromDayNumber(dayNumber: number): string {
  const utc = new Date(dayNumber * MS_PER_DAY);
  return formatCivilDate({ year: utc.getUTCFullYear(), month: utc.getUTCMonth() + 1, day: utc.getUTCDate() });
}

export function addDays(date: string, days: number): string {
  if (!Number.isInteger(days)) throw new RangeError(`Days must be an integer, got ${days}`);
  return fromDayNumber(toDayNumber(date) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** Same day of month `months` later; a day the target month lacks becomes its last day (Jan 31 + 1 → Feb 28/29). */
export function addMonths(date: string, months: number): string {
  if (!Number.isInteger(months)) throw new RangeError(`Months must be an integer, got ${months}`);
  const { year, month, day } = parseCivilDate(date);
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  return formatCivilDate({ year: targetYear, month: targetMonth, day: Math.min(day, daysInMonth(targetYear, targetMonth)) });
}

export function weekday(date: string): Weekday {
  return new Date(toDayNumber(date) * MS_PER_DAY).getUTCDay() as Weekday;
}

function assertValidInstant(instant: Date): void {
  if (Number.isNaN(instant.getTime())) throw new RangeError('Invalid Date');
}

/** The calendar date in Asia/Shanghai at `instant`. */
export function shanghaiDate(instant: Date): string {
  assertValidInstant(instant);
  return fromDayNumber(Math.floor((instant.getTime() + SHANGHAI_OFFSET_MS) / MS_PER_DAY));
}

/** 'YYYY-MM-DD HH:mm' in Asia/Shanghai at `instant`: a time as people in China read it in a message. */
export function shanghaiMinute(instant: Date): string {
  assertValidInstant(instant);
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** 00:00:00.000 +08:00 on `date`. */
export function startOfShanghaiDay(date: string): Date {
  return new Date(toDayNumber(date) * MS_PER_DAY - SHANGHAI_OFFSET_MS);
}

/** 23:59:59.999 +08:00 on `date`: the last instant of a legal day (24:00 in the texts). */
export function endOfShanghaiDay(date: string): Date {
  return new Date(startOfShanghaiDay(date).getTime() + MS_PER_DAY - 1);
}
