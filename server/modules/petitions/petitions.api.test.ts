import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addStaff, buildTestApp, createTestContext, login, seedFixture, type Fixture } from '../../test/harness.js';

let env: Awaited<ReturnType<typeof createTestContext>>;
let app: FastifyInstance;
let fx: Fixture;
let office: number;
type Client = Awaited<ReturnType<typeof login>>;
let clerk: Client; let officeLead: Client; let leader: Client; let eastOfficer: Client; let westClerk: Client;

/** Moves the clock (China time is UTC+8); sessions expire over such jumps, so everyone logs in again. */
async function at(iso: string) {
  env.clock.set(iso);
  [clerk, officeLead, leader, eastOfficer, westClerk] = await Promise.all(['xf1', 'xflead', 'juzhang', 'east1', 'westclerk'].map((u) => login(app, u)));
}

beforeAll(async () => {
  env = await createTestContext();
  fx = await seedFixture(env.ctx);
  office = (await env.ctx.db.query(
    `INSERT INTO units (code, name, kind, jurisdiction_id, scope) VALUES ('xinfang', '信访科', 'petition_office', 1, 'county') RETURNING id`)).rows[0].id;
  env.ctx.org.invalidate();
  await addStaff(env.ctx, 'xf1', office, ['clerk']);
  await addStaff(env.ctx, 'xflead', office, ['unit_leader']);
  await addStaff(env.ctx, 'juzhang', fx.units.bureau, ['leader']);
  await addStaff(env.ctx, 'east1', fx.units.stationA, ['officer']);
  await addStaff(env.ctx, 'westclerk', fx.units.stationB, ['clerk']);
  app = await buildTestApp(env.ctx);
});
afterAll(async () => { await app.close(); await env.close(); });

let people = 0;
const letter = (overrides: Record<string, unknown> = {}) => {
  people += 1;
  return {
    form: 'letter', receivedAt: env.clock.now().toISOString(),
    petitioner: { name: '王建国', address: '青山县城关镇人民路 8 号', phone: `1391234${String(people).padStart(4, '0')}` },
    request: '请求依法处理邻居违章搭建占用消防通道的问题', facts: '邻居于 2025 年在楼道搭建储物间，多次反映未果。', reasons: '违章搭建堵塞消防通道，存在安全隐患。',
    ...overrides,
  };
};

async function register(client: Client, body: Record<string, unknown>) {
  const res = await client.post('/api/v1/staff/petitions', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; caseNo: string; trackingCode: string; notAccepted: boolean };
}
const card = async (id: number, client = clerk) => (await client.get(`/api/v1/staff/petitions/${id}`)).json();
const matterView = async (id: number) => (await clerk.get(`/api/v1/staff/matters/${id}`)).json();
const due = (view: { deadlines: { stage: string; dueAt: string; cycle: number; status: string }[] }, stage: string, cycle = 0) =>
  view.deadlines.find((d) => d.stage === stage && d.cycle === cycle)?.dueAt;
const count = async (sql: string, params: unknown[] = []) => Number((await env.ctx.db.query(sql, params)).rows[0].n);

async function accept(id: number, reasons = '属于本机关职责范围，依法受理') {
  const res = await clerk.post(`/api/v1/staff/petitions/${id}/acceptance`, { version: (await card(id)).version, decision: 'accept', reasons });
  expect(res.statusCode, res.body).toBe(200);
}
async function opinion(id: number, client = clerk) {
  const res = await client.post(`/api/v1/staff/petitions/${id}/opinion`, {
    version: (await card(id, client)).version, result: 'explain', basis: '《中华人民共和国消防法》第二十八条', opinion: '经核查，已责令当事人限期拆除，并由社区跟踪落实。',
  });
  expect(res.statusCode, res.body).toBe(200);
}
const askReview = (trackingCode: string, reason = '拆除未落实，申请复查', lang = 'zh-CN') => app.inject({
  method: 'POST', url: `/api/v1/portal/petitions/${trackingCode}/review-requests`, payload: { reason }, headers: { 'accept-language': lang },
});

describe('clocks in calendar days (信访工作条例: 日, no roll-forward past holidays)', () => {
  it('a letter received 2026-02-10, before the Spring Festival: routing and acceptance due 15 days later, holiday or not', async () => {
    await at('2026-02-12T02:00:00Z');
    const { id } = await register(clerk, letter({ receivedAt: '2026-02-10T01:00:00Z' }));
    const view = await matterView(id);
    // 2/10 is not counted; the 15th day is 2/25 (the festival 2/15–2/23 falls inside and changes nothing).
    expect(due(view, 'routing')).toBe('2026-02-25T15:59:59.999Z');
    expect(due(view, 'acceptance')).toBe('2026-02-25T15:59:59.999Z');
    expect(view.deadlines.map((d: { stage: string }) => d.stage).sort()).toEqual(['acceptance', 'routing']);
    // Accepted 2026-03-02: 60 days of handling end on 2026-05-01, the Labour Day holiday, and are not moved past it.
    await at('2026-03-02T02:00:00Z');
    await accept(id);
    const accepted = await matterView(id);
    expect(due(accepted, 'handling')).toBe('2026-05-01T15:59:59.999Z');
    expect(accepted.deadlines.filter((d: { status: string }) => d.status === 'met').map((d: { stage: string }) => d.stage).sort()).toEqual(['acceptance', 'routing']);
  });

  it('received 2026-09-22: the acceptance notice is due on 2026-10-07, inside the National Day holiday', async () => {
    await at('2026-09-22T03:00:00Z');
    const { id } = await register(clerk, letter());
    expect(due(await matterView(id), 'acceptance')).toBe('2026-10-07T15:59:59.999Z');
  });

  it('a transfer (交办) meets the routing clock; the acceptance clock runs on until the station accepts', async () => {
    await at('2026-04-01T02:00:00Z');
    const { id } = await register(clerk, letter());
    const sent = await clerk.post(`/api/v1/staff/matters/${id}/transfers`, { version: (await matterView(id)).version, toUnitId: fx.units.stationA, reason: '属地派出所办理' });
    expect(sent.statusCode, sent.body).toBe(200);
    const view = await matterView(id);
    expect(view.deadlines.find((d: { stage: string }) => d.stage === 'routing').status).toBe('met');
    expect(view.deadlines.find((d: { stage: string }) => d.stage === 'acceptance').status).toBe('active');
    expect((await card(id)).stage).toBe('registered');
  });
});

describe('registration (Art. 19, 20)', () => {
  it('a group visit with more than 5 representatives is refused in both languages, and nothing is made', async () => {
    await at('2026-04-02T02:00:00Z');
    const before = await count('SELECT count(*) AS n FROM matters');
    const body = letter({ form: 'group_visit', groupSize: 30, representatives: ['甲一', '乙二', '丙三', '丁四', '戊五', '己六'] });
    const zh = await clerk.post('/api/v1/staff/petitions', body);
    expect(zh.statusCode).toBe(400);
    expect(zh.json().error.fields[0]).toEqual({ path: 'representatives', message: expect.stringContaining('不超过 5 人（《信访工作条例》第二十条）') });
    const en = await clerk.request({ method: 'POST', url: '/api/v1/staff/petitions', payload: body, headers: { 'accept-language': 'en' } });
    expect(en.json().error.fields[0].message).toContain('at most 5 representatives');
    expect(await count('SELECT count(*) AS n FROM matters')).toBe(before);
    const five = await register(clerk, { ...body, representatives: ['甲一', '乙二', '丙三', '丁四', '戊五'] });
    const view = await card(five.id);
    expect(view.form).toBe('group_visit');
    expect(view.groupSize).toBe(30);
    expect(view.representatives).toEqual(['甲*', '乙*', '丙*', '丁*', '戊*']);
  });

  it('name and address are required (Art. 19); the phone may be missing on a letter', async () => {
    await at('2026-04-02T03:00:00Z');
    const { petitioner, ...rest } = letter();
    const noAddress = await clerk.post('/api/v1/staff/petitions', { ...rest, petitioner: { name: petitioner.name } });
    expect(noAddress.statusCode).toBe(400);
    expect(noAddress.json().error.fields.map((f: { path: string }) => f.path)).toContain('petitioner.address');
    await register(clerk, { ...rest, petitioner: { name: petitioner.name, address: petitioner.address } });
  });

  it('only the petition office or a leader registers; an officer gets 403; a station clerk 403 too', async () => {
    expect((await eastOfficer.post('/api/v1/staff/petitions', letter())).statusCode).toBe(403);
    const station = await westClerk.post('/api/v1/staff/petitions', letter());
    expect(station.statusCode).toBe(403);
    expect(station.json().error.code).toBe('PETITION_OFFICE_ONLY');
    await register(leader, letter());
  });
});

describe('acceptance, opinion, extension', () => {
  it('refusals: other jurisdiction 404, wrong role 403, stale version 409, wrong state 409', async () => {
    await at('2026-05-04T02:00:00Z');
    const { id } = await register(clerk, letter());
    expect((await westClerk.get(`/api/v1/staff/petitions/${id}`)).statusCode).toBe(404);
    const { version } = await card(id);
    const byLeader = await leader.post(`/api/v1/staff/petitions/${id}/acceptance`, { version, decision: 'accept', reasons: '依法受理' });
    expect(byLeader.statusCode).toBe(403);
    const stale = await clerk.post(`/api/v1/staff/petitions/${id}/acceptance`, { version: version + 5, decision: 'accept', reasons: '依法受理' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    const early = await clerk.post(`/api/v1/staff/petitions/${id}/opinion`, { version, result: 'support', basis: '依据', opinion: '意见内容' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('INVALID_TRANSITION');
    const short = await clerk.post(`/api/v1/staff/petitions/${id}/acceptance`, { version, decision: 'accept', reasons: '' });
    expect(short.statusCode).toBe(400);
    await accept(id);
    const twice = await clerk.post(`/api/v1/staff/petitions/${id}/acceptance`, { version: (await card(id)).version, decision: 'accept', reasons: '再次受理' });
    expect(twice.statusCode).toBe(409);
  });

  it('one extension of 30 days by a leader, the petitioner told why by a public notice and a text message; never a second', async () => {
    await at('2026-05-04T03:00:00Z');
    const { id, trackingCode } = await register(clerk, letter());
    await accept(id);
    const before = due(await matterView(id), 'handling');
    expect(before).toBe('2026-07-03T15:59:59.999Z');
    const byClerk = await clerk.post(`/api/v1/staff/petitions/${id}/extension`, { version: (await card(id)).version, reason: '需调取多方证据' });
    expect(byClerk.statusCode).toBe(403);
    const extended = await officeLead.post(`/api/v1/staff/petitions/${id}/extension`, { version: (await card(id)).version, reason: '需调取多方证据' });
    expect(extended.statusCode, extended.body).toBe(200);
    expect(due(await matterView(id), 'handling')).toBe('2026-08-02T15:59:59.999Z');
    const again = await officeLead.post(`/api/v1/staff/petitions/${id}/extension`, { version: extended.json().version, reason: '再延一次' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('EXTENSION_NOT_ALLOWED');
    expect(await count(`SELECT count(*) AS n FROM outbound_messages WHERE matter_id = $1 AND purpose = 'petition_extension'`, [id])).toBe(1);
    const docs = (await app.inject({ method: 'GET', url: `/api/v1/portal/petitions/${trackingCode}` })).json().documents;
    expect(docs.map((d: { type: string }) => d.type)).toEqual(['registered', 'acceptance_notice', 'extension_notice']);
    expect(docs[2].text).toContain('需调取多方证据');
  });

  it('不予受理 with reasons closes the petition and is shown to the petitioner', async () => {
    await at('2026-05-05T02:00:00Z');
    const { id, trackingCode } = await register(clerk, letter());
    const res = await clerk.post(`/api/v1/staff/petitions/${id}/acceptance`, { version: (await card(id)).version, decision: 'not_accept', reasons: '属于诉讼程序处理的事项，请向人民法院起诉' });
    expect(res.statusCode, res.body).toBe(200);
    const view = await matterView(id);
    expect(view.state).toBe('not_accepted');
    expect(view.deadlines.every((d: { status: string }) => d.status !== 'active')).toBe(true);
    const portal = (await app.inject({ method: 'GET', url: `/api/v1/portal/petitions/${trackingCode}` })).json();
    expect(portal.stage).toBe('not_accepted');
    expect(portal.documents[1]).toMatchObject({ type: 'non_acceptance_notice', title: '不予受理告知书', text: '属于诉讼程序处理的事项，请向人民法院起诉' });
  });
});

describe('复查 and 复核 (Art. 35, 36), then finality', () => {
  let id: number; let trackingCode: string; let phone: string;

  it('the opinion opens a 30-day window; asking a day late is refused with the date, and nothing changes', async () => {
    await at('2026-05-06T02:00:00Z');
    const body = letter({ petitioner: { name: '赵敏', address: '青山县东湖镇湖滨路 3 号', phone: '13955550001', idNumber: '11010519491231002X' } });
    phone = body.petitioner.phone;
    ({ id, trackingCode } = await register(clerk, body));
    await accept(id);
    await at('2026-05-20T02:00:00Z');
    await opinion(id);
    const portal = (await app.inject({ method: 'GET', url: `/api/v1/portal/petitions/${trackingCode}` })).json();
    // 30 days after 5/20 (not counted) end on 6/19, the Dragon Boat holiday, and are not moved past it.
    expect(portal.window).toEqual({ level: 'review', until: '2026-06-19T15:59:59.999Z' });
    expect(portal.documents.at(-1)).toMatchObject({ type: 'opinion', title: '处理意见书', result: 'explain', resultLabel: '解释说明', basis: '《中华人民共和国消防法》第二十八条' });
    await at('2026-06-19T16:00:00Z'); // 6/20 00:00 in China
    const late = await askReview(trackingCode);
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toBe('申请复查的期限已于 2026-06-19 届满（自收到意见书之日起 30 日内，《信访工作条例》第35条）');
    const lateEn = await askReview(trackingCode, '拆除未落实，申请复查', 'en');
    expect(lateEn.json().error.message).toBe('The time to ask for a review ended on 2026-06-19 (30 days from receiving the opinion, Art. 35 of the Regulation)');
    const view = await matterView(id);
    expect(view.state).toBe('closed');
    expect(view.deadlines.some((d: { cycle: number }) => d.cycle === 1)).toBe(false);
  });

  it('asked within the window, 复查 is a new cycle with its own 30-day clock, back at the petition office', async () => {
    await at('2026-06-19T15:00:00Z'); // 6/19 23:00 in China: the last hour
    const res = await askReview(trackingCode);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ level: 'review', cycle: 1 });
    const view = await matterView(id);
    expect(view.state).toBe('handling');
    expect(view.handlerUnit.id).toBe(office);
    expect(due(view, 'review', 1)).toBe('2026-07-19T15:59:59.999Z');
    const twice = await askReview(trackingCode);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('PETITION_REVIEW_NOT_OPEN');
    const timeline = (await app.inject({ method: 'GET', url: `/api/v1/portal/matters/${trackingCode}` })).json().timeline;
    expect(timeline.at(-1).text).toBe('您申请了复查：拆除未落实，申请复查');
  });

  it('复查 answer, then 复核 with a hearing that is not counted (Art. 36), then the petition is final', async () => {
    await at('2026-07-01T02:00:00Z');
    expect((await card(id)).allowedActions).toContain('opinion');
    await opinion(id);
    expect((await card(id)).stage).toBe('reviewed');
    await at('2026-07-10T02:00:00Z');
    expect((await askReview(trackingCode, '对复查意见不服，申请复核')).statusCode).toBe(201);
    let view = await matterView(id);
    expect(due(view, 're_review', 2)).toBe('2026-08-09T15:59:59.999Z');
    const paused = await clerk.post(`/api/v1/staff/matters/${id}/pause`, { version: view.version, pauseReason: 'hearing', reason: '组织听证' });
    expect(paused.statusCode, paused.body).toBe(200);
    await at('2026-07-15T02:00:00Z');
    const resumed = await clerk.post(`/api/v1/staff/matters/${id}/resume`, { version: paused.json().version, reason: '听证结束' });
    expect(resumed.statusCode, resumed.body).toBe(200);
    view = await matterView(id);
    expect(due(view, 're_review', 2)).toBe('2026-08-14T15:59:59.999Z'); // five hearing days added
    await opinion(id);
    const final = await card(id);
    expect(final.stage).toBe('final');
    expect(final.finalAt).not.toBeNull();
    const more = await askReview(trackingCode, '仍然不服');
    expect(more.statusCode).toBe(409);
    expect(more.json().error.code).toBe('PETITION_FINAL');
    const portal = (await app.inject({ method: 'GET', url: `/api/v1/portal/petitions/${trackingCode}` })).json();
    expect(portal.documents.map((d: { type: string }) => d.type)).toEqual(
      ['registered', 'acceptance_notice', 'opinion', 'review_request', 'review', 're_review_request', 're_review']);
    expect(portal.final).toBe(true);
    expect(portal.window).toBeNull();
  });

  it('the same person again after 复核: the rule is shown, and 不予受理 is recorded in one step (Art. 36 ¶3)', async () => {
    await at('2026-08-01T02:00:00Z');
    const before = await count('SELECT count(*) AS n FROM matters');
    // Found by the identity number although the phone is another one.
    const again = letter({ petitioner: { name: '赵敏', address: '青山县东湖镇湖滨路 3 号', phone: '13955550002', idNumber: '11010519491231002X' } });
    const refused = await clerk.post('/api/v1/staff/petitions', again);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('PETITION_EARLIER_FINAL');
    expect(refused.json().error.message).toContain('依照《信访工作条例》第三十六条，以同一事实和理由提出的投诉请求不再受理');
    expect(await count('SELECT count(*) AS n FROM matters')).toBe(before);
    const found = await clerk.post('/api/v1/staff/petitions/earlier', { phone });
    expect(found.json()[0]).toMatchObject({ id, stage: 'final' });
    const done = await register(clerk, { ...again, earlierFinal: 'not_accept' });
    expect(done.notAccepted).toBe(true);
    const view = await card(done.id);
    expect(view.stage).toBe('not_accepted');
    expect(view.acceptance).toMatchObject({ decision: 'not_accepted', ground: 'final' });
    expect(view.acceptance.reasons).toContain('第三十六条');
    const nothingFinal = await clerk.post('/api/v1/staff/petitions', { ...letter(), earlierFinal: 'not_accept' });
    expect(nothingFinal.statusCode).toBe(409);
    expect(nothingFinal.json().error.code).toBe('PETITION_NOTHING_FINAL');
  });
});

describe('repeats, return visits, figures', () => {
  it('a repeat by the same person is linked and not counted as a new petition', async () => {
    await at('2026-09-01T02:00:00Z');
    const first = await register(clerk, letter({ petitioner: { name: '钱多', address: '青山县城关镇北街 1 号', phone: '13966660001' } }));
    const second = await register(clerk, letter({ petitioner: { name: '钱多', address: '青山县城关镇北街 1 号', phone: '13966660001' }, request: '再次反映违章搭建问题，请尽快处理' }));
    const view = await card(second.id);
    expect(view.suggestions.map((s: { id: number }) => s.id)).toEqual([first.id]);
    expect(view.allowedActions).toContain('link');
    const stranger = await register(clerk, letter());
    const wrong = await clerk.post(`/api/v1/staff/petitions/${second.id}/repeat-link`, { version: view.version, repeatOf: stranger.id });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('PETITION_REPEAT_INVALID');
    const linked = await clerk.post(`/api/v1/staff/petitions/${second.id}/repeat-link`, { version: view.version, repeatOf: first.id });
    expect(linked.statusCode, linked.body).toBe(200);
    expect((await card(first.id)).repeats.map((r: { id: number }) => r.id)).toEqual([second.id]);
    const list = (await clerk.get('/api/v1/staff/petitions?pageSize=100')).json();
    expect(list.items.map((i: { id: number }) => i.id)).not.toContain(second.id);
    expect(list.items.find((i: { id: number }) => i.id === first.id).repeats).toBe(1);
    const only = (await clerk.get('/api/v1/staff/petitions?repeats=only')).json();
    expect(only.items.map((i: { id: number }) => i.id)).toEqual([second.id]);
    const figures = (await clerk.get('/api/v1/staff/petitions/figures?from=2026-09-01&to=2026-09-01')).json();
    expect(figures).toMatchObject({ received: 2, repeats: 1 });
    expect((await eastOfficer.get('/api/v1/staff/petitions')).statusCode).toBe(403);
  });

  it('带案回访: planned only after the opinion, recorded once, on the timeline; figures count it', async () => {
    await at('2026-09-02T02:00:00Z');
    const { id, trackingCode } = await register(clerk, letter());
    const early = await clerk.post(`/api/v1/staff/petitions/${id}/visits`, { plannedFor: '2026-09-20', visitors: '信访科 李干事' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('PETITION_VISIT_NOT_OPEN');
    await accept(id);
    await at('2026-09-10T02:00:00Z');
    await opinion(id);
    const planned = await clerk.post(`/api/v1/staff/petitions/${id}/visits`, { plannedFor: '2026-09-20', visitors: '信访科 李干事' });
    expect(planned.statusCode, planned.body).toBe(201);
    const visitId = planned.json().visitId;
    const record = { visitedBy: '李干事、社区民警', findings: '违章搭建已拆除，消防通道畅通', attitude: 'satisfied', settled: true };
    expect((await eastOfficer.post(`/api/v1/staff/petitions/${id}/visits/${visitId}/record`, record)).statusCode).toBe(403);
    expect((await clerk.post(`/api/v1/staff/petitions/${id}/visits/${visitId}/record`, record)).statusCode).toBe(200);
    expect((await clerk.post(`/api/v1/staff/petitions/${id}/visits/${visitId}/record`, record)).statusCode).toBe(409);
    expect((await clerk.post(`/api/v1/staff/petitions/${id}/visits/999/record`, record)).statusCode).toBe(404);
    const view = await card(id);
    expect(view.visits[0]).toMatchObject({ plannedFor: '2026-09-20', settled: true, attitude: 'satisfied' });
    const types = (await matterView(id)).timeline.map((e: { type: string }) => e.type);
    expect(types).toEqual(expect.arrayContaining(['petition.visitPlanned', 'petition.visitRecorded']));
    // The petitioner rates the answered cycle: 参评率 and 满意率 read it.
    const rated = await app.inject({ method: 'POST', url: `/api/v1/portal/matters/${trackingCode}/rating`, payload: { rating: 'satisfied' } });
    expect(rated.statusCode, rated.body).toBe(204);
    const figures = (await clerk.get('/api/v1/staff/petitions/figures?from=2026-09-02&to=2026-09-02')).json();
    expect(figures).toMatchObject({ received: 1, decided: 1, decidedInTime: 1, timelyAcceptanceRate: 1, concluded: 1, onTimeRate: 1,
      rated: 1, participationRate: 1, satisfactionRate: 1, visits: 1, settled: 1 });
  });
});

describe('网上信访 on the portal', () => {
  const online = (overrides: Record<string, unknown> = {}) => ({
    petitioner: { name: '孙立', address: '青山县西城镇新街 5 号', phone: '13977770001' },
    request: '请求查处夜间噪声扰民', facts: '楼下商铺每晚营业至凌晨，噪声很大。', reasons: '影响居民正常休息。', ...overrides,
  });

  it('received by the petition office, replayed with the same key, warned when sent twice', async () => {
    await at('2026-10-12T02:00:00Z');
    const send = (body: object, key?: string) => app.inject({ method: 'POST', url: '/api/v1/portal/petitions', payload: body, headers: key ? { 'idempotency-key': key } : {} });
    const first = await send(online(), 'petition-key-0001');
    expect(first.statusCode, first.body).toBe(201);
    const replay = await send(online(), 'petition-key-0001');
    expect(replay.statusCode).toBe(200);
    expect(replay.json().trackingCode).toBe(first.json().trackingCode);
    // Twenty twins at once with one key: one petition, every answer its code (none taken for a duplicate of the first).
    const twins = await Promise.all(Array.from({ length: 20 }, () =>
      send(online({ petitioner: { name: '孙立', address: '青山县西城镇新街 5 号', phone: '13977770009' } }), 'petition-key-twins')));
    expect(twins.map((r) => r.statusCode).sort()).toEqual([...Array(19).fill(200), 201]);
    expect(new Set(twins.map((r) => r.json().trackingCode)).size).toBe(1);
    const twice = await send(online());
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('DUPLICATE_SUSPECTED');
    expect((await send({ ...online(), confirmDuplicate: true })).statusCode).toBe(201);
    const noAddress = await send({ ...online(), petitioner: { name: '孙立', phone: '13977770001' } });
    expect(noAddress.statusCode).toBe(400);
    const { rows } = await env.ctx.db.query(
      `SELECT m.first_unit_id, m.channel, p.form FROM matters m JOIN petitions p ON p.jurisdiction_id = m.jurisdiction_id AND p.matter_id = m.id
        WHERE m.case_no = $1`, [first.json().caseNo]);
    expect(rows[0]).toEqual({ first_unit_id: office, channel: 'portal', form: 'online' });
    const notPetition = await app.inject({ method: 'GET', url: '/api/v1/portal/petitions/00-ABCD-EFGH-JKLM' });
    expect(notPetition.statusCode).toBe(404);
  });
});
