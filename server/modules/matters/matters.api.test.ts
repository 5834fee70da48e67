import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { addStaff, buildTestApp, createTestContext, login, seedFixture, validSubmission, type Fixture } from '../../test/harness.js';

let env: Awaited<ReturnType<typeof createTestContext>>;
let app: FastifyInstance;
let fx: Fixture;

beforeAll(async () => {
  env = await createTestContext();
  fx = await seedFixture(env.ctx);
  await addStaff(env.ctx, 'taker', fx.units.command, ['call_taker']);
  await addStaff(env.ctx, 'east1', fx.units.stationA, ['officer']);
  app = await buildTestApp(env.ctx);
});
afterAll(async () => { await app.close(); await env.close(); });

describe('portal submission and the matter loop', () => {
  it('submits, transfers, accepts, replies and closes', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/portal/matters', payload: validSubmission(), headers: { 'idempotency-key': 'abcdefgh-1' } });
    expect(res.statusCode, res.body).toBe(201);
    const { trackingCode } = res.json();
    expect(trackingCode).toMatch(/^00-/);

    const view = await app.inject({ method: 'GET', url: `/api/v1/portal/matters/${trackingCode}` });
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json().status).toBe('received');

    const taker = await login(app, 'taker');
    const list = await taker.get('/api/v1/staff/matters');
    expect(list.statusCode, list.body).toBe(200);
    const id = list.json().items[0].id;
    const detail = await taker.get(`/api/v1/staff/matters/${id}`);
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json().contact.phone).toBe('138****1234');

    const t = await taker.post(`/api/v1/staff/matters/${id}/transfers`, { version: detail.json().version, toUnitId: fx.units.stationA, reason: '属东城辖区' });
    expect(t.statusCode, t.body).toBe(200);
    const east = await login(app, 'east1');
    const a = await east.post(`/api/v1/staff/matters/${id}/transfer/accept`, { version: t.json().version });
    expect(a.statusCode, a.body).toBe(200);
    const r = await east.post(`/api/v1/staff/matters/${id}/reply`, { version: a.json().version, text: '已联系供电部门修复', close: true });
    expect(r.statusCode, r.body).toBe(200);
    const after = await app.inject({ method: 'GET', url: `/api/v1/portal/matters/${trackingCode}` });
    expect(after.json().status).toBe('closed');
    expect(after.json().reply.text).toBe('已联系供电部门修复');
  });
});
