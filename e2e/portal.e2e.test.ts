/**
 * The public portal in a real browser: a citizen on a phone-sized screen submits a matter, gets a
 * tracking code and sees it as 已受理; invalid input is refused next to its field (in the browser
 * for the phone pattern, by the server for the ID check digit) and creates nothing.
 * Drives Debian's Chromium with playwright-core against the real server process on its own data.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedCluster } from '../server/platform/db/embedded-postgres.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const CHROMIUM = '/usr/bin/chromium';
const RESULTS = path.join(ROOT, 'test-results');
const START_TIMEOUT_MS = 120_000;
const PHONE = { width: 375, height: 740 };

// Locally a machine without Chromium skips this file; CI installs it (.ci/run), so there it must run.
const skip = !fs.existsSync(CHROMIUM) && !process.env.CI;
if (skip) console.warn(`[portal e2e] SKIPPED: ${CHROMIUM} not found. Install it with \`apt-get install -y chromium\` to run the browser tests.`);

let dataDir: string;
let externalDb: { adminUrl: string; name: string } | undefined;
let databaseUrl: string | undefined;
let cluster: EmbeddedCluster | undefined;
let server: ChildProcess | undefined;
let serverOutput = '';
let base: string;
let db: pg.Client;
let browser: Browser;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function startServer() {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env, HOST: '127.0.0.1', PORT: String(port), JINGMIN_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  else delete env.DATABASE_URL;
  delete env.JINGMIN_VAULT_KEY;
  server = spawn(process.execPath, [path.join(ROOT, 'bin/jingmin.js'), 'start', '--no-demo'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const keep = (chunk: Buffer) => { serverOutput = (serverOutput + chunk.toString()).slice(-20_000); };
  server.stdout!.on('data', keep);
  server.stderr!.on('data', keep);
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}:\n${serverOutput}`);
    try {
      const res = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server not healthy after ${START_TIMEOUT_MS} ms:\n${serverOutput}`);
}

const matterCount = async () => Number((await db.query('SELECT count(*) AS n FROM matters')).rows[0].n);

/** Runs one browser journey on a fresh page; on failure keeps a screenshot under test-results/. */
async function journey(name: string, viewport: { width: number; height: number }, steps: (page: Page) => Promise<void>) {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', deviceScaleFactor: 1 });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  try {
    await steps(page);
  } catch (error) {
    fs.mkdirSync(RESULTS, { recursive: true });
    const file = path.join(RESULTS, `portal-${name}-failed.png`);
    await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
    throw new Error(`${(error as Error).message}\n(screenshot: ${file})\nserver output:\n${serverOutput.slice(-3_000)}`, { cause: error });
  } finally {
    await context.close();
  }
}

/** Keeps a screenshot of a passing step for review (test-results/ is git-ignored). */
async function snapshot(page: Page, name: string) {
  fs.mkdirSync(RESULTS, { recursive: true });
  await page.screenshot({ path: path.join(RESULTS, `portal-${name}.png`), fullPage: true });
}

const field = (page: Page, id: string) => page.locator(`.ant-form-item:has(#${id})`);

async function chooseKind(page: Page, name: string) {
  await field(page, 'kind').locator('.ant-select').click();
  await page.locator('.ant-select-item-option', { hasText: name }).click();
}

describe.skipIf(skip)('the public portal in a browser', () => {
  beforeAll(async () => {
    if (!fs.existsSync(path.join(ROOT, 'web/dist/index.html'))) {
      // `npm install`/`npm ci` build it (prepare); build here when a developer skipped that.
      const build = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build'], { cwd: ROOT, encoding: 'utf8' });
      if (build.status !== 0) throw new Error(`web build failed:\n${build.stdout}\n${build.stderr}`);
    }
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jingmin-portal-e2e-'));
    fs.chmodSync(dataDir, 0o755);
    const external = process.env.JINGMIN_TEST_DATABASE_URL;
    if (external) {
      const name = `jm_portal_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client(external);
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const url = new URL(external);
      url.pathname = `/${name}`;
      externalDb = { adminUrl: external, name };
      databaseUrl = url.toString();
    }
    await startServer();
    if (!databaseUrl) cluster = await startEmbeddedPostgres(dataDir); // the server's running cluster, reused
    db = new pg.Client(databaseUrl ?? cluster!.url('jingmin'));
    db.on('error', () => {});
    await db.connect();
    await db.query("INSERT INTO jurisdictions (id, code, name, kind) VALUES (1, '00', '测试县', 'county')");
    await db.query("INSERT INTO units (code, name, kind, jurisdiction_id, scope, receives_portal) VALUES ('command', '指挥中心', 'command_centre', 1, 'county', true)");
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await db?.end().catch(() => undefined);
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server!.once('exit', r));
      server.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
      if (server.exitCode === null) server.kill('SIGKILL');
    }
    if (cluster) await cluster.stop().catch(() => undefined);
    if (externalDb) {
      const admin = new pg.Client(externalDb.adminUrl);
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${externalDb.name} WITH (FORCE)`).catch(() => undefined);
      await admin.end();
    }
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('refuses a bad phone number next to the field and creates nothing; the server\'s field errors land on their field too', async () => {
    await journey('bad-input', PHONE, async (page) => {
      await page.goto(`${base}/submit`);
      await chooseKind(page, '求助');
      await page.locator('#content').fill('小区门口的路灯坏了一个星期，晚上很黑。');
      await page.locator('#contact_name').fill('张三');
      await page.locator('#contact_phone').fill('12345');
      await page.getByRole('button', { name: /提\s?交/ }).click();
      await expect.poll(() => field(page, 'contact_phone').locator('.ant-form-item-explain-error').textContent()).toBe('请输入正确的手机号或带区号的固定电话');

      // Passes the pattern in the browser; the server checks the ID's check digit and answers with a field error.
      await page.locator('#contact_phone').fill('13800001111');
      await page.locator('#contact_idNumber').fill('110101199003071234');
      await page.getByRole('button', { name: /提\s?交/ }).click();
      await expect.poll(() => field(page, 'contact_idNumber').locator('.ant-form-item-explain-error').textContent()).toBe('身份证号校验位不正确，请核对');
      expect(await page.locator('#content').inputValue()).toBe('小区门口的路灯坏了一个星期，晚上很黑。'); // what was typed is kept
      expect(await page.locator('body').innerText()).not.toContain('{"error"');
      expect(await matterCount()).toBe(0);
    });
  });

  it('a citizen on a phone submits a matter, gets a tracking code and sees it received (已受理)', async () => {
    await journey('submit-and-track', PHONE, async (page) => {
      await page.goto(`${base}/`);
      await expect.poll(() => page.locator('[data-kind="help"]').innerText()).toContain('个工作日');
      await snapshot(page, 'home-375');
      await page.getByRole('link', { name: /我要反映/ }).first().click();
      await chooseKind(page, '求助');
      await page.locator('#content').fill('小区门口的路灯坏了一个星期，晚上很黑，老人出门不方便。');
      await page.locator('#location_address').fill('青山镇人民路 12 号');
      await page.locator('#contact_name').fill('李四');
      await page.locator('#contact_phone').fill('13800001234');
      await snapshot(page, 'submit-375');
      await page.getByRole('button', { name: /提\s?交/ }).click();
      const code = (await page.getByTestId('tracking-code').innerText({ timeout: 15_000 })).trim();
      expect(code).toMatch(/^[0-9A-Z-]{10,40}$/);
      await snapshot(page, 'submitted-375');
      expect(await matterCount()).toBe(1);

      await page.getByRole('button', { name: '查看办理进度' }).click();
      await expect.poll(() => page.getByTestId('status').innerText()).toBe('已受理');
      expect(page.url()).toContain('/track/');
      await snapshot(page, 'track-375');

      // The same page on a desktop screen, and in English.
      const desktop = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
      const wide = await desktop.newPage();
      await wide.goto(`${base}/track/${encodeURIComponent(code)}`);
      await expect.poll(() => wide.getByTestId('status').innerText()).toBe('已受理');
      await snapshot(wide, 'track-1280');
      await wide.goto(`${base}/`);
      await expect.poll(() => wide.locator('[data-kind="help"]').innerText()).toContain('个工作日');
      await snapshot(wide, 'home-1280');
      await wide.getByRole('button', { name: 'English' }).click();
      await expect.poll(() => wide.locator('[data-kind="help"]').innerText()).toContain('working day');
      await wide.goto(`${base}/track/${encodeURIComponent(code)}`); // the choice is kept, and the server answers in English
      await expect.poll(() => wide.getByTestId('status').innerText()).toBe('Received');
      await snapshot(wide, 'track-1280-en');
      await desktop.close();
    });
  });
});
