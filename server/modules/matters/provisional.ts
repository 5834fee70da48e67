import type { StageRule } from '../../../common/contracts/kinds.js';
import type { AppContext } from '../../app-context.js';

/**
 * Once a year's holiday notice is loaded, the running clocks that were computed into that year on
 * weekends alone are computed again on the real calendar. Time spent paused is carried over by
 * starting the count that much later; an approved extension is applied again.
 */
export async function recomputeProvisionalDeadlines(ctx: AppContext, year: number): Promise<number> {
  const { rows } = await ctx.db.query<{
    jurisdiction_id: number; matter_id: number; stage: string; cycle: number; starts_at: Date; paused_ms: number;
    extended: boolean; rule: StageRule;
  }>(
    `SELECT jurisdiction_id, matter_id, stage, cycle, starts_at, extract(epoch FROM paused_total) * 1000 AS paused_ms, extended, rule
       FROM matter_deadlines
      WHERE status = 'active' AND provisional_years <> '{}' AND $1 = ANY (provisional_years) AND breached_at IS NULL`,
    [year]);
  for (const row of rows) {
    const start = new Date(row.starts_at.getTime() + Number(row.paused_ms));
    let due = ctx.calendar.due(start, row.rule);
    if (row.extended && row.rule.extension) {
      const extended = ctx.calendar.extended(due.dueAt, start, { ...row.rule, ...row.rule.extension });
      due = { ...extended, missingYears: [...new Set([...due.missingYears, ...extended.missingYears])] };
    }
    await ctx.db.query(
      `UPDATE matter_deadlines SET due_at = $5, warn_at = $6, provisional_years = $7
        WHERE jurisdiction_id = $1 AND matter_id = $2 AND stage = $3 AND cycle = $4 AND status = 'active' AND breached_at IS NULL`,
      [row.jurisdiction_id, row.matter_id, row.stage, row.cycle, due.dueAt, due.warnAt, due.missingYears]);
  }
  return rows.length;
}
