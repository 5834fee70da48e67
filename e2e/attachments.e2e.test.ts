/**
 * 附件 in the console, in a real browser: a citizen's photo sent with a portal submission shows on the
 * matter page with its thumbnail and a download link; the call-taker adds a PDF with the upload
 * button (a disguised file is refused by name first); the files download with their sniffed type.
 * Same approach as portal.e2e.test.ts: the real server process on its own data, Debian's Chromium.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../server/platform/auth/passwords.js';
import { JOURNEY_OPTIONS, journeys, launchBrowser, skipWithoutBrowser, startServer, type RunningServer } from './browser-harness.js';

const DESKTOP = { width: 1280, height: 800 };
const PASSWORD = 'Attach-e2e-2026!';
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

const skip = skipWithoutBrowser('attachments');

let server: RunningServer;
let base: string;
let db: pg.Client;
let browser: Browser;
const { journey, snapshot } = journeys('attachments', () => browser, () => server.output());

describe.skipIf(skip)('attachments in the console', JOURNEY_OPTIONS, () => {
  beforeAll(async () => {
    server = await startServer('attachments');
    ({ base, db } = server);
    await db.query("INSERT INTO jurisdictions (id, code, name, kind) VALUES (1, '00', '测试县', 'county')");
    const { rows } = await db.query(
      "INSERT INTO units (code, name, kind, jurisdiction_id, scope, receives_portal) VALUES ('command', '指挥中心', 'command_centre', 1, 'county', true) RETURNING id");
    await db.query('INSERT INTO staff (username, display_name, unit_id, roles, password_hash) VALUES ($1, $2, $3, $4, $5)',
      ['taker', '王接警', rows[0].id, ['call_taker'], await hashPassword(PASSWORD)]);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  }, 60_000);

  it('shows the citizen\'s photo, lets the call-taker add a PDF, and downloads both', async () => {
    const form = new FormData();
    form.append('submission', JSON.stringify({ kind: 'help', content: '路口护栏被撞坏，照片见附件。', contact: { name: '周六', phone: '13700002222' } }));
    form.append('files', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), '护栏.png');
    const res = await fetch(`${base}/api/v1/portal/matters`, { method: 'POST', body: form, headers: { 'idempotency-key': randomUUID() } });
    expect(res.status, await res.clone().text()).toBe(201);
    const { caseNo } = await res.json() as { caseNo: string };
    const id = (await db.query('SELECT id FROM matters WHERE case_no = $1', [caseNo])).rows[0].id as number;

    await journey('console-card', DESKTOP, async (page) => {
      await page.goto(`${base}/console/login`);
      await page.locator('#username').fill('taker');
      await page.locator('#password').fill(PASSWORD);
      await page.getByRole('button', { name: /登\s?录/ }).click();
      await page.getByTestId('console-user').waitFor();
      await page.goto(`${base}/console/matters/${id}`);
      const card = page.getByTestId('attachments-card');
      await expect.poll(() => card.innerText(), { timeout: 15_000 }).toContain('护栏.png');
      expect(await card.innerText()).toContain('群众提交');
      await expect.poll(() => card.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);

      const input = card.locator('input[type=file]');
      await input.setInputFiles([{ name: '说明.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<html><script>alert(1)</script>') }]);
      await expect.poll(() => card.getByTestId('attachment-error').innerText()).toContain('“说明.pdf”不是 JPEG、PNG、GIF、WebP、PDF 格式');
      await input.setInputFiles([{ name: '走访记录.pdf', mimeType: 'application/pdf', buffer: PDF }]);
      await card.getByRole('button', { name: '上传附件' }).click();
      await expect.poll(() => card.getByTestId('attachments-count').innerText()).toBe('2');
      expect(await card.innerText()).toContain('民警添加 王接警');
      await snapshot(page, 'console-card-1280');

      const href = await card.getByRole('link', { name: '走访记录.pdf' }).getAttribute('href');
      const download = await page.request.get(`${base}${href}`);
      expect(download.status()).toBe(200);
      expect(download.headers()['content-type']).toBe('application/pdf');
      expect(download.headers()['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('走访记录.pdf')}`);
      expect(Buffer.from(await download.body()).equals(PDF)).toBe(true);
    });
    const { rows } = await db.query('SELECT file_name, added_by_kind FROM matter_attachments WHERE matter_id = $1 ORDER BY id', [id]);
    expect(rows).toEqual([{ file_name: '护栏.png', added_by_kind: 'citizen' }, { file_name: '走访记录.pdf', added_by_kind: 'staff' }]);
  });
});
