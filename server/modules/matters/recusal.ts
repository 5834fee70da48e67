import type { Actor } from '../../platform/auth/sessions.js';
import type { Queryable } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import type { EventInput, MatterRow } from './matters.repo.js';

/**
 * Recusal (回避) of the officers a complaint or report concerns and of their chain of command (decision 0015).
 * 信访工作条例 第二十八条: staff with a direct interest recuse themselves; 第三十条·第四十六条: accusation
 * material is never passed to the person accused. The core applies it in relationsOf, assertMay and
 * visibleMattersCondition, so every module that reads matters through them inherits it.
 */

/** Whether the actor is excluded from the matter: their unit is recused as a whole, or they are by name. */
export function isRecused(actor: Pick<Actor, 'staffId' | 'unitId'>, matter: Pick<MatterRow, 'recused_unit_ids' | 'recused_staff_ids'>) {
  return matter.recused_unit_ids.includes(actor.unitId) || matter.recused_staff_ids.includes(actor.staffId);
}

/** The SQL condition "the actor is not recused from matter m"; one primary-key look-up per matter. */
export function notRecusedCondition(actor: Pick<Actor, 'staffId' | 'unitId'>, param: (value: unknown) => string): string {
  return `NOT EXISTS (SELECT 1 FROM matter_recusals rc WHERE rc.jurisdiction_id = m.jurisdiction_id AND rc.matter_id = m.id
            AND (${param(actor.unitId)}::int = ANY (rc.unit_ids) OR ${param(actor.staffId)}::int = ANY (rc.staff_ids)))`;
}

/**
 * Who must step aside, from the officers concerned and the unit each was in when linked:
 * - their units and every unit below them, whole (the station's leader and colleagues, its posts);
 * - by name, the officers themselves and the leaders (unit_leader, leader) of the units between their unit and
 *   the bureau. The bureau itself is never excluded as a unit: its leadership answers for the whole force and
 *   the supervision office reports to it (公安机关督察条例); a bureau leader who is concerned is excluded by name.
 */
const CHAIN_OF_COMMAND = `
WITH RECURSIVE officers AS (
  SELECT o.staff_id, o.unit_id FROM unnest($1::int[], $2::int[]) AS o (staff_id, unit_id)
), below AS (
  SELECT u.id FROM units u JOIN officers o ON o.unit_id = u.id WHERE u.kind <> 'bureau'
  UNION
  SELECT c.id FROM units c JOIN below b ON c.parent_id = b.id
), above AS (
  SELECT p.id, p.parent_id, p.kind FROM units u JOIN officers o ON o.unit_id = u.id JOIN units p ON p.id = u.parent_id
  UNION
  SELECT p.id, p.parent_id, p.kind FROM above a JOIN units p ON p.id = a.parent_id
)
SELECT ARRAY(SELECT DISTINCT id FROM below ORDER BY id) AS unit_ids,
       ARRAY(SELECT DISTINCT x.id FROM (
         SELECT staff_id AS id FROM officers
         UNION
         SELECT s.id FROM staff s JOIN above a ON s.unit_id = a.id
          WHERE a.kind <> 'bureau' AND s.roles && ARRAY['unit_leader', 'leader']
       ) x ORDER BY x.id) AS staff_ids`;

export type Recusal = { unitIds: number[]; staffIds: number[] };

export async function chainOfCommand(db: Queryable, officers: { staffId: number; unitId: number }[]): Promise<Recusal> {
  if (officers.length === 0) return { unitIds: [], staffIds: [] };
  const { rows } = await db.query<{ unit_ids: number[]; staff_ids: number[] }>(CHAIN_OF_COMMAND,
    [officers.map((o) => o.staffId), officers.map((o) => o.unitId)]);
  return { unitIds: rows[0].unit_ids, staffIds: rows[0].staff_ids };
}

type Change = {
  tx: Queryable; matter: MatterRow; now: Date;
  update: (changes: Record<string, unknown>) => Promise<void>;
  event: (e: Omit<EventInput, 'at' | 'actorKind'>) => Promise<number>;
};

/**
 * Stores the recusal computed from the officers concerned, inside the action's transaction, and moves the matter
 * away from anyone it now excludes: a recused handling unit hands it to the supervision office, or to the bureau
 * when the supervision office itself is recused (a complaint about one of its members); a pending transfer to a
 * recused unit or officer is withdrawn.
 */
export async function applyRecusal({ tx, matter, now, update, event }: Change, officers: { staffId: number; unitId: number }[]) {
  const recusal = await chainOfCommand(tx, officers);
  await tx.query(
    `INSERT INTO matter_recusals (jurisdiction_id, matter_id, unit_ids, staff_ids, computed_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (jurisdiction_id, matter_id) DO UPDATE SET unit_ids = $3, staff_ids = $4, computed_at = $5`,
    [matter.jurisdiction_id, matter.id, recusal.unitIds, recusal.staffIds, now]);
  const excluded = { recused_unit_ids: recusal.unitIds, recused_staff_ids: recusal.staffIds };
  const changes: Record<string, unknown> = {};
  if (matter.transfer_id !== null && matter.transfer_to_unit_id !== null
      && (recusal.unitIds.includes(matter.transfer_to_unit_id) || recusal.staffIds.includes(matter.transfer_to_officer_id ?? -1))) {
    await tx.query(
      `UPDATE matter_transfers SET status = 'returned', decided_at = $3, decision_reason = $4 WHERE jurisdiction_id = $1 AND id = $2`,
      [matter.jurisdiction_id, matter.transfer_id, now, '接收方须回避，转办撤回']);
    changes.state = matter.transfer_from_state;
  }
  if (recusal.unitIds.includes(matter.handler_unit_id)) {
    const unit = await fallbackUnit(tx, recusal);
    changes.handler_unit_id = unit.id;
    changes.handler_officer_id = null;
    await addRecusalUnit(tx, matter, unit.id);
    await event({ type: 'matter.reassignedForRecusal', visibility: 'internal', reason: '原承办单位须回避',
      payload: { fromUnitId: matter.handler_unit_id, toUnitId: unit.id, toUnitName: unit.name } });
  } else if (matter.handler_officer_id !== null && recusal.staffIds.includes(matter.handler_officer_id)) {
    changes.handler_officer_id = null;
    await event({ type: 'matter.reassignedForRecusal', visibility: 'internal', reason: '原承办人须回避',
      payload: { fromOfficerId: matter.handler_officer_id, toUnitId: matter.handler_unit_id } });
  }
  await update(changes);
  Object.assign(matter, excluded);
  return recusal;
}

async function addRecusalUnit(tx: Queryable, matter: MatterRow, unitId: number) {
  await tx.query('INSERT INTO matter_units (jurisdiction_id, matter_id, unit_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
    [matter.jurisdiction_id, matter.id, unitId]);
}

/** The supervision office, or the bureau when the supervision office itself must step aside. */
async function fallbackUnit(tx: Queryable, recusal: Recusal) {
  const { rows } = await tx.query<{ id: number; name: string }>(
    `SELECT id, name FROM units WHERE active AND (kind = 'supervision_office' AND NOT (id = ANY ($1::int[])) OR kind = 'bureau')
      ORDER BY kind = 'supervision_office' DESC, id LIMIT 1`, [recusal.unitIds]);
  if (!rows[0]) throw new Error('no supervision office or bureau to take a recused matter');
  return rows[0];
}

/** A transfer or a supervision order may not be addressed to someone who must step aside. */
export function assertNotRecusedTarget(matter: MatterRow, unitId: number, officerId?: number | null) {
  if (matter.recused_unit_ids.includes(unitId) || (officerId != null && matter.recused_staff_ids.includes(officerId))) {
    throw new AppError('RECUSED_RECEIVER');
  }
}
