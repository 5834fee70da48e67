import pg from 'pg';
import type { BenchOrg } from './org.js';

/**
 * Fast bulk load of matters straight in SQL (INSERT … SELECT generate_series), shaped like what
 * insertMatter writes: the matter row, the unit it involves, its acceptance and handling clocks and
 * its first timeline event. Contact fields are short placeholder bytes (nothing reads them here) and
 * each matter starts a one-event hash chain with a placeholder hash.
 *
 * Matters go to the two stations in turn, each to one of the station's officers.
 */

/** A group of open matters whose handling clock runs out within [startS, startS + spanS) of the base time. */
export type DueBucket = { name: string; count: number; startS: number; spanS: number };

export type OpenLoad = {
  kind: 'open';
  /** Sweep base time T; clocks are due relative to it. */
  base: Date;
  /** Matters that fall due soon after T (their due-soon warning was already given); the rest are due 2–30 days after T. */
  buckets: DueBucket[];
};
export type ClosedLoad = {
  kind: 'closed';
  /** Received between 720 and 30 days before this time, replied and closed within a week, every clock met. */
  base: Date;
};

const BATCH = 100_000;

export type LoadProgress = (done: number, total: number, phase: string) => void;

/**
 * Loads `count` matters with ids firstId … firstId + count - 1. Uses its own connection without a
 * statement timeout. Matters are loaded first and ANALYZEd before the rows that reference them, so
 * the foreign-key checks are planned against real statistics (see bench/README.md).
 */
export async function bulkLoadMatters(url: string, org: BenchOrg, firstId: number, count: number, spec: OpenLoad | ClosedLoad,
  onProgress: LoadProgress = () => {}): Promise<void> {
  const units = org.stations.map((s) => s.unitId);
  const perStation = org.stations[0].officerIds.length;
  const officers = org.stations.flatMap((s) => s.officerIds);
  const jurisdictions = org.stations.map((s) => s.jurisdictionId);
  const codes = org.stations.map((s) => s.code);
  const base = spec.base.toISOString();

  // due_at of the handling clock, from g (0-based) through the permutation r = g·7919 mod count
  // (7919 is prime and does not divide the counts used), so the matters in one bucket are spread
  // over the whole table as they would be in real life, not stored side by side.
  let due: string;
  if (spec.kind === 'open') {
    let offset = 0;
    const cases: string[] = [];
    for (const bucket of spec.buckets) {
      cases.push(`WHEN r < ${offset + bucket.count} THEN $1::timestamptz + make_interval(secs => ${bucket.startS} + (r - ${offset})::float8 * ${bucket.spanS} / ${bucket.count})`);
      offset += bucket.count;
    }
    const rest = count - offset;
    if (rest < 0) throw new Error('buckets hold more matters than the load');
    cases.push(`ELSE $1::timestamptz + interval '2 days' + make_interval(secs => (r - ${offset})::float8 * 28 * 86400 / ${Math.max(rest, 1)})`);
    due = `CASE ${cases.join(' ')} END`;
  } else {
    due = `$1::timestamptz - interval '30 days' - make_interval(secs => r::float8 * 690 * 86400 / ${count}) + interval '14 days'`;
  }

  const client = new pg.Client(url);
  await client.connect();
  try {
    await client.query('SET statement_timeout = 0');
    await client.query('SET synchronous_commit = off'); // a throwaway bulk load; the measured work keeps the defaults
    for (let from = 0; from < count; from += BATCH) {
      const to = Math.min(from + BATCH, count) - 1;
      await client.query(
        `INSERT INTO matters (jurisdiction_id, id, case_no, tracking_code, kind_code, channel, state, content,
                              contact_name_enc, contact_phone_enc, contact_phone_index, received_at, registered_at,
                              first_unit_id, handler_unit_id, handler_officer_id, replied_at, closed_at,
                              last_event_seq, last_event_hash, updated_at)
         SELECT ($3::smallint[])[1 + g % 2], $5::bigint + g, 'JM-B' || lpad(($5::bigint + g)::text, 9, '0'),
                ($4::text[])[1 + g % 2] || 'B' || lpad(($5::bigint + g)::text, 19, '0'),
                (ARRAY['consult', 'help', 'complaint', 'report', 'suggestion'])[1 + g % 5], 'portal', $9,
                '批量载入的事项：小区路灯损坏，请协调修理。#' || g, '\\x0102'::bytea, '\\x0102'::bytea, sha256(int8send(g)),
                received, received, ($6::int[])[1 + g % 2], ($6::int[])[1 + g % 2],
                ($7::int[])[1 + (g % 2) * $8 + (g / 2) % $8],
                CASE WHEN $9 = 'closed' THEN received + interval '5 days' END,
                CASE WHEN $9 = 'closed' THEN received + interval '6 days' END,
                1, sha256(int8send(-g)), received
           FROM (SELECT g, ${due} - interval '14 days' AS received
                   FROM (SELECT g, (g::bigint * 7919) % $2 AS r FROM generate_series($10::int, $11::int) g) p) s`,
        [base, count, jurisdictions, codes, firstId, units, officers, perStation, spec.kind === 'open' ? 'handling' : 'closed', from, to]);
      onProgress(to + 1, count, 'matters');
    }
  } finally {
    await client.end();
  }

  // A new connection after ANALYZE: its foreign-key checks are planned with the table's real size.
  const analyze = new pg.Client(url);
  await analyze.connect();
  await analyze.query('SET statement_timeout = 0');
  await analyze.query('ANALYZE matters');
  await analyze.end();

  const children = new pg.Client(url);
  await children.connect();
  try {
    await children.query('SET statement_timeout = 0');
    await children.query('SET synchronous_commit = off');
    const lastId = firstId + count - 1;
    for (let from = firstId; from <= lastId; from += BATCH) {
      const to = Math.min(from + BATCH - 1, lastId);
      const range = [from, to];
      await children.query('BEGIN');
      await children.query(
        `INSERT INTO matter_units (jurisdiction_id, matter_id, unit_id)
         SELECT jurisdiction_id, id, handler_unit_id FROM matters WHERE id BETWEEN $1 AND $2`, range);
      await children.query(
        `INSERT INTO matter_events (jurisdiction_id, matter_id, seq, occurred_at, type, actor_kind, visibility, payload, prev_hash, hash)
         SELECT jurisdiction_id, id, 1, received_at, 'matter.submitted', 'citizen', 'public',
                jsonb_build_object('channel', 'portal', 'receiverUnitId', handler_unit_id), '\\x'::bytea, last_event_hash
           FROM matters WHERE id BETWEEN $1 AND $2`, range);
      // Acceptance was met within two hours; handling is running for open matters, met for closed ones.
      await children.query(
        `INSERT INTO matter_deadlines (jurisdiction_id, matter_id, stage, cycle, starts_at, due_at, warn_at, rule, status, met_at, warned_at)
         SELECT m.jurisdiction_id, m.id, 'acceptance', 0, m.received_at, m.received_at + interval '1 day',
                m.received_at + interval '20 hours', k.stages -> 0, 'met', m.received_at + interval '2 hours', NULL
           FROM matters m JOIN matter_kinds k ON k.code = m.kind_code WHERE m.id BETWEEN $1 AND $2
         UNION ALL
         SELECT m.jurisdiction_id, m.id, 'handling', 0, m.received_at, m.received_at + interval '14 days',
                m.received_at + interval '13 days', k.stages -> 1,
                CASE WHEN m.state = 'closed' THEN 'met' ELSE 'active' END, m.replied_at,
                -- the due-soon warning of a clock already inside its warning window was given by an earlier sweep
                CASE WHEN m.state <> 'closed' AND m.received_at + interval '13 days' <= $3::timestamptz
                     THEN m.received_at + interval '13 days' END
           FROM matters m JOIN matter_kinds k ON k.code = m.kind_code WHERE m.id BETWEEN $1 AND $2`, [...range, base]);
      await children.query('COMMIT');
      onProgress(to - firstId + 1, count, 'units, events, deadlines');
    }
  } finally {
    await children.end();
  }
  const seq = new pg.Client(url);
  await seq.connect();
  await seq.query(`SELECT setval('matter_ids', greatest((SELECT max(id) FROM matters), 1))`);
  await seq.end();
}
