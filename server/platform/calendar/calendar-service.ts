import type { Database, Queryable } from '../db/database.js';
import { computeDue, extendDue, extendForPause, warnAt, type LimitRule } from './deadline.js';
import { BUNDLED_NOTICES, validateHolidayNotice, type HolidayNotice } from './holiday-notice.js';
import { WorkCalendar } from './work-calendar.js';

export type Due = { dueAt: Date; warnAt: Date; missingYears: number[] };

/**
 * The working-day calendar as loaded in the database, cached in memory. Every deadline goes
 * through here so that a year without a loaded notice raises an alert for the administrator.
 */
export type CalendarService = {
  calendar: () => WorkCalendar;
  reload: () => Promise<void>;
  due: (start: Date, rule: LimitRule) => Due;
  afterPause: (dueAt: Date, start: Date, pausedFrom: Date, pausedUntil: Date, rule: LimitRule) => Due;
  extended: (dueAt: Date, start: Date, rule: LimitRule) => Due;
  /** Records an alert for each year used without a calendar (once per year). */
  raiseAlerts: (db: Queryable, years: number[]) => Promise<void>;
  load: (notice: HolidayNotice, staffId: number | null) => Promise<void>;
};

export async function installBundledNotices(db: Database): Promise<void> {
  for (const notice of BUNDLED_NOTICES) {
    await db.query(
      'INSERT INTO calendar_years (year, source, notice) VALUES ($1, $2, $3) ON CONFLICT (year) DO NOTHING',
      [notice.year, notice.source, notice],
    );
  }
}

export async function createCalendarService(db: Database): Promise<CalendarService> {
  let current = WorkCalendar.fromNotices([]);

  async function reload() {
    const { rows } = await db.query<{ notice: HolidayNotice }>('SELECT notice FROM calendar_years ORDER BY year');
    current = WorkCalendar.fromNotices(rows.map((row) => row.notice));
  }
  await reload();

  function withWarning(start: Date, result: { dueAt: Date; missingYears: number[] }): Due {
    return { ...result, warnAt: warnAt(start, result.dueAt) };
  }

  return {
    calendar: () => current,
    reload,
    due: (start, rule) => withWarning(start, computeDue(start, rule, current)),
    afterPause: (dueAt, start, from, until, rule) => withWarning(start, extendForPause(dueAt, from, until, rule, current)),
    extended: (dueAt, start, rule) => withWarning(start, extendDue(dueAt, rule, current)),
    async raiseAlerts(tx, years) {
      if (years.length === 0) return;
      await tx.query(
        'INSERT INTO calendar_alerts (year) SELECT unnest($1::int[]) ON CONFLICT (year) DO NOTHING',
        [years],
      );
    },
    async load(notice, staffId) {
      validateHolidayNotice(notice);
      // Fails before anything is stored if the notice contradicts a loaded year.
      const { rows } = await db.query<{ notice: HolidayNotice }>('SELECT notice FROM calendar_years');
      WorkCalendar.fromNotices([...rows.map((row) => row.notice), notice]);
      await db.transaction(async (tx) => {
        await tx.query('INSERT INTO calendar_years (year, source, notice, loaded_by) VALUES ($1, $2, $3, $4)', [
          notice.year, notice.source, notice, staffId,
        ]);
        await tx.query('UPDATE calendar_alerts SET resolved_at = now() WHERE year = $1 AND resolved_at IS NULL', [notice.year]);
      });
      await reload();
    },
  };
}
