/**
 * What the browser tests share: the real server as a child process on its own data (embedded
 * PostgreSQL, or a fresh database on JINGMIN_TEST_DATABASE_URL), the web build, Debian's Chromium,
 * and journeys that keep a screenshot when they fail.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { chromium, type Browser, type Page } from 'playwright-core';
import { freePort, startEmbeddedPostgres, type EmbeddedCluster } from '../server/platform/db/embedded-postgres.js';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const RESULTS = path.join(ROOT, 'test-results');
const CHROMIUM = '/usr/bin/chromium';
const START_TIMEOUT_MS = 120_000;

/**
 * Each browser test is a whole journey through several pages and people; on a shared 2-CPU machine
 * with the other test files running beside it, that takes longer than the unit tests' minute.
 */
export const JOURNEY_OPTIONS = { timeout: 240_000 };

/** Locally a machine without Chromium skips the browser tests; CI installs it (.ci/run), so there they must run. */
export function skipWithoutBrowser(label: string): boolean {
  const skip = !fs.existsSync(CHROMIUM) && !process.env.CI;
  if (skip) console.warn(`[${label} e2e] SKIPPED: ${CHROMIUM} not found. Install it with \`apt-get install -y chromium\` to run the browser tests.`);
  return skip;
}

/** The newest mtime under a folder, to rebuild web/dist when the sources are newer. */
function newest(dir: string): number {
  let max = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    max = Math.max(max, entry.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs);
  }
  return max;
}

function buildWebIfStale() {
  const dist = path.join(ROOT, 'web/dist/index.html');
  if (fs.existsSync(dist) && fs.statSync(dist).mtimeMs >= newest(path.join(ROOT, 'web/src'))) return;
  // `npm install`/`npm ci` build it (prepare); build here when a developer changed the sources since.
  const build = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`web build failed:\n${build.stdout}\n${build.stderr}`);
}

export type RunningServer = {
  base: string;
  /** The server's data directory (its sms-outbox.jsonl, for one). */
  dataDir: string;
  /** A connection to the server's own database, for setting up data and checking results. */
  db: pg.Client;
  output: () => string;
  stop: () => Promise<void>;
};

/**
 * Starts `jingmin start` on a fresh data directory and waits until it is healthy: without demo data
 * (`--no-demo`, the tests add what they need) unless `demo` asks for the demo county.
 */
export async function startServer(label: string, { demo = false, env: extraEnv = {} }: { demo?: boolean; env?: Record<string, string> } = {}): Promise<RunningServer> {
  buildWebIfStale();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `jingmin-${label}-e2e-`));
  fs.chmodSync(dataDir, 0o755);
  const external = process.env.JINGMIN_TEST_DATABASE_URL;
  let externalName: string | undefined;
  let databaseUrl: string | undefined;
  if (external) {
    // A database name is an SQL identifier: the label's '-' becomes '_'.
    externalName = `jm_${label.replace(/[^A-Za-z0-9_]/g, '_')}_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client(external);
    await admin.connect();
    await admin.query(`CREATE DATABASE ${externalName}`);
    await admin.end();
    const url = new URL(external);
    url.pathname = `/${externalName}`;
    databaseUrl = url.toString();
  }
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env, HOST: '127.0.0.1', PORT: String(port), JINGMIN_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...extraEnv };
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  else delete env.DATABASE_URL;
  delete env.JINGMIN_VAULT_KEY;
  let output = '';
  const server: ChildProcess = spawn(process.execPath, [path.join(ROOT, 'bin/jingmin.js'), 'start', ...(demo ? [] : ['--no-demo'])], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const keep = (chunk: Buffer) => { output = (output + chunk.toString()).slice(-20_000); };
  server.stdout!.on('data', keep);
  server.stderr!.on('data', keep);
  let cluster: EmbeddedCluster | undefined;
  let db: pg.Client | undefined;

  const stop = async () => {
    await db?.end().catch(() => undefined);
    if (server.exitCode === null) {
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
      if (server.exitCode === null) server.kill('SIGKILL');
    }
    if (cluster) await cluster.stop().catch(() => undefined);
    if (external && externalName) {
      const admin = new pg.Client(external);
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${externalName} WITH (FORCE)`).catch(() => undefined);
      await admin.end();
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}:\n${output}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`server not healthy after ${START_TIMEOUT_MS} ms:\n${output}`);
    }
    const healthy = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(2_000) }).then((res) => res.status === 200, () => false);
    if (healthy) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  if (!databaseUrl) cluster = await startEmbeddedPostgres(dataDir); // the server's running cluster, reused
  db = new pg.Client(databaseUrl ?? cluster!.url('jingmin'));
  db.on('error', () => {});
  await db.connect();
  return { base, dataDir, db, output: () => output, stop };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Logs a staff member in through the console's login page and waits for the console. */
export async function logInToConsole(page: Page, base: string, username: string, password: string) {
  await page.goto(`${base}/console/login`);
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.getByRole('button', { name: /登\s?录/ }).click();
  await page.getByTestId('console-user').waitFor();
}

/** Journeys on fresh browser contexts; a failing one keeps a screenshot under test-results/. */
export function journeys(prefix: string, browser: () => Browser, serverOutput: () => string) {
  const snapshot = async (page: Page, name: string) => {
    fs.mkdirSync(RESULTS, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS, `${prefix}-${name}.png`), fullPage: true });
  };
  const journey = async (name: string, viewport: { width: number; height: number }, steps: (page: Page) => Promise<void>) => {
    const context = await browser().newContext({ viewport, locale: 'zh-CN', deviceScaleFactor: 1 });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    try {
      await steps(page);
    } catch (error) {
      fs.mkdirSync(RESULTS, { recursive: true });
      const file = path.join(RESULTS, `${prefix}-${name}-failed.png`);
      await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
      throw new Error(`${(error as Error).message}\n(screenshot: ${file})\nserver output:\n${serverOutput().slice(-3_000)}`, { cause: error });
    } finally {
      await context.close();
    }
  };
  return { journey, snapshot };
}

/** The staff API as one user (session cookie and CSRF token), for setting up what a journey starts from: POSTs answer { status, body }. */
export async function staffApi(base: string, username: string, password: string) {
  const res = await fetch(`${base}/api/v1/staff/session`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`logging in as ${username} answered ${res.status}: ${await res.text()}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = await res.json() as { csrfToken: string };
  return async (url: string, body: unknown) => {
    const answer = await fetch(`${base}${url}`, {
      method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken }, body: JSON.stringify(body),
    });
    return { status: answer.status, body: await answer.json() as Record<string, any> };
  };
}
