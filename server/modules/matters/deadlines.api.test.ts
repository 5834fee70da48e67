import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addStaff, buildTestApp, createTestContext, login, seedFixture, validSubmission, type Fixture } from '../../test/harness.js';
import { verifyIntegrity } from '../../platform/verify.js';
import { runSweep } from './sweep.js';

let env: Awaited<ReturnType<typeof createTestContext>>;
let app: FastifyInstance;
let fx: Fixture;
let taker: Awaited<ReturnType<typeof login>>;
let east: Awaited<ReturnType<typeof login>>;
let eastLeader: Awaited<ReturnType<typeof login>>;
let supervisor: Awaited<ReturnType<typeof login>>;
let admin: Awaited<ReturnType<typeof login>>;

/** Moves the clock; sessions would expire over such jumps, so everyone logs in again. */
async function at(iso: string) {
  env.clock.set(iso);
  [taker, east, eastLeader, supervisor, admin] = await Promise.all(['taker', 'east1', 'eastlead', 'ducha', 'admin'].map((u) => login(app, u)));
}

beforeAll(async () => {
  env = await createTestContext();
  fx = await seedFixture(env.ctx);
  await addStaff(env.ctx, 'taker', fx.units.command, ['call_taker']);
  await addStaff(env.ctx, 'east1', fx.units.stationA, ['officer']);
  await addStaff(env.ctx, 'eastlead', fx.units.stationA, ['unit_leader', 'officer']);
  await addStaff(env.ctx, 'ducha', fx.units.supervision, ['supervisor']);
  await addStaff(env.ctx, 'admin', fx.units.bureau, ['admin']);
  app = await buildTestApp(env.ctx);
});
afterAll(async () => { await app.close(); await env.close(); });

async function submit(body = validSubmission()) {
  const res = await app.inject({ method: 'POST', url: '/api/v1/portal/matters', payload: body });
  expect(res.statusCode, res.body).toBe(201);
  const { rows } = await env.ctx.db.query('SELECT id FROM matters WHERE case_no = $1', [res.json().caseNo]);
  return { id: rows[0].id as number, trackingCode: res.json().trackingCode as string };
}
const detail = async (id: number) => (await taker.get(`/api/v1/staff/matters/${id}`)).json();
const due = (view: { deadlines: { stage: string; dueAt: string; cycle: number }[] }, stage: string, cycle = 0) =>
  view.deadlines.find((d) => d.stage === stage && d.cycle === cycle)?.dueAt;

describe('time limits on the official calendar', () => {
  it('咨询: 2 working days over the 2026 Spring Festival, counting the make-up Saturday', async () => {
    await at('2026-02-13T07:00:00Z'); // Friday 15:00 in Shanghai
    const { id } = await submit(validSubmission({ kind: 'consult' }));
    const view = await detail(id);
    // 2/14 (Sat) is a make-up working day, 2/15–2/23 are the holiday: the 2nd working day is 2/24.
    expect(due(view, 'handling')).toBe('2026-02-24T15:59:59.999Z');
    expect(due(view, 'acceptance')).toBe('2026-02-14T15:59:59.999Z');
  });

  it('pausing for the citizen moves the limit by the working days it stood still', async () => {
    await at('2026-03-02T01:00:00Z'); // Monday
    const { id, trackingCode } = await submit(validSubmission({ kind: 'complaint' }));
    let view = await detail(id);
    const accepted = await taker.post(`/api/v1/staff/matters/${id}/accept`, { version: view.version });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const before = due(await detail(id), 'handling');
    const asked = await taker.post(`/api/v1/staff/matters/${id}/info-requests`, { version: accepted.json().version, request: '请提供事发时间和地点' });
    expect(asked.statusCode, asked.body).toBe(200);
    await at('2026-03-05T02:00:00Z'); // Thursday: Tue, Wed, Thu = 3 working days paused
    const supplemented = await app.inject({ method: 'POST', url: `/api/v1/portal/matters/${trackingCode}/supplements`, payload: { text: '3月1日晚8点，东城路口' } });
    expect(supplemented.statusCode, supplemented.body).toBe(204);
    view = await detail(id);
    expect(view.state).toBe('handling');
    expect(new Date(due(view, 'handling')!).getTime() - new Date(before!).getTime()).toBe(3 * 86_400_000);
    expect(view.timeline.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['matter.infoRequested', 'citizen.supplemented']));
  });

  it('信访: 15 days to decide on acceptance; the actions its procedure owns are refused by the generic routes', async () => {
    await at('2026-04-01T02:00:00Z');
    const reg = await east.post('/api/v1/staff/matters', {
      kind: 'petition', channel: 'letter', receivedAt: '2026-03-30T02:00:00Z', content: '反映邻里宅基地纠纷长期未解决，请求依法处理。',
      contact: { name: '李四', phone: '13900001111', idNumber: '11010519491231002X' },
    });
    expect(reg.statusCode, reg.body).toBe(201);
    const id = reg.json().id;
    const view = await detail(id);
    expect(due(view, 'acceptance')).toBe('2026-04-14T15:59:59.999Z'); // 15 days after 3/30, not counting 3/30
    // The decision with reasons, the written opinion and the extension notice go through the petition's own
    // routes (server/modules/petitions, where their clocks are tested); the generic ones would skip them.
    expect(view.allowedActions).not.toEqual(expect.arrayContaining(['accept']));
    expect(view.allowedActions).not.toContain('reject');
    for (const [path, payload] of [['accept', {}], ['reject', { reason: '不属公安机关职责' }], ['extension', { reason: '需调取多方证据' }]] as const) {
      const res = await eastLeader.post(`/api/v1/staff/matters/${id}/${path}`, { version: view.version, ...payload });
      expect([res.statusCode, res.json().error.code], path).toEqual([409, 'ACTION_OWNED_BY_PROCEDURE']);
    }
    expect((await detail(id)).version).toBe(view.version);
  });

  it('a deadline in a year without a calendar raises an alert; loading the notice recomputes it', async () => {
    await at('2026-12-20T02:00:00Z');
    const { id } = await submit(validSubmission({ kind: 'complaint' }));
    let view = await detail(id);
    expect(view.deadlines.find((d: { stage: string }) => d.stage === 'handling').provisional).toBe(true);
    const calendar = await admin.get('/api/v1/staff/admin/calendar');
    expect(calendar.json().alerts.map((a: { year: number }) => a.year)).toContain(2027);
    const bad = await admin.post('/api/v1/staff/admin/calendar', { year: 2027, text: '一、元旦：1月1日（周四）至3日（周日）放假，共3天。' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('CALENDAR_NOTICE_INVALID');
    const loaded = await admin.post('/api/v1/staff/admin/calendar', {
      year: 2027, source: '测试通知', text: '一、元旦：1月1日（周五）至3日（周日）放假，共3天。\n二、春节：2月6日（周六）至13日（周六）放假调休，共8天。2月14日（周日）、2月20日（周六）上班。',
    });
    expect(loaded.statusCode, loaded.body).toBe(201);
    expect(loaded.json().recomputedDeadlines).toBeGreaterThan(0);
    view = await detail(id);
    expect(view.deadlines.find((d: { stage: string }) => d.stage === 'handling').provisional).toBe(false);
    expect((await admin.get('/api/v1/staff/admin/calendar')).json().alerts).toEqual([]);
  });
});

describe('the overdue sweep', () => {
  it('records each breach once, against the sender while a transfer is pending, however many sweeps run', async () => {
    await at('2026-06-01T01:00:00Z'); // Monday
    const { id } = await submit(validSubmission({ kind: 'help' }));
    const view = await detail(id);
    const sent = await taker.post(`/api/v1/staff/matters/${id}/transfers`, { version: view.version, toUnitId: fx.units.stationA, reason: '属东城辖区' });
    expect(sent.statusCode, sent.body).toBe(200);
    await at('2026-06-03T01:00:00Z'); // past the one-working-day acceptance limit
    const results = await Promise.all([0, 1, 2].map(() => runSweep(env.ctx.db, env.clock.now())));
    expect(results.reduce((n, r) => n + r.breached, 0)).toBeGreaterThanOrEqual(1);
    await runSweep(env.ctx.db, env.clock.now());
    const records = await env.ctx.db.query("SELECT unit_id, subject FROM accountability_records WHERE matter_id = $1 AND kind = 'deadline_breached'", [id]);
    expect(records.rows).toEqual([{ unit_id: fx.units.command, subject: 'acceptance' }]);
    const events = await env.ctx.db.query("SELECT count(*)::int AS n FROM matter_events WHERE matter_id = $1 AND type = 'deadline.breached'", [id]);
    expect(events.rows[0].n).toBe(1);
    const overdue = await taker.get('/api/v1/staff/matters?view=overdue');
    expect(overdue.json().items.map((m: { id: number }) => m.id)).toContain(id);
  });

  it('a supervision order past its own deadline is recorded once against the unit it was addressed to', async () => {
    await at('2026-06-10T01:00:00Z');
    const { id } = await submit(validSubmission({ kind: 'suggestion' }));
    const order = await supervisor.post(`/api/v1/staff/matters/${id}/supervision-orders`, { instructions: '请三日内反馈', dueAt: '2026-06-11T01:00:00Z' });
    expect(order.statusCode, order.body).toBe(201);
    await at('2026-06-12T01:00:00Z');
    await Promise.all([runSweep(env.ctx.db, env.clock.now()), runSweep(env.ctx.db, env.clock.now())]);
    const records = await env.ctx.db.query("SELECT unit_id FROM accountability_records WHERE matter_id = $1 AND kind = 'supervision_breached'", [id]);
    expect(records.rows).toEqual([{ unit_id: fx.units.command }]);
  });
});

describe('concurrent updates and the tamper-evident timeline', () => {
  it('two updates from the same version: one wins, the other gets 409', async () => {
    await at('2026-07-01T01:00:00Z');
    const { id } = await submit();
    const { version } = await detail(id);
    const [a, b] = await Promise.all([
      taker.post(`/api/v1/staff/matters/${id}/accept`, { version }),
      taker.post(`/api/v1/staff/matters/${id}/transfers`, { version, toUnitId: fx.units.stationA, reason: '并发测试' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
  });

  it('the timeline refuses edits, and verify finds edited and missing events', async () => {
    const { id } = await submit();
    await expect(env.ctx.db.query("UPDATE matter_events SET type = 'x' WHERE matter_id = $1", [id])).rejects.toThrow(/append-only/);
    expect((await verifyIntegrity(env.ctx.db)).problems).toEqual([]);
    await taker.post(`/api/v1/staff/matters/${id}/notes`, { text: '第二条' });
    await taker.post(`/api/v1/staff/matters/${id}/notes`, { text: '第三条' });
    // A superuser can bypass the trigger; the hash chain still tells.
    await env.ctx.db.transaction(async (tx) => {
      await tx.query('SET LOCAL session_replication_role = replica');
      await tx.query(`UPDATE matter_events SET payload = '{"text":"改过的"}' WHERE matter_id = $1 AND seq = 2`, [id]);
    });
    let problems = (await verifyIntegrity(env.ctx.db)).problems;
    expect(problems.some((p) => p.includes(`/${id} 第 2 条`) && p.includes('被修改'))).toBe(true);
    await env.ctx.db.transaction(async (tx) => {
      await tx.query('SET LOCAL session_replication_role = replica');
      await tx.query('DELETE FROM matter_events WHERE matter_id = $1 AND seq = 3', [id]);
    });
    problems = (await verifyIntegrity(env.ctx.db)).problems;
    expect(problems.some((p) => p.includes('最后一条时间线记录缺失'))).toBe(true);
    await env.ctx.db.transaction(async (tx) => {
      await tx.query('SET LOCAL session_replication_role = replica');
      await tx.query("UPDATE audit_events SET outcome = 'failure' WHERE id = (SELECT min(id) FROM audit_events)");
    });
    problems = (await verifyIntegrity(env.ctx.db)).problems;
    expect(problems.some((p) => p.startsWith('审计记录'))).toBe(true);
  });
});

describe('oversight and audit views', () => {
  it('supervisors see orders and accountability records; the auditor sees the log and the chain check; others get 403', async () => {
    await addStaff(env.ctx, 'auditor', fx.units.bureau, ['auditor']);
    const auditor = await login(app, 'auditor');
    const orders = await supervisor.get('/api/v1/staff/supervision-orders');
    expect(orders.statusCode, orders.body).toBe(200);
    expect(orders.json().items.some((o: { overdue: boolean }) => o.overdue)).toBe(true);
    const records = await supervisor.get('/api/v1/staff/accountability-records');
    expect(records.json().items.map((r: { kind: string }) => r.kind)).toEqual(expect.arrayContaining(['deadline_breached', 'supervision_breached']));
    expect((await east.get('/api/v1/staff/accountability-records')).statusCode).toBe(403);
    const log = await auditor.get('/api/v1/staff/audit/events');
    expect(log.json().items.some((e: { action: string }) => e.action === 'session.login')).toBe(true);
    expect((await auditor.get('/api/v1/staff/audit/verify')).json().problems.length).toBeGreaterThan(0); // the tampering above
    expect((await supervisor.get('/api/v1/staff/audit/events')).statusCode).toBe(403);
    expect((await auditor.get('/api/v1/staff/matters')).statusCode).toBe(403);
  });
});

describe('the workbench', () => {
  it('counts each tab as the list shows it', async () => {
    const counts = await taker.get('/api/v1/staff/workbench');
    expect(counts.statusCode, counts.body).toBe(200);
    for (const view of ['mine', 'toAccept', 'dueSoon', 'overdue'] as const) {
      const list = await taker.get(`/api/v1/staff/matters?view=${view}&pageSize=100`);
      const open = list.json().items.filter((m: { state: string }) => !['closed', 'not_accepted'].includes(m.state));
      expect(counts.json()[view], view).toBe(open.length);
    }
    expect(counts.json().overdue).toBeGreaterThan(0);
    expect((await (await login(app, 'auditor')).get('/api/v1/staff/workbench')).statusCode).toBe(403);
  });
});
