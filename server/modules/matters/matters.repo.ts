import type { Queryable } from '../../platform/db/database.js';
import type { MatterState } from '../../../common/workflow.js';
import { matterSearchText } from './search-text.js';

export type MatterRow = {
  jurisdiction_id: number; id: number; case_no: string; tracking_code: string; kind_code: string; channel: string;
  state: MatterState; pause_reason: string | null; content: string; location_address: string | null;
  location_lng: number | null; location_lat: number | null;
  contact_name_enc: Buffer | null; contact_phone_enc: Buffer | null; contact_id_no_enc: Buffer | null; contact_address_enc: Buffer | null;
  received_at: Date; registered_at: Date; registered_by: number | null;
  first_unit_id: number; first_officer_id: number | null; handler_unit_id: number; handler_officer_id: number | null;
  cycle: number; replied_at: Date | null; closed_at: Date | null; version: number;
  involved_units: number[];
  transfer_id: number | null; transfer_to_unit_id: number | null; transfer_to_officer_id: number | null;
  transfer_reason: string | null; transfer_sent_at: Date | null; transfer_from_state: MatterState | null;
  /** Recusal (recusal.ts): units and staff who may not see or act on this matter. */
  recused_unit_ids: number[]; recused_staff_ids: number[];
};

const MATTER_WITH_ACCESS_FACTS = `
  SELECT m.*,
         ARRAY(SELECT mu.unit_id FROM matter_units mu WHERE mu.jurisdiction_id = m.jurisdiction_id AND mu.matter_id = m.id) AS involved_units,
         t.id AS transfer_id, t.to_unit_id AS transfer_to_unit_id, t.to_officer_id AS transfer_to_officer_id,
         t.reason AS transfer_reason, t.sent_at AS transfer_sent_at, t.from_state AS transfer_from_state,
         coalesce(rc.unit_ids, '{}') AS recused_unit_ids, coalesce(rc.staff_ids, '{}') AS recused_staff_ids
    FROM matters m
    LEFT JOIN matter_transfers t ON t.jurisdiction_id = m.jurisdiction_id AND t.matter_id = m.id AND t.status = 'pending'
    LEFT JOIN matter_recusals rc ON rc.jurisdiction_id = m.jurisdiction_id AND rc.matter_id = m.id`;

export async function findMatterById(db: Queryable, id: number, forUpdate = false): Promise<MatterRow | undefined> {
  const { rows } = await db.query<MatterRow>(
    `${MATTER_WITH_ACCESS_FACTS} WHERE m.id = $1 ${forUpdate ? 'FOR UPDATE OF m' : ''}`, [id]);
  return rows[0];
}

export async function findMatterByTrackingCode(db: Queryable, jurisdictionId: number, code: string, forUpdate = false) {
  const { rows } = await db.query<MatterRow>(
    `${MATTER_WITH_ACCESS_FACTS} WHERE m.jurisdiction_id = $1 AND m.tracking_code = $2 ${forUpdate ? 'FOR UPDATE OF m' : ''}`,
    [jurisdictionId, code]);
  return rows[0];
}

export type NewMatter = {
  jurisdictionId: number; trackingCode: string; kind: string; channel: string; content: string;
  locationAddress: string | null; lng: number | null; lat: number | null;
  // An anonymous report (举报) has no contact at all: every personal field is null.
  nameEnc: Buffer | null; phoneEnc: Buffer | null; idNoEnc: Buffer | null; addressEnc: Buffer | null; phoneIndex: Buffer | null;
  receivedAt: Date; registeredAt: Date; registeredBy: number | null;
  firstUnitId: number; firstOfficerId: number | null;
  /** Who handles it from the start when that is not the first receiver (a complaint goes to the supervision office). */
  handlerUnitId?: number;
  deadlines: { stage: string; startsAt: Date; dueAt: Date; warnAt: Date; rule: unknown; provisionalYears: number[] }[];
  event: { type: string; actorKind: 'citizen' | 'staff'; actorStaffId: number | null; actorUnitId: number | null; payload: object };
  idempotency?: { key: string; requestHash: Buffer };
};

/**
 * Creates a matter, its running clocks and its first timeline event in ONE statement, so a public
 * submission costs one round trip and one commit. With an idempotency key, the row in
 * portal_submissions gates every insert: a retry inserts nothing and returns no row.
 */
const INSERT_MATTER = `
WITH idem AS (
  INSERT INTO portal_submissions (idempotency_key, request_hash, jurisdiction_id, matter_id, tracking_code)
  SELECT $20, $21, $1, nextval('matter_ids'), $2 WHERE $20::text IS NOT NULL
  ON CONFLICT (idempotency_key) DO NOTHING
  RETURNING matter_id
), ids AS (
  SELECT matter_id AS id FROM idem
  UNION ALL SELECT nextval('matter_ids') WHERE $20::text IS NULL
), head AS (
  SELECT ids.id, 'JM' || to_char($14::timestamptz AT TIME ZONE 'Asia/Shanghai', 'YYYY') || '-'
         || lpad(nextval('matter_case_numbers')::text, 7, '0') AS case_no,
         matter_event_hash('\\x'::bytea, $1::smallint, ids.id, 1, $15::timestamptz, $22, $23, $24::int, $25::int,
                           'public', NULL, $26::jsonb) AS hash
    FROM ids
), m AS (
  INSERT INTO matters (jurisdiction_id, id, case_no, tracking_code, kind_code, channel, state, content, location_address,
                       location_lng, location_lat, contact_name_enc, contact_phone_enc, contact_id_no_enc, contact_address_enc,
                       contact_phone_index, received_at, registered_at, registered_by, first_unit_id, first_officer_id,
                       handler_unit_id, handler_officer_id, last_event_seq, last_event_hash, search_text)
  SELECT $1, head.id, head.case_no, $2, $3, $4, 'received', $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
         coalesce($28::int, $17), CASE WHEN $28::int IS NULL THEN $18::int END, 1, head.hash, lower(head.case_no) || E'\\n' || $27
    FROM head
  RETURNING jurisdiction_id, id, case_no, tracking_code, received_at, last_event_hash
), clocks AS (
  INSERT INTO matter_deadlines (jurisdiction_id, matter_id, stage, starts_at, due_at, warn_at, rule, provisional_years)
  SELECT m.jurisdiction_id, m.id, d.stage, d.starts_at, d.due_at, d.warn_at, d.rule, d.provisional_years
    FROM m, jsonb_to_recordset($19::jsonb) AS d(stage text, starts_at timestamptz, due_at timestamptz, warn_at timestamptz,
                                               rule jsonb, provisional_years int[])
), event AS (
  INSERT INTO matter_events (jurisdiction_id, matter_id, seq, occurred_at, type, actor_kind, actor_staff_id, actor_unit_id,
                             visibility, payload, prev_hash, hash)
  SELECT m.jurisdiction_id, m.id, 1, $15, $22, $23, $24, $25, 'public', $26, '\\x'::bytea, m.last_event_hash FROM m
)
SELECT id, case_no, tracking_code, received_at FROM m`;

export async function insertMatter(db: Queryable, matter: NewMatter) {
  const deadlines = matter.deadlines.map((d) => ({
    stage: d.stage, starts_at: d.startsAt.toISOString(), due_at: d.dueAt.toISOString(), warn_at: d.warnAt.toISOString(),
    rule: d.rule, provisional_years: d.provisionalYears,
  }));
  const { rows } = await db.query<{ id: number; case_no: string; tracking_code: string; received_at: Date }>({ name: 'insert-matter', text: INSERT_MATTER }, [
    matter.jurisdictionId, matter.trackingCode, matter.kind, matter.channel, matter.content, matter.locationAddress,
    matter.lng, matter.lat, matter.nameEnc, matter.phoneEnc, matter.idNoEnc, matter.addressEnc, matter.phoneIndex,
    matter.receivedAt, matter.registeredAt, matter.registeredBy, matter.firstUnitId, matter.firstOfficerId,
    JSON.stringify(deadlines), matter.idempotency?.key ?? null, matter.idempotency?.requestHash ?? null,
    matter.event.type, matter.event.actorKind, matter.event.actorStaffId, matter.event.actorUnitId, matter.event.payload,
    matterSearchText(matter.content, matter.locationAddress), matter.handlerUnitId ?? null,
  ]);
  return rows[0];
}

export async function findPortalSubmission(db: Queryable, key: string) {
  const { rows } = await db.query<{ request_hash: Buffer; jurisdiction_id: number; matter_id: number; tracking_code: string }>(
    'SELECT request_hash, jurisdiction_id, matter_id, tracking_code FROM portal_submissions WHERE idempotency_key = $1', [key]);
  return rows[0];
}

export type EventInput = {
  type: string; actorKind: 'staff' | 'citizen' | 'system'; actorStaffId?: number | null; actorUnitId?: number | null;
  visibility: 'public' | 'internal'; reason?: string | null; payload?: object; at: Date;
};

export async function appendEvent(db: Queryable, jurisdictionId: number, matterId: number, event: EventInput): Promise<number> {
  const { rows } = await db.query<{ seq: number }>(
    'SELECT append_matter_event($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) AS seq',
    [jurisdictionId, matterId, event.at, event.type, event.actorKind, event.actorStaffId ?? null, event.actorUnitId ?? null,
     event.visibility, event.reason ?? null, event.payload ?? {}],
  );
  return rows[0].seq;
}

/** Applies column changes and bumps the version; the caller already holds the row lock. */
export async function updateMatter(db: Queryable, matter: MatterRow, changes: Record<string, unknown>, at: Date) {
  const columns = Object.keys(changes);
  const sets = columns.map((column, i) => `${column} = $${i + 4}`);
  await db.query(
    `UPDATE matters SET ${[...sets, 'version = version + 1', 'updated_at = $3'].join(', ')}
      WHERE jurisdiction_id = $1 AND id = $2`,
    [matter.jurisdiction_id, matter.id, at, ...columns.map((column) => changes[column])],
  );
}

export async function addInvolvedUnit(db: Queryable, matter: MatterRow, unitId: number) {
  await db.query(
    'INSERT INTO matter_units (jurisdiction_id, matter_id, unit_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
    [matter.jurisdiction_id, matter.id, unitId]);
}

export type TimelineRow = {
  seq: number; occurred_at: Date; type: string; actor_kind: string; actor_staff_id: number | null; actor_name: string | null;
  actor_unit_name: string | null; visibility: 'public' | 'internal'; reason: string | null; payload: Record<string, unknown>;
};

export async function loadTimeline(db: Queryable, jurisdictionId: number, matterId: number, publicOnly: boolean) {
  const { rows } = await db.query<TimelineRow>(
    `SELECT e.seq, e.occurred_at, e.type, e.actor_kind, e.actor_staff_id, s.display_name AS actor_name, u.name AS actor_unit_name,
            e.visibility, e.reason, e.payload
       FROM matter_events e LEFT JOIN staff s ON s.id = e.actor_staff_id LEFT JOIN units u ON u.id = e.actor_unit_id
      WHERE e.jurisdiction_id = $1 AND e.matter_id = $2 ${publicOnly ? "AND e.visibility = 'public'" : ''}
      ORDER BY e.seq`,
    [jurisdictionId, matterId]);
  return rows;
}

export type DeadlineRow = {
  stage: string; cycle: number; starts_at: Date; due_at: Date; warn_at: Date; rule: Record<string, unknown>; status: string;
  met_at: Date | null; paused_at: Date | null; extended: boolean; provisional_years: number[]; breached_at: Date | null;
};

export async function loadDeadlines(db: Queryable, jurisdictionId: number, matterId: number) {
  const { rows } = await db.query<DeadlineRow>(
    `SELECT stage, cycle, starts_at, due_at, warn_at, rule, status, met_at, paused_at, extended, provisional_years, breached_at
       FROM matter_deadlines WHERE jurisdiction_id = $1 AND matter_id = $2 ORDER BY cycle, starts_at, stage`,
    [jurisdictionId, matterId]);
  return rows;
}
