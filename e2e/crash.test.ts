/**
 * Nothing acknowledged is lost: the real server is SIGKILLed while ~30 clients submit to the portal;
 * after a restart on the same data directory every acknowledged tracking code is there exactly once,
 * every failed request retried with its own Idempotency-Key lands exactly once, and `jingmin verify`
 * finds the hash chains intact.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startEmbeddedPostgres, type EmbeddedCluster } from '../server/platform/db/embedded-postgres.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const SUBMITTERS = 30;
const MAX_REQUESTS_PER_SUBMITTER = 2_000;
const KILL_AFTER_MS = [1_500, 4_000] as const; // a random moment in this range
const LOAD_TIME_LIMIT_MS = 30_000;
const REQUEST_TIMEOUT_MS = 15_000;
const START_TIMEOUT_MS = 120_000;

type Attempt = { key: string; body: object };
type Outcome =
  | { kind: 'acked'; status: number; trackingCode: string }
  | { kind: 'http'; status: number; body: string }
  | { kind: 'failed'; error: string };

let dataDir: string;
let externalDb: { adminUrl: string; name: string } | undefined;
/** DATABASE_URL for the server: only with an external server; otherwise the server manages its embedded one. */
let databaseUrl: string | undefined;
let cluster: EmbeddedCluster | undefined;
const children = new Set<ChildProcess>();

function serverEnv(port?: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOST: '127.0.0.1',
    JINGMIN_DATA_DIR: dataDir,
    JINGMIN_RATE_PORTAL_SUBMIT: '100000',
    JINGMIN_SWEEP_INTERVAL_MS: '60000',
    LOG_LEVEL: 'warn',
  };
  if (port !== undefined) env.PORT = String(port);
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  else delete env.DATABASE_URL;
  delete env.JINGMIN_VAULT_KEY; // the key file in the data directory, the same across restarts
  return env;
}

type Server = { child: ChildProcess; port: number; base: string; output: () => string; exited: Promise<number | null> };

function spawnCli(args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/jingmin.js'), ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let output = '';
  const keep = (chunk: Buffer) => { output = (output + chunk.toString()).slice(-20_000); };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => { children.delete(child); resolve(code); }));
  return { child, output: () => output, exited };
}

async function startServer(): Promise<Server> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const started = spawnCli(['start', '--no-demo'], serverEnv(port));
  const deadline = Date.now() + START_TIMEOUT_MS;
  let exitCode: number | null | undefined;
  void started.exited.then((code) => { exitCode = code; });
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`server exited with ${exitCode} before it was healthy:\n${started.output()}`);
    try {
      const res = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200 && (await res.json()).status === 'ok') return { ...started, port, base };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  started.child.kill('SIGKILL');
  throw new Error(`server not healthy after ${START_TIMEOUT_MS} ms:\n${started.output()}`);
}

async function submit(base: string, attempt: Attempt): Promise<Outcome> {
  try {
    const res = await fetch(`${base}/api/v1/portal/matters`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': attempt.key },
      body: JSON.stringify(attempt.body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await res.text();
    if (res.status === 200 || res.status === 201) {
      const trackingCode = JSON.parse(text).trackingCode;
      if (typeof trackingCode !== 'string') return { kind: 'http', status: res.status, body: text };
      return { kind: 'acked', status: res.status, trackingCode };
    }
    return { kind: 'http', status: res.status, body: text.slice(0, 500) };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return { kind: 'failed', error: cause?.code ?? cause?.message ?? (error as Error).message };
  }
}

const stored = (code: string) => code.replace(/-/g, '');

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jingmin-crash-'));
  fs.chmodSync(dataDir, 0o755);
  const external = process.env.JINGMIN_TEST_DATABASE_URL;
  if (external) {
    const name = `jm_crash_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client(external);
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(external);
    url.pathname = `/${name}`;
    externalDb = { adminUrl: external, name };
    databaseUrl = url.toString();
  }
});

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  if (cluster) await cluster.stop();
  else if (!databaseUrl && fs.existsSync(path.join(dataDir, 'pg', 'PG_VERSION'))) await (await startEmbeddedPostgres(dataDir)).stop();
  if (externalDb) {
    const admin = new pg.Client(externalDb.adminUrl);
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${externalDb.name} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

describe('crash safety', () => {
  it('killing the server (SIGKILL) under load loses no acknowledged submission', async () => {
    // --- first life: an empty database with just enough organisation to receive portal submissions ---
    const first = await startServer();
    if (!databaseUrl) cluster = await startEmbeddedPostgres(dataDir); // the server's cluster, already running: reused
    const db = new pg.Client(databaseUrl ?? cluster!.url('jingmin'));
    db.on('error', () => {}); // the embedded server stops with the second server's graceful shutdown
    let dbOpen = true;
    const closeDb = async () => { if (dbOpen) { dbOpen = false; await db.end().catch(() => undefined); } };
    await db.connect();
    try {
      await db.query("INSERT INTO jurisdictions (id, code, name, kind) VALUES (1, '00', '测试县', 'county')");
      await db.query("INSERT INTO units (code, name, kind, jurisdiction_id, scope, receives_portal) VALUES ('command', '指挥中心', 'command_centre', 1, 'county', true)");

      // --- load, and a SIGKILL at a random moment in the middle of it ---
      const attempts = new Map<string, Attempt>();
      const firstOutcomes = new Map<string, Outcome>();
      let inFlightAtKill = 0;
      let inFlight = 0;
      const loadStarted = Date.now();
      // Each submitter goes on until its first failure: the request cut off by the crash (or refused after it).
      const submitter = async (n: number) => {
        for (let i = 0; i < MAX_REQUESTS_PER_SUBMITTER && Date.now() - loadStarted < LOAD_TIME_LIMIT_MS; i++) {
          const key = `crash-${n}-${i}-${randomBytes(6).toString('hex')}`;
          const attempt = {
            key,
            body: { kind: 'help', content: `压测 ${key}：小区门口路灯坏了，晚上很黑。`, contact: { name: '张三', phone: `138${String(n).padStart(4, '0')}${String(i % 10_000).padStart(4, '0')}` } },
          };
          attempts.set(key, attempt);
          inFlight++;
          const outcome = await submit(first.base, attempt);
          inFlight--;
          firstOutcomes.set(key, outcome);
          if (outcome.kind === 'failed') return;
        }
      };
      const killAfter = KILL_AFTER_MS[0] + Math.random() * (KILL_AFTER_MS[1] - KILL_AFTER_MS[0]);
      const load = Promise.all(Array.from({ length: SUBMITTERS }, (_, n) => submitter(n)));
      await new Promise((r) => setTimeout(r, killAfter));
      inFlightAtKill = inFlight;
      first.child.kill('SIGKILL');
      await load;
      expect(await first.exited).toBeNull(); // killed by the signal, not exited on its own

      const outcomes = [...firstOutcomes.values()];
      const acked = new Map([...firstOutcomes].filter(([, o]) => o.kind === 'acked') as [string, Extract<Outcome, { kind: 'acked' }>][]);
      const failed = [...firstOutcomes].filter(([, o]) => o.kind !== 'acked').map(([key]) => key);
      const httpErrors = outcomes.filter((o) => o.kind === 'http');
      console.log(`[crash] killed after ${Math.round(killAfter)} ms with ${inFlightAtKill} in flight: ${acked.size} acknowledged, ${failed.length} failed`);
      // Before the kill every request was answered with a tracking code; nothing was refused.
      expect(httpErrors, JSON.stringify(httpErrors.slice(0, 3))).toEqual([]);
      expect([...acked.values()].every((o) => o.status === 201)).toBe(true);
      expect(acked.size).toBeGreaterThan(0);
      expect(inFlightAtKill).toBeGreaterThan(0);
      // Every submitter was cut off by the crash, none before it.
      expect(failed.length).toBe(SUBMITTERS);

      // --- second life: the same data directory ---
      const second = await startServer();
      try {
        const retried = new Map<string, Outcome>();
        const queue = [...failed];
        await Promise.all(Array.from({ length: 10 }, async () => {
          for (let key = queue.shift(); key !== undefined; key = queue.shift()) retried.set(key, await submit(second.base, attempts.get(key)!));
        }));
        const badRetries = [...retried].filter(([, o]) => o.kind !== 'acked');
        expect(badRetries, JSON.stringify(badRetries.slice(0, 3))).toEqual([]);
        const replays = [...retried.values()].filter((o) => o.kind === 'acked' && o.status === 200).length;
        console.log(`[crash] retried ${retried.size}: ${retried.size - replays} newly recorded, ${replays} had been recorded before the kill`);

        // A retried acknowledged request answers with the same code (spot check, up to 20).
        for (const [key, outcome] of [...acked].slice(0, 20)) {
          const again = await submit(second.base, attempts.get(key)!);
          expect(again).toEqual({ kind: 'acked', status: 200, trackingCode: outcome.trackingCode });
        }

        // --- the record ---
        const everAcked = new Map<string, string>();
        for (const [key, o] of acked) everAcked.set(key, o.trackingCode);
        for (const [key, o] of retried) if (o.kind === 'acked') everAcked.set(key, o.trackingCode);

        const { rows: counts } = await db.query(
          'SELECT tracking_code, count(*)::int AS n FROM matters WHERE tracking_code = ANY($1) GROUP BY tracking_code',
          [[...everAcked.values()].map(stored)]);
        const found = new Map(counts.map((r) => [r.tracking_code as string, r.n as number]));
        const missing = [...acked.values()].filter((o) => found.get(stored(o.trackingCode)) !== 1).map((o) => o.trackingCode);
        expect(missing, 'acknowledged tracking codes missing or duplicated after the crash').toEqual([]);
        for (const code of everAcked.values()) expect(found.get(stored(code)), code).toBe(1);

        const total = Number((await db.query('SELECT count(*) AS n FROM matters')).rows[0].n);
        expect(total).toBe(everAcked.size);
        const { rows: keys } = await db.query('SELECT idempotency_key, tracking_code FROM portal_submissions');
        expect(keys.length).toBe(everAcked.size);
        for (const row of keys) expect(everAcked.get(row.idempotency_key), row.idempotency_key).toBeDefined();
        for (const row of keys) expect(stored(everAcked.get(row.idempotency_key)!)).toBe(row.tracking_code);
        // Every matter is whole: its first event and its clocks were written with it.
        const { rows: [whole] } = await db.query(
          `SELECT count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM matter_events e WHERE e.jurisdiction_id = m.jurisdiction_id AND e.matter_id = m.id AND e.seq = 1)) AS no_event,
                  count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM matter_deadlines d WHERE d.jurisdiction_id = m.jurisdiction_id AND d.matter_id = m.id)) AS no_clock
             FROM matters m`);
        expect({ noEvent: Number(whole.no_event), noClock: Number(whole.no_clock) }).toEqual({ noEvent: 0, noClock: 0 });

        // --- the hash chains are intact ---
        const verify = spawnCli(['verify'], serverEnv());
        const code = await verify.exited;
        expect(code, verify.output()).toBe(0);
        expect(verify.output()).toContain('未发现篡改或缺失');
      } finally {
        await closeDb();
        second.child.kill('SIGTERM');
        const timer = setTimeout(() => second.child.kill('SIGKILL'), 15_000);
        await second.exited;
        clearTimeout(timer);
      }
    } finally {
      await closeDb();
    }
  }, 300_000);
});
