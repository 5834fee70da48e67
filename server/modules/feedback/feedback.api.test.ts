import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addStaff, buildTestApp, createTestContext, login, seedFixture, type Fixture } from '../../test/harness.js';
import { runFollowUpWork } from './index.js';

let env: Awaited<ReturnType<typeof createTestContext>>;
let app: FastifyInstance;
let fx: Fixture;
type Client = Awaited<ReturnType<typeof login>>;
const users = ['taker', 'centrelead', 'east1', 'eastlead', 'west1', 'ducha', 'eastsup'] as const;
const as = {} as Record<(typeof users)[number], Client>;
const ids = {} as Record<(typeof users)[number], number>;

const codeOf = (res: LightMyRequestResponse) => res.json().error?.code as string | undefined;
const messageOf = (res: LightMyRequestResponse) => res.json().error?.message as string | undefined;

/** Moves the clock; sessions expire over such jumps, so everyone logs in again. */
async function at(iso: string) {
  env.clock.set(iso);
  const clients = await Promise.all(users.map((u) => login(app, u)));
  users.forEach((u, i) => { as[u] = clients[i]; });
}

let phones = 0;
const version = async (id: number) => (await env.ctx.db.query('SELECT version FROM matters WHERE id = $1', [id])).rows[0].version as number;

/** A matter registered at a station's window and closed with a reply by its officer. */
async function closedMatter(by: Client = as.east1, options: { phone?: string; kind?: string } = {}) {
  const phone = options.phone ?? `139${String(++phones).padStart(4, '0')}5678`;
  const res = await by.post('/api/v1/staff/matters', {
    kind: options.kind ?? 'help', channel: 'window', receivedAt: env.clock.now().toISOString(),
    content: `小区门口路灯坏了，请帮忙修理（第 ${phones} 件）。`, contact: { name: '张三丰', phone },
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as number;
  expect((await by.post(`/api/v1/staff/matters/${id}/accept`, { version: await version(id) })).statusCode).toBe(200);
  const closed = await by.post(`/api/v1/staff/matters/${id}/reply`, { version: await version(id), text: '已联系供电所更换灯具。', close: true });
  expect(closed.statusCode, closed.body).toBe(200);
  return id;
}

async function followUp(id: number, cycle = 0) {
  const { rows } = await env.ctx.db.query('SELECT * FROM follow_ups WHERE matter_id = $1 AND cycle = $2', [id, cycle]);
  return rows[0];
}
/** The link of the matter's follow-up message, read back from the outbox as the gateway would send it. */
async function linkOf(id: number) {
  const { rows } = await env.ctx.db.query("SELECT body_enc, to_phone_masked FROM outbound_messages WHERE matter_id = $1 AND purpose = 'follow_up_link'", [id]);
  expect(rows).toHaveLength(1);
  const text = env.ctx.vault.decrypt(rows[0].body_enc);
  return { text, token: /\/f\/([A-Za-z0-9_-]+) /.exec(text)![1], masked: rows[0].to_phone_masked as string };
}
async function ratingsOf(id: number) {
  return (await env.ctx.db.query('SELECT cycle, rating, comment, source, via, recorded_by FROM matter_ratings WHERE matter_id = $1 ORDER BY cycle', [id])).rows;
}
/** What a refused request must leave unchanged. */
async function snapshot(id: number) {
  const { rows } = await env.ctx.db.query(
    `SELECT m.version, m.last_event_seq,
            (SELECT row_to_json(f) FROM follow_ups f WHERE f.matter_id = m.id AND f.cycle = m.cycle) AS follow_up,
            (SELECT count(*) FROM matter_ratings r WHERE r.matter_id = m.id) AS ratings,
            (SELECT coalesce(json_agg(x), '[]') FROM rectifications x WHERE x.matter_id = m.id) AS rectifications,
            (SELECT coalesce(json_agg(a), '[]') FROM rating_appeals a WHERE a.matter_id = m.id) AS appeals
       FROM matters m WHERE m.id = $1`, [id]);
  return rows[0];
}
const link = (token: string, headers: Record<string, string> = {}) =>
  app.inject({ method: 'GET', url: `/api/v1/portal/follow-ups/${token}`, headers });
const rateLink = (token: string, payload: object, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: `/api/v1/portal/follow-ups/${token}`, payload, headers });
const call = (client: Client, id: number, body: object) => client.post(`/api/v1/staff/follow-ups/${id}/calls`, body);

beforeAll(async () => {
  env = await createTestContext();
  fx = await seedFixture(env.ctx);
  ids.taker = await addStaff(env.ctx, 'taker', fx.units.command, ['call_taker']);
  ids.centrelead = await addStaff(env.ctx, 'centrelead', fx.units.command, ['unit_leader']);
  ids.east1 = await addStaff(env.ctx, 'east1', fx.units.stationA, ['officer']);
  ids.eastlead = await addStaff(env.ctx, 'eastlead', fx.units.stationA, ['unit_leader', 'officer']);
  ids.west1 = await addStaff(env.ctx, 'west1', fx.units.stationB, ['officer']);
  ids.ducha = await addStaff(env.ctx, 'ducha', fx.units.supervision, ['supervisor']);
  ids.eastsup = await addStaff(env.ctx, 'eastsup', fx.units.stationA, ['supervisor']);
  app = await buildTestApp(env.ctx);
  await at('2026-11-16T02:00:00Z');
});
afterAll(async () => { await app?.close(); await env?.close(); });

describe('a follow-up for every closed handling cycle', () => {
  it('is created by the closing, due 24 hours later, and goes out as a one-time link by SMS', async () => {
    const id = await closedMatter();
    const closedAt = env.clock.now();
    expect(await followUp(id)).toMatchObject({
      status: 'pending', closed_at: closedAt, due_at: new Date(closedAt.getTime() + 24 * 3_600_000),
      handler_unit_id: fx.units.stationA, handler_officer_id: ids.east1, link_token_hash: null,
    });
    env.clock.advance(60_000);
    const work = await runFollowUpWork(env.ctx, env.clock.now());
    expect(work.linksSent).toBeGreaterThanOrEqual(1);
    const f = await followUp(id);
    expect(f).toMatchObject({ status: 'link_sent', link_sent_at: env.clock.now(), first_attempt_at: env.clock.now() });
    expect(f.link_expires_at.getTime() - f.link_sent_at.getTime()).toBe(7 * 24 * 3_600_000);
    const { text, token, masked } = await linkOf(id);
    // The link, the kind and nothing personal; only the token's hash is stored.
    expect(text).toBe(`【警民通】您反映的事项已办结，请对办理结果评价：${env.ctx.publicBaseUrl}/f/${token} （7日内有效，仅可使用一次）`);
    expect(masked).toBe(`139****5678`);
    expect(f.link_token_hash.equals(Buffer.from(token))).toBe(false);
    const events = await env.ctx.db.query("SELECT visibility FROM matter_events WHERE matter_id = $1 AND type = 'followUp.linkSent'", [id]);
    expect(events.rows).toEqual([{ visibility: 'internal' }]);
    // A second round sends nothing again.
    expect(await runFollowUpWork(env.ctx, env.clock.now())).toEqual({ linksSent: 0, queuedForCall: 0, rectificationsBreached: 0 });
  });

  it('puts a landline in the call queue and counts a matter without a phone as having no channel', async () => {
    const landline = await closedMatter(as.east1, { phone: '0571-88886666' });
    const anonymous = await closedMatter();
    await env.ctx.db.query('UPDATE matters SET contact_phone_enc = NULL, state = $2 WHERE id = $1', [anonymous, 'handling']);
    await env.ctx.db.query("UPDATE follow_ups SET status = 'cancelled' WHERE matter_id = $1", [anonymous]);
    await env.ctx.db.query("UPDATE matters SET state = 'closed', cycle = 1 WHERE id = $1", [anonymous]);
    await runFollowUpWork(env.ctx, env.clock.now());
    expect(await followUp(landline)).toMatchObject({ status: 'calling', next_call_at: env.clock.now(), link_token_hash: null });
    expect(await followUp(anonymous, 1)).toMatchObject({ status: 'no_channel' });
    expect((await env.ctx.db.query('SELECT count(*)::int AS n FROM outbound_messages WHERE matter_id = ANY($1)', [[landline, anonymous]])).rows[0].n).toBe(0);
  });

  it('is cancelled when the citizen reopens the matter before it ends, and the new closing gets its own', async () => {
    const id = await closedMatter();
    const { rows } = await env.ctx.db.query('SELECT tracking_code FROM matters WHERE id = $1', [id]);
    const res = await app.inject({ method: 'POST', url: `/api/v1/portal/matters/${rows[0].tracking_code}/reopen`, payload: { reason: '灯又不亮了' } });
    expect(res.statusCode, res.body).toBe(204);
    expect(await followUp(id)).toMatchObject({ status: 'cancelled' });
    const again = await as.east1.post(`/api/v1/staff/matters/${id}/reply`, { version: await version(id), text: '已再次维修。', close: true });
    expect(again.statusCode, again.body).toBe(200);
    expect(await followUp(id, 1)).toMatchObject({ status: 'pending', cycle: 1 });
  });
});

describe('the one-time link', () => {
  it('shows the kind, unit and reply without personal data, takes one rating, and is dead afterwards', async () => {
    await at('2026-09-29T02:00:00Z'); // Tuesday, 10:00 in China, before the National Day holiday
    const id = await closedMatter();
    await runFollowUpWork(env.ctx, env.clock.now());
    const { token } = await linkOf(id);
    const view = await link(token);
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json()).toEqual({
      kindName: '求助', unitName: '东城派出所', receivedAt: env.clock.now().toISOString(), closedAt: env.clock.now().toISOString(),
      reply: '已联系供电所更换灯具。', expiresAt: new Date(env.clock.now().getTime() + 7 * 86_400_000).toISOString(),
    });
    expect(view.body).not.toContain('张三丰');
    expect(view.body).not.toContain('5678');
    expect((await link(token, { 'accept-language': 'en' })).json().kindName).toBe('Request for help');

    const res = await rateLink(token, { rating: 'dissatisfied', comment: '灯只亮了一天' });
    expect(res.statusCode, res.body).toBe(204);
    expect(await ratingsOf(id)).toEqual([{ cycle: 0, rating: 'dissatisfied', comment: '灯只亮了一天', source: 'citizen', via: 'sms_link', recorded_by: null }]);
    expect(await followUp(id)).toMatchObject({ status: 'answered', answered_via: 'sms_link', link_used_at: env.clock.now() });

    // 不满意 opens the rectification: 5 working days — 9/30, (10/1–10/7 holiday), 10/8, 10/9, 10/10 (a make-up Saturday), 10/12.
    const { rows } = await env.ctx.db.query('SELECT unit_id, officer_id, due_at, status, rule FROM rectifications WHERE matter_id = $1', [id]);
    expect(rows).toEqual([{ unit_id: fx.units.stationA, officer_id: ids.east1, due_at: new Date('2026-10-12T15:59:59.999Z'), status: 'open',
      rule: { amount: 5, unit: 'working_day', rollForwardIfHoliday: false } }]);
    const pub = (await app.inject({ method: 'GET', url: `/api/v1/portal/matters/${(await env.ctx.db.query('SELECT tracking_code FROM matters WHERE id = $1', [id])).rows[0].tracking_code}` })).json();
    expect(pub.timeline.slice(-2).map((e: { text: string }) => e.text)).toEqual([
      '您对办理结果的评价：不满意（灯只亮了一天）', '您的不满意评价已转东城派出所整改，将于 2026/10/12 前向您反馈',
    ]);

    // Used: said so, in both languages, and nothing changes.
    const before = await snapshot(id);
    const again = await rateLink(token, { rating: 'satisfied' });
    expect([again.statusCode, codeOf(again), messageOf(again)]).toEqual([410, 'FOLLOW_UP_LINK_USED', '该评价链接已经使用过，每个链接只能评价一次；办理情况可凭查询码查看']);
    expect(messageOf(await rateLink(token, { rating: 'satisfied' }, { 'accept-language': 'en' })))
      .toBe('This rating link has already been used; each link works once. You can follow the matter with its tracking code');
    expect(codeOf(await link(token))).toBe('FOLLOW_UP_LINK_USED');
    expect(await snapshot(id)).toEqual(before);
  });

  it('refuses an expired link, an unknown one and a malformed one, and a bad rating with field messages', async () => {
    await at('2026-11-16T02:00:00Z');
    const id = await closedMatter();
    await runFollowUpWork(env.ctx, env.clock.now());
    const { token } = await linkOf(id);
    const bad = await rateLink(token, { rating: 'great' });
    expect([bad.statusCode, bad.json().error.fields]).toEqual([400, [{ path: 'rating', message: '评价的取值无效，可选值：satisfied、basically_satisfied、dissatisfied' }]]);
    expect((await rateLink(token, { rating: 'satisfied', comment: '好'.repeat(501) })).json().error.fields).toEqual([{ path: 'comment', message: '评价意见不能超过 500 个字符' }]);
    const unknown = await link('A'.repeat(32));
    expect([unknown.statusCode, codeOf(unknown), messageOf(unknown)]).toEqual([404, 'FOLLOW_UP_LINK_INVALID', '评价链接无效，请核对短信中的链接是否完整']);
    expect((await link('bad token!')).statusCode).toBe(400);

    const before = await snapshot(id);
    await at('2026-11-23T02:00:01Z'); // 7 days and a second after it was sent
    const expired = await rateLink(token, { rating: 'satisfied' });
    expect([expired.statusCode, codeOf(expired), messageOf(expired)]).toEqual([410, 'FOLLOW_UP_LINK_EXPIRED', '该评价链接已过期（发出后 7 天内有效）；如有意见可拨打 12389 或凭查询码查看办理情况']);
    expect(messageOf(await link(token, { 'accept-language': 'en' }))).toBe('This rating link has expired (it works for 7 days); you can call 12389 or follow the matter with its tracking code');
    // By then it had fallen to the call queue (8 hours unanswered); otherwise unchanged.
    await runFollowUpWork(env.ctx, env.clock.now());
    const after = await snapshot(id);
    expect(after.follow_up.status).toBe('calling');
    expect({ ...after, follow_up: null }).toEqual({ ...before, follow_up: null, last_event_seq: before.last_event_seq + 1 });
  });

  it('falls to the call queue when unanswered for 8 hours, and still works until used', async () => {
    await at('2026-11-16T02:00:00Z');
    const id = await closedMatter();
    await runFollowUpWork(env.ctx, env.clock.now());
    env.clock.advance(8 * 3_600_000 - 1);
    await runFollowUpWork(env.ctx, env.clock.now());
    expect((await followUp(id)).status).toBe('link_sent');
    env.clock.advance(1);
    await runFollowUpWork(env.ctx, env.clock.now());
    expect(await followUp(id)).toMatchObject({ status: 'calling', next_call_at: env.clock.now() });
    const { token } = await linkOf(id);
    expect((await rateLink(token, { rating: 'satisfied' })).statusCode).toBe(204);
    expect(await followUp(id)).toMatchObject({ status: 'answered', answered_via: 'sms_link' });
  });

  it('is dead once the citizen rated on the tracking page instead', async () => {
    await at('2026-11-16T02:00:00Z');
    const id = await closedMatter();
    await runFollowUpWork(env.ctx, env.clock.now());
    const { token } = await linkOf(id);
    const code = (await env.ctx.db.query('SELECT tracking_code FROM matters WHERE id = $1', [id])).rows[0].tracking_code;
    expect((await app.inject({ method: 'POST', url: `/api/v1/portal/matters/${code}/rating`, payload: { rating: 'satisfied' } })).statusCode).toBe(204);
    expect(await followUp(id)).toMatchObject({ status: 'answered', answered_via: 'portal' });
    expect(codeOf(await rateLink(token, { rating: 'dissatisfied' }))).toBe('FOLLOW_UP_LINK_USED');
  });
});

describe('the command centre calls', () => {
  async function inQueue(phone = '0571-87654321', by: Client = as.east1) {
    const id = await closedMatter(by, { phone });
    await runFollowUpWork(env.ctx, env.clock.now());
    expect((await followUp(id)).status).toBe('calling');
    return id;
  }

  it('lists the queue for the command centre with masked numbers, and refuses everyone else', async () => {
    await at('2026-11-16T02:00:00Z');
    const id = await inQueue('0571-87654321');
    const res = await as.taker.get('/api/v1/staff/follow-ups');
    expect(res.statusCode, res.body).toBe(200);
    const item = res.json().find((i: { matterId: number }) => i.matterId === id);
    expect(item).toMatchObject({
      cycle: 0, kind: 'help', handlerUnit: { id: fx.units.stationA, name: '东城派出所' }, handlerOfficer: { id: ids.east1, name: '民警east1' },
      status: 'calling', callAttempts: 0, phoneMasked: '057****4321', reply: '已联系供电所更换灯具。', recused: false, overdue: false, version: 2,
    });
    expect(res.body).not.toContain('87654321');
    const officer = await as.east1.get('/api/v1/staff/follow-ups');
    expect([officer.statusCode, codeOf(officer)]).toEqual([403, 'FORBIDDEN']);
    // A station's leader holds the permission's role, but calls are the command centre's.
    const lead = await as.eastlead.get('/api/v1/staff/follow-ups');
    expect([lead.statusCode, codeOf(lead), messageOf(lead)]).toEqual([403, 'FOLLOW_UP_COMMAND_CENTRE_ONLY', '电话回访由指挥中心人员负责，您所在单位不能执行']);
  });

  it('never puts a report in the call queue: the reporter is sealed from callers (decision 0015), so a landline has no channel', async () => {
    await at('2026-11-16T02:00:00Z');
    const id = await closedMatter(as.east1, { phone: '0571-87659876', kind: 'report' });
    await runFollowUpWork(env.ctx, env.clock.now());
    expect(await followUp(id)).toMatchObject({ status: 'no_channel' });
    const res = await as.taker.get('/api/v1/staff/follow-ups');
    expect(res.json().find((i: { matterId: number }) => i.matterId === id)).toBeUndefined();
    expect(res.body).not.toContain('9876');
  });

  it('records a call answered with the rating, by the caller, for the handler, and the handler can neither record nor change it', async () => {
    await at('2026-11-16T02:00:00Z');
    const id = await inQueue('0571-87650001');
    const before = await snapshot(id);
    // The handler himself: no call permission at all.
    const handler = await call(as.east1, id, { cycle: 0, version: 2, outcome: 'answered', rating: 'satisfied' });
    expect([handler.statusCode, codeOf(handler)]).toEqual([403, 'FORBIDDEN']);
    expect(await snapshot(id)).toEqual(before);

    const missing = await call(as.taker, id, { cycle: 0, version: 2, outcome: 'answered' });
    expect([missing.statusCode, missing.json().error.fields]).toEqual([400, [{ path: 'rating', message: '接通并评价时须选择评价' }]]);
    const missingEn = await as.taker.request({ method: 'POST', url: `/api/v1/staff/follow-ups/${id}/calls`, payload: { cycle: 0, version: 2, outcome: 'answered' }, headers: { 'accept-language': 'en' } });
    expect(missingEn.json().error.fields).toEqual([{ path: 'rating', message: 'Choose the rating the citizen gave' }]);
    const stale = await call(as.taker, id, { cycle: 0, version: 1, outcome: 'answered', rating: 'satisfied' });
    expect([stale.statusCode, codeOf(stale)]).toEqual([409, 'FOLLOW_UP_CHANGED']);
    expect(await snapshot(id)).toEqual(before);

    const res = await call(as.taker, id, { cycle: 0, version: 2, outcome: 'answered', rating: 'basically_satisfied', comment: '态度好，就是慢了点', note: '本人接听' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ status: 'answered', version: 3, callAttempts: 1 });
    expect(await ratingsOf(id)).toEqual([{ cycle: 0, rating: 'basically_satisfied', comment: '态度好，就是慢了点', source: 'follow_up', via: 'call', recorded_by: ids.taker }]);
    const { rows } = await env.ctx.db.query('SELECT handler_unit_id, handler_officer_id FROM matter_ratings WHERE matter_id = $1', [id]);
    expect(rows).toEqual([{ handler_unit_id: fx.units.stationA, handler_officer_id: ids.east1 }]);
    const code = (await env.ctx.db.query('SELECT tracking_code FROM matters WHERE id = $1', [id])).rows[0].tracking_code;
    const pub = (await app.inject({ method: 'GET', url: `/api/v1/portal/matters/${code}` })).json();
    expect(pub.timeline.at(-1).text).toBe('回访电话中您的评价：基本满意（态度好，就是慢了点）');

    // No second rating by any path, and no change to this one: not by API, not in the database.
    expect(codeOf(await call(as.taker, id, { cycle: 0, version: 3, outcome: 'answered', rating: 'satisfied' }))).toBe('FOLLOW_UP_NOT_CALLABLE');
    expect(codeOf(await app.inject({ method: 'POST', url: `/api/v1/portal/matters/${code}/rating`, payload: { rating: 'dissatisfied' } }))).toBe('ALREADY_RATED');
    await expect(env.ctx.db.query("UPDATE matter_ratings SET rating = 'dissatisfied' WHERE matter_id = $1", [id])).rejects.toThrow(/append-only/);
    await expect(env.ctx.db.query('DELETE FROM matter_ratings WHERE matter_id = $1', [id])).rejects.toThrow(/append-only/);
  });

  it('refuses the command centre a call on a matter it handled itself (recusal), changing nothing', async () => {
    await at('2026-11-16T02:00:00Z');
    const id = await inQueue('0571-87650002', as.taker);
    const item = (await as.centrelead.get('/api/v1/staff/follow-ups')).json().find((i: { matterId: number }) => i.matterId === id);
    expect(item.recused).toBe(true);
    const before = await snapshot(id);
    for (const client of [as.taker, as.centrelead]) {
      const res = await call(client, id, { cycle: 0, version: 2, outcome: 'answered', rating: 'satisfied' });
      expect([res.statusCode, codeOf(res), messageOf(res)]).toEqual([403, 'FOLLOW_UP_RECUSED', '您或您所在单位承办了该事项，不能回访或记录对它的评价，请由其他人员回访']);
      const reveal = await client.post(`/api/v1/staff/follow-ups/${id}/reveal`, { reason: '回访' });
      expect(codeOf(reveal)).toBe('FOLLOW_UP_RECUSED');
    }
    expect(await snapshot(id)).toEqual(before);
  });

  it('reveals the number for the call through the audited reveal', async () => {
    await at('2026-11-16T02:00:00Z');
    const id = await inQueue('0571-87650003');
    const short = await as.taker.post(`/api/v1/staff/follow-ups/${id}/reveal`, { reason: '' });
    expect(short.statusCode).toBe(400);
    const res = await as.taker.post(`/api/v1/staff/follow-ups/${id}/reveal`, { reason: '电话回访' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ name: '张三丰', phone: '0571-87650003' });
    const { rows } = await env.ctx.db.query("SELECT actor_staff_id, reason FROM matter_events WHERE matter_id = $1 AND type = 'personalData.revealed'", [id]);
    expect(rows).toEqual([{ actor_staff_id: ids.taker, reason: '电话回访' }]);
    expect((await as.taker.post('/api/v1/staff/follow-ups/999999/reveal', { reason: '电话回访' })).statusCode).toBe(404);
  });

  it('tries an unanswered call three times before closing it as unreachable; a decline closes at once', async () => {
    await at('2026-11-16T02:00:00Z');
    const id = await inQueue('0571-87650004');
    let v = 2;
    for (const [attempt, status] of [[1, 'calling'], [2, 'calling'], [3, 'unreachable']] as const) {
      const res = await call(as.taker, id, { cycle: 0, version: v, outcome: 'unreachable', note: '无人接听' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ status, version: v + 1, callAttempts: attempt });
      v += 1;
      if (status === 'calling') expect((await followUp(id)).next_call_at).toEqual(new Date(env.clock.now().getTime() + 2 * 3_600_000));
    }
    expect(await followUp(id)).toMatchObject({ status: 'unreachable', finished_by: ids.taker, next_call_at: null });
    const rated = await call(as.taker, id, { cycle: 0, version: v, outcome: 'unreachable', rating: 'satisfied' });
    expect(rated.json().error.fields).toEqual([{ path: 'rating', message: '未接通或拒绝评价时不能记录评价' }]);
    const closed = await call(as.taker, id, { cycle: 0, version: v, outcome: 'unreachable' });
    expect([closed.statusCode, messageOf(closed)]).toEqual([409, '该回访目前状态为“无法联系”，不在电话回访队列中']);

    const other = await inQueue('0571-87650005');
    const declined = await call(as.taker, other, { cycle: 0, version: 2, outcome: 'declined', note: '不愿评价' });
    expect(declined.json()).toEqual({ status: 'declined', version: 3, callAttempts: 1 });
    expect((await env.ctx.db.query("SELECT count(*)::int AS n FROM matter_events WHERE matter_id = $1 AND type = 'followUp.declined'", [other])).rows[0].n).toBe(1);
    expect(await ratingsOf(other)).toEqual([]);
  });

  it('answers 404 for a matter the caller cannot see and for a cycle without a follow-up', async () => {
    await at('2026-11-16T02:00:00Z');
    const id = await inQueue('0571-87650006');
    expect(codeOf(await call(as.taker, 999_999, { cycle: 0, version: 1, outcome: 'declined' }))).toBe('MATTER_NOT_FOUND');
    expect(codeOf(await call(as.taker, id, { cycle: 5, version: 1, outcome: 'declined' }))).toBe('FOLLOW_UP_NOT_FOUND');
  });
});

describe('rectification after a 不满意', () => {
  async function dissatisfied() {
    const id = await closedMatter();
    await runFollowUpWork(env.ctx, env.clock.now());
    expect((await rateLink((await linkOf(id)).token, { rating: 'dissatisfied', comment: '没解决' })).statusCode).toBe(204);
    return id;
  }

  it('is answered by the rated unit only, once, publicly and by SMS to the citizen', async () => {
    await at('2026-11-16T02:00:00Z');
    const id = await dissatisfied();
    const before = await snapshot(id);
    const other = await as.west1.post(`/api/v1/staff/matters/${id}/rectifications/0`, { actionTaken: '上门核实', feedback: '已修好' });
    expect(codeOf(other)).toBe('MATTER_NOT_FOUND'); // another station's officer does not see the matter
    const centre = await as.taker.post(`/api/v1/staff/matters/${id}/rectifications/0`, { actionTaken: '上门核实', feedback: '已修好' });
    expect([centre.statusCode, codeOf(centre), messageOf(centre)]).toEqual([403, 'RECTIFICATION_NOT_YOUR_UNIT', '只有被评价的承办单位可以反馈整改情况']);
    const blank = await as.eastlead.post(`/api/v1/staff/matters/${id}/rectifications/0`, { actionTaken: '  ', feedback: 'x' });
    expect(blank.statusCode).toBe(400);
    const blankTrimmed = await as.eastlead.post(`/api/v1/staff/matters/${id}/rectifications/0`, { actionTaken: '   ', feedback: '  好的  ' });
    expect(blankTrimmed.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['actionTaken']);
    expect(codeOf(await as.eastlead.post(`/api/v1/staff/matters/${id}/rectifications/3`, { actionTaken: '上门核实', feedback: '已修好' }))).toBe('RECTIFICATION_NOT_FOUND');
    expect(await snapshot(id)).toEqual(before);

    const res = await as.eastlead.post(`/api/v1/staff/matters/${id}/rectifications/0`, {
      actionTaken: '所长带队上门核实，督促供电所当天更换灯具', feedback: '我所已督促供电所更换了灯具，并于今晚复查，给您带来不便深表歉意。',
    });
    expect(res.statusCode, res.body).toBe(200);
    const { rows } = await env.ctx.db.query('SELECT status, done_by, feedback FROM rectifications WHERE matter_id = $1', [id]);
    expect(rows).toEqual([{ status: 'done', done_by: ids.eastlead, feedback: '我所已督促供电所更换了灯具，并于今晚复查，给您带来不便深表歉意。' }]);
    const sms = await env.ctx.db.query("SELECT body_enc FROM outbound_messages WHERE matter_id = $1 AND purpose = 'rectification_feedback'", [id]);
    expect(sms.rows.map((r) => env.ctx.vault.decrypt(r.body_enc))).toEqual([
      '【警民通】您对所反映事项的不满意评价，东城派出所已整改：我所已督促供电所更换了灯具，并于今晚复查，给您带来不便深表歉意。',
    ]);
    const code = (await env.ctx.db.query('SELECT tracking_code FROM matters WHERE id = $1', [id])).rows[0].tracking_code;
    const pub = await app.inject({ method: 'GET', url: `/api/v1/portal/matters/${code}/rectifications` });
    expect(pub.json()).toEqual([{
      cycle: 0, openedAt: env.clock.now().toISOString(), dueAt: '2026-11-23T15:59:59.999Z', status: 'done', unitName: '东城派出所',
      feedback: '我所已督促供电所更换了灯具，并于今晚复查，给您带来不便深表歉意。', doneAt: env.clock.now().toISOString(),
    }]);
    expect(pub.body).not.toContain('所长带队'); // what the unit did internally stays internal
    const timeline = (await app.inject({ method: 'GET', url: `/api/v1/portal/matters/${code}` })).json().timeline;
    expect(timeline.at(-1).text).toBe('整改反馈：我所已督促供电所更换了灯具，并于今晚复查，给您带来不便深表歉意。');
    const twice = await as.eastlead.post(`/api/v1/staff/matters/${id}/rectifications/0`, { actionTaken: '再次核实', feedback: '已修好' });
    expect([twice.statusCode, codeOf(twice)]).toEqual([409, 'RECTIFICATION_DONE']);
  });

  it('is marked breached once when late, with an accountability record against the rated unit and officer', async () => {
    await at('2026-11-16T02:00:00Z'); // Monday: due at the end of Monday 11/23
    const id = await dissatisfied();
    const records = async () => (await env.ctx.db.query(
      'SELECT kind, subject, cycle, unit_id, officer_id, due_at FROM accountability_records WHERE matter_id = $1', [id])).rows;
    await at('2026-11-23T15:59:00Z'); // 23:59 on the last day
    await runFollowUpWork(env.ctx, env.clock.now());
    expect(await records()).toEqual([]);
    await at('2026-11-23T16:00:00Z');
    await runFollowUpWork(env.ctx, env.clock.now());
    await runFollowUpWork(env.ctx, env.clock.now());
    expect(await records()).toEqual([{ kind: 'rectification_breached', subject: 'rectification', cycle: 0, unit_id: fx.units.stationA, officer_id: ids.east1, due_at: new Date('2026-11-23T15:59:59.999Z') }]);
    const events = await env.ctx.db.query("SELECT visibility FROM matter_events WHERE matter_id = $1 AND type = 'rectification.breached'", [id]);
    expect(events.rows).toEqual([{ visibility: 'internal' }]);
    const card = (await as.eastlead.get(`/api/v1/staff/matters/${id}/feedback`)).json();
    expect(card.rectifications[0]).toMatchObject({ status: 'open', overdue: true, mayAnswer: true });
  });

  it("follows the kind's own rule (a month for the deputies' proposals)", async () => {
    await at('2026-11-16T02:00:00Z');
    await env.ctx.db.query(`UPDATE matter_kinds SET rectification_rule = '{"amount": 1, "unit": "month", "rollForwardIfHoliday": true}' WHERE code = 'suggestion'`);
    const id = await closedMatter(as.east1, { kind: 'suggestion' });
    await runFollowUpWork(env.ctx, env.clock.now());
    expect((await rateLink((await linkOf(id)).token, { rating: 'dissatisfied' })).statusCode).toBe(204);
    const { rows } = await env.ctx.db.query('SELECT due_at FROM rectifications WHERE matter_id = $1', [id]);
    expect(rows[0].due_at).toEqual(new Date('2026-12-16T15:59:59.999Z'));
  });
});

describe('appeals against a rating', () => {
  it('lets the rated unit appeal once and a supervisor outside it decide; both stay on record', async () => {
    await at('2026-11-16T02:00:00Z');
    const id = await closedMatter();
    await runFollowUpWork(env.ctx, env.clock.now());
    expect((await rateLink((await linkOf(id)).token, { rating: 'dissatisfied', comment: '民警态度差' })).statusCode).toBe(204);
    const before = await snapshot(id);
    const url = `/api/v1/staff/matters/${id}/ratings/0/appeal`;
    expect(codeOf(await as.west1.post(url, { reason: '不公' }))).toBe('MATTER_NOT_FOUND');
    const centre = await as.taker.post(url, { reason: '评价不公' });
    expect([centre.statusCode, codeOf(centre)]).toEqual([403, 'APPEAL_NOT_YOUR_UNIT']);
    expect(codeOf(await as.ducha.post(url, { reason: '评价不公' }))).toBe('FORBIDDEN');
    expect((await as.east1.post(url, { reason: '' })).statusCode).toBe(400);
    expect(codeOf(await as.east1.post(`/api/v1/staff/matters/${id}/ratings/4/appeal`, { reason: '评价不公' }))).toBe('RATING_NOT_FOUND');
    expect(await snapshot(id)).toEqual(before);

    const appealed = await as.east1.post(url, { reason: '群众反映的是供电所的问题，不属我所职责' });
    expect(appealed.statusCode, appealed.body).toBe(201);
    const twice = await as.eastlead.post(url, { reason: '再次申诉' });
    expect([twice.statusCode, codeOf(twice), messageOf(twice)]).toEqual([409, 'APPEAL_EXISTS', '该评价已经申诉过，每个评价只能申诉一次']);

    const pending = (await as.ducha.get('/api/v1/staff/rating-appeals')).json();
    expect(pending.find((a: { matterId: number }) => a.matterId === id)).toMatchObject({
      cycle: 0, rating: 'dissatisfied', comment: '民警态度差', unit: { id: fx.units.stationA }, mayDecide: true,
      appeal: { appealedBy: '民警east1', reason: '群众反映的是供电所的问题，不属我所职责', status: 'pending', decidedBy: null },
    });
    expect((await as.east1.get('/api/v1/staff/rating-appeals')).statusCode).toBe(403);

    const decision = `${url}/decision`;
    const own = await as.eastsup.post(decision, { decision: 'upheld', reason: '属实' });
    expect([own.statusCode, codeOf(own)]).toEqual([403, 'APPEAL_CONFLICT_OF_INTEREST']);
    expect(codeOf(await as.eastlead.post(decision, { decision: 'upheld', reason: '属实' }))).toBe('FORBIDDEN');
    const res = await as.ducha.post(decision, { decision: 'upheld', reason: '经核实，路灯归供电所管理，民警已及时联系' });
    expect(res.statusCode, res.body).toBe(200);
    expect(codeOf(await as.ducha.post(decision, { decision: 'rejected', reason: '改判' }))).toBe('APPEAL_DECIDED');

    // The rating is untouched; the appeal and the decision are on the record and in the timeline.
    expect(await ratingsOf(id)).toEqual([{ cycle: 0, rating: 'dissatisfied', comment: '民警态度差', source: 'citizen', via: 'sms_link', recorded_by: null }]);
    const card = (await as.east1.get(`/api/v1/staff/matters/${id}/feedback`)).json();
    expect(card.ratings[0]).toMatchObject({
      rating: 'dissatisfied', via: 'sms_link', mayAppeal: false, mayDecide: false,
      appeal: { status: 'upheld', decidedBy: '民警ducha', decisionReason: '经核实，路灯归供电所管理，民警已及时联系' },
    });
    const { rows } = await env.ctx.db.query(
      "SELECT type, visibility, reason FROM matter_events WHERE matter_id = $1 AND type LIKE 'rating.%' ORDER BY seq", [id]);
    expect(rows).toEqual([
      { type: 'rating.appealed', visibility: 'internal', reason: '群众反映的是供电所的问题，不属我所职责' },
      { type: 'rating.appealDecided', visibility: 'internal', reason: '经核实，路灯归供电所管理，民警已及时联系' },
    ]);
    const decided = (await as.ducha.get('/api/v1/staff/rating-appeals?status=decided')).json();
    expect(decided.map((a: { matterId: number }) => a.matterId)).toContain(id);
  });
});
