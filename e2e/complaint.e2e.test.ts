/**
 * A complaint about an officer that the officer cannot see (issue 4; decision 0015): a citizen on a phone
 * complains about a named officer of 东城派出所, choosing the station's own area; it goes to the supervision office,
 * which finds it on 投诉举报 and links the officer; that officer logs in and finds it neither on the workbench nor in
 * the list, the matter page says 不存在 and the API answers 404; the station's leader likewise; the supervision office
 * answers the citizen and closes it, and the officer's record counts it.
 * Same approach as console.e2e.test.ts: the real server process on its own data, Debian's Chromium.
 */
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../server/platform/auth/passwords.js';
import { JOURNEY_OPTIONS, journeys, launchBrowser, logInToConsole, skipWithoutBrowser, startServer, type RunningServer } from './browser-harness.js';

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 375, height: 740 };
const PASSWORD = 'Complaint-e2e-2026!';
const SLOW = { timeout: 15_000 };

const skip = skipWithoutBrowser('complaint');

let server: RunningServer;
let base: string;
let db: pg.Client;
let browser: Browser;
const { journey, snapshot } = journeys('complaint', () => browser, () => server.output());

const logIn = (page: Page, username: string) => logInToConsole(page, base, username, PASSWORD);
const button = (page: Page, text: string) => page.getByRole('button', { name: new RegExp(`^${[...text].join('\\s?')}$`) });
const stateTag = (page: Page) => page.getByTestId('state').first().innerText();

/** Picks an option of the AntD Select in the form item holding `#id`, and waits until the select shows it. */
async function choose(page: Page, id: string, text: string) {
  const select = page.locator(`.ant-form-item:has(#${id}) .ant-select`);
  await expect.poll(async () => {
    if (!(await select.innerText()).includes(text)) {
      await select.click();
      await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: text }).click({ timeout: 5_000 }).catch(() => undefined);
    }
    return select.innerText();
  }, SLOW).toContain(text);
}

/** What a recused member of staff finds: not on the workbench, not in the list, 不存在 on the page, 404 from the API. */
async function cannotSee(page: Page, username: string, caseNo: string, id: number) {
  await logIn(page, username);
  await page.getByTestId('tab-toAccept').waitFor();
  await page.waitForLoadState('networkidle');
  expect(await page.locator('main, .ant-layout-content').first().innerText()).not.toContain(caseNo);
  await page.goto(`${base}/console/matters`);
  await page.waitForLoadState('networkidle');
  await expect.poll(() => page.locator('.ant-table').first().isVisible(), SLOW).toBe(true);
  expect(await page.locator('.ant-layout-content').innerText()).not.toContain(caseNo);
  await page.goto(`${base}/console/matters/${id}`);
  await expect.poll(() => page.locator('.ant-result-title').innerText(), SLOW).toBe('事项不存在，或您无权查看');
  const res = await page.request.get(`${base}/api/v1/staff/matters/${id}`);
  expect(res.status()).toBe(404);
  expect((await res.json()).error.code).toBe('MATTER_NOT_FOUND');
}

describe.skipIf(skip)('a complaint about an officer, in a browser', JOURNEY_OPTIONS, () => {
  beforeAll(async () => {
    server = await startServer('complaint');
    ({ base, db } = server);
    await db.query("INSERT INTO jurisdictions (id, code, name, kind) VALUES (1, '00', '测试县', 'county'), (2, '01', '东城派出所辖区', 'station')");
    const unit = async (code: string, name: string, kind: string, jurisdiction: number, scope: string, portal: boolean, parent: number | null) =>
      (await db.query('INSERT INTO units (code, name, kind, jurisdiction_id, scope, receives_portal, parent_id) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id',
        [code, name, kind, jurisdiction, scope, portal, parent])).rows[0].id as number;
    const bureau = await unit('bureau', '测试县公安局', 'bureau', 1, 'county', false, null);
    await unit('command', '指挥中心', 'command_centre', 1, 'county', true, bureau);
    const supervision = await unit('supervision', '督察大队', 'supervision_office', 1, 'county', false, bureau);
    const station = await unit('east', '东城派出所', 'station', 2, 'jurisdiction', false, bureau);
    const hash = await hashPassword(PASSWORD);
    for (const [username, name, unitId, roles, badge] of [
      ['ducha', '钱督察', supervision, ['supervisor', 'officer'], '009001'],
      ['east1', '赵卫国', station, ['officer'], '012345'],
      ['eastlead', '孙所长', station, ['unit_leader', 'officer'], '012300'],
    ] as const) {
      await db.query('INSERT INTO staff (username, display_name, badge_no, unit_id, roles, password_hash) VALUES ($1, $2, $3, $4, $5, $6)',
        [username, name, badge, unitId, roles, hash]);
    }
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  }, 60_000);

  it('the supervision office links the named officer; neither they nor their station leader can see it; the office answers and closes', async () => {
    let caseNo = '';
    let id = 0;

    await journey('citizen-complains', PHONE, async (page) => {
      await page.goto(`${base}/submit`);
      await choose(page, 'kind', '投诉');
      await page.getByTestId('about-officer').click();
      await expect.poll(() => page.getByTestId('conduct-notice').innerText()).toContain('督察大队');
      await page.locator('#content').fill('昨天在东城派出所办理居住证，民警态度恶劣，还当众呵斥我，请求处理。');
      await choose(page, 'jurisdictionCode', '东城派出所辖区');
      await page.locator('#namedOfficer').fill('东城派出所 赵警官 警号012345');
      await page.locator('#contact_name').fill('李四');
      await page.locator('#contact_phone').fill('13800001234');
      // The form fits a 375-px phone: nothing wider than the screen.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await page.getByRole('button', { name: /提\s?交/ }).click();
      const trackingCode = (await page.getByTestId('tracking-code').innerText({ timeout: 15_000 })).trim();
      const { rows } = await db.query('SELECT m.id, m.case_no, u.kind FROM matters m JOIN units u ON u.id = m.handler_unit_id WHERE m.tracking_code = $1',
        [trackingCode.replace(/-/g, '')]);
      expect(rows[0].kind).toBe('supervision_office');
      ({ case_no: caseNo } = rows[0]);
      id = Number(rows[0].id);
      await snapshot(page, 'submitted-375');
    });

    await journey('supervision-links', DESKTOP, async (page) => {
      await logIn(page, 'ducha');
      await page.getByRole('menuitem', { name: '投诉举报' }).click();
      await page.waitForURL(/\/console\/complaints$/);
      const row = page.getByTestId('conduct-list').locator('tbody tr.ant-table-row', { hasText: caseNo });
      await expect.poll(() => row.innerText(), SLOW).toContain('东城派出所 赵警官 警号012345');
      await row.getByRole('link', { name: caseNo }).click();
      await page.waitForURL(new RegExp(`/console/matters/${id}$`));
      const card = page.getByTestId('conduct-card');
      await expect.poll(() => card.innerText(), SLOW).toContain('尚未关联涉及民警');
      await card.getByTestId('link-officer').click();
      await page.keyboard.type('赵卫国');
      await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: '赵卫国' }).click();
      await expect.poll(() => card.getByTestId('concerned-officers').innerText(), SLOW).toContain('东城派出所');
      await expect.poll(() => page.getByTestId('timeline').innerText()).toContain('关联涉及民警');
      await snapshot(page, 'linked-1280');
    });

    await journey('officer-cannot-see', PHONE, async (page) => cannotSee(page, 'east1', caseNo, id));
    await journey('leader-cannot-see', DESKTOP, async (page) => cannotSee(page, 'eastlead', caseNo, id));

    await journey('supervision-answers', DESKTOP, async (page) => {
      await logIn(page, 'ducha');
      await page.goto(`${base}/console/matters/${id}`);
      await expect.poll(() => stateTag(page), SLOW).toBe('待签收');
      await button(page, '签收').click();
      await expect.poll(() => stateTag(page)).toBe('办理中');
      await button(page, '答复').click();
      await page.locator('.ant-modal #text').fill('经督察大队调查核实，已对该民警批评教育并责令向您道歉。');
      await page.locator('.ant-modal').getByText('答复并办结').click();
      await button(page, '确定').click();
      await expect.poll(() => stateTag(page), SLOW).toBe('已办结');
      // Closed with a finding: the officer's record counts it as sustained.
      const card = page.getByTestId('conduct-card');
      await card.getByRole('button', { name: /^属\s?实$/ }).click();
      await expect.poll(() => card.getByTestId('concerned-officers').innerText(), SLOW).toMatch(/属实/);
      await page.goto(`${base}/console/complaints`);
      const record = page.getByTestId('officer-records').locator('tbody tr.ant-table-row', { hasText: '赵卫国' });
      await expect.poll(async () => (await record.locator('td').allInnerTexts()).map((t) => t.trim()), SLOW)
        .toEqual(['赵卫国（012345）', '东城派出所', '1', '1', '0', '0']);
      await snapshot(page, 'closed-1280');
    });
  });
});
