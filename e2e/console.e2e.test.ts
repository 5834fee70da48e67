/**
 * The staff console in a real browser, in the whole journey: a citizen on a phone submits with
 * a photo; a call-taker logs in, sees it on 待签收 with its count, opens it (contact masked, photo
 * listed), reveals the contact with a reason (audited on the timeline) and transfers it to a station;
 * the station officer, on a phone-sized screen, accepts the transfer, replies and closes; an officer
 * of another station cannot open it; the citizen rates it 满意 and the supervisor's dashboard counts
 * that rating for the station. On the matter list, a search in
 * simplified characters finds a matter written in traditional ones, a state filter narrows the list and
 * survives a reload and the back button, and the export button downloads that list as .xlsx; a unit
 * answers a supervision order from its workbench's 督办给我的 tab.
 * Same approach as portal.e2e.test.ts: the real server process on its own data, Debian's Chromium.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../server/platform/auth/passwords.js';
import { JOURNEY_OPTIONS, journeys, launchBrowser, logInToConsole, skipWithoutBrowser, staffApi, startServer, type RunningServer } from './browser-harness.js';

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 375, height: 740 };
const PASSWORD = 'Console-e2e-2024!';

const skip = skipWithoutBrowser('console');

let server: RunningServer;
let base: string;
let db: pg.Client;
let browser: Browser;
const { journey, snapshot } = journeys('console', () => browser, () => server.output());

const logIn = (page: Page, username: string, password = PASSWORD) => logInToConsole(page, base, username, password);

async function submitFromPortal(content: string) {
  const res = await fetch(`${base}/api/v1/portal/matters`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify({ kind: 'help', content, contact: { name: '周六', phone: '13700002222' } }),
  });
  expect(res.status).toBe(201);
  const { caseNo } = await res.json() as { caseNo: string };
  const { rows } = await db.query('SELECT id, version FROM matters WHERE case_no = $1', [caseNo]);
  return { caseNo, id: rows[0].id as number, version: rows[0].version as number };
}

/** The list and the matter page load over the network; give them longer than expect.poll's default second. */
const SLOW = { timeout: 15_000 };

/** A real 1×1 PNG: the browser and the server both read its first bytes. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/** Picks an option of the AntD Select in the form item holding `#id`, and waits until the select shows it. */
async function choose(page: Page, scope: string, id: string, text: string) {
  const select = page.locator(`${scope} .ant-form-item:has(#${id}) .ant-select`);
  await expect.poll(async () => {
    if (!(await select.innerText()).includes(text)) {
      await select.click();
      await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: text }).click({ timeout: 5_000 }).catch(() => undefined);
    }
    return select.innerText();
  }, SLOW).toContain(text);
}

/** Types a date and time into an AntD DatePicker with showTime and confirms it, until the input holds it. */
async function pickDateTime(page: Page, selector: string, value: string) {
  const input = page.locator(selector);
  const dropdown = page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)');
  await expect.poll(async () => {
    if (!(await dropdown.isVisible())) await input.click();
    await input.fill(value);
    await dropdown.locator('.ant-picker-ok button').click({ timeout: 3_000 }).catch(() => undefined); // confirms the typed value
    await dropdown.waitFor({ state: 'hidden', timeout: 3_000 }).catch(() => undefined);
    return (await dropdown.isVisible()) ? '' : input.inputValue();
  }, SLOW).toBe(value);
}

const button = (page: Page, text: string) => page.getByRole('button', { name: new RegExp(`^${[...text].join('\\s?')}$`) });
const stateTag = (page: Page) => page.getByTestId('state').first().innerText();

describe.skipIf(skip)('the staff console in a browser', JOURNEY_OPTIONS, () => {
  beforeAll(async () => {
    server = await startServer('console');
    ({ base, db } = server);
    await db.query("INSERT INTO jurisdictions (id, code, name, kind) VALUES (1, '00', '测试县', 'county'), (2, '01', '东城派出所辖区', 'station')");
    const unit = async (code: string, name: string, kind: string, jurisdiction: number, scope: string, portal: boolean) =>
      (await db.query('INSERT INTO units (code, name, kind, jurisdiction_id, scope, receives_portal) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
        [code, name, kind, jurisdiction, scope, portal])).rows[0].id as number;
    const command = await unit('command', '指挥中心', 'command_centre', 1, 'county', true);
    const station = await unit('east', '东城派出所', 'station', 2, 'jurisdiction', false);
    await db.query("INSERT INTO jurisdictions (id, code, name, kind) VALUES (3, '02', '西城派出所辖区', 'station')");
    const west = await unit('west', '西城派出所', 'station', 3, 'jurisdiction', false);
    const hash = await hashPassword(PASSWORD);
    await db.query(`INSERT INTO staff (username, display_name, unit_id, roles, password_hash)
      VALUES ($1, $2, $3, $4, $5), ($6, $7, $8, $9, $5), ($10, $11, $3, $12, $5), ($13, $14, $3, $15, $5), ($16, $17, $18, $9, $5)`,
      ['taker', '王接警', command, ['call_taker'], hash, 'east1', '赵民警', station, ['officer'],
        'sup', '钱督察', ['supervisor'], 'admin1', '孙管理', ['admin'], 'west1', '钱民警', west]);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  }, 60_000);

  it('a citizen on a phone submits with a photo; the call-taker reveals (audited) and transfers; the station officer accepts, replies and closes; another station cannot open it; the citizen rates it and the dashboard counts it', async () => {
    let trackingCode = '';
    let caseNo = '';
    let matterPath = '';

    await journey('citizen-submits', PHONE, async (page) => {
      await page.goto(`${base}/submit`);
      await choose(page, '', 'kind', '求助');
      await page.locator('#content').fill('小区门口的路灯坏了一个星期，晚上很黑，老人出门不方便。');
      await page.locator('#location_address').fill('青山镇人民路 12 号');
      await page.locator('#contact_name').fill('李四');
      await page.locator('#contact_phone').fill('13800001234');
      await page.locator('input[type=file]').first().setInputFiles([{ name: '路灯.png', mimeType: 'image/png', buffer: PNG }]);
      await expect.poll(() => page.locator('.ant-upload-list-item').count()).toBe(1);
      await page.getByRole('button', { name: /提\s?交/ }).click();
      trackingCode = (await page.getByTestId('tracking-code').innerText({ timeout: 15_000 })).trim();
      const { rows } = await db.query('SELECT case_no FROM matters WHERE tracking_code = $1', [trackingCode.replace(/-/g, '')]);
      caseNo = rows[0].case_no as string;
    });

    await journey('call-taker', DESKTOP, async (page) => {
      // Not logged in: the console sends the user to the login page; a wrong password is refused in Chinese.
      await page.goto(`${base}/console`);
      await page.waitForURL(/\/console\/login$/);
      await page.locator('#username').fill('taker');
      await page.locator('#password').fill('wrong-password');
      await page.getByRole('button', { name: /登\s?录/ }).click();
      await expect.poll(() => page.locator('.ant-message').innerText()).toContain('用户名或密码错误');

      await logIn(page, 'taker');
      expect(await page.getByTestId('console-user').innerText()).toMatch(/王接警[\s\S]*指挥中心[\s\S]*接警员/);
      await expect.poll(() => page.getByTestId('tab-toAccept').innerText()).toMatch(/待签收\s*1/);
      await page.getByTestId('tab-toAccept').click();
      await page.locator('.ant-table-row', { hasText: caseNo }).waitFor();
      await snapshot(page, 'workbench-1280');

      // The session survives a reload (GET /staff/session).
      await page.reload();
      await page.locator('.ant-table-row', { hasText: caseNo }).click();
      await page.waitForURL(/\/console\/matters\/\d+$/);
      matterPath = new URL(page.url()).pathname;
      await expect.poll(() => page.getByTestId('case-no').innerText()).toBe(caseNo);
      expect(await stateTag(page)).toBe('待签收');
      await expect.poll(() => page.getByTestId('attachments-card').innerText(), SLOW).toContain('路灯.png');
      expect(await page.getByTestId('contact').innerText()).toContain('138****1234');
      expect(await page.getByTestId('contact').innerText()).not.toContain('13800001234');

      await button(page, '查看完整信息').click();
      await page.locator('.ant-modal #reason').fill('回电核实路灯位置');
      await button(page, '确定').click();
      await expect.poll(() => page.getByTestId('revealed').innerText()).toContain('13800001234');
      const revealed = await db.query("SELECT reason FROM matter_events WHERE type = 'personalData.revealed'");
      expect(revealed.rows.map((r) => r.reason)).toContain('回电核实路灯位置');
      await page.locator('.ant-modal').getByRole('button', { name: /确\s?定/ }).click();
      await page.getByTestId('revealed').waitFor({ state: 'detached' });
      expect(await page.getByTestId('contact').innerText()).not.toContain('13800001234'); // not kept

      await button(page, '转办').click();
      await choose(page, '.ant-modal', 'toUnitId', '东城派出所');
      await page.locator('.ant-modal #reason').fill('属东城派出所辖区，请派员处理');
      await button(page, '确定').click();
      await expect.poll(() => stateTag(page)).toBe('转办待接收');
      await expect.poll(() => page.getByTestId('timeline').innerText()).toContain('查看完整个人信息');
      await snapshot(page, 'detail-1280');
      await page.getByRole('button', { name: /退\s?出/ }).click();
      await page.waitForURL(/\/console\/login$/);
    });

    await journey('station-officer', PHONE, async (page) => {
      await logIn(page, 'east1');
      await expect.poll(() => page.getByTestId('tab-toAccept').innerText()).toMatch(/待签收\s*1/);
      await snapshot(page, 'workbench-375');
      // On a phone the menu is folded away behind the header's button; it lists only what an officer may use.
      expect(await page.getByTestId('console-sider').boundingBox().then((b) => b?.width ?? 0)).toBe(0);
      await page.getByTestId('menu-toggle').click();
      await expect.poll(() => page.getByTestId('console-sider').locator('.ant-menu-item').allInnerTexts()).toEqual(['工作台', '事项列表', '登记事项']);
      await snapshot(page, 'menu-375');
      await page.getByTestId('console-sider').getByText('工作台').click();
      await page.goto(`${base}${matterPath}`);
      await expect.poll(() => stateTag(page)).toBe('转办待接收');
      await button(page, '接收转办').click();
      await expect.poll(() => stateTag(page)).toBe('办理中');
      await button(page, '答复').click();
      await page.locator('.ant-modal #text').fill('路灯已于今日修复，感谢您的反映。');
      await page.locator('.ant-modal').getByText('答复并办结').click();
      await button(page, '确定').click();
      await expect.poll(() => stateTag(page)).toBe('已办结');
      await snapshot(page, 'detail-375');
    });

    await journey('other-station', DESKTOP, async (page) => {
      await logIn(page, 'west1');
      await page.goto(`${base}${matterPath}`);
      await expect.poll(() => page.locator('.ant-result-title').innerText(), SLOW).toBe('事项不存在，或您无权查看');
      const res = await page.request.get(`${base}/api/v1/staff${matterPath.replace('/console', '')}`);
      expect(res.status()).toBe(404);
    });

    await journey('citizen-rates', PHONE, async (page) => {
      await page.goto(`${base}/track/${encodeURIComponent(trackingCode)}`);
      await expect.poll(() => page.getByTestId('status').innerText(), SLOW).toBe('已办结');
      const card = page.getByTestId('rating-card');
      await card.getByText('满意', { exact: true }).click();
      await card.locator('textarea').fill('修得很快，谢谢。');
      await card.getByRole('button', { name: '提交评价' }).click();
      await expect.poll(() => page.getByTestId('rating-value').innerText()).toBe('满意');
      await snapshot(page, 'rated-375');
    });

    await journey('dashboard', DESKTOP, async (page) => {
      await logIn(page, 'sup');
      await page.getByRole('menuitem', { name: '统计分析' }).click();
      await page.waitForURL(/\/console\/dashboard$/);
      await page.getByTestId('switch-satisfactionByUnit').getByText('表格').click();
      const row = page.getByTestId('table-satisfactionByUnit').locator('tbody tr.ant-table-row', { hasText: '东城派出所' });
      // 满意 1, 基本满意 0, 不满意 0, all 1, rate 100%.
      await expect.poll(async () => (await row.locator('td').allInnerTexts()).slice(1).map((t) => t.trim()), SLOW).toEqual(['1', '0', '0', '1', '100.0%']);
      await snapshot(page, 'dashboard-1280');
    });
  });

  it('call-taker registers a phone matter and lands on its detail; a supervisor supervises it; the admin sees a missing holiday year', async () => {
    await db.query('INSERT INTO calendar_alerts (year) VALUES (2099) ON CONFLICT DO NOTHING');
    let matterPath = '';
    await journey('register', DESKTOP, async (page) => {
      await logIn(page, 'taker');
      await page.getByTestId('console-sider').getByText('登记事项').click();
      await page.waitForURL(/\/console\/register$/);
      // The server's rules are checked in the browser too: a bad phone number is refused next to its field.
      await choose(page, '', 'kind', '求助');
      await page.locator('#content').fill('来电称楼下有人长时间占用消防通道停车，请派员处理。');
      await page.locator('#location_address').fill('青山镇人民路 8 号');
      await page.locator('#contact_name').fill('周五');
      await page.locator('#contact_phone').fill('12345');
      await button(page, '登记').click();
      await expect.poll(() => page.locator('.ant-form-item:has(#contact_phone) .ant-form-item-explain').innerText()).toContain('请输入正确的手机号');
      await page.locator('#contact_phone').fill('13900005678');
      await page.locator('.ant-form-item:has(#contact_phone) .ant-form-item-explain-error').waitFor({ state: 'detached' });
      await page.waitForTimeout(600); // let AntD's motions (validation messages, table spinner) settle for the picture
      await snapshot(page, 'register-1280');
      await button(page, '登记').click();
      await page.waitForURL(/\/console\/matters\/\d+$/);
      matterPath = new URL(page.url()).pathname;
      await expect.poll(() => page.getByTestId('case-no').innerText()).toMatch(/\S/);
      expect(await page.getByTestId('contact').innerText()).toContain('139****5678');
    });
    const matterId = Number(matterPath.split('/').pop());
    const registered = await db.query('SELECT channel FROM matters WHERE id = $1', [matterId]);
    expect(registered.rows[0].channel).toBe('phone');

    await journey('supervisor', DESKTOP, async (page) => {
      await logIn(page, 'sup');
      await page.goto(`${base}${matterPath}`);
      await button(page, '督办').click();
      await page.locator('.ant-modal #instructions').fill('请于明日前反馈处理情况');
      await pickDateTime(page, '.ant-modal #dueAt', new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10) + ' 18:00');
      await page.locator('.ant-modal-footer .ant-btn-primary').click();
      await expect.poll(() => page.getByTestId('timeline').innerText()).toContain('请于明日前反馈处理情况');
      await page.getByTestId('console-sider').getByText('督办').click();
      await page.waitForURL(/\/console\/supervision$/);
      await expect.poll(() => page.getByTestId('supervision-orders').innerText()).toContain('请于明日前反馈处理情况');
      await page.waitForTimeout(600); // let AntD's motions (validation messages, table spinner) settle for the picture
      await snapshot(page, 'supervision-1280');
    });

    await journey('admin', DESKTOP, async (page) => {
      await logIn(page, 'admin1');
      await page.goto(`${base}/console/admin/calendar`);
      await expect.poll(() => page.getByTestId('calendar-alert-2099').innerText()).toContain('2099 年的节假日安排尚未加载');
      await page.locator('#year').fill('2098');
      await page.locator('#text').fill('这不是一份节假日安排通知，只是一些随便写的文字而已。');
      await button(page, '加载').click();
      await expect.poll(() => page.locator('.ant-form-item:has(#text) .ant-form-item-explain').innerText()).toMatch(/\S/);
      await page.waitForTimeout(600); // let AntD's motions (validation messages, table spinner) settle for the picture
      await snapshot(page, 'calendar-1280');
    });
  });

  it('the matter list searches across simplified and traditional, filters by state in the URL and exports it; a unit answers a supervision order', async () => {
    const traditional = await submitFromPortal('關於社區巡邏機制構建的建議，望採納。');
    const other = await submitFromPortal('建议在学校门口增设交通信号灯，方便学生过马路。');
    const taker = await staffApi(base, 'taker', PASSWORD);
    expect((await taker(`/api/v1/staff/matters/${other.id}/accept`, { version: other.version })).status).toBe(200);
    const supervisor = await staffApi(base, 'sup', PASSWORD);
    const dueAt = new Date(Date.now() + 3 * 86_400_000).toISOString();
    expect((await supervisor(`/api/v1/staff/matters/${other.id}/supervision-orders`, { instructions: '请三日内反馈信号灯设置意见', dueAt })).status).toBeLessThan(300);
    const rows = (page: Page) => page.getByTestId('matter-list').locator('.ant-table-row');

    await journey('matter-list', DESKTOP, async (page) => {
      await logIn(page, 'taker');
      await page.getByTestId('console-sider').getByText('事项列表').click();
      await page.waitForURL(/\/console\/matters$/);
      await rows(page).filter({ hasText: traditional.caseNo }).waitFor();

      // Typed in simplified, found in traditional; the search goes into the URL and survives a reload.
      await page.getByTestId('matter-search').locator('input').fill('构建');
      await page.getByTestId('matter-search').locator('input').press('Enter');
      await page.waitForURL((url) => url.searchParams.get('q') === '构建');
      await expect.poll(() => rows(page).allInnerTexts(), SLOW).toEqual([expect.stringContaining(traditional.caseNo)]);
      await page.reload();
      await expect.poll(() => rows(page).allInnerTexts(), SLOW).toEqual([expect.stringContaining(traditional.caseNo)]);
      expect(await page.getByTestId('matter-search').locator('input').inputValue()).toBe('构建');
      await snapshot(page, 'matter-list-search-1280');

      // A state filter narrows the list; the back button brings the previous list back.
      await button(page, '重置').click();
      await page.waitForURL(/\/console\/matters$/);
      await rows(page).filter({ hasText: other.caseNo }).waitFor();
      await choose(page, '', 'state', '办理中');
      await page.waitForURL((url) => url.searchParams.get('state') === 'handling');
      await expect.poll(async () => (await rows(page).allInnerTexts()).join('\n'), SLOW).not.toContain(traditional.caseNo);
      expect((await rows(page).allInnerTexts()).join('\n')).toContain(other.caseNo);
      const states = await page.getByTestId('matter-list').getByTestId('state').allInnerTexts();
      expect(new Set(states)).toEqual(new Set(['办理中']));
      const handling = await db.query("SELECT count(*)::int AS n FROM matters WHERE state = 'handling'");
      expect(await rows(page).count()).toBe(handling.rows[0].n);
      await snapshot(page, 'matter-list-1280');

      // The export fetches the .xlsx with exactly these filters and saves it under the server's file name.
      const [download, request] = await Promise.all([
        page.waitForEvent('download'), page.waitForRequest(/\/export\.xlsx/), page.getByTestId('export-link').click(),
      ]);
      expect(new URL(request.url()).pathname + new URL(request.url()).search).toBe('/api/v1/staff/matters/export.xlsx?state=handling');
      expect(download.suggestedFilename()).toMatch(/^事项列表-\d{8}\.xlsx$/);
      const file = fs.readFileSync((await download.path())!);
      expect(file.subarray(0, 2).toString()).toBe('PK');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(file as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0];
      expect((sheet.getRow(1).values as unknown[]).slice(1, 5)).toEqual(['编号', '类型', '渠道', '状态']);
      expect(sheet.rowCount - 1).toBe(handling.rows[0].n);
      const exported = Array.from({ length: sheet.rowCount - 1 }, (_, i) => sheet.getRow(i + 2).getCell(1).text);
      expect(exported).toContain(other.caseNo);
      expect(new Set(Array.from({ length: sheet.rowCount - 1 }, (_, i) => sheet.getRow(i + 2).getCell(4).text))).toEqual(new Set(['办理中']));

      await page.goBack();
      await page.waitForURL(/\/console\/matters$/);
      await rows(page).filter({ hasText: traditional.caseNo }).waitFor();
    });

    await journey('matter-list-phone', PHONE, async (page) => {
      await logIn(page, 'taker');
      await page.goto(`${base}/console/matters?q=${encodeURIComponent('構建')}`);
      await expect.poll(() => rows(page).allInnerTexts(), SLOW).toEqual([expect.stringContaining(traditional.caseNo)]);
      // On a phone the filters fold away behind a button, the search box stays.
      expect(await page.locator('#state').count()).toBe(0);
      await page.getByTestId('filter-toggle').click();
      await page.locator('.ant-form-item:has(#state) .ant-select').waitFor();
      await snapshot(page, 'matter-list-375');
    });

    await journey('answer-supervision', DESKTOP, async (page) => {
      await logIn(page, 'taker');
      const { rows: [mine] } = await db.query(
        `SELECT count(*)::int AS n FROM supervision_orders o JOIN staff s ON s.username = 'taker'
          WHERE o.status = 'open' AND o.to_unit_id = s.unit_id AND (o.to_officer_id IS NULL OR o.to_officer_id = s.id)`);
      expect(mine.n).toBeGreaterThan(0);
      await expect.poll(() => page.getByTestId('tab-supervision').innerText(), SLOW).toMatch(new RegExp(`督办给我的\\s*${mine.n}`));
      await page.getByTestId('tab-supervision').click();
      await page.getByTestId('my-supervision-orders').locator('.ant-table-row', { hasText: '请三日内反馈信号灯设置意见' }).click();
      await page.waitForURL(new RegExp(`/console/matters/${other.id}$`));
      const card = page.getByTestId('matter-supervision-orders');
      await expect.poll(() => card.innerText(), SLOW).toContain('待反馈');
      expect(await card.innerText()).toMatch(/钱督察[\s\S]*剩余 2天/);
      await card.getByRole('button', { name: /反馈督办/ }).click();
      // The answer is required: an empty one is refused next to its field.
      await page.locator('.ant-modal-footer .ant-btn-primary').click();
      await expect.poll(() => page.locator('.ant-modal .ant-form-item-explain').innerText(), SLOW).toContain('请填写反馈内容');
      await page.locator('.ant-modal #answer').fill('已与交警大队会商，下周安装信号灯。');
      await page.locator('.ant-modal-footer .ant-btn-primary').click();
      await expect.poll(() => card.innerText(), SLOW).toContain('已反馈');
      expect(await card.getByTestId('order-answer').innerText()).toBe('已与交警大队会商，下周安装信号灯。');
      expect(await card.getByRole('button', { name: /反馈督办/ }).count()).toBe(0);
      await expect.poll(() => page.getByTestId('timeline').innerText(), SLOW).toMatch(/反馈督办[\s\S]*已与交警大队会商/);
      await page.waitForTimeout(600); // let AntD's motions settle for the picture
      await snapshot(page, 'supervision-answered-1280');
    });
    const { rows: [answered] } = await db.query("SELECT status, answer FROM supervision_orders WHERE matter_id = $1", [other.id]);
    expect(answered).toEqual({ status: 'answered', answer: '已与交警大队会商，下周安装信号灯。' });

    await journey('supervisor-sees-answer', DESKTOP, async (page) => {
      await logIn(page, 'sup');
      await page.goto(`${base}/console/supervision`);
      await expect.poll(() => page.getByTestId('supervision-orders').innerText(), SLOW).toContain('已与交警大队会商，下周安装信号灯。');
    });
  });
});
