import type { Database } from './db/database.js';

export type IntegrityReport = { matters: number; events: number; auditEvents: number; problems: string[] };

/**
 * Recomputes every event's hash and checks each link of each chain. An edited event fails its own
 * hash; a deleted one breaks the sequence or the link after it; a deleted last event no longer
 * matches the head recorded on the matter.
 */
const CHECK_MATTER_EVENTS = `
  SELECT e.jurisdiction_id, e.matter_id, e.seq,
         e.hash <> matter_event_hash(e.prev_hash, e.jurisdiction_id, e.matter_id, e.seq, e.occurred_at, e.type, e.actor_kind,
                                     e.actor_staff_id, e.actor_unit_id, e.visibility, e.reason, e.payload) AS edited,
         e.seq <> row_number() OVER w AS gap,
         e.prev_hash <> coalesce(lag(e.hash) OVER w, '\\x'::bytea) AS broken_link
    FROM matter_events e
  WINDOW w AS (PARTITION BY e.jurisdiction_id, e.matter_id ORDER BY e.seq)`;

const CHECK_MATTER_HEADS = `
  SELECT m.jurisdiction_id, m.id, m.case_no, m.last_event_seq, last.seq AS actual_seq
    FROM matters m
    LEFT JOIN LATERAL (SELECT seq, hash FROM matter_events e WHERE e.jurisdiction_id = m.jurisdiction_id AND e.matter_id = m.id
                        ORDER BY seq DESC LIMIT 1) last ON true
   WHERE last.seq IS DISTINCT FROM m.last_event_seq OR last.hash IS DISTINCT FROM m.last_event_hash`;

const CHECK_AUDIT = `
  SELECT id,
         hash <> audit_event_hash(prev_hash, id, occurred_at, actor_staff_id, action, outcome, ip, subject, detail) AS edited,
         prev_hash <> coalesce(lag(hash) OVER (ORDER BY id), '\\x'::bytea) AS broken_link
    FROM audit_events`;

export async function verifyIntegrity(db: Database): Promise<IntegrityReport> {
  const problems: string[] = [];
  const events = await db.query(`SELECT * FROM (${CHECK_MATTER_EVENTS}) c WHERE edited OR gap OR broken_link ORDER BY 1, 2, 3`);
  for (const row of events.rows) {
    const where = `事项 ${row.jurisdiction_id}/${row.matter_id} 第 ${row.seq} 条时间线记录`;
    if (row.edited) problems.push(`${where}内容被修改（哈希不符）`);
    if (row.gap) problems.push(`${where}之前有记录缺失（序号不连续）`);
    else if (row.broken_link) problems.push(`${where}与前一条记录的链接断开（前一条被修改或删除）`);
  }
  const heads = await db.query(CHECK_MATTER_HEADS);
  for (const row of heads.rows) {
    problems.push(`事项 ${row.case_no} 的最后一条时间线记录缺失或被替换（应为第 ${row.last_event_seq} 条，实际为 ${row.actual_seq ?? '无'}）`);
  }
  const audit = await db.query(`SELECT * FROM (${CHECK_AUDIT}) c WHERE edited OR broken_link ORDER BY id`);
  for (const row of audit.rows) {
    if (row.edited) problems.push(`审计记录 #${row.id} 内容被修改（哈希不符）`);
    if (row.broken_link) problems.push(`审计记录 #${row.id} 与前一条记录的链接断开（前一条被修改或删除）`);
  }
  const counts = await db.query<{ matters: number; events: number; audit: number }>(
    'SELECT (SELECT count(*) FROM matters) AS matters, (SELECT count(*) FROM matter_events) AS events, (SELECT count(*) FROM audit_events) AS audit');
  return { matters: counts.rows[0].matters, events: counts.rows[0].events, auditEvents: counts.rows[0].audit, problems };
}
