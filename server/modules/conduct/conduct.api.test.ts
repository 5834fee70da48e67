import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addStaff, buildTestApp, createTestContext, login, seedFixture, validSubmission, type Fixture } from '../../test/harness.js';
import { chainOfCommand } from '../matters/index.js';

/**
 * Complaints about officers, reports and conduct supervisors (decision 0015). The county of the fixture gets a
 * chain of command: 青山分局 (a department between the bureau and station A) → station A → 东城警务室 (a post).
 */

type Client = Awaited<ReturnType<typeof login>>;
let env: Awaited<ReturnType<typeof createTestContext>>;
let app: FastifyInstance;
let fx: Fixture;
let units: Fixture['units'] & { district: number; post: number; outside: number };
const ids: Record<string, number> = {};
const c: Record<string, Client> = {};

const STAFF: [string, keyof typeof units, Parameters<typeof addStaff>[3]][] = [
  ['ducha', 'supervision', ['supervisor', 'officer']], ['ducha2', 'supervision', ['supervisor']],
  ['chief', 'bureau', ['leader']], ['admin', 'bureau', ['admin']],
  ['districtlead', 'district', ['unit_leader']], ['districtofficer', 'district', ['officer']],
  ['eastofficer', 'stationA', ['officer']], ['eastlead', 'stationA', ['unit_leader', 'officer']],
  ['eastmate', 'stationA', ['officer']], ['eastclerk', 'stationA', ['clerk']], ['postofficer', 'post', ['officer']],
  ['westofficer', 'stationB', ['officer']], ['westlead', 'stationB', ['unit_leader', 'officer']],
  ['taker', 'command', ['call_taker']], ['observer', 'outside', ['conduct_supervisor']],
];

beforeAll(async () => {
  env = await createTestContext();
  fx = await seedFixture(env.ctx);
  const db = env.ctx.db;
  await db.query('UPDATE units SET parent_id = $1 WHERE id <> $1', [fx.units.bureau]);
  const unit = async (code: string, name: string, kind: string, jurisdiction: number, scope: string, parent: number) =>
    (await db.query('INSERT INTO units (code, name, kind, jurisdiction_id, scope, parent_id) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
      [code, name, kind, jurisdiction, scope, parent])).rows[0].id as number;
  const district = await unit('district', '青山分局', 'department', 1, 'county', fx.units.bureau);
  await db.query('UPDATE units SET parent_id = $1 WHERE id = $2', [district, fx.units.stationA]);
  const post = await unit('post', '东城警务室', 'department', fx.stationA, 'jurisdiction', fx.units.stationA);
  const outside = await unit('outside', '警风警纪监督员', 'external', 1, 'jurisdiction', fx.units.bureau);
  units = { ...fx.units, district, post, outside };
  // Station A's area, so that a point inside it routes an ordinary submission there.
  await db.query(`UPDATE jurisdictions SET boundary = '[[113.0,28.0],[114.0,28.0],[114.0,29.0],[113.0,29.0],[113.0,28.0]]' WHERE id = $1`, [fx.stationA]);
  env.ctx.org.invalidate();
  app = await buildTestApp(env.ctx);
  for (const [username, u, roles] of STAFF) ids[username] = await addStaff(env.ctx, username, units[u], roles);
  for (const [username] of STAFF) c[username] = await login(app, username);
}, 120_000);
afterAll(async () => { await app.close(); await env.close(); });

const POINT_IN_A = { lng: 113.5, lat: 28.5 };

async function portal(body: Record<string, unknown>) {
  return app.inject({ method: 'POST', url: '/api/v1/portal/matters', payload: body });
}
async function submitted(body: Record<string, unknown>) {
  const res = await portal(body);
  expect(res.statusCode, res.body).toBe(201);
  const { rows } = await env.ctx.db.query('SELECT * FROM matters WHERE case_no = $1', [res.json().caseNo]);
  return { ...rows[0], id: Number(rows[0].id), trackingCode: res.json().trackingCode as string };
}
const complaint = (extra: Record<string, unknown> = {}) => validSubmission({
  kind: 'complaint', content: '民警办理户籍时态度恶劣，多次刁难，请求处理。', location: POINT_IN_A, namedOfficer: '东城派出所 民警eastofficer', ...extra,
});
const version = async (id: number) => (await env.ctx.db.query('SELECT version FROM matters WHERE id = $1', [id])).rows[0].version as number;
const linkOfficer = async (who: Client, id: number, officer: string) =>
  who.post(`/api/v1/staff/conduct/matters/${id}/officers`, { version: await version(id), officerId: ids[officer] });
const listIds = async (who: Client, query = '') =>
  ((await who.get(`/api/v1/staff/matters?pageSize=100${query}`)).json().items as { id: number }[]).map((m) => m.id);

describe('a complaint goes to the supervision office', () => {
  it('whatever the map point: an ordinary request with the point goes to station A, a complaint to the supervision office in the county’s name', async () => {
    const help = await submitted(validSubmission({ location: POINT_IN_A }));
    expect(help.first_unit_id).toBe(units.stationA);
    // A complaint about noise is no complaint about an officer: it goes by its area too.
    const noise = await submitted(validSubmission({ kind: 'complaint', content: '工地夜间施工噪音扰民。', location: POINT_IN_A }));
    expect(noise.first_unit_id).toBe(units.stationA);
    // Saying it is about an officer is enough, without a name.
    const unnamed = await submitted(validSubmission({ kind: 'complaint', content: '出警民警态度冷漠。', location: POINT_IN_A, aboutOfficer: true }));
    expect(unnamed).toMatchObject({ handler_unit_id: units.supervision, jurisdiction_id: fx.county });
    const listed = (await c.ducha.get('/api/v1/staff/conduct/matters?kind=complaint')).json().items.map((m: { id: number }) => m.id);
    expect(listed).toContain(unnamed.id);
    expect(listed).not.toContain(noise.id);
    const matter = await submitted(complaint());
    expect(matter).toMatchObject({ first_unit_id: units.supervision, handler_unit_id: units.supervision, jurisdiction_id: fx.county });
    // Before any officer is linked the station does not see it either: it is not a matter of its area.
    expect(await listIds(c.eastlead)).not.toContain(matter.id);
    expect(await listIds(c.ducha)).toContain(matter.id);
    const card = (await c.ducha.get(`/api/v1/staff/conduct/matters/${matter.id}`)).json();
    expect(card).toMatchObject({ applies: true, namedOfficer: '东城派出所 民警eastofficer', officers: [], mayLink: true, sealed: false });
  });

  it('a report that names an officer goes there too; one that does not is routed by its area', async () => {
    const named = await submitted(validSubmission({ kind: 'report', content: '举报某民警收受好处费。', namedOfficer: '警号 012345', location: POINT_IN_A }));
    expect(named.handler_unit_id).toBe(units.supervision);
    const plain = await submitted(validSubmission({ kind: 'report', content: '举报某小区有人聚众赌博。', location: POINT_IN_A }));
    expect(plain.handler_unit_id).toBe(units.stationA);
  });
});

describe('recusal of the officer concerned and their chain of command', () => {
  let id: number;
  beforeAll(async () => {
    id = (await submitted(complaint())).id;
    const res = await linkOfficer(c.ducha, id, 'eastofficer');
    expect(res.statusCode, res.body).toBe(200);
  });

  it('the chain is the officer’s unit and those below it, and the leaders of the units up to the bureau', async () => {
    const chain = await chainOfCommand(env.ctx.db, [{ staffId: ids.eastofficer, unitId: units.stationA }]);
    expect(chain.unitIds.sort()).toEqual([units.stationA, units.post].sort());
    expect(chain.staffIds.sort()).toEqual([ids.eastofficer, ids.districtlead].sort());
    // A bureau leader concerned steps aside by name only: the bureau as a whole never does.
    expect(await chainOfCommand(env.ctx.db, [{ staffId: ids.chief, unitId: units.bureau }])).toEqual({ unitIds: [], staffIds: [ids.chief] });
  });

  it('nobody in the chain can read it (404), list it, count it or see it on the dashboard; others can', async () => {
    for (const who of ['eastofficer', 'eastlead', 'eastmate', 'postofficer', 'districtlead']) {
      const read = await c[who].get(`/api/v1/staff/matters/${id}`);
      expect(read.statusCode, who).toBe(404);
      expect(read.json().error.code).toBe('MATTER_NOT_FOUND');
      expect((await c[who].get(`/api/v1/staff/conduct/matters/${id}`)).statusCode, who).toBe(404);
      expect(await listIds(c[who]), who).not.toContain(id);
    }
    // Not in the chain: a non-leader of the department above, the bureau's leadership, the supervision office.
    for (const who of ['districtofficer', 'chief', 'ducha', 'ducha2']) {
      expect((await c[who].get(`/api/v1/staff/matters/${id}`)).statusCode, who).toBe(200);
    }
    // Both see the whole county; the list's total (its count) differs by exactly this complaint.
    const total = async (who: Client) => (await who.get('/api/v1/staff/matters?kind=complaint')).json().total as number;
    expect(await total(c.districtofficer)).toBe((await total(c.districtlead)) + 1);
    // So do the dashboard's figures: the bureau chief and the district leader both cover the county.
    const received = async (who: Client) => (await who.get('/api/v1/staff/stats/dashboard?from=2026-11-16&to=2026-11-16')).json().totals.received as number;
    expect(await received(c.chief)).toBe((await received(c.districtlead)) + 1);
    // The workbench counts it for the supervision office, which is to accept it, and for nobody in the chain.
    const toAccept = async (who: Client) => (await who.get('/api/v1/staff/workbench')).json().toAccept as number;
    const before = await toAccept(c.ducha);
    await env.ctx.db.query("UPDATE matter_recusals SET staff_ids = staff_ids || $2::int WHERE matter_id = $1", [id, ids.ducha]);
    expect(await toAccept(c.ducha)).toBe(before - 1);
    await env.ctx.db.query('UPDATE matter_recusals SET staff_ids = array_remove(staff_ids, $2::int) WHERE matter_id = $1', [id, ids.ducha]);
  });

  it('they cannot act on it: every action answers 404', async () => {
    const v = await version(id);
    for (const [path, body] of [['accept', { version: v }], ['reply', { version: v, text: '已处理' }], ['notes', { text: '备注' }]] as const) {
      // The department's leader sees the whole county, so without the recusal these would be 403 or 200.
      expect((await c.districtlead.post(`/api/v1/staff/matters/${id}/${path}`, body)).statusCode).toBe(404);
    }
  });

  it('it cannot be transferred to them or their unit, with a clear message; elsewhere it can', async () => {
    const toA = await c.ducha.post(`/api/v1/staff/matters/${id}/transfers`, { version: await version(id), toUnitId: units.stationA, reason: '请核查' });
    expect(toA.statusCode).toBe(409);
    expect(toA.json().error).toMatchObject({ code: 'RECUSED_RECEIVER' });
    expect(toA.json().error.message).toContain('回避');
    const en = await c.ducha.request({ method: 'POST', url: `/api/v1/staff/matters/${id}/transfers`, headers: { 'accept-language': 'en' },
      payload: { version: await version(id), toUnitId: units.post, reason: '请核查' } });
    expect(en.json().error.message).toContain('step aside');
    const order = await c.ducha2.post(`/api/v1/staff/matters/${id}/supervision-orders`,
      { toUnitId: units.stationA, instructions: '请说明情况', dueAt: new Date(env.clock.now().getTime() + 86_400_000).toISOString() });
    expect(order.statusCode).toBe(409);
    const { rows } = await env.ctx.db.query('SELECT state, handler_unit_id FROM matters WHERE id = $1', [id]);
    expect(rows[0]).toEqual({ state: 'received', handler_unit_id: units.supervision });
  });

  it('nor on the supervision board or the accountability records, for what was issued or recorded before the linking', async () => {
    // An order to station A and a breach recorded against it, as if both came before the officer was linked.
    const { rows: [matter] } = await env.ctx.db.query('SELECT jurisdiction_id FROM matters WHERE id = $1', [id]);
    const now = env.clock.now();
    const { rows: [order] } = await env.ctx.db.query(
      `INSERT INTO supervision_orders (jurisdiction_id, matter_id, issued_by, issued_at, to_unit_id, instructions, due_at)
       VALUES ($1, $2, $3, $4, $5, '请说明情况', $4) RETURNING id`, [matter.jurisdiction_id, id, ids.ducha2, now, units.stationA]);
    const { rows: [record] } = await env.ctx.db.query(
      `INSERT INTO accountability_records (jurisdiction_id, matter_id, kind, subject, unit_id, due_at, recorded_at)
       VALUES ($1, $2, 'deadline_breached', 'acceptance', $3, $4, $4) RETURNING id`, [matter.jurisdiction_id, id, units.stationA, now]);
    const orderIds = async (who: Client, query = '') =>
      ((await who.get(`/api/v1/staff/supervision-orders?pageSize=100${query}`)).json().items as { id: number }[]).map((o) => o.id);
    const recordIds = async (who: Client) =>
      ((await who.get('/api/v1/staff/accountability-records?pageSize=100')).json().items as { id: number }[]).map((r) => r.id);
    for (const who of ['eastlead', 'districtlead']) {
      expect(await orderIds(c[who]), who).not.toContain(Number(order.id));
      expect(await recordIds(c[who]), who).not.toContain(Number(record.id));
    }
    expect(await orderIds(c.eastlead, '&addressedToMe=true')).not.toContain(Number(order.id));
    expect(await orderIds(c.ducha)).toContain(Number(order.id));
    expect(await recordIds(c.ducha)).toContain(Number(record.id));
    await env.ctx.db.query('DELETE FROM supervision_orders WHERE id = $1', [order.id]);
    await env.ctx.db.query('DELETE FROM accountability_records WHERE id = $1', [record.id]);
  });

  it('linking a supervision-office member moves the complaint to the bureau’s leadership, who handle it', async () => {
    const other = (await submitted(complaint({ content: '督察队员检查时言语粗暴。', namedOfficer: '督察 ducha2' }))).id;
    expect((await linkOfficer(c.ducha, other, 'ducha2')).statusCode).toBe(200);
    const { rows } = await env.ctx.db.query('SELECT handler_unit_id, handler_officer_id FROM matters WHERE id = $1', [other]);
    expect(rows[0]).toEqual({ handler_unit_id: units.bureau, handler_officer_id: null });
    expect((await c.ducha.get(`/api/v1/staff/matters/${other}`)).statusCode).toBe(404);
    expect((await c.ducha2.get(`/api/v1/staff/matters/${other}`)).statusCode).toBe(404);
    expect((await c.chief.post(`/api/v1/staff/matters/${other}/accept`, { version: await version(other) })).statusCode).toBe(200);
    const reply = await c.chief.post(`/api/v1/staff/matters/${other}/reply`, { version: await version(other), text: '经局领导调查核实，已批评教育。' });
    expect(reply.statusCode, reply.body).toBe(200);
    const finding = await c.chief.post(`/api/v1/staff/conduct/matters/${other}/officers/${ids.ducha2}/finding`, { version: await version(other), finding: 'sustained' });
    expect(finding.statusCode, finding.body).toBe(200);
  });
});

describe('linking officers: the rules and refusals', () => {
  it('refuses a wrong role (403), a stale version (409), an unknown or outside officer (400), a repeat (409), an ordinary matter (409)', async () => {
    const { id } = await submitted(complaint({ content: '民警出警迟缓，态度冷漠。' }));
    expect((await c.westlead.post(`/api/v1/staff/conduct/matters/${id}/officers`, { version: await version(id), officerId: ids.eastmate })).statusCode).toBe(403);
    const stale = await c.ducha.post(`/api/v1/staff/conduct/matters/${id}/officers`, { version: (await version(id)) + 1, officerId: ids.eastmate });
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    for (const officerId of [999_999, ids.observer]) {
      const res = await c.ducha.post(`/api/v1/staff/conduct/matters/${id}/officers`, { version: await version(id), officerId });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'CONCERNED_OFFICER_UNKNOWN', message: '所选民警不存在或已停用' });
    }
    const bad = await c.ducha.post(`/api/v1/staff/conduct/matters/${id}/officers`, { version: await version(id), officerId: 'x' });
    expect(bad.statusCode).toBe(400);
    const { rows: none } = await env.ctx.db.query('SELECT count(*)::int AS n FROM complaint_officers WHERE matter_id = $1', [id]);
    expect(none[0].n).toBe(0);
    expect((await linkOfficer(c.ducha, id, 'westofficer')).statusCode).toBe(200);
    expect((await linkOfficer(c.ducha, id, 'westofficer')).json().error.code).toBe('OFFICER_ALREADY_LINKED');
    // An ordinary matter names no officers.
    const help = await submitted(validSubmission());
    expect((await linkOfficer(c.ducha, help.id, 'westofficer')).json().error.code).toBe('NOT_CONDUCT_MATTER');
  });

  it('unlinking (with a reason) lifts the recusal; every change is on the timeline', async () => {
    const { id } = await submitted(complaint({ content: '民警在路口执勤时玩手机。' }));
    await linkOfficer(c.ducha, id, 'westofficer');
    expect((await c.westlead.get(`/api/v1/staff/matters/${id}`)).statusCode).toBe(404);
    const res = await c.ducha.post(`/api/v1/staff/conduct/matters/${id}/officers/${ids.westofficer}/unlink`, { version: await version(id), reason: '核实后并非该民警' });
    expect(res.statusCode, res.body).toBe(200);
    const { rows } = await env.ctx.db.query('SELECT type FROM matter_events WHERE matter_id = $1 ORDER BY seq', [id]);
    expect(rows.map((r) => r.type)).toEqual(['matter.submitted', 'complaint.officerLinked', 'complaint.officerUnlinked']);
  });

  it('a finding waits for the reply, then counts in the officer’s record', async () => {
    const { id } = await submitted(complaint({ content: '民警处理纠纷时偏袒一方。' }));
    await linkOfficer(c.ducha, id, 'eastmate');
    const early = await c.ducha.post(`/api/v1/staff/conduct/matters/${id}/officers/${ids.eastmate}/finding`, { version: await version(id), finding: 'not_sustained' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toBe('答复群众后才能认定投诉（举报）是否属实，目前状态为“待签收”');
    await c.ducha.post(`/api/v1/staff/matters/${id}/accept`, { version: await version(id) });
    await c.ducha.post(`/api/v1/staff/matters/${id}/reply`, { version: await version(id), text: '经调查，民警处置符合规定。', close: true });
    const wrong = await c.ducha.post(`/api/v1/staff/conduct/matters/${id}/officers/${ids.eastlead}/finding`, { version: await version(id), finding: 'sustained' });
    expect(wrong.json().error.code).toBe('OFFICER_NOT_LINKED');
    const ok = await c.ducha.post(`/api/v1/staff/conduct/matters/${id}/officers/${ids.eastmate}/finding`, { version: await version(id), finding: 'not_sustained' });
    expect(ok.statusCode, ok.body).toBe(200);
    const records = (await c.ducha.get('/api/v1/staff/conduct/officer-records')).json() as { officer: { id: number }; total: number; notSustained: number }[];
    expect(records.find((r) => r.officer.id === ids.eastmate)).toMatchObject({ total: 1, notSustained: 1 });
    expect((await c.eastlead.get('/api/v1/staff/conduct/officer-records')).statusCode).toBe(403);
  });

  it('staff who register a complaint link the officers at once: the registering station loses sight of it', async () => {
    const res = await c.eastclerk.post('/api/v1/staff/conduct/complaints', {
      kind: 'complaint', channel: 'visit', receivedAt: env.clock.now().toISOString(), content: '来访群众投诉本所民警接警后未出警。',
      contact: { name: '王五', phone: '13700009999' }, officerIds: [ids.eastmate],
    });
    expect(res.statusCode, res.body).toBe(201);
    const { rows } = await env.ctx.db.query('SELECT handler_unit_id, first_unit_id, first_officer_id FROM matters WHERE id = $1', [res.json().id]);
    expect(rows[0]).toEqual({ handler_unit_id: units.supervision, first_unit_id: units.stationA, first_officer_id: ids.eastclerk });
    expect((await c.eastclerk.get(`/api/v1/staff/matters/${res.json().id}`)).statusCode).toBe(404);
    expect((await c.ducha.get(`/api/v1/staff/conduct/matters/${res.json().id}`)).json().officers[0]).toMatchObject({ id: ids.eastmate, unit: '东城派出所' });
  });
});

describe('reports keep the reporter sealed', () => {
  it('no view shows even the masked name; the core reveal refuses; unsealing takes the right role and a reason, audited twice', async () => {
    const matter = await submitted(validSubmission({ kind: 'report', content: '举报某网吧接纳未成年人上网。', location: POINT_IN_A,
      contact: { name: '欧阳举报', phone: '13912345678' } }));
    const view = (await c.eastlead.get(`/api/v1/staff/matters/${matter.id}`)).json();
    expect(view.contact).toEqual({ name: null, phone: null, idNumber: null, address: null });
    expect(JSON.stringify(view)).not.toMatch(/欧|5678|139\*/);
    const reveal = await c.eastlead.post(`/api/v1/staff/matters/${matter.id}/personal-data/reveal`, { reason: '核实' });
    expect(reveal.json().error.code).toBe('REPORTER_SEALED');
    expect((await c.eastmate.post(`/api/v1/staff/conduct/matters/${matter.id}/reporter`, { reason: '核实线索' })).statusCode).toBe(403);
    // A unit leader of another station does not handle it (and cannot see it).
    expect((await c.westlead.post(`/api/v1/staff/conduct/matters/${matter.id}/reporter`, { reason: '核实线索' })).statusCode).toBe(404);
    const noReason = await c.eastlead.post(`/api/v1/staff/conduct/matters/${matter.id}/reporter`, { reason: '' });
    expect(noReason.statusCode).toBe(400);
    const card = (await c.eastlead.get(`/api/v1/staff/conduct/matters/${matter.id}`)).json();
    expect(card).toMatchObject({ sealed: true, anonymous: false, mayUnseal: true });
    const open = await c.eastlead.post(`/api/v1/staff/conduct/matters/${matter.id}/reporter`, { reason: '需当面核实线索' });
    expect(open.json()).toEqual({ name: '欧阳举报', phone: '13912345678', idNumber: null, address: null });
    expect((await c.ducha2.post(`/api/v1/staff/conduct/matters/${matter.id}/reporter`, { reason: '督察核查' })).statusCode).toBe(200);
    const { rows: events } = await env.ctx.db.query(
      "SELECT actor_staff_id, reason FROM matter_events WHERE matter_id = $1 AND type = 'reporter.unsealed' AND visibility = 'internal' ORDER BY seq", [matter.id]);
    expect(events).toEqual([{ actor_staff_id: ids.eastlead, reason: '需当面核实线索' }, { actor_staff_id: ids.ducha2, reason: '督察核查' }]);
    const { rows: audit } = await env.ctx.db.query(
      "SELECT actor_staff_id, detail->>'reason' AS reason FROM audit_events WHERE action = 'report.reporter_unsealed' AND subject = $1 ORDER BY id", [`matter:${matter.id}`]);
    expect(audit).toEqual([{ actor_staff_id: ids.eastlead, reason: '需当面核实线索' }, { actor_staff_id: ids.ducha2, reason: '督察核查' }]);
  });

  it('an anonymous report is accepted with a tracking code and no contact at all', async () => {
    const matter = await submitted({ kind: 'report', content: '匿名举报：某KTV夜间有人吸毒。', anonymous: true });
    expect([matter.contact_name_enc, matter.contact_phone_enc, matter.contact_phone_index]).toEqual([null, null, null]);
    const track = await app.inject({ method: 'GET', url: `/api/v1/portal/matters/${matter.trackingCode}` });
    expect(track.statusCode).toBe(200);
    expect((await c.ducha.get(`/api/v1/staff/conduct/matters/${matter.id}`)).json()).toMatchObject({ anonymous: true, mayUnseal: false });
    expect((await c.ducha.post(`/api/v1/staff/conduct/matters/${matter.id}/reporter`, { reason: '核实' })).json().error.code).toBe('REPORT_ANONYMOUS');
  });

  it('only a report may be anonymous, and everything else needs a contact: refused in both languages, nothing made', async () => {
    const before = (await env.ctx.db.query('SELECT count(*)::int AS n FROM matters')).rows[0].n;
    const anonymousComplaint = await portal({ kind: 'complaint', content: '匿名投诉民警态度差。', anonymous: true });
    expect(anonymousComplaint.statusCode).toBe(400);
    expect(anonymousComplaint.json().error.fields).toEqual([{ path: 'anonymous', message: '只有举报可以匿名提交' }]);
    const noContact = await app.inject({ method: 'POST', url: '/api/v1/portal/matters', headers: { 'accept-language': 'en' },
      payload: { kind: 'help', content: '路灯坏了，请帮忙修理。' } });
    expect(noContact.json().error.fields).toEqual([{ path: 'contact', message: 'Give a contact name and phone number' }]);
    const both = await portal({ kind: 'report', content: '举报有人非法集资。', anonymous: true, contact: { name: '张三', phone: '13800001111' } });
    expect(both.json().error.fields[0].path).toBe('contact');
    const namedHelp = await portal(validSubmission({ namedOfficer: '张警官' }));
    expect(namedHelp.json().error.fields[0].path).toBe('namedOfficer');
    const officerHelp = await portal(validSubmission({ aboutOfficer: true }));
    expect(officerHelp.json().error.fields).toEqual([{ path: 'aboutOfficer', message: '只有投诉、举报可以针对民警' }]);
    expect((await env.ctx.db.query('SELECT count(*)::int AS n FROM matters')).rows[0].n).toBe(before);
  });
});

describe('conduct supervisors', () => {
  it('file an observation that reaches the supervision office on a complaint’s clocks (over the 2026 National Day holiday), and read the answer', async () => {
    env.clock.set('2026-09-30T02:00:00Z'); // Wednesday 10:00 in Shanghai, the eve of the holiday (1–7 Oct; Sat 10 Oct is worked)
    const observer = await login(app, 'observer');
    const ducha = await login(app, 'ducha');
    const filed = await observer.post('/api/v1/staff/conduct/observations', { content: '东城派出所窗口中午无人值守，群众排队等候。', namedOfficer: '窗口民警' });
    expect(filed.statusCode, filed.body).toBe(201);
    const { rows } = await env.ctx.db.query('SELECT channel, kind_code, handler_unit_id, registered_by, contact_phone_enc FROM matters WHERE id = $1', [filed.json().id]);
    expect(rows[0]).toEqual({ channel: 'conduct_supervisor', kind_code: 'observation', handler_unit_id: units.supervision, registered_by: ids.observer, contact_phone_enc: null });
    const view = (await ducha.get(`/api/v1/staff/matters/${filed.json().id}`)).json();
    const due = (stage: string) => view.deadlines.find((d: { stage: string }) => d.stage === stage).dueAt;
    expect(due('acceptance')).toBe('2026-10-08T15:59:59.999Z');
    expect(due('handling')).toBe('2026-10-27T15:59:59.999Z');
    const listed = (await ducha.get('/api/v1/staff/conduct/matters?kind=observation')).json();
    expect(listed.items.map((m: { id: number }) => m.id)).toContain(filed.json().id);
    let mine = (await observer.get('/api/v1/staff/conduct/observations')).json();
    expect(mine[0]).toMatchObject({ caseNo: filed.json().caseNo, status: 'received', statusLabel: '已受理', reply: null, namedOfficer: '窗口民警' });
    await ducha.post(`/api/v1/staff/matters/${filed.json().id}/accept`, { version: view.version });
    await ducha.post(`/api/v1/staff/matters/${filed.json().id}/reply`, { version: view.version + 1, text: '已责令该所落实午间值守。' });
    mine = (await observer.get('/api/v1/staff/conduct/observations')).json();
    expect(mine[0]).toMatchObject({ status: 'replied', reply: { text: '已责令该所落实午间值守。' } });
    // Someone else's observations stay theirs.
    expect((await c.eastlead.get('/api/v1/staff/conduct/observations')).statusCode).toBe(403);
    env.clock.set('2026-11-16T02:00:00Z');
    for (const [username] of STAFF) c[username] = await login(app, username);
  });

  it('may do nothing else', async () => {
    const { id } = await submitted(validSubmission());
    expect((await c.observer.get('/api/v1/staff/matters')).statusCode).toBe(403);
    expect((await c.observer.get('/api/v1/staff/workbench')).statusCode).toBe(403);
    expect((await c.observer.get(`/api/v1/staff/matters/${id}`)).statusCode).toBe(404);
    expect((await c.observer.get('/api/v1/staff/conduct/matters')).statusCode).toBe(403);
    expect((await c.observer.get('/api/v1/staff/units')).statusCode).toBe(403);
    expect((await c.observer.post('/api/v1/staff/matters', { kind: 'help', channel: 'visit', receivedAt: env.clock.now().toISOString(),
      content: '测试登记内容', contact: { name: '李四', phone: '13700001111' } })).statusCode).toBe(403);
    expect((await c.eastofficer.post('/api/v1/staff/conduct/observations', { content: '民警不能提交监督意见。' })).statusCode).toBe(403);
  });

  it('the administrator can give the role only in an external unit, and no other role with it', async () => {
    const create = (unitId: number, roles: string[], username: string) => c.admin.post('/api/v1/staff/admin/staff',
      { username, name: '监督员', unitId, roles, password: 'Jingmin@2026x' });
    const refused = await create(units.stationA, ['conduct_supervisor'], 'cs_station');
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({ code: 'ROLE_NOT_FOR_UNIT', fields: [{ path: 'roles' }] });
    expect((await create(units.outside, ['conduct_supervisor', 'officer'], 'cs_mixed')).statusCode).toBe(400);
    expect((await create(units.outside, ['officer'], 'cs_officer')).statusCode).toBe(400);
    const ok = await create(units.outside, ['conduct_supervisor'], 'cs_ok');
    expect(ok.statusCode, ok.body).toBe(201);
    const move = await c.admin.request({ method: 'PATCH', url: `/api/v1/staff/admin/staff/${ok.json().id}`, payload: { unitId: units.stationA } });
    expect(move.json().error.code).toBe('ROLE_NOT_FOR_UNIT');
    const { rows } = await env.ctx.db.query("SELECT unit_id FROM staff WHERE username LIKE 'cs_%'");
    expect(rows).toEqual([{ unit_id: units.outside }]);
  });
});
