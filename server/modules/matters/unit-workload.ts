import type { Queryable } from '../../platform/db/database.js';

/**
 * Open matters per unit: those it handles and has not finished (closed or not accepted), plus transfers
 * waiting for it to accept. A unit with any of them must not be deactivated (首问负责制: no matter may
 * be left without an answerable unit). Uses matters_handler_unit and matter_transfers_to_unit.
 */
export async function openMattersByUnit(db: Queryable, unitId?: number): Promise<Map<number, number>> {
  const { rows } = await db.query<{ unit_id: number; n: number }>(`
    SELECT unit_id, sum(n)::int AS n FROM (
      SELECT handler_unit_id AS unit_id, count(*) AS n FROM matters
       WHERE state NOT IN ('closed', 'not_accepted') AND ($1::int IS NULL OR handler_unit_id = $1) GROUP BY 1
      UNION ALL
      SELECT to_unit_id, count(*) FROM matter_transfers WHERE status = 'pending' AND ($1::int IS NULL OR to_unit_id = $1) GROUP BY 1
    ) counted GROUP BY unit_id`, [unitId ?? null]);
  return new Map(rows.map((r) => [r.unit_id, r.n]));
}
