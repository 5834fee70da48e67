/**
 * The public portal in a real browser: a citizen on a phone-sized screen submits a matter, gets a
 * tracking code and sees it as 已受理; invalid input is refused next to its field (in the browser
 * for the phone pattern, by the server for the ID check digit) and creates nothing; attachments are
 * checked by content in the browser and sent with the submission.
 * Drives Debian's Chromium with playwright-core against the real server process on its own data.
 */
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOURNEY_OPTIONS, journeys, launchBrowser, skipWithoutBrowser, startServer, type RunningServer } from './browser-harness.js';

const PHONE = { width: 375, height: 740 };

const skip = skipWithoutBrowser('portal');

let server: RunningServer;
let base: string;
let db: pg.Client;
let browser: Browser;
const { journey, snapshot } = journeys('portal', () => browser, () => server.output());

const matterCount = async () => Number((await db.query('SELECT count(*) AS n FROM matters')).rows[0].n);

const field = (page: Page, id: string) => page.locator(`.ant-form-item:has(#${id})`);

async function chooseKind(page: Page, name: string) {
  await field(page, 'kind').locator('.ant-select').click();
  await page.locator('.ant-select-item-option', { hasText: name }).click();
}

describe.skipIf(skip)('the public portal in a browser', JOURNEY_OPTIONS, () => {
  beforeAll(async () => {
    server = await startServer('portal');
    ({ base, db } = server);
    await db.query("INSERT INTO jurisdictions (id, code, name, kind) VALUES (1, '00', '测试县', 'county')");
    await db.query("INSERT INTO units (code, name, kind, jurisdiction_id, scope, receives_portal) VALUES ('command', '指挥中心', 'command_centre', 1, 'county', true)");
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
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

  it('a citizen on a phone attaches a photo and a PDF; a disguised file is refused by name before anything is sent', async () => {
    // A real (1×1) PNG and a minimal PDF: the browser and the server both sniff the first bytes.
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(510, 0x90)]);
    const before = await matterCount();
    await journey('submit-with-attachments', PHONE, async (page) => {
      await page.goto(`${base}/submit`);
      await chooseKind(page, '求助');
      await page.locator('#content').fill('楼道里堆放杂物堵住消防通道，照片和物业回复见附件。');
      await page.locator('#contact_name').fill('王五');
      await page.locator('#contact_phone').fill('13800005678');
      const input = page.locator('input[type=file]').first();
      await input.setInputFiles([{ name: '现场照片.jpg', mimeType: 'image/jpeg', buffer: exe }]);
      await expect.poll(() => page.getByTestId('attachment-error').first().innerText())
        .toBe('“现场照片.jpg”不是 JPEG、PNG、GIF、WebP、PDF 格式，不能上传');
      expect(await page.locator('.ant-upload-list-item').count()).toBe(0);

      await input.setInputFiles([
        { name: '楼道.png', mimeType: 'image/png', buffer: png },
        { name: '物业回复.pdf', mimeType: 'application/pdf', buffer: pdf },
      ]);
      await expect.poll(() => page.locator('.ant-upload-list-item').count()).toBe(2);
      expect(await page.getByTestId('attachment-error').count()).toBe(0);
      await snapshot(page, 'submit-attachments-375');
      await page.getByRole('button', { name: /提\s?交/ }).click();
      const code = (await page.getByTestId('tracking-code').innerText({ timeout: 15_000 })).trim();
      expect(code).toMatch(/^[0-9A-Z-]{10,40}$/);
      expect(await matterCount()).toBe(before + 1);
      const { rows } = await db.query(
        `SELECT a.file_name, a.media_type, a.size_bytes FROM matter_attachments a JOIN matters m ON m.id = a.matter_id
          WHERE m.tracking_code = $1 ORDER BY a.id`, [code.replace(/-/g, '')]);
      expect(rows).toEqual([
        { file_name: '楼道.png', media_type: 'image/png', size_bytes: png.length },
        { file_name: '物业回复.pdf', media_type: 'application/pdf', size_bytes: pdf.length },
      ]);

      await page.getByRole('button', { name: '查看办理进度' }).click();
      await expect.poll(() => page.getByTestId('attachments').innerText()).toContain('物业回复.pdf');
      const href = await page.getByRole('link', { name: '楼道.png' }).getAttribute('href');
      const download = await page.request.get(`${base}${href}`);
      expect(download.status()).toBe(200);
      expect(download.headers()['content-type']).toBe('image/png');
      expect(Buffer.from(await download.body()).equals(png)).toBe(true);
      await snapshot(page, 'track-attachments-375');
    });
  });
});
