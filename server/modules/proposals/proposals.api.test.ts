import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addStaff, buildTestApp, createTestContext, login, seedFixture, testClock, type Fixture } from '../../test/harness.js';

/**
 * 建议提案 over HTTP on fixed 2026 dates: the 3-month reply clock from 交办 (month ends, the make-up Saturday,
 * a holiday roll), the one extension to 6 months, the co-units' 1-month opinions and the 20-working-day first
 * contact across Spring Festival; who may do what; the classed reply; the 不满意 and the redo with a new class.
 */

const clock = testClock('2026-01-30T02:00:00Z'); // Fri 30 Jan 2026, 10:00 in China
let env: Awaited<ReturnType<typeof createTestContext>>;
let app: FastifyInstance;
let fx: Fixture & { units: Fixture['units'] & { stationC: number } };
type Client = Awaited<ReturnType<typeof login>>;
const as: Record<string, Client> = {};

const codeOf = (res: LightMyRequestResponse) => res.json().error?.code as string | undefined;
const endOf = (date: string) => new Date(`${date}T23:59:59.999+08:00`).toISOString();

beforeAll(async () => {
  env = await createTestContext(clock);
  const base = await seedFixture(env.ctx);
  await env.ctx.db.query(`INSERT INTO jurisdictions (id, code, name, kind) VALUES (4, '03', '南城派出所辖区', 'station')`);
  const { rows } = await env.ctx.db.query(`INSERT INTO units (code, name, kind, jurisdiction_id, scope) VALUES ('south', '南城派出所', 'station', 4, 'jurisdiction') RETURNING id`);
  fx = { ...base, units: { ...base.units, stationC: rows[0].id } };
  env.ctx.org.invalidate();
  await addStaff(env.ctx, 'office', fx.units.bureau, ['clerk']); // 局办公室: registers and assigns
  await addStaff(env.ctx, 'lead_chief', fx.units.stationA, ['unit_leader', 'officer']);
  await addStaff(env.ctx, 'lead_officer', fx.units.stationA, ['officer']);
  await addStaff(env.ctx, 'co_officer', fx.units.stationB, ['officer']);
  await addStaff(env.ctx, 'co_clerk', fx.units.stationB, ['clerk']); // proposal.manage, but a station's scope
  await addStaff(env.ctx, 'south_officer', fx.units.stationC, ['officer']);
  app = await buildTestApp(env.ctx);
  await loginAll();
}, 120_000);

async function loginAll() {
  for (const name of ['office', 'lead_chief', 'lead_officer', 'co_officer', 'co_clerk', 'south_officer']) as[name] = await login(app, name);
}
/** Moves the clock and logs everyone in again (a session idle for 30 minutes has expired). */
async function moveTo(iso: string) {
  clock.set(iso);
  await loginAll();
}
afterAll(async () => { await app.close(); await env.close(); });

let nextNumber = 1;
const proposal = (overrides: Record<string, unknown> = {}) => ({
  proposerType: 'npc_deputy', session: '县十八届人大五次会议', number: nextNumber++, title: '关于加强中小学校园周边交通秩序管理的建议',
  content: '上下学高峰时段学校门口车辆乱停、人车混行，建议增派警力、设置临时停车区。', proposer: { name: '李建国', phone: '13907301234' },
  assignedAt: '2026-01-30T09:00:00+08:00', leadUnitId: fx.units.stationA, coUnitIds: [fx.units.stationB], ...overrides,
});

async function register(body: Record<string, unknown>) {
  const res = await as.office.post('/api/v1/staff/proposals', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; caseNo: string; trackingCode: string };
}
const matter = async (id: number, who = 'office') => (await as[who].get(`/api/v1/staff/matters/${id}`)).json();
const card = async (id: number, who = 'office') => (await as[who].get(`/api/v1/staff/matters/${id}/proposal`));
const deadline = async (id: number, stage: string, cycle = 0) =>
  (await matter(id)).deadlines.find((d: { stage: string; cycle: number }) => d.stage === stage && d.cycle === cycle);
async function counts() {
  const { rows } = await env.ctx.db.query('SELECT (SELECT count(*) FROM proposals) AS p, (SELECT count(*) FROM matters) AS m');
  return rows[0];
}

describe('registering and assigning (交办)', () => {
  it('runs the reply clock 3 months from 交办, the first contact 20 working days across Spring Festival, a co-unit 1 month', async () => {
    const { id } = await register(proposal());
    const m = await matter(id);
    expect(m).toMatchObject({ kind: 'proposal', channel: 'proposal', state: 'received', handlerUnit: { id: fx.units.stationA }, handlerOfficer: null });
    expect(m.contact.phone).toBe('139****1234');
    // 代表法 第五十一条: 3 months from Fri 30 Jan → Thu 30 Apr.
    expect((await deadline(id, 'reply')).dueAt).toBe(endOf('2026-04-30'));
    // 签收 or ask to return within 10 days: Mon 9 Feb.
    expect((await deadline(id, 'acceptance')).dueAt).toBe(endOf('2026-02-09'));
    // 20 working days: 2/2–2/13 are 10, Sat 2/14 (调休) 11, 2/15–2/23 off, 2/24–2/27 15, Sat 2/28 (调休) 16, 3/2–3/5 20.
    expect((await deadline(id, 'first_contact')).dueAt).toBe(endOf('2026-03-05'));
    // One month to Sat 28 Feb, a make-up working day: it does not roll.
    const view = (await card(id)).json();
    expect(view.coUnits).toEqual([expect.objectContaining({ unit: { id: fx.units.stationB, name: '西城派出所' }, dueAt: endOf('2026-02-28'), opinion: null })]);
    expect(view.proposer).toEqual({ name: '李*国', phone: '139****1234' });
  });

  it('ends a month period on the shorter month\'s last day and rolls one that ends in a weekend', async () => {
    const { id: november } = await register(proposal({ assignedAt: '2025-11-30T10:00:00+08:00' }));
    expect((await deadline(november, 'reply')).dueAt).toBe(endOf('2026-02-28')); // 30 Nov + 3 → 28 Feb (make-up Saturday)
    await moveTo('2026-07-31T02:00:00Z');
    const { id: july } = await register(proposal({ assignedAt: '2026-07-31T09:00:00+08:00' }));
    expect((await deadline(july, 'reply')).dueAt).toBe(endOf('2026-11-02')); // 31 Oct is a Saturday: Monday 2 Nov
    await moveTo('2026-01-30T02:00:00Z');
  });

  it('refuses bad input in both languages and changes nothing', async () => {
    const before = await counts();
    for (const [lang, message] of [['zh-CN', '提交的内容有误，请按提示修改'], ['en', 'Some fields are not valid; see the details']]) {
      const res = await as.office.request({ method: 'POST', url: '/api/v1/staff/proposals', payload: proposal({ number: 0, proposerType: 'mayor' }),
        headers: { 'accept-language': lang } });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toBe(message);
      expect(res.json().error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['number', 'proposerType']);
    }
    const same = await as.office.post('/api/v1/staff/proposals', proposal({ coUnitIds: [fx.units.stationA] }));
    expect([same.statusCode, codeOf(same)]).toEqual([400, 'PROPOSAL_UNIT_INVALID']);
    const future = await as.office.post('/api/v1/staff/proposals', proposal({ assignedAt: '2026-02-02T09:00:00+08:00' }));
    expect([future.statusCode, codeOf(future)]).toEqual([400, 'RECEIVED_IN_FUTURE']);
    expect(await counts()).toEqual(before);
  });

  it('refuses a number of a session already registered, and keeps no matter of the refused one', async () => {
    const body = proposal();
    await register(body);
    const before = await counts();
    const again = await as.office.request({ method: 'POST', url: '/api/v1/staff/proposals', payload: body, headers: { 'accept-language': 'en' } });
    expect([again.statusCode, codeOf(again)]).toEqual([409, 'PROPOSAL_NUMBER_TAKEN']);
    expect(again.json().error.message).toBe(`NPC deputy's suggestion no. ${body.number} of 县十八届人大五次会议 is already registered`);
    expect(await counts()).toEqual(before);
    // The same number of the CPPCC's session is another proposal.
    await register({ ...body, proposerType: 'cppcc_member', session: '县政协十一届五次会议' });
  });

  it('is for the county office only: a caseworker 403, a station clerk 403', async () => {
    const officer = await as.lead_officer.post('/api/v1/staff/proposals', proposal());
    expect([officer.statusCode, codeOf(officer)]).toEqual([403, 'FORBIDDEN']);
    const station = await as.co_clerk.post('/api/v1/staff/proposals', proposal());
    expect([station.statusCode, codeOf(station)]).toEqual([403, 'PROPOSAL_REGISTRAR_ONLY']);
    expect((await as.lead_officer.get('/api/v1/staff/proposals')).statusCode).toBe(403);
  });
});

describe('handling: first contact, co-units, the classed reply, the extension', () => {
  let id: number;
  beforeAll(async () => { ({ id } = await register(proposal())); });

  it('lets only the co-unit give its opinion, once; another station does not see the proposal at all', async () => {
    const lead = await as.lead_officer.post(`/api/v1/staff/matters/${id}/proposal/opinions`, { opinion: '主办单位不是协办单位' });
    expect([lead.statusCode, codeOf(lead)]).toEqual([403, 'PROPOSAL_NOT_CO_UNIT']);
    const south = await as.south_officer.post(`/api/v1/staff/matters/${id}/proposal/opinions`, { opinion: '与我无关' });
    expect([south.statusCode, codeOf(south)]).toEqual([404, 'MATTER_NOT_FOUND']);
    expect((await card(id, 'south_officer')).statusCode).toBe(404);
    expect((await card(id, 'co_officer')).json().may).toMatchObject({ opinion: true, reply: false });
    const ok = await as.co_officer.post(`/api/v1/staff/matters/${id}/proposal/opinions`, { opinion: '同意在校门口设置临时停车区，由西城所配合上下学时段巡逻。' });
    expect(ok.statusCode, ok.body).toBe(200);
    const twice = await as.co_officer.post(`/api/v1/staff/matters/${id}/proposal/opinions`, { opinion: '再补充一点' });
    expect([twice.statusCode, codeOf(twice)]).toEqual([409, 'PROPOSAL_OPINION_GIVEN']);
    const view = (await card(id)).json();
    expect(view.coUnits[0]).toMatchObject({ opinion: expect.stringContaining('临时停车区'), submittedBy: '民警co_officer', overdue: false });
    expect((await matter(id)).timeline.map((e: { type: string }) => e.type)).toContain('proposal.coOpinion');
  });

  it('records the first contact once and stops its clock', async () => {
    const { version } = await matter(id);
    const res = await as.lead_officer.post(`/api/v1/staff/matters/${id}/proposal/contact`, { version, manner: 'meeting', note: '到代表所在社区当面沟通办理思路' });
    expect(res.statusCode, res.body).toBe(200);
    expect((await deadline(id, 'first_contact')).status).toBe('met');
    const again = await as.lead_officer.post(`/api/v1/staff/matters/${id}/proposal/contact`, { version: res.json().version, manner: 'phone', note: '再次电话' });
    expect([again.statusCode, codeOf(again)]).toEqual([409, 'PROPOSAL_ALREADY_CONTACTED']);
  });

  it('refuses a reply before 签收 (wrong state), from the co-unit (not its matter), with a stale version, and a B without its commitment', async () => {
    let { version } = await matter(id);
    const early = await as.lead_officer.post(`/api/v1/staff/matters/${id}/proposal/reply`, { version, replyClass: 'A', text: '已办理' });
    expect([early.statusCode, codeOf(early)]).toEqual([409, 'INVALID_TRANSITION']);
    const accepted = await as.lead_officer.post(`/api/v1/staff/matters/${id}/accept`, { version });
    expect(accepted.statusCode, accepted.body).toBe(200);
    version = accepted.json().version;
    const co = await as.co_officer.post(`/api/v1/staff/matters/${id}/proposal/reply`, { version, replyClass: 'A', text: '已办理' });
    expect([co.statusCode, codeOf(co)]).toEqual([403, 'NOT_YOUR_MATTER']);
    const stale = await as.lead_officer.post(`/api/v1/staff/matters/${id}/proposal/reply`, { version: version - 1, replyClass: 'A', text: '已办理' });
    expect([stale.statusCode, codeOf(stale)]).toEqual([409, 'VERSION_CONFLICT']);
    for (const [lang, message] of [['zh-CN', 'B、C 类答复须写明承诺办理的事项'], ['en', 'A class B or C reply must state what is promised']]) {
      const res = await as.lead_officer.request({ method: 'POST', url: `/api/v1/staff/matters/${id}/proposal/reply`,
        payload: { version, replyClass: 'B', text: '正在协调' }, headers: { 'accept-language': lang } });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields).toContainEqual({ path: 'commitment', message });
    }
    const promisedA = await as.lead_officer.post(`/api/v1/staff/matters/${id}/proposal/reply`,
      { version, replyClass: 'A', text: '已办理', commitment: '以后再说', commitmentDue: '2026-06-30' });
    expect(promisedA.statusCode).toBe(400);
    expect((await matter(id)).state).toBe('handling');
  });

  it('extends the reply clock once, by 3 months, to 6 months from 交办 (代表法 第五十一条)', async () => {
    const { version } = await matter(id);
    const res = await as.lead_chief.post(`/api/v1/staff/matters/${id}/extension`, { version, reason: '涉及多部门，情况复杂，经县人大选联工委同意延期' });
    expect(res.statusCode, res.body).toBe(200);
    expect((await deadline(id, 'reply')).dueAt).toBe(endOf('2026-07-30'));
    const twice = await as.lead_chief.post(`/api/v1/staff/matters/${id}/extension`, { version: res.json().version, reason: '再延一次' });
    expect([twice.statusCode, codeOf(twice)]).toEqual([409, 'EXTENSION_NOT_ALLOWED']);
  });

  it('replies with class B and its commitment, which closes the cycle; the card and the public view show the class', async () => {
    const { version } = await matter(id);
    const res = await as.lead_officer.post(`/api/v1/staff/matters/${id}/proposal/reply`, {
      version, replyClass: 'B', text: '已在校门口设置临时停车区，并安排上下学时段护学岗。', commitment: '协调交通部门施划校门口限时停车位', commitmentDue: '2026-06-30',
    });
    expect(res.statusCode, res.body).toBe(200);
    const m = await matter(id);
    expect(m.state).toBe('closed');
    expect((await deadline(id, 'reply')).status).toBe('met');
    const view = (await card(id)).json();
    expect(view.replies).toEqual([expect.objectContaining({ cycle: 0, replyClass: 'B', commitment: '协调交通部门施划校门口限时停车位', commitmentDue: '2026-06-30', rating: null })]);
    // Staff see the tracking code masked (the proposer's key to rate); the proposer's own view is read with the real one.
    expect(m.trackingCode).toMatch(/^\d{2}-\*{5}-/);
    const { rows: [{ tracking_code: code }] } = await env.ctx.db.query('SELECT tracking_code FROM matters WHERE id = $1', [id]);
    const pub = (await app.inject({ method: 'GET', url: `/api/v1/portal/matters/${code}` })).json();
    expect(pub.reply.text).toMatch(/^【B 类：正在解决或列入计划】已在校门口/);
  });
});

describe('the proposer\'s evaluation and the redo (重办)', () => {
  it('orders a redo only after a 不满意; the new reply is due in a month and carries a new class', async () => {
    const { id, trackingCode } = await register(proposal({ coUnitIds: [] }));
    let m = await matter(id);
    m = { ...m, version: (await as.lead_officer.post(`/api/v1/staff/matters/${id}/accept`, { version: m.version })).json().version };
    const replied = await as.lead_officer.post(`/api/v1/staff/matters/${id}/proposal/reply`, { version: m.version, replyClass: 'D', text: '您的建议留作今后工作参考。' });
    expect(replied.statusCode, replied.body).toBe(200);

    const early = await as.office.post(`/api/v1/staff/matters/${id}/proposal/redo`, { version: replied.json().version, reason: '代表不满意' });
    expect([early.statusCode, codeOf(early)]).toEqual([409, 'PROPOSAL_REDO_NOT_DUE']);

    await moveTo('2026-03-10T02:00:00Z'); // Tue 10 Mar
    const rated = await app.inject({ method: 'POST', url: `/api/v1/portal/matters/${encodeURIComponent(trackingCode)}/rating`,
      payload: { rating: 'dissatisfied', comment: '只是留作参考，没有实际措施' } });
    expect(rated.statusCode, rated.body).toBeLessThan(300);
    const { version } = await matter(id);
    const byLead = await as.lead_chief.post(`/api/v1/staff/matters/${id}/proposal/redo`, { version, reason: '代表不满意' });
    expect([byLead.statusCode, codeOf(byLead)]).toEqual([403, 'PROPOSAL_REGISTRAR_ONLY']);
    const redo = await as.office.post(`/api/v1/staff/matters/${id}/proposal/redo`, { version, reason: '代表认为措施不具体，要求重新办理' });
    expect(redo.statusCode, redo.body).toBe(200);
    m = await matter(id);
    expect(m.state).toBe('handling');
    const rectification = async () => (await env.ctx.db.query(
      'SELECT status, due_at, feedback FROM rectifications WHERE matter_id = $1 AND cycle = 0', [id])).rows[0];
    // The 不满意 opened the first cycle's rectification on the kind's rule: one month, as the redo.
    expect(await rectification()).toMatchObject({ status: 'open', feedback: null });
    expect((await card(id)).json()).toMatchObject({ cycle: 1, may: { reply: false, redo: false } });
    expect((await card(id, 'lead_officer')).json().may.reply).toBe(true);
    expect((await deadline(id, 'reply', 1)).dueAt).toBe(endOf('2026-04-10')); // one month from Tue 10 Mar

    const again = await as.lead_officer.post(`/api/v1/staff/matters/${id}/proposal/reply`, { version: m.version, replyClass: 'A', text: '已在校门口施划停车位并设置护学岗。' });
    expect(again.statusCode, again.body).toBe(200);
    // The redo's reply is the rectification's answer: settled, never breached.
    expect(await rectification()).toMatchObject({ status: 'done', feedback: '已在校门口施划停车位并设置护学岗。' });
    const view = (await card(id)).json();
    expect(view.replies.map((r: { cycle: number; replyClass: string; rating: { rating: string } | null }) => [r.cycle, r.replyClass, r.rating?.rating ?? null]))
      .toEqual([[0, 'D', 'dissatisfied'], [1, 'A', null]]);
  });
});

describe('the proposals page', () => {
  it('lists by session and class, and counts 办复率, 满意率, the classes and the overdue', async () => {
    const office = as.office;
    const all = (await office.get(`/api/v1/staff/proposals?session=${encodeURIComponent('县十八届人大五次会议')}&pageSize=100`)).json();
    const items = all.items as { replyClass: string | null; overdue: boolean; rating: string | null; proposerType: string }[];
    expect(items.every((i) => i.proposerType === 'npc_deputy')).toBe(true);
    const f = all.figures;
    expect(f.total).toBe(items.length);
    expect(f.replied).toBe(items.filter((i) => i.replyClass).length);
    expect(f.classes).toEqual({ A: 1, B: 1, C: 0, D: 0 });
    expect(f.replyRate).toBeCloseTo(2 / f.total);
    expect(f.dissatisfied).toBe(1);
    expect(f.satisfactionRate).toBe(0);
    // The proposals of 30 Nov 2025 and 31 Jul 2026 and the others are open; the November one ran out on 28 Feb.
    expect(f.overdue).toBe(items.filter((i) => i.overdue).length);
    const classB = (await office.get('/api/v1/staff/proposals?replyClass=B')).json();
    expect(classB.items).toHaveLength(1);
    const cppcc = (await office.get('/api/v1/staff/proposals?proposerType=cppcc_member')).json();
    expect(cppcc.figures.total).toBe(1);
  });
});
