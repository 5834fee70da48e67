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

describe('registration, personal data and kinds', () => {
  it('refuses a received time in the future, with nothing stored', async () => {
    const taker = await login(app, 'taker');
    const before = (await env.ctx.db.query('SELECT count(*)::int AS n FROM matters')).rows[0].n;
    const res = await taker.post('/api/v1/staff/matters', {
      kind: 'help', channel: 'phone', receivedAt: new Date(env.clock.now().getTime() + 3_600_000).toISOString(),
      content: '来电称家中老人走失，请求帮助寻找。', contact: { name: '王五', phone: '13700001234' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('RECEIVED_IN_FUTURE');
    expect((await env.ctx.db.query('SELECT count(*)::int AS n FROM matters')).rows[0].n).toBe(before);
  });

  it('masks personal data, and an unmasked view needs a reason and goes on the timeline', async () => {
    const taker = await login(app, 'taker');
    const created = await taker.post('/api/v1/staff/matters', {
      // Not a report: a reporter's identity is sealed, not masked (server/modules/conduct, decision 0015).
      kind: 'help', channel: 'visit', receivedAt: env.clock.now().toISOString(), content: '来访群众反映小区门口路灯坏了一周。',
      contact: { name: '欧阳明月', phone: '13612345678', idNumber: '11010519491231002X', address: '青山县城关镇人民路12号' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    const view = (await taker.get(`/api/v1/staff/matters/${id}`)).json();
    expect(view.contact).toEqual({ name: '欧**月', phone: '136****5678', idNumber: '110105********002X', address: '青山县城关镇****' });
    expect(JSON.stringify(view)).not.toContain('13612345678');
    // The tracking code is the citizen's key to rate and reopen: staff see it masked, the registration answer gave it once.
    const code = created.json().trackingCode as string;
    expect(view.trackingCode).toBe(`${code.slice(0, 2)}-*****-*****-*****-${code.slice(17)}`);
    expect(JSON.stringify(view)).not.toContain(code);
    const noReason = await taker.post(`/api/v1/staff/matters/${id}/personal-data/reveal`, {});
    expect(noReason.statusCode).toBe(400);
    const revealed = await taker.post(`/api/v1/staff/matters/${id}/personal-data/reveal`, { reason: '回访核实身份' });
    expect(revealed.statusCode).toBe(200);
    expect(revealed.json().phone).toBe('13612345678');
    expect(revealed.json().trackingCode.replace(/-/g, '')).toBe(code);
    const timeline = (await taker.get(`/api/v1/staff/matters/${id}`)).json().timeline;
    expect(timeline.at(-1)).toMatchObject({ type: 'personalData.revealed', visibility: 'internal', reason: '回访核实身份' });
    const raw = await env.ctx.db.query('SELECT m::text AS row FROM matters m WHERE id = $1', [id]);
    expect(raw.rows[0].row).not.toContain('欧阳明月');
    expect(raw.rows[0].row).not.toContain('13612345678');
  });

  it('an administrator changes a kind’s time limits; bad rules, stale versions and other roles are refused', async () => {
    await addStaff(env.ctx, 'kindadmin', fx.units.bureau, ['admin']);
    const admin = await login(app, 'kindadmin');
    const kinds = (await admin.get('/api/v1/staff/kinds')).json();
    const consult = kinds.find((k: { code: string }) => k.code === 'consult');
    const body = {
      version: consult.version, nameZh: consult.nameZh, nameEn: consult.nameEn, publicSubmission: true,
      stages: [{ stage: 'handling', amount: 3, unit: 'working_day', rollForwardIfHoliday: false, startsOn: 'received', endsOn: 'replied' }],
      reopenWindowDays: 10, pauseReasons: ['awaiting_citizen'],
    };
    const bad = await admin.request({ method: 'PUT', url: '/api/v1/staff/admin/kinds/consult', payload: { ...body, stages: [{ ...body.stages[0], unit: 'fortnight' }] } });
    expect(bad.statusCode).toBe(400);
    const ok = await admin.request({ method: 'PUT', url: '/api/v1/staff/admin/kinds/consult', payload: body });
    expect(ok.statusCode, ok.body).toBe(200);
    const stale = await admin.request({ method: 'PUT', url: '/api/v1/staff/admin/kinds/consult', payload: body });
    expect(stale.statusCode).toBe(409);
    const notAdmin = await (await login(app, 'taker')).request({ method: 'PUT', url: '/api/v1/staff/admin/kinds/consult', payload: body });
    expect(notAdmin.statusCode).toBe(403);
    const audit = await env.ctx.db.query("SELECT count(*)::int AS n FROM audit_events WHERE action = 'kind.updated'");
    expect(audit.rows[0].n).toBe(1);
  });
});
