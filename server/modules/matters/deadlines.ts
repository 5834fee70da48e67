import type { KindView, StageRule } from '../../../common/contracts/kinds.js';
import type { CalendarService } from '../../platform/calendar/calendar-service.js';
import type { Queryable } from '../../platform/db/database.js';
import type { MatterRow } from './matters.repo.js';

export type NewDeadline = { stage: string; startsAt: Date; dueAt: Date; warnAt: Date; rule: StageRule; provisionalYears: number[] };

/** The clocks that start when a matter is received. Each stores its rule, so later edits of the kind leave it alone. */
export function clocksStartingOn(kind: KindView, event: StageRule['startsOn'], at: Date, calendar: CalendarService): NewDeadline[] {
  return kind.stages
    .filter((rule) => rule.startsOn === event)
    .map((rule) => {
      const due = calendar.due(at, rule);
      return { stage: rule.stage, startsAt: at, dueAt: due.dueAt, warnAt: due.warnAt, rule, provisionalYears: due.missingYears };
    });
}

const key = (matter: MatterRow) => [matter.jurisdiction_id, matter.id];

async function insertClocks(tx: Queryable, matter: MatterRow, cycle: number, clocks: NewDeadline[], calendar: CalendarService) {
  for (const clock of clocks) {
    await tx.query(
      `INSERT INTO matter_deadlines (jurisdiction_id, matter_id, stage, cycle, starts_at, due_at, warn_at, rule, provisional_years)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
      [...key(matter), clock.stage, cycle, clock.startsAt, clock.dueAt, clock.warnAt, clock.rule, clock.provisionalYears]);
    await calendar.raiseAlerts(tx, clock.provisionalYears);
  }
}

export async function startClocks(tx: Queryable, matter: MatterRow, kind: KindView, event: StageRule['startsOn'], at: Date, calendar: CalendarService) {
  await insertClocks(tx, matter, matter.cycle, clocksStartingOn(kind, event, at, calendar), calendar);
}

/**
 * A reopened matter gets a fresh cycle of the clocks that end with a reply (重办). Only the matter's own
 * handling clocks: a petition's 复查 and 复核 clocks start on the petitioner's request (startNewCycle).
 */
export async function startReopenCycle(tx: Queryable, matter: MatterRow, kind: KindView, cycle: number, at: Date, calendar: CalendarService) {
  const clocks = kind.stages
    .filter((rule) => rule.endsOn === 'replied' && (rule.startsOn === 'received' || rule.startsOn === 'accepted'))
    .map((rule) => {
      const due = calendar.due(at, rule);
      return { stage: rule.stage, startsAt: at, dueAt: due.dueAt, warnAt: due.warnAt, rule, provisionalYears: due.missingYears };
    });
  await insertClocks(tx, matter, cycle, clocks, calendar);
}

/** A new handling cycle whose clocks start on `event` (信访: the 复查 or 复核 request starts its 30-day clock). */
export async function startNewCycle(
  tx: Queryable, matter: MatterRow, kind: KindView, event: StageRule['startsOn'], cycle: number, at: Date, calendar: CalendarService,
) {
  await insertClocks(tx, matter, cycle, clocksStartingOn(kind, event, at, calendar), calendar);
}

export async function stopClocksEndingOn(tx: Queryable, matter: MatterRow, event: StageRule['endsOn'], at: Date) {
  await tx.query(
    `UPDATE matter_deadlines SET status = 'met', met_at = $3, paused_at = NULL
      WHERE jurisdiction_id = $1 AND matter_id = $2 AND status = 'active' AND rule->>'endsOn' = $4`,
    [...key(matter), at, event]);
}

export async function cancelClocks(tx: Queryable, matter: MatterRow) {
  await tx.query(
    `UPDATE matter_deadlines SET status = 'cancelled', paused_at = NULL
      WHERE jurisdiction_id = $1 AND matter_id = $2 AND status = 'active'`, key(matter));
}

export async function pauseClocks(tx: Queryable, matter: MatterRow, at: Date) {
  await tx.query(
    `UPDATE matter_deadlines SET paused_at = $3
      WHERE jurisdiction_id = $1 AND matter_id = $2 AND status = 'active' AND paused_at IS NULL`, [...key(matter), at]);
}

/** Moves each paused clock's deadline on by the time it stood still (the rule's own unit decides how). */
export async function resumeClocks(tx: Queryable, matter: MatterRow, at: Date, calendar: CalendarService) {
  const { rows } = await tx.query<{ stage: string; cycle: number; starts_at: Date; due_at: Date; paused_at: Date; rule: StageRule }>(
    `SELECT stage, cycle, starts_at, due_at, paused_at, rule FROM matter_deadlines
      WHERE jurisdiction_id = $1 AND matter_id = $2 AND status = 'active' AND paused_at IS NOT NULL`, key(matter));
  for (const row of rows) {
    const due = calendar.afterPause(row.due_at, row.starts_at, row.paused_at, at, row.rule);
    await tx.query(
      `UPDATE matter_deadlines
          SET due_at = $5, warn_at = $6, paused_at = NULL, paused_total = paused_total + ($7::timestamptz - paused_at),
              provisional_years = $8,
              -- a clock that was already breached stays breached; a warning is given again for the new deadline
              warned_at = CASE WHEN breached_at IS NULL THEN NULL ELSE warned_at END
        WHERE jurisdiction_id = $1 AND matter_id = $2 AND stage = $3 AND cycle = $4`,
      [...key(matter), row.stage, row.cycle, due.dueAt, due.warnAt, at, due.missingYears]);
    await calendar.raiseAlerts(tx, due.missingYears);
  }
}

/** 信访工作条例 第三十四条: one extension, approved, of at most the rule's extension. Returns the new deadline. */
export async function extendClock(tx: Queryable, matter: MatterRow, calendar: CalendarService): Promise<{ stage: string; dueAt: Date } | undefined> {
  const { rows } = await tx.query<{ stage: string; cycle: number; starts_at: Date; due_at: Date; rule: StageRule }>(
    `SELECT stage, cycle, starts_at, due_at, rule FROM matter_deadlines
      WHERE jurisdiction_id = $1 AND matter_id = $2 AND status = 'active' AND NOT extended AND rule ? 'extension'
      ORDER BY cycle DESC, starts_at DESC LIMIT 1`, key(matter));
  const row = rows[0];
  if (!row?.rule.extension) return undefined;
  const extension: StageRule = { ...row.rule, amount: row.rule.extension.amount, unit: row.rule.extension.unit };
  const due = calendar.extended(row.due_at, row.starts_at, extension);
  await tx.query(
    `UPDATE matter_deadlines SET due_at = $5, warn_at = $6, extended = true, provisional_years = $7,
            warned_at = CASE WHEN breached_at IS NULL THEN NULL ELSE warned_at END
      WHERE jurisdiction_id = $1 AND matter_id = $2 AND stage = $3 AND cycle = $4`,
    [...key(matter), row.stage, row.cycle, due.dueAt, due.warnAt, due.missingYears]);
  await calendar.raiseAlerts(tx, due.missingYears);
  return { stage: row.stage, dueAt: due.dueAt };
}

/**
 * A clock that is none of the kind's stages: a channel's own (建议提案: the first contact with the proposer, the
 * one-month reply of a redo). It is swept, warned and breached like the others.
 */
export async function startChannelClock(
  tx: Queryable, matter: MatterRow, cycle: number, rule: { stage: string; amount: number; unit: StageRule['unit']; rollForwardIfHoliday: boolean; endsOn: string },
  at: Date, calendar: CalendarService,
) {
  const due = calendar.due(at, rule);
  await insertClocks(tx, matter, cycle, [{
    stage: rule.stage, startsAt: at, dueAt: due.dueAt, warnAt: due.warnAt, rule: rule as unknown as StageRule, provisionalYears: due.missingYears,
  }], calendar);
  return due;
}

/** Stops one running clock by its stage's name (a channel's own clock, which no matter event ends): met, or no longer owed. */
export async function stopClock(tx: Queryable, matter: MatterRow, stage: string, at: Date, outcome: 'met' | 'cancelled' = 'met') {
  await tx.query(
    `UPDATE matter_deadlines SET status = $5, met_at = CASE WHEN $5 = 'met' THEN $4::timestamptz END, paused_at = NULL
      WHERE jurisdiction_id = $1 AND matter_id = $2 AND stage = $3 AND status = 'active'`, [...key(matter), stage, at, outcome]);
}
