/**
 * 系统管理 in a real browser: the administrator opens the 系统管理 submenu, creates a staff account on
 * 人员账号 and the new person logs in on a phone-sized screen; the administrator changes a kind's time
 * limit on 事项时限 and sees it saved (also after a reload); the units page fits a 375 px screen, its
 * tables scrolling sideways. Same approach as console.e2e.test.ts.
 */
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../server/platform/auth/passwords.js';
import { JOURNEY_OPTIONS, journeys, launchBrowser, logInToConsole, skipWithoutBrowser, startServer, type RunningServer } from './browser-harness.js';

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 375, height: 740 };
const PASSWORD = 'Admin-e2e-2024!';

const skip = skipWithoutBrowser('admin');

let server: RunningServer;
let base: string;
let db: pg.Client;
let browser: Browser;
const { journey, snapshot } = journeys('admin', () => browser, () => server.output());

const logIn = (page: Page, username: string, password = PASSWORD) => logInToConsole(page, base, username, password);

const button = (page: Page, text: string) => page.getByRole('button', { name: new RegExp(`^${[...text].join('\\s?')}$`) });

/** Picks an option of the AntD Select inside the form item holding `#id`. */
async function choose(page: Page, id: string, option: string) {
  await page.locator(`.ant-form-item:has(#${id}) .ant-select`).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: new RegExp(`^${option}$`) }).click();
}

describe.skipIf(skip)('administration in a browser', JOURNEY_OPTIONS, () => {
  beforeAll(async () => {
    server = await startServer('admin');
    ({ base, db } = server);
    await db.query("INSERT INTO jurisdictions (id, code, name, kind) VALUES (1, '00', '测试县', 'county'), (2, '01', '东城派出所辖区', 'station')");
    const unit = async (code: string, name: string, kind: string, jurisdiction: number, scope: string, portal: boolean) =>
      (await db.query('INSERT INTO units (code, name, kind, jurisdiction_id, scope, receives_portal) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
        [code, name, kind, jurisdiction, scope, portal])).rows[0].id as number;
    const bureau = await unit('bureau', '测试县公安局', 'bureau', 1, 'county', false);
    await unit('command', '指挥中心', 'command_centre', 1, 'county', true);
    await unit('east', '东城派出所', 'station', 2, 'jurisdiction', false);
    await db.query('INSERT INTO staff (username, display_name, unit_id, roles, password_hash) VALUES ($1, $2, $3, $4, $5)',
      ['admin1', '孙管理', bureau, ['admin'], await hashPassword(PASSWORD)]);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  }, 60_000);

  it('the administrator creates a staff account through the 系统管理 menu, and the new person can log in', async () => {
    await journey('create-staff', DESKTOP, async (page) => {
      await logIn(page, 'admin1');
      const sider = page.getByTestId('console-sider');
      await sider.getByText('系统管理').click();
      await sider.getByText('人员账号').click();
      await page.waitForURL(/\/console\/admin\/staff$/);
      await page.locator('[data-testid="staff-table"] .ant-table-row', { hasText: 'admin1' }).waitFor();

      await page.getByTestId('staff-create').click();
      await page.locator('#staff_username').fill('newcop');
      await page.locator('#staff_name').fill('周新警');
      await page.locator('#staff_badgeNo').fill('010203');
      await choose(page, 'staff_unitId', '东城派出所');
      await choose(page, 'staff_roles', '民警');
      await page.keyboard.press('Escape');
      // A weak password is refused next to its field, before anything is sent.
      await page.locator('#staff_password').fill('weakpass');
      await page.getByTestId('staff-save').click();
      await expect.poll(() => page.locator('.ant-form-item:has(#staff_password) .ant-form-item-explain').innerText()).toContain('至少 8 位');
      await page.locator('#staff_password').fill('Newcop#2026');
      await page.getByTestId('staff-save').click();
      await expect.poll(() => page.locator('.ant-message').innerText()).toContain('已创建人员 周新警');
      const row = page.locator('[data-testid="staff-table"] .ant-table-row', { hasText: 'newcop' });
      await row.waitFor();
      expect(await row.innerText()).toMatch(/周新警[\s\S]*010203[\s\S]*东城派出所[\s\S]*民警/);

      // The search finds the new person by badge number.
      await page.getByTestId('staff-search').locator('input').fill('010203');
      await page.getByTestId('staff-search').locator('input').press('Enter');
      await expect.poll(() => page.locator('[data-testid="staff-table"] .ant-table-row').count()).toBe(1);
      await snapshot(page, 'staff-1280');
    });
    const { rows } = await db.query("SELECT action FROM audit_events WHERE action = 'staff.created'");
    expect(rows).toHaveLength(1);

    await journey('new-person', PHONE, async (page) => {
      await logIn(page, 'newcop', 'Newcop#2026');
      expect(await page.getByTestId('console-user').innerText()).toMatch(/周新警[\s\S]*东城派出所[\s\S]*民警/);
      // No 系统管理 for an officer.
      await page.getByTestId('menu-toggle').click();
      await page.getByTestId('console-sider').getByText('工作台').waitFor();
      expect(await page.getByTestId('console-sider').innerText()).not.toContain('系统管理');
    });

    // A forgotten password: the administrator resets it and reads the temporary one, shown once.
    let temporary = '';
    await journey('reset-password', DESKTOP, async (page) => {
      await logIn(page, 'admin1');
      await page.goto(`${base}/console/admin/staff`);
      await page.getByTestId('staff-reset-newcop').click();
      await page.getByTestId('staff-reset-confirm').click();
      temporary = (await page.getByTestId('temporary-password').innerText()).trim();
      expect(temporary).toMatch(/^\S{12}$/);
      await page.waitForTimeout(600); // let the closing modal's motion settle for the picture
      await snapshot(page, 'temporary-password-1280');
      await button(page, '确定').click();
      await page.getByTestId('temporary-password').waitFor({ state: 'detached' });
    });
    await journey('new-person-again', PHONE, async (page) => {
      await logIn(page, 'newcop', temporary);
    });
  });

  it('the administrator changes a kind’s time limit and sees it saved; the page says it applies to new matters', async () => {
    await journey('kinds', DESKTOP, async (page) => {
      await logIn(page, 'admin1');
      await page.goto(`${base}/console/admin/kinds`);
      expect(await page.getByTestId('kinds-note').innerText()).toContain('只对此后接收的事项生效');
      const help = page.getByTestId('kind-help');
      await help.waitFor();
      const amount = page.locator('#help_stages_1_amount');
      expect(await amount.inputValue()).toBe('10');
      await amount.fill('12');
      await page.getByTestId('kind-save-help').click();
      await expect.poll(() => page.locator('.ant-message').innerText()).toContain('已保存“求助”');
      await expect.poll(() => help.innerText()).toContain('版本 2');
      await page.reload();
      await page.getByTestId('kind-help').waitFor();
      expect(await page.locator('#help_stages_1_amount').inputValue()).toBe('12');
      await snapshot(page, 'kinds-1280');
    });
    const { rows } = await db.query("SELECT stages FROM matter_kinds WHERE code = 'help'");
    expect(rows[0].stages[1]).toMatchObject({ stage: 'handling', amount: 12, unit: 'working_day' });
  });

  it('the units page fits a phone: its tables scroll sideways, the page does not', async () => {
    await journey('units-375', PHONE, async (page) => {
      await logIn(page, 'admin1');
      await page.goto(`${base}/console/admin/units`);
      await page.locator('[data-testid="units-table"] .ant-table-row', { hasText: '东城派出所' }).waitFor();
      expect(await page.locator('.ant-menu-submenu-popup:visible').count()).toBe(0); // no menu over the page
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      const table = await page.locator('[data-testid="units-table"] .ant-table-content, [data-testid="units-table"] .ant-table-body').first()
        .evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
      expect(table.scroll).toBeGreaterThan(table.client);
      await snapshot(page, 'units-375');
    });
  });
});
