import type { OpinionLevel, OpinionResult, PetitionForm, PetitionStage } from '../../../common/contracts/petitions.js';
import type { Queryable } from '../../platform/db/database.js';

export type PetitionRow = {
  jurisdiction_id: number; matter_id: number; form: PetitionForm; request: string; facts: string; reasons: string;
  group_size: number | null; representatives_enc: Buffer | null; representative_count: number; id_no_index: Buffer | null;
  acceptance: 'accepted' | 'not_accepted' | null; acceptance_reasons: string | null; not_accepted_ground: 'final' | 'other' | null;
  decided_at: Date | null; decided_by: number | null; repeat_of: number | null; linked_at: Date | null; final_at: Date | null;
};

export type OpinionRow = {
  level: OpinionLevel; cycle: number; requested_at: Date | null; request_reason: string | null; result: OpinionResult | null;
  basis: string | null; opinion: string | null; issued_at: Date | null; issued_by: number | null; issued_by_name: string | null;
};

export type VisitRow = {
  id: number; planned_for: string; visitors: string; planned_at: Date; planned_by_name: string; visited_at: Date | null;
  visited_by: string | null; findings: string | null; attitude: 'satisfied' | 'understanding' | 'objecting' | null; settled: boolean | null;
};

/**
 * The procedure's stage as SQL on the matter `m`: the matter's state and handling cycle (0 handling, 1 复查,
 * 2 复核) say it. A petition waits for its acceptance decision while received, or while sent on (交办) before
 * anyone accepted it; one sent on after acceptance is still being handled. Mirrors stageOf().
 */
export const STAGE_SQL = `CASE
    WHEN m.state = 'not_accepted' THEN 'not_accepted'
    WHEN m.state = 'received' OR (m.state = 'transferring' AND m.cycle = 0 AND EXISTS (SELECT 1 FROM matter_deadlines ad
      WHERE ad.jurisdiction_id = m.jurisdiction_id AND ad.matter_id = m.id AND ad.rule->>'endsOn' = 'accepted' AND ad.status = 'active'))
      THEN 'registered'
    WHEN m.state = 'closed' THEN (ARRAY['answered', 'reviewed', 'final'])[least(m.cycle, 2) + 1]
    ELSE (ARRAY['handling', 'review', 're_review'])[least(m.cycle, 2) + 1]
  END`;

export function stageOf(state: string, cycle: number, awaitingAcceptance: boolean): PetitionStage {
  if (state === 'not_accepted') return 'not_accepted';
  if (state === 'received' || (state === 'transferring' && cycle === 0 && awaitingAcceptance)) return 'registered';
  const level = Math.min(cycle, 2);
  if (state === 'closed') return (['answered', 'reviewed', 'final'] as const)[level];
  return (['handling', 'review', 're_review'] as const)[level];
}

export async function loadPetition(db: Queryable, jurisdictionId: number, matterId: number, forUpdate = false) {
  const { rows } = await db.query<PetitionRow>(
    `SELECT * FROM petitions WHERE jurisdiction_id = $1 AND matter_id = $2 ${forUpdate ? 'FOR UPDATE' : ''}`, [jurisdictionId, matterId]);
  return rows[0];
}

export type NewPetition = {
  form: PetitionForm; request: string; facts: string; reasons: string; groupSize: number | null;
  representativesEnc: Buffer | null; representativeCount: number; idNoIndex: Buffer | null;
};

export async function insertPetition(db: Queryable, jurisdictionId: number, matterId: number, p: NewPetition) {
  await db.query(
    `INSERT INTO petitions (jurisdiction_id, matter_id, form, request, facts, reasons, group_size, representatives_enc, representative_count, id_no_index)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [jurisdictionId, matterId, p.form, p.request, p.facts, p.reasons, p.groupSize, p.representativesEnc, p.representativeCount, p.idNoIndex]);
}

export async function recordDecision(
  db: Queryable, jurisdictionId: number, matterId: number,
  d: { acceptance: 'accepted' | 'not_accepted'; reasons: string; ground: 'final' | 'other' | null; at: Date; by: number },
) {
  await db.query(
    `UPDATE petitions SET acceptance = $3, acceptance_reasons = $4, not_accepted_ground = $5, decided_at = $6, decided_by = $7
      WHERE jurisdiction_id = $1 AND matter_id = $2`,
    [jurisdictionId, matterId, d.acceptance, d.reasons, d.ground, d.at, d.by]);
}

export async function loadOpinions(db: Queryable, jurisdictionId: number, matterId: number) {
  const { rows } = await db.query<OpinionRow>(
    `SELECT o.level, o.cycle, o.requested_at, o.request_reason, o.result, o.basis, o.opinion, o.issued_at, o.issued_by,
            s.display_name AS issued_by_name
       FROM petition_opinions o LEFT JOIN staff s ON s.id = o.issued_by
      WHERE o.jurisdiction_id = $1 AND o.matter_id = $2 ORDER BY o.cycle`, [jurisdictionId, matterId]);
  return rows;
}

export async function loadVisits(db: Queryable, jurisdictionId: number, matterId: number) {
  const { rows } = await db.query<VisitRow>(
    `SELECT v.id, to_char(v.planned_for, 'YYYY-MM-DD') AS planned_for, v.visitors, v.planned_at, s.display_name AS planned_by_name,
            v.visited_at, v.visited_by, v.findings, v.attitude, v.settled
       FROM petition_visits v JOIN staff s ON s.id = v.planned_by
      WHERE v.jurisdiction_id = $1 AND v.matter_id = $2 ORDER BY v.id`, [jurisdictionId, matterId]);
  return rows;
}

export type EarlierRow = {
  id: number; jurisdiction_id: number; case_no: string; received_at: Date; state: string; content: string;
  stage: PetitionStage; final_at: Date | null; repeat_of: number | null;
};

/**
 * The same person's petitions, found by the keyed hashes of the phone number (on the matter) and of the identity
 * number (on the petition), never by decrypting: within `visible` (the actor's scope, SQL on m), newest first.
 */
export async function findPetitionsOfPerson(
  db: Queryable, person: { phoneIndex: Buffer | null; idNoIndex: Buffer | null }, visible: (p: (value: unknown) => string) => string,
  exceptMatterId: number | null,
): Promise<EarlierRow[]> {
  if (!person.phoneIndex && !person.idNoIndex) return [];
  const params: unknown[] = [];
  const p = (value: unknown) => { params.push(value); return `$${params.length}`; };
  const { rows } = await db.query<EarlierRow>(
    `SELECT m.id, m.jurisdiction_id, m.case_no, m.received_at, m.state, m.content, ${STAGE_SQL} AS stage, p.final_at, p.repeat_of
       FROM matters m LEFT JOIN petitions p ON p.jurisdiction_id = m.jurisdiction_id AND p.matter_id = m.id
      WHERE m.kind_code = 'petition' AND ${visible(p)}
        AND (m.contact_phone_index = ${p(person.phoneIndex)} OR p.id_no_index = ${p(person.idNoIndex)})
        AND m.id <> ${p(exceptMatterId ?? 0)}
      ORDER BY m.received_at DESC LIMIT 20`, params);
  return rows;
}
