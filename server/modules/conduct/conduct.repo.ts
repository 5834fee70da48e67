import type { Actor } from '../../platform/auth/sessions.js';
import type { Queryable } from '../../platform/db/database.js';
import { visibleMattersCondition } from '../matters/index.js';
import type { ConductListQuery, Finding } from '../../../common/contracts/conduct.js';

type Param = (value: unknown) => string;

export type OfficerLink = {
  staff_id: number; name: string; badge_no: string | null; unit_id: number; unit: string; linked_at: Date; finding: Finding | null;
};

export async function linkedOfficers(db: Queryable, jurisdictionId: number, matterId: number): Promise<OfficerLink[]> {
  const { rows } = await db.query<OfficerLink>(
    `SELECT c.staff_id, s.display_name AS name, s.badge_no, c.unit_id, u.name AS unit, c.linked_at, c.finding
       FROM complaint_officers c JOIN staff s ON s.id = c.staff_id JOIN units u ON u.id = c.unit_id
      WHERE c.jurisdiction_id = $1 AND c.matter_id = $2 ORDER BY c.linked_at, c.staff_id`, [jurisdictionId, matterId]);
  return rows;
}

/** A member of the police who can be named in a complaint: active, and not an outside account. */
export async function findOfficer(db: Queryable, id: number) {
  const { rows } = await db.query<{ id: number; name: string; unit_id: number; unit: string }>(
    `SELECT s.id, s.display_name AS name, s.unit_id, u.name AS unit FROM staff s JOIN units u ON u.id = s.unit_id
      WHERE s.id = $1 AND s.status = 'active' AND u.kind <> 'external' AND NOT ('conduct_supervisor' = ANY (s.roles))`, [id]);
  return rows[0];
}

export async function insertLink(db: Queryable, link: { jurisdictionId: number; matterId: number; staffId: number; unitId: number; at: Date; by: number }) {
  const { rowCount } = await db.query(
    `INSERT INTO complaint_officers (jurisdiction_id, matter_id, staff_id, unit_id, linked_at, linked_by)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
    [link.jurisdictionId, link.matterId, link.staffId, link.unitId, link.at, link.by]);
  return rowCount === 1;
}

export async function deleteLink(db: Queryable, jurisdictionId: number, matterId: number, staffId: number) {
  const { rowCount } = await db.query(
    'DELETE FROM complaint_officers WHERE jurisdiction_id = $1 AND matter_id = $2 AND staff_id = $3', [jurisdictionId, matterId, staffId]);
  return rowCount === 1;
}

export async function setFinding(db: Queryable, jurisdictionId: number, matterId: number, staffId: number, finding: Finding, at: Date, by: number) {
  const { rowCount } = await db.query(
    `UPDATE complaint_officers SET finding = $4, finding_at = $5, finding_by = $6
      WHERE jurisdiction_id = $1 AND matter_id = $2 AND staff_id = $3`, [jurisdictionId, matterId, staffId, finding, at, by]);
  return rowCount === 1;
}

/** The citizen's own words about the officer and whether they left no contact, from the matter's first event. */
export async function intakeOf(db: Queryable, jurisdictionId: number, matterId: number) {
  const { rows } = await db.query<{ named_officer: string | null; anonymous: boolean | null }>(
    `SELECT payload->>'namedOfficer' AS named_officer, (payload->>'anonymous')::boolean AS anonymous
       FROM matter_events WHERE jurisdiction_id = $1 AND matter_id = $2 AND seq = 1`, [jurisdictionId, matterId]);
  return { namedOfficer: rows[0]?.named_officer ?? null, anonymous: rows[0]?.anonymous ?? false };
}

/** Observations, and complaints and reports about officers: said so by the citizen, linked since, or handled by the office. */
const conductMatter = (unit: string) => `(m.kind_code = 'observation' OR (m.kind_code IN ('complaint', 'report') AND (
  e.payload->>'aboutOfficer' = 'true' OR m.handler_unit_id = ${unit}
  OR EXISTS (SELECT 1 FROM complaint_officers co WHERE co.jurisdiction_id = m.jurisdiction_id AND co.matter_id = m.id))))`;

/** The supervision office's list: complaints, reports and observations the actor may see, with the officers linked. */
export async function listConductMatters(db: Queryable, actor: Actor, query: ConductListQuery) {
  const params: unknown[] = [];
  const p: Param = (value) => `$${params.push(value)}`;
  const where = [visibleMattersCondition(actor, p), conductMatter(p(actor.unitId))];
  if (query.kind === 'observation') where.push(`m.kind_code = 'observation'`);
  else if (query.kind !== undefined) where.push(`m.kind_code = ${p(query.kind)}`);
  if (query.open) where.push(`m.state NOT IN ('closed', 'not_accepted')`);
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const { rows } = await db.query(
    `SELECT m.id, m.case_no, m.kind_code, m.channel, m.state, left(m.content, 60) AS summary, m.received_at, u.name AS handler_unit,
            m.version, e.payload->>'namedOfficer' AS named_officer, coalesce((e.payload->>'anonymous')::boolean, false) AS anonymous,
            coalesce((SELECT json_agg(json_build_object('id', c.staff_id, 'name', s.display_name, 'unit', cu.name, 'finding', c.finding)
                                ORDER BY c.linked_at)
                        FROM complaint_officers c JOIN staff s ON s.id = c.staff_id JOIN units cu ON cu.id = c.unit_id
                       WHERE c.jurisdiction_id = m.jurisdiction_id AND c.matter_id = m.id), '[]') AS officers,
            count(*) OVER () AS total
       FROM matters m
       JOIN units u ON u.id = m.handler_unit_id
       LEFT JOIN matter_events e ON e.jurisdiction_id = m.jurisdiction_id AND e.matter_id = m.id AND e.seq = 1
      WHERE ${where.join(' AND ')}
      ORDER BY m.received_at DESC, m.id DESC
      LIMIT ${p(pageSize)} OFFSET ${p((page - 1) * pageSize)}`, params);
  return {
    items: rows.map((r) => ({
      id: Number(r.id), caseNo: r.case_no, kind: r.kind_code, channel: r.channel, state: r.state, summary: r.summary,
      receivedAt: (r.received_at as Date).toISOString(), handlerUnit: r.handler_unit, namedOfficer: r.named_officer,
      anonymous: r.anonymous, officers: r.officers, version: r.version,
    })),
    total: Number(rows[0]?.total ?? 0), page, pageSize,
  };
}

/** Officers to link, by name or badge number: police staff only, never outside accounts. */
export async function searchOfficers(db: Queryable, q: string) {
  const { rows } = await db.query<{ id: number; name: string; badge_no: string | null; unit: string }>(
    `SELECT s.id, s.display_name AS name, s.badge_no, u.name AS unit FROM staff s JOIN units u ON u.id = s.unit_id
      WHERE s.status = 'active' AND u.kind <> 'external' AND NOT ('conduct_supervisor' = ANY (s.roles))
        AND (strpos(s.display_name, $1) > 0 OR s.badge_no = $1 OR s.username = lower($1))
      ORDER BY s.display_name, s.id LIMIT 20`, [q.trim()]);
  return rows.map((r) => ({ id: r.id, name: r.name, badgeNo: r.badge_no, unit: r.unit }));
}

/**
 * Each officer's record: the complaints, reports and observations linked to them, by the supervision office's
 * finding; only over matters the actor may see (a recused reader does not learn of them through the counts).
 */
export async function officerRecords(db: Queryable, actor: Actor) {
  const params: unknown[] = [];
  const p: Param = (value) => `$${params.push(value)}`;
  const { rows } = await db.query(
    `SELECT s.id, s.display_name AS name, s.badge_no, su.name AS unit,
            count(*)::int AS total,
            count(*) FILTER (WHERE c.finding = 'sustained')::int AS sustained,
            count(*) FILTER (WHERE c.finding = 'not_sustained')::int AS not_sustained,
            count(*) FILTER (WHERE c.finding IS NULL)::int AS pending
       FROM complaint_officers c
       JOIN matters m ON m.jurisdiction_id = c.jurisdiction_id AND m.id = c.matter_id
       JOIN staff s ON s.id = c.staff_id JOIN units su ON su.id = s.unit_id
      WHERE ${visibleMattersCondition(actor, p)}
      GROUP BY s.id, s.display_name, s.badge_no, su.name
      ORDER BY sustained DESC, total DESC, s.display_name`, params);
  return rows.map((r) => ({
    officer: { id: r.id, name: r.name, badgeNo: r.badge_no, unit: r.unit },
    total: r.total, sustained: r.sustained, notSustained: r.not_sustained, pending: r.pending,
  }));
}

/** A conduct supervisor's own observations, newest first, with the last answer each got. */
export async function observationsFiledBy(db: Queryable, staffId: number) {
  const { rows } = await db.query(
    `SELECT m.id, m.case_no, m.content, m.received_at, m.state, m.pause_reason, f.payload->>'namedOfficer' AS named_officer,
            r.occurred_at AS replied_at, r.payload->>'text' AS reply
       FROM matters m
       LEFT JOIN matter_events f ON f.jurisdiction_id = m.jurisdiction_id AND f.matter_id = m.id AND f.seq = 1
       LEFT JOIN LATERAL (
         SELECT e.occurred_at, e.payload FROM matter_events e
          WHERE e.jurisdiction_id = m.jurisdiction_id AND e.matter_id = m.id AND e.type = 'matter.replied'
          ORDER BY e.seq DESC LIMIT 1
       ) r ON true
      WHERE m.registered_by = $1 AND m.channel = 'conduct_supervisor'
      ORDER BY m.received_at DESC, m.id DESC LIMIT 200`, [staffId]);
  return rows;
}
