/**
 * The dashboard (统计分析) in a real browser, on the demo county: the bureau chief opens it from the
 * menu, the charts draw on canvas, a chart switches to its numbers as a table, and the .xlsx downloads
 * and holds the same totals; on a phone the statistic cards stack. ECharts is fetched only by the
 * dashboard, never by the portal or the login page.
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../server/db/seed/index.js';
import { JOURNEY_OPTIONS, journeys, launchBrowser, logInToConsole, skipWithoutBrowser, startServer, type RunningServer } from './browser-harness.js';

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 375, height: 740 };
const skip = skipWithoutBrowser('dashboard');

let server: RunningServer;
let base: string;
let browser: Browser;
const { journey, snapshot } = journeys('dashboard', () => browser, () => server.output());

const logIn = (page: Page, username: string, password = DEMO_PASSWORD) => logInToConsole(page, base, username, password);

/** The JavaScript files a page fetched. */
function scriptsOf(page: Page): Set<string> {
  const urls = new Set<string>();
  page.on('response', (res) => { if (res.url().endsWith('.js')) urls.add(new URL(res.url()).pathname); });
  return urls;
}

describe.skipIf(skip)('the dashboard in a browser', JOURNEY_OPTIONS, () => {
  beforeAll(async () => {
    server = await startServer('dashboard', { demo: true });
    base = server.base;
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  }, 60_000);

  it('a leader opens it from the menu, sees the charts, reads a table and downloads the .xlsx', async () => {
    const portalScripts = new Set<string>();
    await journey('portal-and-login', DESKTOP, async (page) => {
      const scripts = scriptsOf(page);
      await page.goto(`${base}/`);
      await page.waitForLoadState('networkidle');
      await page.goto(`${base}/console/login`);
      await page.locator('#username').waitFor();
      await page.waitForLoadState('networkidle');
      for (const url of scripts) portalScripts.add(url);
    });

    await journey('leader', DESKTOP, async (page) => {
      const scripts = scriptsOf(page);
      await logIn(page, 'juzhang_chen');
      await page.getByRole('menuitem', { name: '统计分析' }).click();
      await page.waitForURL(/\/console\/dashboard$/);
      await page.getByTestId('stat-received').waitFor();
      // Drawn on canvas by ECharts, which came in a chunk the portal and the login page never fetched.
      await page.locator('[data-testid="chart-volume"] canvas').first().waitFor();
      await page.locator('[data-testid="chart-onTime"] canvas').first().waitFor();
      await snapshot(page, 'desktop');
      const onlyHere = [...scripts].filter((url) => !portalScripts.has(url));
      expect(onlyHere.length).toBeGreaterThan(0);
      expect(portalScripts.size).toBeGreaterThan(0);

      const received = Number((await page.getByTestId('stat-received').locator('.ant-statistic-content-value').innerText()).replace(/\D/g, ''));
      expect(received).toBeGreaterThan(0); // the demo county receives matters every day

      // 图表 → 表格: the same numbers as rows; the daily table sums to the card.
      await page.getByTestId('switch-volume').getByText('表格').click();
      const table = page.getByTestId('table-volume');
      await table.waitFor();
      expect(await table.locator('thead').innerText()).toMatch(/日期[\s\S]*接收[\s\S]*办结/);
      const cells = await table.locator('tbody tr.ant-table-row td:nth-child(2)').allInnerTexts();
      expect(cells.length).toBe(30);
      expect(cells.reduce((n, text) => n + Number(text), 0)).toBe(received);
      await page.getByTestId('switch-onTime').getByText('表格').click();
      expect(await page.getByTestId('table-onTime').locator('tbody').innerText()).toMatch(/\d+(\.\d)?%/);

      // The export: a real .xlsx with Chinese sheet names and the same total.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()]);
      expect(download.suggestedFilename()).toMatch(/^统计分析-\d{8}-\d{8}\.xlsx$/);
      const file = await download.path();
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(fs.readFileSync(file) as unknown as ArrayBuffer);
      expect(workbook.worksheets.map((s) => s.name)).toContain('每日办理量');
      const totals = workbook.getWorksheet('概况')!;
      let fromXlsx: unknown;
      totals.eachRow((row) => { if (row.getCell(1).value === '接收事项数') fromXlsx = row.getCell(2).value; });
      expect(fromXlsx).toBe(received);
    });

    await journey('phone', PHONE, async (page) => {
      await logIn(page, 'chengguan_wang'); // a station's leader
      await page.goto(`${base}/console/dashboard`);
      await page.locator('[data-testid="chart-volume"] canvas').first().waitFor();
      // The statistic cards stack one above the other and nothing runs off the screen.
      const a = await page.getByTestId('stat-received').boundingBox();
      const b = await page.getByTestId('stat-closed').boundingBox();
      expect(b!.y).toBeGreaterThan(a!.y + a!.height - 1);
      expect(a!.width).toBeGreaterThan(300);
      await snapshot(page, 'phone');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    });
  });
});
