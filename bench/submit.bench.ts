/**
 * Public submission under load: the real Jingmin app against a bare Fastify route that does one
 * INSERT into the same database, side by side in one run.
 *
 * Goal (issue): Jingmin reaches ≥ 50% of the bare throughput at 50 concurrent connections, with
 * p99 < 100 ms. Each server runs in its own child process; autocannon runs here, in the parent.
 * The two targets are interleaved and each is measured BENCH_RUNS times.
 *
 * The database first holds BENCH_PREFILL earlier (closed) matters with up-to-date statistics, as a
 * bureau's database does after its first days; an empty, never-analyzed matters table is a
 * different, transient case (see bench/README.md).
 *
 * Every response status is counted. Afterwards every request whose answer was cut off by the end of
 * a run is retried with its Idempotency-Key (as a real client would), and the matters table must
 * then hold exactly one row per 201 (none lost, none doubled).
 *
 * stdout: one JSON object per line. stderr: progress.
 *   node --import tsx bench/submit.bench.ts        (npm run bench:submit)
 * Env: DATABASE_URL (use that server instead of an embedded one), BENCH_DURATION (s, 15),
 *      BENCH_WARMUP (s, 3), BENCH_CONNECTIONS (50), BENCH_RUNS (3), BENCH_KEEP (keep the data),
 *      BENCH_PREFILL (100000: closed matters loaded and ANALYZEd before the servers start; 0 = a fresh,
 *      empty database, where the first minutes are slow, see bench/README.md),
 *      BENCH_PROFILE (a folder: V8 CPU profiles of both server processes are written there).
 */
import autocannon, { type Result } from 'autocannon';
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../server/config.js';
import { openDatabase } from '../server/platform/db/database.js';
import { prepareContext } from '../server/runtime.js';
import { bulkLoadMatters } from './lib/bulk.js';
import { seedBenchOrg } from './lib/org.js';
import { emit, machine, median, progress, round } from './lib/output.js';
import { openBenchServer } from './lib/postgres.js';

const num = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const DURATION_S = num('BENCH_DURATION', 15);
const WARMUP_S = num('BENCH_WARMUP', 3);
const CONNECTIONS = num('BENCH_CONNECTIONS', 50);
const RUNS = num('BENCH_RUNS', 3);
const PREFILL = num('BENCH_PREFILL', 100_000);
const GOAL_RATIO = 0.5;
const GOAL_P99_MS = 100;

type Target = 'jingmin' | 'bare';
const PATHS: Record<Target, string> = { jingmin: '/api/v1/portal/matters', bare: '/bare' };

// What a citizen sends from the portal: kind 'help', ~60 Chinese characters, a name and a mobile number.
const CONTENTS = [
  '小区门口路灯坏了一周，晚上很黑，老人出行不便，请帮忙协调修理。另外路口常有电动车逆行，希望加强巡逻。',
  '我家楼下有人长期占用消防通道停车，多次劝说无效，担心发生火灾时消防车进不来，请派出所民警上门处理一下。',
  '昨晚十点左右在东城菜市场附近丢失一个黑色钱包，里面有身份证和银行卡，想问如何挂失补办，能否帮忙查看监控。',
  '邻居家装修每天早上七点就开始施工，噪音很大影响孩子休息，物业协调没有效果，希望社区民警帮忙调解一下纠纷。',
] as const;
const NAMES = ['张三丰', '李秀英', '王建国', '陈晓明'] as const;
/**
 * Request n's body: one of the texts, from a phone number of its own. Many citizens, not one repeating
 * himself: the same text from the same phone within a day is refused as a duplicate (409).
 */
function bodyOf(n: number): string {
  const i = n % CONTENTS.length;
  return JSON.stringify({ kind: 'help', content: CONTENTS[i], contact: { name: NAMES[i], phone: `13${String(n % 1e9).padStart(9, '0')}` } });
}

type Tally = { statuses: Map<number, number>; pending: Map<string, string> };

function tally(): Tally {
  return { statuses: new Map(), pending: new Map() };
}

/** One autocannon run; each request gets a fresh Idempotency-Key, and its fate is recorded. */
async function load(port: number, target: Target, seconds: number, keyPrefix: string, counts: Tally): Promise<Result> {
  let next = 0;
  const instance = autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    duration: seconds,
    timeout: 10,
    requests: [{
      method: 'POST',
      path: PATHS[target],
      setupRequest: (request, context) => {
        const n = next++;
        const key = `${keyPrefix}${n.toString(36).padStart(8, '0')}`;
        const body = bodyOf(n);
        context.key = key;
        counts.pending.set(key, body);
        return { ...request, body, headers: { 'content-type': 'application/json', 'idempotency-key': key } };
      },
      onResponse: (status, _body, context) => {
        counts.pending.delete(context.key as string);
        counts.statuses.set(status, (counts.statuses.get(status) ?? 0) + 1);
      },
    }],
  });
  return instance;
}

function startServer(mode: Target, env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; port: number }> {
  const script = fileURLToPath(new URL('./submit-server.ts', import.meta.url));
  // BENCH_PROFILE=dir writes a V8 CPU profile of each server process there (for finding bottlenecks).
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.BENCH_PROFILE)}`] : [];
  const child = fork(script, [mode], { execArgv: ['--import', 'tsx', ...profile], env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${mode} server did not start within 120 s`)), 120_000);
    child.once('message', (message) => {
      clearTimeout(timer);
      resolve({ child, port: (message as { port: number }).port });
    });
    child.once('exit', (code) => reject(new Error(`${mode} server exited with ${code}`)));
  });
}

function stopServer(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    const timer = setTimeout(() => { child.kill('SIGKILL'); }, 10_000);
    child.once('exit', () => { clearTimeout(timer); resolve(); });
    child.send('stop');
  });
}

const server = await openBenchServer();
const children: ChildProcess[] = [];
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jingmin-bench-data-'));
try {
  const url = await server.createDatabase('jm_bench_submit');
  const vaultKey = randomBytes(32).toString('base64');
  const db = openDatabase(url, { max: 4 });
  await prepareContext(db, { ...loadConfig({}), databaseUrl: url, dataDir, vaultKey }, progress);
  const org = await seedBenchOrg(db);
  await db.query('CREATE TABLE bench_bare (payload jsonb, created_at timestamptz)');
  if (PREFILL > 0) {
    const start = performance.now();
    progress(`prefilling ${PREFILL.toLocaleString('en')} closed matters`);
    await bulkLoadMatters(url, org, 1, PREFILL, { kind: 'closed', base: new Date() });
    await db.query('VACUUM ANALYZE');
    await db.query('CHECKPOINT');
    progress(`  prefilled in ${round((performance.now() - start) / 1000)} s`);
  }
  emit({
    bench: 'submit', kind: 'setup', date: new Date().toISOString(), machine: await machine(), postgres: await server.version(),
    postgresSource: server.source, prefilledMatters: PREFILL, connections: CONNECTIONS, durationS: DURATION_S, warmupS: WARMUP_S, runs: RUNS, poolSize: 20,
  });

  const env = { BENCH_DATABASE_URL: url, BENCH_VAULT_KEY: vaultKey, BENCH_DATA_DIR: dataDir };
  const [jingmin, bare] = await Promise.all([startServer('jingmin', env), startServer('bare', env)]);
  children.push(jingmin.child, bare.child);
  const ports: Record<Target, number> = { jingmin: jingmin.port, bare: bare.port };
  progress(`servers listening: jingmin :${ports.jingmin}, bare :${ports.bare}`);

  const counts: Record<Target, Tally> = { jingmin: tally(), bare: tally() };
  const measured: Record<Target, { requestsPerSec: number; p99Ms: number }[]> = { jingmin: [], bare: [] };
  let allClean = true;
  for (let run = 1; run <= RUNS; run++) {
    const order: Target[] = run % 2 === 1 ? ['jingmin', 'bare'] : ['bare', 'jingmin'];
    for (const target of order) {
      const prefix = `r${run}${target[0]}${randomBytes(3).toString('hex')}`;
      await db.query('CHECKPOINT');
      progress(`run ${run} ${target}: warm-up ${WARMUP_S} s`);
      const warm = await load(ports[target], target, WARMUP_S, `${prefix}w`, counts[target]);
      progress(`run ${run} ${target}: measuring ${DURATION_S} s`);
      const result = await load(ports[target], target, DURATION_S, `${prefix}m`, counts[target]);
      const non2xx = result.non2xx + warm.non2xx;
      const errors = result.errors + result.timeouts + warm.errors + warm.timeouts;
      if (non2xx > 0 || errors > 0) allClean = false;
      const line = {
        bench: 'submit', target, run,
        requestsPerSec: round(result.requests.average), p50Ms: result.latency.p50, p99Ms: result.latency.p99,
        p97_5Ms: result.latency.p97_5, maxMs: result.latency.max, responses: result.latency.totalCount,
        non2xx, errors, statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count])),
      };
      measured[target].push({ requestsPerSec: line.requestsPerSec, p99Ms: line.p99Ms });
      emit(line);
      progress(`  ${target}: ${line.requestsPerSec} req/s, p50 ${line.p50Ms} ms, p99 ${line.p99Ms} ms, non-2xx ${non2xx}, errors ${errors}`);
    }
  }

  // Requests cut off when a run stopped may or may not have committed: retry each with its key.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const retried = { total: counts.jingmin.pending.size, replayed: 0, created: 0, other: 0 };
  for (const [key, body] of counts.jingmin.pending) {
    const response = await fetch(`http://127.0.0.1:${ports.jingmin}${PATHS.jingmin}`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': key }, body,
    });
    await response.arrayBuffer();
    if (response.status === 200) retried.replayed++;
    else if (response.status === 201) retried.created++;
    else retried.other++;
  }
  // Every key that got its tracking code (201 under load, or 201/200-replayed on the retry) must be
  // exactly one matter: nothing acknowledged is lost, nothing is registered twice.
  const acknowledged = (counts.jingmin.statuses.get(201) ?? 0) + retried.created + retried.replayed;
  const { rows: [rowCounts] } = await db.query<{ matters: number; submissions: number; events: number; deadlines: number; bare: number }>(
    `SELECT (SELECT count(*) FROM matters WHERE id > $1)::int AS matters, (SELECT count(*) FROM portal_submissions)::int AS submissions,
            (SELECT count(*) FROM matter_events WHERE matter_id > $1)::int AS events,
            (SELECT count(*) FROM matter_deadlines WHERE matter_id > $1)::int AS deadlines,
            (SELECT count(*) FROM bench_bare)::int AS bare`, [PREFILL]);
  const bare2xx = [...counts.bare.statuses].filter(([status]) => status >= 200 && status < 300).reduce((sum, [, n]) => sum + n, 0);
  const rowsMatch = rowCounts.matters === acknowledged && rowCounts.submissions === acknowledged && rowCounts.events === acknowledged
    && rowCounts.deadlines === 2 * acknowledged && retried.other === 0;
  // The bare route has no idempotency: its cut-off requests may or may not have committed.
  const bareRowsPlausible = rowCounts.bare >= bare2xx && rowCounts.bare <= bare2xx + counts.bare.pending.size;
  emit({
    bench: 'submit', kind: 'verify',
    jingminStatuses: Object.fromEntries(counts.jingmin.statuses), cutOffRetried: retried,
    jingmin201: counts.jingmin.statuses.get(201) ?? 0, acknowledged, mattersRows: rowCounts.matters, portalSubmissionRows: rowCounts.submissions,
    eventRows: rowCounts.events, deadlineRows: rowCounts.deadlines, rowsMatch,
    bareStatuses: Object.fromEntries(counts.bare.statuses), bare2xx, bareRows: rowCounts.bare, bareCutOff: counts.bare.pending.size, bareRowsPlausible,
  });

  const jingminMedian = median(measured.jingmin.map((m) => m.requestsPerSec));
  const bareMedian = median(measured.bare.map((m) => m.requestsPerSec));
  const ratio = round(jingminMedian / bareMedian, 3);
  const jingminP99Ms = median(measured.jingmin.map((m) => m.p99Ms));
  emit({
    bench: 'submit', kind: 'summary', jingminMedianRps: jingminMedian, bareMedianRps: bareMedian, ratio, jingminP99Ms,
    jingminP99MsWorst: Math.max(...measured.jingmin.map((m) => m.p99Ms)), bareP99Ms: median(measured.bare.map((m) => m.p99Ms)),
    goalRatio: GOAL_RATIO, goalP99Ms: GOAL_P99_MS, clean: allClean, rowsMatch,
    pass: ratio >= GOAL_RATIO && jingminP99Ms < GOAL_P99_MS && allClean && rowsMatch,
  });
  await db.close();
} finally {
  await Promise.all(children.map(stopServer));
  await server.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
