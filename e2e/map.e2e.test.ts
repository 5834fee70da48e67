/**
 * 辖区图 and 满意度评价 in a real browser on a phone-sized screen: the citizen opens the map of the
 * station areas, taps one, sees that station chosen and the submission routed there; on the tracking
 * page of a closed matter they rate it, and see the rating read-only, pointed to reopening when dissatisfied.
 */
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AREAS, COUNTY } from '../server/db/seed/org.js';
import { JOURNEY_OPTIONS, journeys, launchBrowser, skipWithoutBrowser, startServer, type RunningServer } from './browser-harness.js';

const PHONE = { width: 375, height: 740 };
const skip = skipWithoutBrowser('map');

let server: RunningServer;
let base: string;
let db: pg.Client;
let browser: Browser;
const { journey, snapshot } = journeys('map', () => browser, () => server.output());

const field = (page: Page, id: string) => page.locator(`.ant-form-item:has(#${id})`);
const nanqiao = AREAS.find((a) => a.code === '04')!;

describe.skipIf(skip)('the jurisdiction map and the rating in a browser', JOURNEY_OPTIONS, () => {
  beforeAll(async () => {
    server = await startServer('map');
    ({ base, db } = server);
    const all = [{ code: COUNTY.code, name: COUNTY.name, kind: 'county', boundary: COUNTY.boundary },
      ...AREAS.map((a) => ({ code: a.code, name: a.area, kind: 'station', boundary: a.boundary }))];
    for (const [i, j] of all.entries()) {
      await db.query('INSERT INTO jurisdictions (id, code, name, kind, boundary, sort_order) VALUES ($1, $2, $3, $4, $5, $6)',
        [i + 1, j.code, j.name, j.kind, JSON.stringify(j.boundary), i]);
    }
    await db.query("INSERT INTO units (code, name, kind, jurisdiction_id, scope, receives_portal) VALUES ('command', '指挥中心', 'command_centre', 1, 'county', true)");
    for (const [i, a] of AREAS.entries()) {
      await db.query("INSERT INTO units (code, name, kind, jurisdiction_id, scope) VALUES ($1, $2, 'station', $3, 'jurisdiction')", [a.unitCode, a.station, i + 2]);
    }
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  }, 60_000);

  it('a tap on the map chooses the station area, and the submission goes there with its point', async () => {
    let code = '';
    await journey('pick-on-map', PHONE, async (page) => {
      await page.goto(`${base}/submit`);
      await field(page, 'kind').locator('.ant-select').click();
      await page.locator('.ant-select-item-option', { hasText: '求助' }).click();
      await page.locator('#content').fill('工业园路口的红绿灯坏了，上下班时段很乱，请派人疏导。');
      await page.locator('#contact_name').fill('赵六');
      await page.locator('#contact_phone').fill('13800009999');

      await page.getByTestId('map-toggle').click();
      const map = page.getByTestId('jurisdiction-map');
      await expect.poll(() => map.getAttribute('role')).toBe('img');
      const box = (await map.boundingBox())!;
      expect(box.width).toBeGreaterThan(250);
      expect(box.x + box.width).toBeLessThanOrEqual(375); // fits the phone's width
      for (const a of AREAS) expect(await map.locator('text', { hasText: a.station }).count()).toBe(1);

      await map.locator('path[data-code="04"]').click();
      await expect.poll(() => page.getByTestId('map-status').innerText()).toContain('位于南桥派出所辖区');
      await expect.poll(() => field(page, 'jurisdictionCode').locator('.ant-select').innerText()).toContain('南桥派出所辖区');
      expect(await map.locator('path[data-code="04"]').getAttribute('data-selected')).toBe('true');
      expect(await page.getByTestId('map-pin').count()).toBe(1);
      expect(await map.getAttribute('aria-label')).toContain('南桥派出所辖区');
      await snapshot(page, 'map-375');

      await page.getByRole('button', { name: /提\s?交/ }).click();
      code = (await page.getByTestId('tracking-code').innerText({ timeout: 15_000 })).trim();
    });
    expect(code.startsWith('04-')).toBe(true);
    const { rows } = await db.query(
      `SELECT j.code, u.code AS unit, m.location_lng, m.location_lat FROM matters m
         JOIN jurisdictions j ON j.id = m.jurisdiction_id JOIN units u ON u.id = m.first_unit_id WHERE m.tracking_code = $1`,
      [code.replace(/-/g, '')]);
    expect(rows[0]).toMatchObject({ code: '04', unit: nanqiao.unitCode });
    const lngs = nanqiao.boundary.map((p) => p[0]);
    expect(rows[0].location_lng).toBeGreaterThan(Math.min(...lngs));
    expect(rows[0].location_lng).toBeLessThan(Math.max(...lngs));
  });

  it('a citizen rates a closed matter on the tracking page and sees the rating read-only', async () => {
    const { rows } = await db.query("SELECT tracking_code FROM matters ORDER BY id DESC LIMIT 1");
    const stored = rows[0].tracking_code as string;
    // Closed by the station (the staff side is tested elsewhere; here only the page matters).
    await db.query("UPDATE matters SET state = 'closed', replied_at = now(), closed_at = now() WHERE tracking_code = $1", [stored]);
    await journey('rate', PHONE, async (page) => {
      await page.goto(`${base}/track/${stored}`);
      const card = page.getByTestId('rating-card');
      await expect.poll(() => card.innerText()).toContain('评价办理结果');
      await card.getByText('不满意', { exact: true }).click();
      await card.locator('textarea').fill('红绿灯修好了两天又坏了。');
      await snapshot(page, 'rate-375');
      await card.getByRole('button', { name: '提交评价' }).click();
      await expect.poll(() => page.getByTestId('rating-value').innerText()).toBe('不满意');
      expect(await card.innerText()).toContain('可在');
      expect(await card.innerText()).toContain('申请重新办理');
      expect(await page.locator('.ant-timeline').innerText()).toContain('您对办理结果的评价：不满意（红绿灯修好了两天又坏了。）');
      await snapshot(page, 'rated-375');
    });
    const { rows: ratings } = await db.query('SELECT rating, comment, source FROM matter_ratings');
    expect(ratings).toEqual([{ rating: 'dissatisfied', comment: '红绿灯修好了两天又坏了。', source: 'citizen' }]);
  });
});
