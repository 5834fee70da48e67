import type { AppContext } from '../../app-context.js';
import type { Database } from '../../platform/db/database.js';

// Clocks per transaction: large enough that commits are few, small enough that locks are brief.
const BATCH = 1000;

/**
 * Marks the clocks that ran out and records, once per breach, an escalation event on the matter's
 * timeline and an accountability record for whoever answered for it at that moment. Safe to run in
 * any number of processes at once: each matter row is locked (SKIP LOCKED) and the breach mark is
 * re-checked under the lock, so a breach is recorded exactly once.
 */
const BREACH_DEADLINES = `
WITH due AS (
  SELECT DISTINCT d.jurisdiction_id, d.matter_id FROM (
    SELECT jurisdiction_id, matter_id FROM matter_deadlines
     WHERE status = 'active' AND breached_at IS NULL AND paused_at IS NULL AND due_at <= $1
     ORDER BY due_at LIMIT $2) d
), locked AS (
  SELECT m.jurisdiction_id, m.id, m.handler_unit_id, m.handler_officer_id
    FROM matters m JOIN due ON due.jurisdiction_id = m.jurisdiction_id AND due.matter_id = m.id
     FOR UPDATE OF m SKIP LOCKED
), breached AS (
  UPDATE matter_deadlines d SET breached_at = $1
    FROM locked l
   WHERE d.jurisdiction_id = l.jurisdiction_id AND d.matter_id = l.id
     AND d.status = 'active' AND d.breached_at IS NULL AND d.paused_at IS NULL AND d.due_at <= $1
  RETURNING d.jurisdiction_id, d.matter_id, d.stage, d.cycle, d.due_at, l.handler_unit_id, l.handler_officer_id
), records AS (
  INSERT INTO accountability_records (jurisdiction_id, matter_id, kind, subject, cycle, unit_id, officer_id, due_at, recorded_at)
  SELECT jurisdiction_id, matter_id, 'deadline_breached', stage, cycle, handler_unit_id, handler_officer_id, due_at, $1 FROM breached
  ON CONFLICT DO NOTHING
)
SELECT b.*, append_matter_event(b.jurisdiction_id, b.matter_id, $1, 'deadline.breached', 'system', NULL, NULL, 'internal', NULL,
         jsonb_build_object('stage', b.stage, 'cycle', b.cycle, 'dueAt', b.due_at, 'answerableUnitId', b.handler_unit_id,
                            'answerableOfficerId', b.handler_officer_id)) AS seq
  FROM breached b`;

const WARN_DEADLINES = `
WITH due AS (
  SELECT DISTINCT d.jurisdiction_id, d.matter_id FROM (
    SELECT jurisdiction_id, matter_id FROM matter_deadlines
     WHERE status = 'active' AND warned_at IS NULL AND breached_at IS NULL AND paused_at IS NULL AND warn_at <= $1
     ORDER BY warn_at LIMIT $2) d
), locked AS (
  SELECT m.jurisdiction_id, m.id FROM matters m JOIN due ON due.jurisdiction_id = m.jurisdiction_id AND due.matter_id = m.id
     FOR UPDATE OF m SKIP LOCKED
), warned AS (
  UPDATE matter_deadlines d SET warned_at = $1
    FROM locked l
   WHERE d.jurisdiction_id = l.jurisdiction_id AND d.matter_id = l.id
     AND d.status = 'active' AND d.warned_at IS NULL AND d.breached_at IS NULL AND d.paused_at IS NULL AND d.warn_at <= $1
  RETURNING d.jurisdiction_id, d.matter_id, d.stage, d.cycle, d.due_at
)
SELECT w.*, append_matter_event(w.jurisdiction_id, w.matter_id, $1, 'deadline.dueSoon', 'system', NULL, NULL, 'internal', NULL,
         jsonb_build_object('stage', w.stage, 'cycle', w.cycle, 'dueAt', w.due_at)) AS seq
  FROM warned w`;

const BREACH_SUPERVISION = `
WITH due AS (
  SELECT jurisdiction_id, matter_id FROM supervision_orders
   WHERE status = 'open' AND breached_at IS NULL AND due_at <= $1 ORDER BY due_at LIMIT $2
), locked AS (
  SELECT m.jurisdiction_id, m.id FROM matters m JOIN (SELECT DISTINCT * FROM due) d
      ON d.jurisdiction_id = m.jurisdiction_id AND d.matter_id = m.id
     FOR UPDATE OF m SKIP LOCKED
), breached AS (
  UPDATE supervision_orders o SET breached_at = $1 FROM locked l
   WHERE o.jurisdiction_id = l.jurisdiction_id AND o.matter_id = l.id AND o.status = 'open' AND o.breached_at IS NULL AND o.due_at <= $1
  RETURNING o.jurisdiction_id, o.matter_id, o.id, o.to_unit_id, o.to_officer_id, o.due_at
), records AS (
  INSERT INTO accountability_records (jurisdiction_id, matter_id, kind, subject, cycle, unit_id, officer_id, due_at, recorded_at)
  SELECT jurisdiction_id, matter_id, 'supervision_breached', 'supervision:' || id, 0, to_unit_id, to_officer_id, due_at, $1 FROM breached
  ON CONFLICT DO NOTHING
)
SELECT b.*, append_matter_event(b.jurisdiction_id, b.matter_id, $1, 'supervision.breached', 'system', NULL, NULL, 'internal', NULL,
         jsonb_build_object('orderId', b.id, 'dueAt', b.due_at, 'answerableUnitId', b.to_unit_id)) AS seq
  FROM breached b`;

export type SweepResult = { breached: number; warned: number; supervisionBreached: number };

async function drain(db: Database, sql: string, now: Date): Promise<number> {
  let total = 0;
  for (;;) {
    const { rowCount } = await db.transaction((tx) => tx.query(sql, [now, BATCH]));
    total += rowCount ?? 0;
    if ((rowCount ?? 0) === 0) return total;
  }
}

export async function runSweep(db: Database, now: Date): Promise<SweepResult> {
  return {
    breached: await drain(db, BREACH_DEADLINES, now),
    warned: await drain(db, WARN_DEADLINES, now),
    supervisionBreached: await drain(db, BREACH_SUPERVISION, now),
  };
}

/** Runs the sweep every intervalMs in this process; returns a function that stops it. */
export function startSweeper(ctx: AppContext, intervalMs: number, log: (msg: string, detail?: object) => void) {
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      await ctx.calendar.reload();
      const result = await runSweep(ctx.db, ctx.clock());
      if (result.breached + result.warned + result.supervisionBreached > 0) log('sweep', result);
    } catch (error) {
      log('sweep failed', { error: (error as Error).message });
    } finally {
      running = false;
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
