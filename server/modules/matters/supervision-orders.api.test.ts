import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addStaff, buildTestApp, createTestContext, login, seedFixture, type Fixture } from '../../test/harness.js';

/**
 * 督办单: issued by a supervisor to the unit handling a matter (and its named officer), listed on the
 * workbench of those it is addressed to, answered once by the addressed unit, and shown on the matter.
 */

let env: Awaited<ReturnType<typeof createTestContext>>;
let app: FastifyInstance;
let fx: Fixture;
type Client = Awaited<ReturnType<typeof login>>;
const c: Record<string, Client> = {};
const USERS = ['taker', 'east1', 'east2', 'eastlead', 'west1', 'ducha'] as const;

const tomorrow = () => new Date(env.clock.now().getTime() + 86_400_000).toISOString();
const view = async (id: number, who: Client = c.east1) => (await who.get(`/api/v1/staff/matters/${id}`)).json();
const answer = (who: Client, id: number, orderId: number, text: unknown, headers: Record<string, string> = {}) =>
  who.request({ method: 'POST', url: `/api/v1/staff/matters/${id}/supervision-orders/${orderId}/answer`, payload: { answer: text }, headers });
const addressed = async (who: Client, query = '') => {
  const res = await who.get(`/api/v1/staff/supervision-orders?addressedToMe=true${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: { id: number; matterId: number; status: string; answer: string | null }[]; total: number };
};
const count = async (who: Client) => (await who.get('/api/v1/staff/workbench')).json().supervisionOrders as number;

async function issue(id: number, body: Record<string, unknown> = {}) {
  const res = await c.ducha.post(`/api/v1/staff/matters/${id}/supervision-orders`, { instructions: '请三日内反馈办理情况', dueAt: tomorrow(), ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().orderId as number;
}

/** A phone matter registered by the command centre, sent to east1 by name and accepted: handled by east1 at station A. */
async function matterOfEast1() {
  const created = await c.taker.post('/api/v1/staff/matters', {
    kind: 'help', channel: 'phone', receivedAt: env.clock.now().toISOString(), jurisdictionCode: '01',
    content: '小区门口路灯坏了一周，晚上很黑。', contact: { name: '李四', phone: '13911112222' },
  });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as number;
  const east1Id = (await env.ctx.db.query("SELECT id FROM staff WHERE username = 'east1'")).rows[0].id;
  const sent = await c.taker.post(`/api/v1/staff/matters/${id}/transfers`, {
    version: (await view(id, c.taker)).version, toUnitId: fx.units.stationA, toOfficerId: east1Id, reason: '属东城辖区',
  });
  expect(sent.statusCode, sent.body).toBe(200);
  const accepted = await c.east1.post(`/api/v1/staff/matters/${id}/transfer/accept`, { version: sent.json().version });
  expect(accepted.statusCode, accepted.body).toBe(200);
  return id;
}

let matter: number;
let order: number;

beforeAll(async () => {
  env = await createTestContext();
  fx = await seedFixture(env.ctx);
  await addStaff(env.ctx, 'taker', fx.units.command, ['call_taker']);
  await addStaff(env.ctx, 'east1', fx.units.stationA, ['officer']);
  await addStaff(env.ctx, 'east2', fx.units.stationA, ['officer']);
  await addStaff(env.ctx, 'eastlead', fx.units.stationA, ['unit_leader', 'officer']);
  await addStaff(env.ctx, 'west1', fx.units.stationB, ['officer']);
  await addStaff(env.ctx, 'ducha', fx.units.supervision, ['supervisor']);
  app = await buildTestApp(env.ctx);
  for (const user of USERS) c[user] = await login(app, user);
  matter = await matterOfEast1();
  order = await issue(matter);
});
afterAll(async () => { await app.close(); await env.close(); });

describe('orders addressed to me', () => {
  it('the named officer and the unit leader see the order and its count; a colleague and other units do not', async () => {
    expect((await addressed(c.east1)).items.map((o) => o.id)).toEqual([order]);
    expect((await addressed(c.eastlead)).items.map((o) => o.id)).toEqual([order]);
    expect((await addressed(c.east2)).items).toEqual([]);
    expect((await addressed(c.west1)).items).toEqual([]);
    expect((await addressed(c.taker)).items).toEqual([]);
    expect(await count(c.east1)).toBe(1);
    expect(await count(c.eastlead)).toBe(1);
    expect(await count(c.east2)).toBe(0);
  });

  it('officers may not read the whole board, only their own orders', async () => {
    expect((await c.east1.get('/api/v1/staff/supervision-orders')).statusCode).toBe(403);
    expect((await c.east1.get('/api/v1/staff/supervision-orders?addressedToMe=maybe')).statusCode).toBe(400);
    expect((await c.ducha.get('/api/v1/staff/supervision-orders')).json().items.map((o: { id: number }) => o.id)).toContain(order);
  });

  it('the matter shows its orders, and who may answer them', async () => {
    const east1View = await view(matter, c.east1);
    expect(east1View.supervisionOrders).toEqual([expect.objectContaining({
      id: order, instructions: '请三日内反馈办理情况', toUnit: '东城派出所', toOfficer: '民警east1', issuedBy: '民警ducha',
      status: 'open', overdue: false, answer: null, canAnswer: true,
    })]);
    expect((await view(matter, c.eastlead)).supervisionOrders[0].canAnswer).toBe(true);
    expect((await view(matter, c.east2)).supervisionOrders[0].canAnswer).toBe(false);
    expect((await view(matter, c.ducha)).supervisionOrders[0].canAnswer).toBe(false);
  });
});

describe('answering', () => {
  it('refuses an empty answer with a field error in the user’s language', async () => {
    for (const text of ['', ' ', '    ']) {
      const res = await answer(c.east1, matter, order, text);
      expect(res.statusCode, text).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      expect(res.json().error.fields).toEqual([expect.objectContaining({ path: 'answer', message: expect.stringMatching(/督办反馈/) })]);
    }
    const en = await answer(c.east1, matter, order, '', { 'accept-language': 'en' });
    expect(en.json().error.message).toMatch(/not valid/);
    expect(en.json().error.fields[0].path).toBe('answer');
    expect(en.json().error.fields[0].message).not.toMatch(/[\u4e00-\u9fff]/);
    expect((await answer(c.east1, matter, order, undefined)).statusCode).toBe(400);
  });

  it('refuses whoever the order is not addressed to: another unit 404, the same or a county unit 403', async () => {
    const west = await answer(c.west1, matter, order, '已处理');
    expect([west.statusCode, west.json().error.code]).toEqual([404, 'MATTER_NOT_FOUND']);
    for (const who of [c.east2, c.taker, c.ducha]) {
      const res = await answer(who, matter, order, '已处理');
      expect([res.statusCode, res.json().error.code]).toEqual([403, 'SUPERVISION_NOT_FOR_YOU']);
      expect(res.json().error.message).toContain('只有被督办单位可以反馈');
    }
    const missing = await answer(c.east1, matter, 999_999, '已处理');
    expect([missing.statusCode, missing.json().error.code]).toEqual([404, 'SUPERVISION_ORDER_NOT_FOUND']);
    const other = await matterOfEast1();
    const wrongMatter = await answer(c.east1, other, order, '已处理');
    expect([wrongMatter.statusCode, wrongMatter.json().error.code]).toEqual([404, 'SUPERVISION_ORDER_NOT_FOUND']);
    expect((await view(matter)).supervisionOrders[0].status).toBe('open');
  });

  it('the addressed officer answers once; the answer is on the order, the board and the timeline; a second answer is refused', async () => {
    const res = await answer(c.east1, matter, order, '  已联系路灯所，今晚修复。  ');
    expect(res.statusCode, res.body).toBe(200);
    const after = await view(matter, c.ducha);
    expect(after.supervisionOrders[0]).toMatchObject({
      status: 'answered', answer: '已联系路灯所，今晚修复。', answeredBy: '民警east1', canAnswer: false,
    });
    expect(after.timeline.at(-1)).toMatchObject({ type: 'supervision.answered', visibility: 'internal', payload: { orderId: order, answer: '已联系路灯所，今晚修复。' } });
    const board = (await c.ducha.get('/api/v1/staff/supervision-orders')).json().items.find((o: { id: number }) => o.id === order);
    expect(board).toMatchObject({ status: 'answered', answer: '已联系路灯所，今晚修复。', answeredBy: '民警east1' });

    for (const who of [c.east1, c.eastlead]) {
      const twice = await answer(who, matter, order, '再次反馈');
      expect([twice.statusCode, twice.json().error.code]).toEqual([409, 'SUPERVISION_ALREADY_ANSWERED']);
    }
    const events = await env.ctx.db.query("SELECT count(*)::int AS n FROM matter_events WHERE matter_id = $1 AND type = 'supervision.answered'", [matter]);
    expect(events.rows[0].n).toBe(1);
    expect(await count(c.east1)).toBe(0);
  });

  it('an order to another unit is for all its caseworkers; open orders come first', async () => {
    const toWest = await issue(matter, { toUnitId: fx.units.stationB, instructions: '请西城派出所协查' });
    // The addressed unit becomes involved and may now see the matter.
    const westView = await view(matter, c.west1);
    expect(westView.supervisionOrders.map((o: { id: number; canAnswer: boolean }) => [o.id, o.canAnswer])).toEqual([[order, false], [toWest, true]]);
    expect(await count(c.west1)).toBe(1);
    expect((await answer(c.east1, matter, toWest, '已处理')).statusCode).toBe(403);

    const second = await issue(matter, { instructions: '请补充说明处理结果' });
    expect((await addressed(c.east1)).items.map((o) => [o.id, o.status])).toEqual([[second, 'open'], [order, 'answered']]);
    expect((await addressed(c.east1, '&open=true')).items.map((o) => o.id)).toEqual([second]);
    expect((await addressed(c.eastlead)).total).toBe(2);

    const res = await answer(c.west1, matter, toWest, '已协查，无异常。');
    expect(res.statusCode, res.body).toBe(200);
    expect(await count(c.west1)).toBe(0);
  });
});
