/**
 * The overdue sweep (server/modules/matters/sweep.ts, runSweep) over 1,000,000 open matters.
 *
 * Goal (issue): < 1 s per sweep, and its cost must not grow with the number of closed matters.
 *
 * Loads BENCH_OPEN open matters (handling clock running, due soon after a base time T for a few
 * buckets, 2–30 days later for the rest), times:
 *   (a) steady state: a sweep with nothing newly due (repeated BENCH_REPEAT times),
 *   (b) a sweep in which 1,000 clocks run out,
 *   (c) a sweep in which 10,000 clocks run out,
 * then adds BENCH_CLOSED closed matters (every clock met) and repeats (a), (b) and (c). After every
 * breaching sweep it checks that exactly N accountability records and N 'deadline.breached' events
 * were written, attributed to the handler, chained to the previous event, and that a second sweep
 * at the same time adds none. EXPLAIN ANALYZE of the sweep's own statements is printed too.
 *
 * stdout: one JSON object per line. stderr: progress.
 *   node --import tsx bench/sweep.bench.ts          (npm run bench:sweep)
 * Every sweep line carries the WAL it wrote (walMB).
 * Env: DATABASE_URL (use that server instead of an embedded one), BENCH_OPEN (1000000, ≥ 23000),
 *      BENCH_CLOSED (1000000), BENCH_REPEAT (5), BENCH_KEEP (keep the data).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { runSweep } from '../server/modules/matters/sweep.js';
import { loadConfig } from '../server/config.js';
import { openDatabase, type Database, type Queryable } from '../server/platform/db/database.js';
import { prepareContext } from '../server/runtime.js';
import { bulkLoadMatters, type DueBucket } from './lib/bulk.js';
import { seedBenchOrg } from './lib/org.js';
import { emit, machine, median, progress, round } from './lib/output.js';
import { openBenchServer } from './lib/postgres.js';

const num = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const OPEN = num('BENCH_OPEN', 1_000_000);
const CLOSED = num('BENCH_CLOSED', 1_000_000);
const REPEAT = num('BENCH_REPEAT', 5);
const GOAL_MS = 1000;

// Tuesday 2026-12-01 10:00 in Beijing: the sweep's base time T.
const T = new Date('2026-12-01T02:00:00Z');
const at = (seconds: number) => new Date(T.getTime() + seconds * 1000);
// Open matters whose handling clock runs out shortly after T; each bucket is swept by one sweep.
const BUCKETS: DueBucket[] = [
  { name: 'b1', count: 1_000, startS: 60, spanS: 60 },
  { name: 'c1', count: 10_000, startS: 180, spanS: 60 },
  { name: 'b2', count: 1_000, startS: 600, spanS: 60 },
  { name: 'c2', count: 10_000, startS: 780, spanS: 60 },
  // Never swept for real: only the final EXPLAIN ANALYZE (rolled back) breaches a batch of these.
  { name: 'x', count: 1_000, startS: 1200, spanS: 60 },
];

const server = await openBenchServer();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jingmin-bench-data-'));
const seconds = (start: number) => round((performance.now() - start) / 1000, 1);

/** Runs SQL that must not be cut off by the pool's 30 s statement timeout (bulk work, VACUUM). */
async function maintenance(url: string, sql: string): Promise<number> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    await client.query('SET statement_timeout = 0');
    const start = performance.now();
    await client.query(sql);
    return seconds(start);
  } finally {
    await client.end();
  }
}

/** A Database that records the statements runSweep sends, so they can be EXPLAINed exactly as sent. */
function recording(db: Database, into: Set<string>): Database {
  const wrap = (q: Queryable): Queryable => ({ query: (text, values) => { into.add(typeof text === 'string' ? text : text.text); return q.query(text, values); } });
  return { ...db, query: wrap(db).query, transaction: (work) => db.transaction((tx) => work(wrap(tx))) };
}

try {
  const url = await server.createDatabase('jm_bench_sweep');
  const setupDb = openDatabase(url, { max: 2 });
  await prepareContext(setupDb, { ...loadConfig({}), databaseUrl: url, dataDir, vaultKey: randomBytes(32).toString('base64') }, progress);
  const org = await seedBenchOrg(setupDb);
  await setupDb.close();
  emit({
    bench: 'sweep', kind: 'setup', date: new Date().toISOString(), machine: await machine(), postgres: await server.version(),
    postgresSource: server.source, openMatters: OPEN, closedMatters: CLOSED, sweepBase: T.toISOString(), batch: 500,
  });

  const report = (done: number, total: number, phase: string) => progress(`  ${phase}: ${done.toLocaleString('en')} / ${total.toLocaleString('en')}`);
  let start = performance.now();
  progress(`loading ${OPEN.toLocaleString('en')} open matters`);
  await bulkLoadMatters(url, org, 1, OPEN, { kind: 'open', base: T, buckets: BUCKETS }, report);
  const loadOpenS = seconds(start);
  const vacuumOpenS = await maintenance(url, 'VACUUM ANALYZE');
  await maintenance(url, 'CHECKPOINT');
  emit({ bench: 'sweep', kind: 'load', what: 'open', rows: OPEN, loadS: loadOpenS, vacuumAnalyzeS: vacuumOpenS });

  // The pool the sweeper uses in production (openDatabase defaults: 20 connections, 30 s statement timeout).
  const db = openDatabase(url);
  let closedNow = 0;
  const expected = { records: 0 };
  const results: { phase: string; closedMatters: number; newlyBreached: number; ms: number }[] = [];

  const sweepOnce = async (now: Date, phase: string, expectBreached: number, on: Database = db) => {
    const walBefore = (await db.query<{ lsn: string }>('SELECT pg_current_wal_lsn() AS lsn')).rows[0].lsn;
    const begin = performance.now();
    const result = await runSweep(on, now);
    const ms = round(performance.now() - begin, 1);
    const walMB = round(Number((await db.query<{ bytes: string }>('SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), $1) AS bytes', [walBefore])).rows[0].bytes) / 1048576, 2);
    if (result.breached !== expectBreached || result.warned !== 0 || result.supervisionBreached !== 0) {
      throw new Error(`sweep at ${now.toISOString()} (${phase}): expected ${expectBreached} breaches and no warnings, got ${JSON.stringify(result)}`);
    }
    const line = { bench: 'sweep', phase, openMatters: OPEN, closedMatters: closedNow, newlyBreached: result.breached, ms, walMB, pass: ms < GOAL_MS };
    results.push({ phase, closedMatters: closedNow, newlyBreached: result.breached, ms });
    emit(line);
    progress(`  ${phase}: ${result.breached} breached in ${ms} ms, ${walMB} MB of WAL`);
    return ms;
  };

  const verify = async (now: Date, newlyBreached: number) => {
    expected.records += newlyBreached;
    const { rows: [c] } = await db.query<Record<string, number>>(
      `SELECT (SELECT count(*) FROM accountability_records WHERE kind = 'deadline_breached')::int AS records,
              (SELECT count(*) FROM matter_events WHERE type = 'deadline.breached')::int AS events,
              (SELECT count(*) FROM matter_deadlines WHERE breached_at = $1)::int AS marked_now,
              (SELECT count(*) FROM accountability_records r JOIN matters m ON m.jurisdiction_id = r.jurisdiction_id AND m.id = r.matter_id
                WHERE r.kind = 'deadline_breached' AND r.subject = 'handling' AND r.unit_id = m.handler_unit_id
                  AND r.officer_id IS NOT DISTINCT FROM m.handler_officer_id)::int AS attributed,
              (SELECT count(*) FROM matter_events e
                 JOIN matter_events p ON p.jurisdiction_id = e.jurisdiction_id AND p.matter_id = e.matter_id AND p.seq = e.seq - 1
                 JOIN matters m ON m.jurisdiction_id = e.jurisdiction_id AND m.id = e.matter_id
                WHERE e.type = 'deadline.breached' AND e.prev_hash = p.hash AND m.last_event_seq = e.seq AND m.last_event_hash = e.hash)::int AS chained`,
      [now]);
    const ok = c.records === expected.records && c.events === expected.records && c.marked_now === newlyBreached
      && c.attributed === expected.records && c.chained === expected.records;
    emit({ bench: 'sweep', kind: 'verify', at: now.toISOString(), newlyBreached, cumulativeExpected: expected.records, ...c, ok });
    if (!ok) throw new Error(`breach records do not match: ${JSON.stringify(c)}, expected ${expected.records}`);
    // The same sweep again: nothing new may be recorded.
    await sweepOnce(now, 'repeat-same-time', 0);
  };

  // The statements runSweep sends, captured from a sweep that finds nothing to do (so it changes nothing).
  const statements = new Set<string>();
  await runSweep(recording(db, statements), T);
  const statementName = (text: string) => /SET breached_at/.test(text) && /matter_deadlines/.test(text) ? 'breach-deadlines'
    : /SET warned_at/.test(text) ? 'warn-deadlines' : /supervision_orders/.test(text) ? 'breach-supervision' : 'other';

  /** EXPLAIN ANALYZE of each sweep statement (one batch), with runSweep's parameters, rolled back afterwards. */
  const explain = async (label: string, now: Date) => {
    const client = await db.pool.connect();
    try {
      for (const text of statements) {
        await client.query('BEGIN');
        const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, [now, 500]);
        await client.query('ROLLBACK');
        const plan = rows.map((row) => row['QUERY PLAN'] as string);
        const statement = statementName(text);
        emit({ bench: 'sweep', kind: 'explain', label, statement, at: now.toISOString(), closedMatters: closedNow, plan });
        progress(`EXPLAIN ${label} ${statement}:\n    ${plan.join('\n    ')}`);
      }
    } finally {
      client.release();
    }
  };

  const scenario = async (steadyAt: Date, oneK: DueBucket, tenK: DueBucket) => {
    await explain('steady', steadyAt);
    for (let i = 0; i < REPEAT; i++) await sweepOnce(steadyAt, 'steady', 0);
    const oneKAt = at(oneK.startS + oneK.spanS);
    await sweepOnce(oneKAt, 'breach-1000', oneK.count);
    await verify(oneKAt, oneK.count);
    const tenKAt = at(tenK.startS + tenK.spanS);
    await sweepOnce(tenKAt, 'breach-10000', tenK.count);
    await verify(tenKAt, tenK.count);
    return tenKAt;
  };

  progress('sweeps over open matters only');
  const afterFirst = await scenario(T, BUCKETS[0], BUCKETS[1]);
  // One batch of a breaching sweep (the next bucket's first 500), rolled back; VACUUM below clears its traces.
  await explain('breach-batch', at(BUCKETS[3].startS + BUCKETS[3].spanS));

  if (CLOSED > 0) {
    start = performance.now();
    progress(`loading ${CLOSED.toLocaleString('en')} closed matters`);
    await bulkLoadMatters(url, org, OPEN + 1, CLOSED, { kind: 'closed', base: T }, report);
    const loadClosedS = seconds(start);
    const vacuumClosedS = await maintenance(url, 'VACUUM ANALYZE');
    await maintenance(url, 'CHECKPOINT');
    closedNow = CLOSED;
    emit({ bench: 'sweep', kind: 'load', what: 'closed', rows: CLOSED, loadS: loadClosedS, vacuumAnalyzeS: vacuumClosedS });
    progress(`sweeps with ${CLOSED.toLocaleString('en')} closed matters added`);
    await scenario(afterFirst, BUCKETS[2], BUCKETS[3]);
    await explain('breach-batch', at(BUCKETS[4].startS + BUCKETS[4].spanS));
  }

  const { rows: sizes } = await db.query<{ name: string; mb: number }>(
    `SELECT c.relname AS name, round(pg_total_relation_size(c.oid) / 1048576.0, 1)::float8 AS mb
       FROM pg_class c WHERE c.relname IN ('matters', 'matter_deadlines', 'matter_events', 'matter_units',
                                          'matter_deadlines_to_breach', 'matter_deadlines_to_warn', 'accountability_records')`);
  // How the breach updates were written: a non-HOT update adds an entry to every index of the table.
  const { rows: updates } = await db.query<{ relname: string; updates: number; hot: number }>(
    `SELECT relname, n_tup_upd::int AS updates, n_tup_hot_upd::int AS hot FROM pg_stat_user_tables
      WHERE relname IN ('matters', 'matter_deadlines')`);
  emit({
    bench: 'sweep', kind: 'sizes', mb: Object.fromEntries(sizes.map((s) => [s.name, s.mb])),
    updates: Object.fromEntries(updates.map((u) => [u.relname, { updates: u.updates, hot: u.hot }])),
    sharedBuffers: (await db.query<{ shared_buffers: string }>('SHOW shared_buffers')).rows[0].shared_buffers,
  });

  const pick = (phase: string, closed: number) => results.filter((r) => r.phase === phase && r.closedMatters === closed).map((r) => r.ms);
  const steadyOpen = median(pick('steady', 0));
  const steadyClosed = median(pick('steady', CLOSED));
  const summary = {
    bench: 'sweep', kind: 'summary', openMatters: OPEN, closedMatters: CLOSED, goalMs: GOAL_MS,
    steadyMs: steadyOpen, breach1000Ms: pick('breach-1000', 0)[0], breach10000Ms: pick('breach-10000', 0)[0],
    withClosed: CLOSED > 0 ? { steadyMs: steadyClosed, breach1000Ms: pick('breach-1000', CLOSED)[0], breach10000Ms: pick('breach-10000', CLOSED)[0] } : null,
    worstMs: Math.max(...results.map((r) => r.ms)),
    // "Does not grow": the same sweeps with the closed matters added, as a ratio (≈ 1 when flat; the machine is noisy).
    closedGrowth: CLOSED > 0 ? {
      steady: round(steadyClosed / steadyOpen, 2),
      breach1000: round(pick('breach-1000', CLOSED)[0] / pick('breach-1000', 0)[0], 2),
      breach10000: round(pick('breach-10000', CLOSED)[0] / pick('breach-10000', 0)[0], 2),
    } : null,
    pass: results.every((r) => r.ms < GOAL_MS),
  };
  emit(summary);
  await db.close();
} finally {
  await server.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
