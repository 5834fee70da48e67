/**
 * 网上留言 in a real browser: a citizen on a phone posts on the board (and is warned when posting the same
 * text again); nothing is public until a moderator approves it; another post is refused with a reason the
 * poster sees on their track page; an officer answers; the board shows the post and the answer with no
 * personal data. Drives Debian's Chromium with playwright-core against the real server process.
 */
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../server/platform/auth/passwords.js';
import { JOURNEY_OPTIONS, journeys, launchBrowser, logInToConsole, skipWithoutBrowser, staffApi, startServer, type RunningServer } from './browser-harness.js';

const PHONE = { width: 375, height: 740 };
const DESKTOP = { width: 1280, height: 800 };
const PASSWORD = 'Posts-e2e-2026!';
const POSTER = { name: '欧阳明', phone: '13712345678' };
const TITLE = '建议在菜市场路口加装红绿灯';
const CONTENT = `菜市场路口早晚高峰人车混行，老人过马路很危险，建议加装红绿灯。我的电话 ${POSTER.phone}。`;
const ANSWER = '您好，交警大队已勘查该路口，将于下月加装信号灯，期间安排辅警在高峰时段疏导。';

const skip = skipWithoutBrowser('posts');

let server: RunningServer;
let base: string;
let db: pg.Client;
let browser: Browser;
const { journey, snapshot } = journeys('posts', () => browser, () => server.output());
const SLOW = { timeout: 15_000 };

const field = (page: Page, id: string) => page.locator(`.ant-form-item:has(#${id})`);

async function writePost(page: Page, kind: string, title: string, content: string) {
  await field(page, 'kind').locator('.ant-select').click();
  await page.locator('.ant-select-item-option', { hasText: kind }).click();
  await page.locator('#title').fill(title);
  await page.locator('#content').fill(content);
  await page.locator('#contact_name').fill(POSTER.name);
  await page.locator('#contact_phone').fill(POSTER.phone);
  await page.getByRole('button', { name: /提\s?交/ }).click();
}


describe.skipIf(skip)('the message board in a browser', JOURNEY_OPTIONS, () => {
  beforeAll(async () => {
    server = await startServer('posts');
    ({ base, db } = server);
    await db.query("INSERT INTO jurisdictions (id, code, name, kind) VALUES (1, '00', '测试县', 'county'), (2, '01', '东城派出所辖区', 'station')");
    const { rows } = await db.query(
      "INSERT INTO units (code, name, kind, jurisdiction_id, scope, receives_portal) VALUES ('command', '指挥中心', 'command_centre', 1, 'county', true) RETURNING id");
    const hash = await hashPassword(PASSWORD);
    await db.query(`INSERT INTO staff (username, display_name, unit_id, roles, password_hash)
      VALUES ('shenhe', '审核员', $1, '{clerk}', $2), ('jiejing', '接警员', $1, '{call_taker}', $2)`, [rows[0].id, hash]);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  }, 60_000);

  it('posts, moderates, refuses with a reason the poster sees, answers, and publishes without personal data', async () => {
    let code = '';
    await journey('post', PHONE, async (page) => {
      await page.goto(`${base}/`);
      await page.locator('[data-channel="board"]').click();
      await page.getByTestId('write-post').click();
      await writePost(page, '建议', TITLE, CONTENT);
      code = (await page.getByTestId('tracking-code').innerText(SLOW)).trim();
      await snapshot(page, 'posted-375');

      // The same text again from the same phone: the server's warning in a dialog; cancelling sends nothing.
      await page.getByRole('button', { name: '再写一条' }).click();
      await writePost(page, '建议', '再次建议加装红绿灯', CONTENT);
      const dialog = page.locator('.ant-modal-confirm');
      await expect.poll(() => dialog.innerText(), SLOW).toContain('已提交过相同内容');
      await dialog.getByRole('button', { name: '不提交了' }).click();
      expect(Number((await db.query("SELECT count(*) AS n FROM matters WHERE channel = 'message_board'")).rows[0].n)).toBe(1);

      // Not public before moderation.
      await page.goto(`${base}/board`);
      await page.getByTestId('published-posts').waitFor();
      await expect.poll(() => page.getByTestId('published-posts').innerText(), SLOW).toContain('暂无公开的留言');
      // No horizontal scrolling on a phone.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    });

    // A second post, from someone else, that will be refused.
    const other = await fetch(`${base}/api/v1/portal/board`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'complaint', title: '曝光邻居王某的丑事', content: '隔壁王某某天天吵闹，他老婆在某厂上班，大家都去找他们。',
        contact: { name: '路人甲', phone: '13800009999' } }),
    });
    expect(other.status).toBe(201);
    const otherCode = (await other.json() as { trackingCode: string }).trackingCode;

    await journey('moderate', DESKTOP, async (page) => {
      await logInToConsole(page, base, 'shenhe', PASSWORD);
      await page.getByRole('menuitem', { name: '留言审核' }).click();
      const items = page.getByTestId('moderation-item');
      await expect.poll(() => items.count(), SLOW).toBe(2);
      // Approve: the text offered for publication already has the phone number hidden.
      await items.filter({ hasText: TITLE }).getByTestId('approve').click();
      await expect.poll(() => page.getByTestId('published-text').inputValue(), SLOW).toContain('我的电话 ***');
      await page.getByTestId('moderation-ok').click();
      await expect.poll(() => items.count(), SLOW).toBe(1);
      // Refuse the other with a reason from the list and a note.
      await items.first().getByTestId('refuse').click();
      await page.getByLabel('含有个人隐私').check();
      await page.locator('#note').fill('请勿公开他人信息，您反映的问题已转派出所处理');
      await page.getByTestId('moderation-ok').click();
      await expect.poll(() => items.count(), SLOW).toBe(0);
      await snapshot(page, 'moderation');
    });
    // The refusal went to the poster's phone.
    expect(Number((await db.query("SELECT count(*) AS n FROM outbound_messages WHERE purpose = 'moderation_refused'")).rows[0].n)).toBe(1);

    await journey('refused', PHONE, async (page) => {
      await page.goto(`${base}/track/${encodeURIComponent(otherCode)}`);
      const refusal = page.getByTestId('refusal');
      await expect.poll(() => refusal.innerText(), SLOW).toContain('含有个人隐私');
      expect(await refusal.innerText()).toContain('请勿公开他人信息');
    });

    // The officer answers through the normal actions.
    const officer = await staffApi(base, 'jiejing', PASSWORD);
    const { rows } = await db.query('SELECT id, version FROM matters WHERE tracking_code = $1', [code.replace(/-/g, '')]);
    const accepted = await officer(`/api/v1/staff/matters/${rows[0].id}/accept`, { version: rows[0].version });
    expect(accepted.status).toBe(200);
    expect((await officer(`/api/v1/staff/matters/${rows[0].id}/reply`, { version: accepted.body.version, text: ANSWER })).status).toBe(200);

    await journey('board', PHONE, async (page) => {
      await page.goto(`${base}/board`);
      const post = page.getByTestId('public-post').filter({ hasText: TITLE });
      await expect.poll(() => post.count(), SLOW).toBe(1);
      await expect.poll(() => post.getByTestId('post-answer').innerText(), SLOW).toContain(ANSWER);
      const text = await post.innerText();
      expect(text).toContain('网友');
      expect(text).toContain('已答复');
      const whole = await page.locator('body').innerText();
      for (const secret of [POSTER.name, POSTER.phone, '137****5678', code]) expect(whole).not.toContain(secret);
      expect(whole).not.toContain('曝光邻居王某的丑事');
      await snapshot(page, 'board-375');
    });
  });
});
