/**
 * 局长接访日 and 建议提案 in a real browser: a citizen on a 375-px phone books a reception slot and gets a code (and
 * the text message carrying it); the petition office sees the booking, masked; the leader records the meeting and
 * registers a matter he owns himself. A proposal is registered through the console, replied with class B by its
 * lead unit, and the class and the promise show on its card.
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../server/platform/auth/passwords.js';
import { JOURNEY_OPTIONS, journeys, launchBrowser, logInToConsole, skipWithoutBrowser, startServer, type RunningServer } from './browser-harness.js';

const PHONE = { width: 375, height: 740 };
const DESKTOP = { width: 1280, height: 900 };
const PASSWORD = 'Reception-e2e-2026!';
const SLOW = { timeout: 15_000 };
const skip = skipWithoutBrowser('proposal-reception');

let server: RunningServer;
let base: string;
let db: pg.Client;
let browser: Browser;
let chiefId: number;
const { journey } = journeys('proposal-reception', () => browser, () => server.output());

/** Tomorrow in China (the day published), as YYYY-MM-DD. */
const tomorrow = () => new Date(Date.now() + 8 * 3_600_000 + 86_400_000).toISOString().slice(0, 10);
const button = (page: Page, text: string) => page.getByRole('button', { name: new RegExp(`^${[...text].join('\\s?')}$`) });

/** Picks an option of the AntD Select in the form item holding `#id`, until the select shows it. */
async function choose(page: Page, id: string, text: string) {
  const select = page.locator(`.ant-form-item:has(#${id}) .ant-select`);
  await expect.poll(async () => {
    if (!(await select.innerText()).includes(text)) {
      await select.click();
      await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: text }).first()
        .click({ timeout: 5_000 }).catch(() => undefined);
    }
    return select.innerText();
  }, SLOW).toContain(text);
}

/** The staff API as a user, for a step the journey does not test (the lead unit's 签收). */
async function staffPost(username: string, url: string, body: unknown) {
  const res = await fetch(`${base}/api/v1/staff/session`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }),
  });
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = await res.json() as { csrfToken: string };
  const answer = await fetch(`${base}${url}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken }, body: JSON.stringify(body) });
  expect(answer.status, await answer.clone().text()).toBeLessThan(300);
}

describe.skipIf(skip)('reception days and proposals in a browser', JOURNEY_OPTIONS, () => {
  beforeAll(async () => {
    server = await startServer('proposal-reception');
    ({ base, db } = server);
    await db.query("INSERT INTO jurisdictions (id, code, name, kind) VALUES (1, '00', '测试县', 'county')");
    const unit = async (code: string, name: string, kind: string, portal = false) =>
      (await db.query('INSERT INTO units (code, name, kind, jurisdiction_id, scope, receives_portal) VALUES ($1, $2, $3, 1, $4, $5) RETURNING id',
        [code, name, kind, 'county', portal])).rows[0].id as number;
    const bureau = await unit('bureau', '测试县公安局', 'bureau');
    const petition = await unit('petition', '信访科', 'petition_office');
    const station = await unit('east', '城东派出所', 'station');
    await unit('command', '指挥中心', 'command_centre', true);
    const hash = await hashPassword(PASSWORD);
    const staff = async (username: string, name: string, unitId: number, roles: string[]) =>
      (await db.query('INSERT INTO staff (username, display_name, unit_id, roles, password_hash) VALUES ($1, $2, $3, $4, $5) RETURNING id',
        [username, name, unitId, roles, hash])).rows[0].id as number;
    chiefId = await staff('chief', '陈局长', bureau, ['leader']);
    await staff('xinfang', '邓干事', petition, ['clerk']);
    await staff('east_officer', '张警官', station, ['officer']);
    await db.query(`INSERT INTO reception_days (jurisdiction_id, leader_id, day, starts_at, ends_at, slot_minutes, place, topics, created_by, created_at)
                    VALUES (1, $1, $2, '09:00', '11:00', 30, '县公安局一楼信访接待室', '治安、户政', $1, now())`, [chiefId, tomorrow()]);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  }, 60_000);

  it('a citizen books a slot on a phone; the office sees it; the leader records the meeting and registers a matter he owns', async () => {
    let code = '';
    await journey('book', PHONE, async (page) => {
      await page.goto(`${base}/reception`);
      const day = page.getByTestId('reception-day').first();
      await day.locator('.ant-radio-button-wrapper').nth(1).click(); // the second slot, 09:30 in China
      await day.locator('input[id$="_name"]').fill('王秀兰');
      await day.locator('input[id$="_phone"]').fill('13912345678');
      await day.locator('textarea[id$="_subject"]').fill('小区旁工地夜间施工扰民，多次反映未解决');
      await day.getByRole('button', { name: /预\s?约/ }).click();
      code = await page.getByTestId('booking-code').innerText();
      expect(code).toMatch(/^JF[0-9A-Z]{8}/);
      // Nothing overflows the phone's width.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    });
    code = code.slice(0, 10);
    const { rows } = await db.query("SELECT slot_no, status FROM reception_bookings WHERE code = $1", [code]);
    expect(rows).toEqual([{ slot_no: 1, status: 'booked' }]);
    // The text message goes out through the outbox (the recording gateway writes it to sms-outbox.jsonl).
    const outbox = path.join(server.dataDir, 'sms-outbox.jsonl');
    await expect.poll(() => (fs.existsSync(outbox) ? fs.readFileSync(outbox, 'utf8') : ''), { timeout: 20_000 }).toContain(code);

    await journey('office', DESKTOP, async (page) => {
      await logInToConsole(page, base, 'xinfang', PASSWORD);
      await page.goto(`${base}/console/reception`);
      await page.getByTestId('reception-days').getByText(tomorrow()).click();
      const bookings = page.getByTestId('reception-bookings');
      await expect.poll(() => bookings.innerText(), SLOW).toContain('王*兰 139****5678');
      expect(await bookings.innerText()).not.toContain('13912345678');
    });

    await journey('leader', DESKTOP, async (page) => {
      await logInToConsole(page, base, 'chief', PASSWORD);
      await page.goto(`${base}/console/reception`);
      await page.getByTestId('reception-days').getByText(tomorrow()).click();
      const row = page.getByTestId('reception-bookings').locator('tr', { hasText: '王*兰' });
      await row.getByRole('button', { name: '记录接访' }).click();
      await page.locator('#meeting_attendees').fill('王秀兰本人');
      await page.locator('#meeting_decision').fill('由城东派出所三日内核查处理，并向来访人反馈');
      await page.locator('.ant-modal-footer').getByRole('button', { name: /确\s?定|OK/ }).click();
      await row.getByRole('button', { name: '登记事项' }).click();
      await page.locator('.ant-modal-footer').getByRole('button', { name: /确\s?定|OK/ }).click();
      const link = row.locator('a[href^="/console/matters/"]');
      await link.waitFor();
      await link.click();
      await expect.poll(() => page.locator('.ant-descriptions').first().innerText(), SLOW).toContain('陈局长');
    });
    const { rows: matters } = await db.query(
      `SELECT m.channel, m.state, m.first_officer_id, m.handler_officer_id FROM reception_matters rm
         JOIN matters m ON m.jurisdiction_id = rm.jurisdiction_id AND m.id = rm.matter_id`);
    expect(matters).toEqual([{ channel: 'reception', state: 'handling', first_officer_id: chiefId, handler_officer_id: chiefId }]);
  });

  it('a proposal is registered, replied with class B by its lead unit, and its card shows the class and the promise', async () => {
    await journey('proposal', DESKTOP, async (page) => {
      await logInToConsole(page, base, 'xinfang', PASSWORD);
      await page.goto(`${base}/console/proposals`);
      await button(page, '登记交办').click();
      await page.locator('#register_session').fill('县十八届人大五次会议');
      await page.locator('#register_number').fill('12');
      await page.locator('#register_title').fill('关于加强校园周边交通秩序管理的建议');
      await page.locator('#register_content').fill('上下学高峰时段学校门口车辆乱停、人车混行，建议增派警力、设置临时停车区。');
      await page.locator('#register_proposer_name').fill('李建国');
      await page.locator('#register_proposer_phone').fill('13907301234');
      await choose(page, 'register_leadUnitId', '城东派出所');
      await page.locator('.ant-modal-footer').getByRole('button', { name: /确\s?定|OK/ }).click();
      await expect.poll(() => page.getByTestId('proposal-list').innerText(), SLOW).toContain('关于加强校园周边交通秩序管理的建议');
    });
    const { rows } = await db.query("SELECT m.id, m.version FROM proposals p JOIN matters m ON m.id = p.matter_id WHERE p.number = 12");
    await staffPost('east_officer', `/api/v1/staff/matters/${rows[0].id}/accept`, { version: rows[0].version });

    await journey('reply', DESKTOP, async (page) => {
      await logInToConsole(page, base, 'east_officer', PASSWORD);
      await page.goto(`${base}/console/matters/${rows[0].id}`);
      const card = page.getByTestId('proposal-card');
      await card.getByRole('button', { name: '分类答复' }).click();
      await choose(page, 'proposal_replyClass', 'B 类');
      await page.locator('#proposal_text').fill('已在校门口设置临时停车区，并安排上下学时段护学岗。');
      await page.locator('#proposal_commitment').fill('协调交通部门施划限时停车位');
      const date = page.locator('#proposal_commitmentDue');
      await date.click();
      await date.fill('2030-06-30');
      await date.press('Enter');
      await page.locator('.ant-modal-footer').getByRole('button', { name: /确\s?定|OK/ }).click();
      await expect.poll(() => card.getByTestId('reply-class').first().innerText(), SLOW).toBe('B 类：正在解决或列入计划');
      expect(await card.innerText()).toContain('承诺事项：协调交通部门施划限时停车位（2030-06-30 前）');
    });
    expect((await db.query('SELECT state FROM matters WHERE id = $1', [rows[0].id])).rows[0].state).toBe('closed');
  });
});
