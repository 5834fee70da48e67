import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addStaff, buildTestApp, createTestContext, login, seedFixture, validSubmission, type Fixture } from '../../test/harness.js';

let env: Awaited<ReturnType<typeof createTestContext>>;
let app: FastifyInstance;
let fx: Fixture;
let takerId: number;

const PORTAL = '/api/v1/portal/matters';
const stored = (code: string) => code.replace(/-/g, '');
const codeOf = (res: LightMyRequestResponse) => res.json().error?.code as string | undefined;

beforeAll(async () => {
  env = await createTestContext();
  fx = await seedFixture(env.ctx);
  takerId = await addStaff(env.ctx, 'taker', fx.units.command, ['call_taker']);
  await addStaff(env.ctx, 'east_officer', fx.units.stationA, ['officer']);
  app = await buildTestApp(env.ctx);
});
afterAll(async () => { await app.close(); await env.close(); });

const view = (code: string, headers: Record<string, string> = {}) =>
  app.inject({ method: 'GET', url: `${PORTAL}/${encodeURIComponent(code)}`, headers });
const rate = (code: string, payload: object, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: `${PORTAL}/${encodeURIComponent(code)}/rating`, payload, headers });

async function row(trackingCode: string) {
  const { rows } = await env.ctx.db.query('SELECT id, state, cycle, version FROM matters WHERE tracking_code = $1', [stored(trackingCode)]);
  return rows[0] as { id: number; state: string; cycle: number; version: number };
}
/** Everything a refused rating must leave as it was. */
async function snapshot(id: number) {
  const { rows } = await env.ctx.db.query(
    `SELECT m.version, m.last_event_seq,
            (SELECT count(*) FROM matter_events e WHERE e.matter_id = m.id) AS events,
            (SELECT coalesce(json_agg(r ORDER BY r.cycle), '[]') FROM matter_ratings r WHERE r.matter_id = m.id) AS ratings
       FROM matters m WHERE m.id = $1`, [id]);
  return rows[0];
}
async function staffPost(id: number, action: string, body: Record<string, unknown> = {}) {
  const taker = await login(app, 'taker');
  const { version } = (await env.ctx.db.query('SELECT version FROM matters WHERE id = $1', [id])).rows[0];
  const res = await taker.post(`/api/v1/staff/matters/${id}/${action}`, { version, ...body });
  expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
  return res;
}
async function submitted() {
  const res = await app.inject({ method: 'POST', url: PORTAL, payload: validSubmission() });
  expect(res.statusCode, res.body).toBe(201);
  const trackingCode = res.json().trackingCode as string;
  return { trackingCode, id: (await row(trackingCode)).id };
}
async function closedMatter() {
  const m = await submitted();
  await staffPost(m.id, 'accept');
  await staffPost(m.id, 'reply', { text: '路灯已修好', close: true });
  expect((await row(m.trackingCode)).state).toBe('closed');
  return m;
}

describe('the citizen rates a closed matter', () => {
  it('records the rating with the unit and officer, bumps the version, and shows it in the public view and timeline', async () => {
    const { trackingCode, id } = await closedMatter();
    const before = await view(trackingCode);
    expect(before.json()).toMatchObject({ status: 'closed', rating: null, mayRate: true });
    const version = (await row(trackingCode)).version;

    const ratedAt = env.clock.now().toISOString();
    const res = await rate(trackingCode, { rating: 'basically_satisfied', comment: '  修得挺快，就是晚了两天  ' });
    expect(res.statusCode, res.body).toBe(204);

    const { rows } = await env.ctx.db.query('SELECT * FROM matter_ratings WHERE matter_id = $1', [id]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      cycle: 0, rating: 'basically_satisfied', comment: '修得挺快，就是晚了两天', source: 'citizen', via: 'portal', recorded_by: null,
      handler_unit_id: fx.units.command, handler_officer_id: takerId,
    });
    expect(rows[0].rated_at.toISOString()).toBe(ratedAt);
    expect((await row(trackingCode)).version).toBe(version + 1);

    const pub = (await view(trackingCode)).json();
    expect(pub.mayRate).toBe(false);
    expect(pub.rating).toEqual({ rating: 'basically_satisfied', ratingLabel: '基本满意', comment: '修得挺快，就是晚了两天', ratedAt });
    expect(pub.timeline.at(-1)).toEqual({ at: ratedAt, type: 'citizen.rated', text: '您对办理结果的评价：基本满意（修得挺快，就是晚了两天）' });
    const en = (await view(trackingCode, { 'accept-language': 'en' })).json();
    expect(en.rating.ratingLabel).toBe('Basically satisfied');
    expect(en.timeline.at(-1).text).toBe('You rated the handling: Basically satisfied (修得挺快，就是晚了两天)');

    // The event carries the citizen as actor and the cycle it rates, in the same hash chain.
    const { rows: events } = await env.ctx.db.query(
      "SELECT actor_kind, visibility, payload FROM matter_events WHERE matter_id = $1 AND type = 'citizen.rated'", [id]);
    expect(events).toEqual([{ actor_kind: 'citizen', visibility: 'public', payload: { cycle: 0, rating: 'basically_satisfied', comment: '修得挺快，就是晚了两天', via: 'portal' } }]);

    // Staff see it in the matter view.
    const taker = await login(app, 'taker');
    const staffView = (await taker.get(`/api/v1/staff/matters/${id}`)).json();
    expect(staffView.ratings).toEqual([{
      cycle: 0, rating: 'basically_satisfied', comment: '修得挺快，就是晚了两天', source: 'citizen', via: 'portal', ratedAt,
      handlerUnit: { id: fx.units.command, name: '指挥中心' }, handlerOfficer: { id: takerId, name: '民警taker' },
    }]);
  });

  it('accepts a rating without a comment', async () => {
    const { trackingCode } = await closedMatter();
    expect((await rate(trackingCode, { rating: 'satisfied' })).statusCode).toBe(204);
    const pub = (await view(trackingCode)).json();
    expect(pub.rating).toMatchObject({ rating: 'satisfied', ratingLabel: '满意', comment: null });
    expect(pub.timeline.at(-1).text).toBe('您对办理结果的评价：满意');
  });

  it('refuses a matter that is not closed, with 409, and changes nothing', async () => {
    const { trackingCode, id } = await submitted();
    expect((await view(trackingCode)).json()).toMatchObject({ rating: null, mayRate: false });
    const before = await snapshot(id);
    const res = await rate(trackingCode, { rating: 'satisfied' });
    expect(res.statusCode, res.body).toBe(409);
    expect(codeOf(res)).toBe('RATING_NOT_OPEN');
    expect(res.json().error.message).toBe('事项办结后才能评价，目前状态为“已受理”');
    const en = await rate(trackingCode, { rating: 'satisfied' }, { 'accept-language': 'en' });
    expect(en.json().error.message).toBe('A matter can be rated once it is closed; it is "Received" now');

    // Answered but not yet closed: still not.
    await staffPost(id, 'accept');
    await staffPost(id, 'reply', { text: '已安排维修' });
    const mid = await snapshot(id);
    expect(codeOf(await rate(trackingCode, { rating: 'dissatisfied' }))).toBe('RATING_NOT_OPEN');
    expect(await snapshot(id)).toEqual(mid);
    expect(before.ratings).toEqual([]);
    expect(mid.ratings).toEqual([]);
  });

  it('refuses a second rating of the same cycle, with 409 in zh and en, and changes nothing', async () => {
    const { trackingCode, id } = await closedMatter();
    expect((await rate(trackingCode, { rating: 'dissatisfied', comment: '没解决' })).statusCode).toBe(204);
    const before = await snapshot(id);
    const res = await rate(trackingCode, { rating: 'satisfied' });
    expect(res.statusCode, res.body).toBe(409);
    expect(codeOf(res)).toBe('ALREADY_RATED');
    expect(res.json().error.message).toBe('您已评价过本次办理结果，评价提交后不能修改');
    const en = await rate(trackingCode, { rating: 'satisfied' }, { 'accept-language': 'en' });
    expect(en.json().error.message).toBe('You have already rated this handling; a rating cannot be changed');
    expect(await snapshot(id)).toEqual(before);
    expect((await view(trackingCode)).json().rating.rating).toBe('dissatisfied');
  });

  it('lets only one of two simultaneous ratings through', async () => {
    const { trackingCode, id } = await closedMatter();
    const results = await Promise.all([rate(trackingCode, { rating: 'satisfied' }), rate(trackingCode, { rating: 'dissatisfied' })]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([204, 409]);
    expect((await snapshot(id)).ratings).toHaveLength(1);
  });

  it('refuses a bad value or an overlong comment with a localized field error, and changes nothing', async () => {
    const { trackingCode, id } = await closedMatter();
    const before = await snapshot(id);
    const bad = await rate(trackingCode, { rating: 'great' });
    expect(bad.statusCode, bad.body).toBe(400);
    expect(codeOf(bad)).toBe('VALIDATION_FAILED');
    expect(bad.json().error.fields).toEqual([
      { path: 'rating', message: '评价的取值无效，可选值：satisfied、basically_satisfied、dissatisfied' },
    ]);
    const badEn = await rate(trackingCode, { rating: 'great' }, { 'accept-language': 'en' });
    expect(badEn.json().error.fields).toEqual([{ path: 'rating', message: 'rating must be one of: satisfied、basically_satisfied、dissatisfied' }]);

    const missing = await rate(trackingCode, { comment: '很好' });
    expect(missing.json().error.fields).toEqual([{ path: 'rating', message: '评价为必填项' }]);

    const long = await rate(trackingCode, { rating: 'satisfied', comment: '好'.repeat(501) });
    expect(long.statusCode).toBe(400);
    expect(long.json().error.fields).toEqual([{ path: 'comment', message: '评价意见不能超过 500 个字符' }]);

    const extra = await rate(trackingCode, { rating: 'satisfied', source: 'follow_up' });
    expect(extra.statusCode).toBe(400);
    expect(await snapshot(id)).toEqual(before);
  });

  it('answers 404 for an unknown tracking code', async () => {
    const res = await rate('00-00000-00000-00000-00000', { rating: 'satisfied' });
    expect(res.statusCode).toBe(404);
    expect(codeOf(res)).toBe('TRACKING_CODE_NOT_FOUND');
  });

  it('starts a new cycle to rate after the matter is reopened and closed again', async () => {
    const { trackingCode, id } = await closedMatter();
    expect((await rate(trackingCode, { rating: 'dissatisfied', comment: '路灯又坏了' })).statusCode).toBe(204);
    const reopen = await app.inject({ method: 'POST', url: `${PORTAL}/${trackingCode}/reopen`, payload: { reason: '路灯又坏了，请再来看看' } });
    expect(reopen.statusCode, reopen.body).toBe(204);
    // Reopened: the earlier rating belongs to the earlier cycle; nothing to rate now.
    expect((await view(trackingCode)).json()).toMatchObject({ rating: null, mayRate: false });
    expect(codeOf(await rate(trackingCode, { rating: 'satisfied' }))).toBe('RATING_NOT_OPEN');

    // Handled again by a station officer, after a transfer: the new rating counts for them.
    await staffPost(id, 'transfers', { toUnitId: fx.units.stationA, reason: '属东城辖区' });
    const east = await login(app, 'east_officer');
    const version = () => env.ctx.db.query('SELECT version FROM matters WHERE id = $1', [id]).then((r) => r.rows[0].version as number);
    expect((await east.post(`/api/v1/staff/matters/${id}/transfer/accept`, { version: await version() })).statusCode).toBe(200);
    expect((await east.post(`/api/v1/staff/matters/${id}/reply`, { version: await version(), text: '已更换灯具', close: true })).statusCode).toBe(200);
    expect((await view(trackingCode)).json()).toMatchObject({ rating: null, mayRate: true });

    env.clock.advance(3_600_000);
    expect((await rate(trackingCode, { rating: 'satisfied' })).statusCode).toBe(204);
    const { rows } = await env.ctx.db.query(
      'SELECT cycle, rating, handler_unit_id FROM matter_ratings WHERE matter_id = $1 ORDER BY cycle', [id]);
    expect(rows).toEqual([
      { cycle: 0, rating: 'dissatisfied', handler_unit_id: fx.units.command },
      { cycle: 1, rating: 'satisfied', handler_unit_id: fx.units.stationA },
    ]);
    const pub = (await view(trackingCode)).json();
    expect(pub.rating.rating).toBe('satisfied');
    expect(pub.timeline.filter((e: { type: string }) => e.type === 'citizen.rated').map((e: { text: string }) => e.text)).toEqual([
      '您对办理结果的评价：不满意（路灯又坏了）', '您对办理结果的评价：满意',
    ]);
    expect(codeOf(await rate(trackingCode, { rating: 'dissatisfied' }))).toBe('ALREADY_RATED');
  });

  it('is rate-limited like the other public writes', async () => {
    const limited = await buildTestApp({ ...env.ctx, rateLimits: { ...env.ctx.rateLimits, portalReadPerMinute: 2 } });
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++) {
        statuses.push((await limited.inject({ method: 'POST', url: `${PORTAL}/00-00000-00000-00000-00000/rating`, payload: { rating: 'satisfied' } })).statusCode);
      }
      expect(statuses).toEqual([404, 404, 429]);
    } finally {
      await limited.close();
    }
  });
});
