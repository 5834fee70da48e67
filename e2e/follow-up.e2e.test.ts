/**
 * 回访 by one-time link in a real browser: a matter closed by its officer → the follow-up message lands
 * in the server's sms-outbox.jsonl → on a phone-sized screen the citizen opens the link and rates 不满意
 * with a comment → the link is dead when opened again → the station sees the rectification on the
 * matter page and answers it → the citizen's tracking page shows what the station did. And the handler
 * cannot record a rating through the API.
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../server/platform/auth/passwords.js';
import { JOURNEY_OPTIONS, journeys, launchBrowser, logInToConsole, skipWithoutBrowser, staffApi, startServer, type RunningServer } from './browser-harness.js';

const PHONE = { width: 375, height: 740 };
const DESKTOP = { width: 1280, height: 800 };
const PASSWORD = 'FollowUp-e2e-2026!';
const SLOW = { timeout: 20_000 };
const skip = skipWithoutBrowser('follow-up');

let server: RunningServer;
let base: string;
let db: pg.Client;
let browser: Browser;
const { journey, snapshot } = journeys('follow-up', () => browser, () => server.output());


/** The follow-up messages the server's local gateway recorded, newest last. */
function recorded(): { to: string; text: string }[] {
  const file = path.join(server.dataDir, 'sms-outbox.jsonl');
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
}

describe.skipIf(skip)('a follow-up by one-time link in a browser', JOURNEY_OPTIONS, () => {
  beforeAll(async () => {
    // The follow-up worker runs at the sweep's pace and the outbox delivers on its own timer: both fast here.
    server = await startServer('follow-up', { env: { JINGMIN_SWEEP_INTERVAL_MS: '500', JINGMIN_SMS_INTERVAL_MS: '300' } });
    ({ base, db } = server);
    await db.query("INSERT INTO jurisdictions (id, code, name, kind) VALUES (1, '00', '测试县', 'county'), (2, '01', '东城派出所辖区', 'station')");
    const unit = async (code: string, name: string, kind: string, jurisdiction: number, scope: string, portal: boolean) =>
      (await db.query('INSERT INTO units (code, name, kind, jurisdiction_id, scope, receives_portal) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
        [code, name, kind, jurisdiction, scope, portal])).rows[0].id as number;
    await unit('command', '指挥中心', 'command_centre', 1, 'county', true);
    const east = await unit('east', '东城派出所', 'station', 2, 'jurisdiction', false);
    const hash = await hashPassword(PASSWORD);
    for (const [username, name, roles] of [['east1', '李警官', ['officer']], ['eastlead', '王所长', ['unit_leader', 'officer']]] as const) {
      await db.query('INSERT INTO staff (username, display_name, unit_id, roles, password_hash) VALUES ($1, $2, $3, $4, $5)',
        [username, name, east, roles, hash]);
    }
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  }, 60_000);

  it('the citizen rates 不满意 through the link once, the station answers, and the tracking page shows it', async () => {
    // The officer registers, takes and closes a matter with a reply.
    const officer = await staffApi(base, 'east1', PASSWORD);
    const created = await officer('/api/v1/staff/matters', {
      kind: 'help', channel: 'window', receivedAt: new Date().toISOString(), content: '小区门口路灯坏了一周，晚上很黑，请帮忙协调修理。',
      contact: { name: '赵六', phone: '13800006666' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as number;
    const trackingCode = created.body.trackingCode as string;
    let version = (await db.query('SELECT version FROM matters WHERE id = $1', [id])).rows[0].version as number;
    version = (await officer(`/api/v1/staff/matters/${id}/accept`, { version })).body.version;
    expect((await officer(`/api/v1/staff/matters/${id}/reply`, { version, text: '已联系供电所，路灯已于今日修复。', close: true })).status).toBe(200);

    // The follow-up message reaches the local gateway's file, to the citizen's number, with the link.
    await expect.poll(() => recorded().length, SLOW).toBe(1);
    const [message] = recorded();
    expect(message.to).toBe('13800006666');
    expect(message.text).not.toContain('赵六');
    const linkPath = new URL(/(https?:\/\/\S+\/f\/[A-Za-z0-9_-]+)/.exec(message.text)![1]).pathname;

    // The handler cannot record a rating: the follow-up call is not theirs to make.
    const handlerRating = await officer(`/api/v1/staff/follow-ups/${id}/calls`, { cycle: 0, version: 2, outcome: 'answered', rating: 'satisfied' });
    expect([handlerRating.status, handlerRating.body.error.code]).toEqual([403, 'FORBIDDEN']);
    expect((await db.query('SELECT count(*)::int AS n FROM matter_ratings WHERE matter_id = $1', [id])).rows[0].n).toBe(0);

    await journey('rate-by-link', PHONE, async (page) => {
      await page.goto(`${base}${linkPath}`);
      await page.getByTestId('follow-up-link').waitFor();
      await expect.poll(() => page.getByTestId('follow-up-reply').innerText()).toBe('已联系供电所，路灯已于今日修复。');
      expect(await page.getByTestId('follow-up-link').innerText()).toContain('东城派出所');
      const card = (await page.getByTestId('follow-up-link').boundingBox())!;
      expect(card.x + card.width).toBeLessThanOrEqual(375); // fits the phone's width
      await page.getByText('不满意', { exact: true }).click();
      await page.locator('#comment').fill('灯只亮了一晚上，今天又不亮了');
      await snapshot(page, 'link-375');
      await page.getByRole('button', { name: /提\s?交\s?评\s?价/ }).click();
      await page.getByTestId('follow-up-done').waitFor();
      expect(await page.getByTestId('follow-up-done').innerText()).toContain('整改');

      // The same link again: dead, and it says so.
      await page.goto(`${base}${linkPath}`);
      await expect.poll(() => page.getByTestId('follow-up-error').innerText(), SLOW).toContain('已经使用过');
    });
    const { rows } = await db.query('SELECT rating, comment, via FROM matter_ratings WHERE matter_id = $1', [id]);
    expect(rows).toEqual([{ rating: 'dissatisfied', comment: '灯只亮了一晚上，今天又不亮了', via: 'sms_link' }]);

    await journey('answer-rectification', DESKTOP, async (page) => {
      await logInToConsole(page, base, 'eastlead', PASSWORD);
      await page.goto(`${base}/console/matters/${id}`);
      const card = page.getByTestId('follow-up-card');
      await card.waitFor(SLOW);
      await expect.poll(() => card.getByTestId('follow-up-rating').innerText(), SLOW).toBe('不满意');
      const rect = card.getByTestId('rectification');
      await rect.locator('#actionTaken').fill('所长带队上门查看，督促供电所更换整组灯具');
      await rect.locator('#feedback').fill('我所已督促供电所更换了整组灯具，并于今晚复查确认正常，给您带来不便深表歉意。');
      await rect.getByTestId('rectify').click();
      await expect.poll(() => rect.innerText(), SLOW).toContain('已于');
      await snapshot(page, 'rectified');
    });

    await journey('track-sees-feedback', PHONE, async (page) => {
      await page.goto(`${base}/track/${encodeURIComponent(trackingCode)}`);
      const card = page.getByTestId('rectification-feedback');
      await expect.poll(() => card.innerText(), SLOW).toContain('我所已督促供电所更换了整组灯具');
      expect(await card.innerText()).toContain('东城派出所');
      await snapshot(page, 'track-375');
    });
    // And the citizen got a text message with it.
    await expect.poll(() => recorded().map((m) => m.text).join('\n'), SLOW).toContain('东城派出所已整改：我所已督促供电所更换了整组灯具');
  });
});
