/**
 * A petition from letter to 复查 (issue 4; decision 0014): the petition office's clerk registers a letter
 * with the fields of 信访工作条例 第十九条, decides to accept it with reasons, handles it and gives the written
 * opinion; the petitioner, on a phone, sees the notices with their dates and asks for 复查 inside the 30-day window;
 * the clerk gives the 复查 opinion, and the petitioner sees it.
 * Same approach as console.e2e.test.ts: the real server process on its own data, Debian's Chromium.
 */
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../server/platform/auth/passwords.js';
import { JOURNEY_OPTIONS, journeys, launchBrowser, logInToConsole, skipWithoutBrowser, startServer, type RunningServer } from './browser-harness.js';

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 375, height: 740 };
const PASSWORD = 'Petition-e2e-2026!';
const SLOW = { timeout: 15_000 };

const skip = skipWithoutBrowser('petition');

let server: RunningServer;
let base: string;
let db: pg.Client;
let browser: Browser;
const { journey, snapshot } = journeys('petition', () => browser, () => server.output());

const cardStage = (page: Page) => page.getByTestId('petition-card-stage').innerText();

/** Opens one of the card's actions, fills its form and confirms it. */
async function cardAction(page: Page, action: string, fill: () => Promise<void>) {
  await page.getByTestId(`petition-action-${action}`).click();
  const modal = page.locator('.ant-modal');
  await modal.waitFor();
  await fill();
  await modal.locator('.ant-modal-footer .ant-btn-primary').click();
  await modal.waitFor({ state: 'hidden' });
}

async function giveOpinion(page: Page, opinion: string) {
  await cardAction(page, 'opinion', async () => {
    // A click while the dialog still animates in can be lost: click until the choice holds.
    const result = page.locator('.ant-modal label', { hasText: '解释说明' });
    await expect.poll(async () => { await result.click(); return result.locator('input').isChecked(); }, SLOW).toBe(true);
    await page.locator('.ant-modal #opinion').fill(opinion);
    await page.locator('.ant-modal #basis').fill('《中华人民共和国消防法》第二十八条');
  });
}

describe.skipIf(skip)('a petition from letter to 复查, in a browser', JOURNEY_OPTIONS, () => {
  beforeAll(async () => {
    server = await startServer('petition');
    ({ base, db } = server);
    await db.query("INSERT INTO jurisdictions (id, code, name, kind) VALUES (1, '00', '测试县', 'county')");
    const bureau = (await db.query("INSERT INTO units (code, name, kind, jurisdiction_id, scope) VALUES ('bureau', '测试县公安局', 'bureau', 1, 'county') RETURNING id")).rows[0].id;
    await db.query("INSERT INTO units (code, name, kind, jurisdiction_id, scope, receives_portal, parent_id) VALUES ('command', '指挥中心', 'command_centre', 1, 'county', true, $1)", [bureau]);
    const office = (await db.query("INSERT INTO units (code, name, kind, jurisdiction_id, scope, parent_id) VALUES ('xinfang', '信访科', 'petition_office', 1, 'county', $1) RETURNING id", [bureau])).rows[0].id;
    await db.query('INSERT INTO staff (username, display_name, unit_id, roles, password_hash) VALUES ($1, $2, $3, $4, $5)',
      ['xinfang01', '周信访', office, ['clerk'], await hashPassword(PASSWORD)]);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  }, 60_000);

  let matterId: number;
  let trackingCode: string;

  it('the clerk registers a letter, accepts it with reasons and gives the written opinion', async () => {
    await journey('office', DESKTOP, async (page) => {
      await logInToConsole(page, base, 'xinfang01', PASSWORD);
      await page.getByRole('menuitem', { name: '信访' }).click();
      await page.getByTestId('petition-register').click();
      const drawer = page.getByTestId('petition-register-form');
      await drawer.waitFor();
      await drawer.locator('#name').fill('王建国');
      await drawer.locator('#phone').fill('13912345678');
      await drawer.locator('#address').fill('测试县城关镇人民路 8 号');
      await drawer.locator('#request').fill('请求依法处理邻居违章搭建占用消防通道的问题');
      await drawer.locator('#facts').fill('邻居于 2025 年在楼道搭建储物间，多次反映未果。');
      await drawer.locator('#reasons').fill('违章搭建堵塞消防通道，存在安全隐患。');
      await page.getByTestId('petition-register-submit').click();
      await page.waitForURL(/\/console\/matters\/\d+$/);
      matterId = Number(new URL(page.url()).pathname.split('/').pop());
      await expect.poll(() => cardStage(page), SLOW).toBe('已登记待受理');

      await cardAction(page, 'accept', () => page.locator('.ant-modal #reasons').fill('属于公安机关职责范围，依法受理'));
      await expect.poll(() => cardStage(page), SLOW).toBe('办理中');
      await giveOpinion(page, '经核查，已责令当事人限期拆除，由社区民警跟踪落实。');
      await expect.poll(() => cardStage(page), SLOW).toBe('已出具处理意见');
      expect(await page.getByTestId('petition-card').innerText()).toContain('处理意见书');
      await snapshot(page, 'opinion-given');
    });
    trackingCode = (await db.query('SELECT tracking_code FROM matters WHERE id = $1', [matterId])).rows[0].tracking_code;
    const { rows } = await db.query(`SELECT level, result FROM petition_opinions WHERE matter_id = $1`, [matterId]);
    expect(rows).toEqual([{ level: 'opinion', result: 'explain' }]);
  });

  it('the petitioner on a phone sees the notices with their dates and asks for 复查', async () => {
    await journey('petitioner', PHONE, async (page) => {
      await page.goto(`${base}/track/${trackingCode}`);
      const card = page.getByTestId('petition-documents');
      await card.waitFor();
      await expect.poll(() => page.getByTestId('petition-stage').innerText(), SLOW).toBe('已出具处理意见');
      for (const doc of ['registered', 'acceptance_notice', 'opinion']) await page.getByTestId(`petition-doc-${doc}`).waitFor();
      expect(await page.getByTestId('petition-doc-acceptance_notice').innerText()).toContain('属于公安机关职责范围，依法受理');
      expect(await page.getByTestId('petition-doc-opinion').innerText()).toMatch(/处理意见书\s*\d{4}-\d{2}-\d{2} \d{2}:\d{2}[\s\S]*解释说明/);
      // The card fits the phone: nothing wider than the screen.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
      await card.locator('#reason').fill('拆除至今未落实，申请复查');
      await card.getByRole('button', { name: /申请复查/ }).click();
      await expect.poll(() => page.getByTestId('petition-stage').innerText(), SLOW).toBe('复查中');
      await page.getByTestId('petition-doc-review_request').waitFor();
      await snapshot(page, 'review-requested');
    });
    const { rows } = await db.query('SELECT state, cycle FROM matters WHERE id = $1', [matterId]);
    expect(rows[0]).toEqual({ state: 'handling', cycle: 1 });
  });

  it('the 复查 opinion is given and the petitioner sees it', async () => {
    await journey('review', DESKTOP, async (page) => {
      await logInToConsole(page, base, 'xinfang01', PASSWORD);
      await page.goto(`${base}/console/matters/${matterId}`);
      await expect.poll(() => cardStage(page), SLOW).toBe('复查中');
      await giveOpinion(page, '经复查，违章搭建已于本月拆除，原处理意见正确，予以维持。');
      await expect.poll(() => cardStage(page), SLOW).toBe('已复查');
    });
    await journey('petitioner-sees-review', PHONE, async (page) => {
      await page.goto(`${base}/track/${trackingCode}`);
      await page.getByTestId('petition-doc-review').waitFor();
      expect(await page.getByTestId('petition-doc-review').innerText()).toContain('原处理意见正确，予以维持');
      expect(await page.getByTestId('petition-documents').innerText()).toContain('申请复核');
    });
  });
});
