import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dashboard } from '../../../common/contracts/stats.js';
import { addStaff, buildTestApp, createTestContext, login, seedFixture, type Fixture } from '../../test/harness.js';
import { runFollowUpWork } from '../feedback/index.js';
import { runSweep } from '../matters/index.js';
import { SHEETS } from './stats.export.js';

let env: Awaited<ReturnType<typeof createTestContext>>;
let app: FastifyInstance;
let fx: Fixture;
type Client = Awaited<ReturnType<typeof login>>;
const users = ['taker', 'east1', 'west1', 'eastlead', 'eastclerk', 'chief'] as const;
const as = {} as Record<(typeof users)[number], Client>;

/** Moves the clock; sessions expire over such jumps, so everyone logs in again. */
async function at(iso: string) {
  env.clock.set(iso);
  const clients = await Promise.all(users.map((u) => login(app, u)));
  users.forEach((u, i) => { as[u] = clients[i]; });
}

const contact = { name: '王五', phone: '13700001111' };
async function register(client: Client, kind = 'consult') {
  const res = await client.post('/api/v1/staff/matters', {
    kind, channel: 'window', receivedAt: env.clock.now().toISOString(), content: '咨询户口迁移需要准备哪些材料。', contact,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as number;
}
const version = async (client: Client, id: number) => (await client.get(`/api/v1/staff/matters/${id}`)).json().version as number;
async function acceptAndClose(client: Client, id: number) {
  const accepted = await client.post(`/api/v1/staff/matters/${id}/accept`, { version: await version(client, id) });
  expect(accepted.statusCode, accepted.body).toBe(200);
  const closed = await client.post(`/api/v1/staff/matters/${id}/reply`, { version: accepted.json().version, text: '已当面告知所需材料。', close: true });
  expect(closed.statusCode, closed.body).toBe(200);
}

/**
 * Ratings go straight into matter_ratings: the rating service belongs to another module and this test
 * needs only rows to count (the dashboard reads the table, whoever writes it).
 */
async function rate(id: number, rating: string, ratedAt: string) {
  await env.ctx.db.query(
    `INSERT INTO matter_ratings (jurisdiction_id, matter_id, cycle, rating, source, rated_at, handler_unit_id, handler_officer_id)
     SELECT jurisdiction_id, id, cycle, $2, 'citizen', $3, handler_unit_id, handler_officer_id FROM matters WHERE id = $1`,
    [id, rating, ratedAt]);
}

const RANGE = '?from=2026-06-01&to=2026-06-03';
async function dashboard(client: Client, query = RANGE): Promise<Dashboard> {
  const res = await client.get(`/api/v1/staff/stats/dashboard${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
const unitRow = <T extends { unitId: number }>(rows: T[], unitId: number) => rows.find((r) => r.unitId === unitId);

const ids = { a: 0, b: 0, c: 0, d: 0, e: 0 };

beforeAll(async () => {
  env = await createTestContext();
  fx = await seedFixture(env.ctx);
  await addStaff(env.ctx, 'taker', fx.units.command, ['call_taker']);
  await addStaff(env.ctx, 'east1', fx.units.stationA, ['officer']);
  await addStaff(env.ctx, 'west1', fx.units.stationB, ['officer']);
  await addStaff(env.ctx, 'eastlead', fx.units.stationA, ['unit_leader', 'officer']);
  await addStaff(env.ctx, 'eastclerk', fx.units.stationA, ['clerk']);
  await addStaff(env.ctx, 'chief', fx.units.bureau, ['leader']);
  app = await buildTestApp(env.ctx);

  // Monday 2026-06-01, 09:00 China time. 咨询 (consult): accept within 1 working day, reply within 2.
  await at('2026-06-01T01:00:00Z');
  ids.a = await register(as.east1); // east: accepted and closed at once — both clocks on time
  // Acceptance is due at the end of Tuesday 6/2, the reply at the end of Wednesday 6/3.
  ids.b = await register(as.east1); // east: accepted and closed on Wednesday — acceptance breached, reply on time
  ids.c = await register(as.taker); // command centre (county area): the same as B
  ids.d = await register(as.west1, 'help'); // west: never accepted — acceptance breached, overdue now
  ids.e = await register(as.east1); // east: accepted on Wednesday before the sweep ran — late, though never marked
  await acceptAndClose(as.east1, ids.a);
  await rate(ids.a, 'satisfied', '2026-06-01T08:00:00Z');
});
afterAll(async () => { await app?.close(); await env?.close(); });

describe('the dashboard', () => {
  it('counts a built scenario exactly, before and after the sweep marks the breaches', async () => {
    await at('2026-06-03T01:00:00Z'); // Wednesday 09:00: the acceptance limits (end of 6/2) have passed
    const accepted = await as.east1.post(`/api/v1/staff/matters/${ids.e}/accept`, { version: await version(as.east1, ids.e) });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const TUESDAY = '?from=2026-06-02&to=2026-06-02';
    const before = await dashboard(as.chief);
    const tuesdayBefore = await dashboard(as.chief, TUESDAY);
    await runSweep(env.ctx.db, env.clock.now());
    const after = await dashboard(as.chief);
    const tuesdayAfter = await dashboard(as.chief, TUESDAY);
    // Unswept clocks past due count as breached for the unit the sweep would record: the numbers agree.
    expect(before.onTimeByUnit).toEqual(after.onTimeByUnit);
    // And on the same day: a breach counts on its due day (Tuesday), not on the day the sweep ran (Wednesday).
    // B, C, D: acceptance due at the end of Tuesday, swept on Wednesday; E: accepted late, never swept.
    expect(tuesdayBefore.onTimeByUnit).toEqual(tuesdayAfter.onTimeByUnit);
    expect([tuesdayBefore.totals.breached, tuesdayAfter.totals.breached]).toEqual([4, 4]);
    expect(tuesdayAfter.overdueByUnit.map((r) => [r.unitId, r.deadlineBreaches])).toEqual([
      [fx.units.command, 1], [fx.units.stationA, 1], [fx.units.stationB, 1],
    ]);
    const wednesdayAfter = await dashboard(as.chief, '?from=2026-06-03&to=2026-06-03');
    expect(wednesdayAfter.totals.breached).toBe(0);
    expect(wednesdayAfter.overdueByUnit.map((r) => r.deadlineBreaches)).toEqual([0, 0, 0]); // the rows for B, C and D overdue now

    await acceptAndClose(as.east1, ids.b);
    await acceptAndClose(as.taker, ids.c);
    await rate(ids.b, 'dissatisfied', '2026-06-03T02:00:00Z');
    await rate(ids.c, 'basically_satisfied', '2026-06-03T03:00:00Z');

    const d = await dashboard(as.chief);
    expect(d.from).toBe('2026-06-01');
    expect(d.to).toBe('2026-06-03');
    expect(d.daily).toEqual([
      { date: '2026-06-01', received: 5, closed: 1 },
      { date: '2026-06-02', received: 0, closed: 0 },
      { date: '2026-06-03', received: 0, closed: 2 },
    ]);
    expect(d.onTimeByUnit).toEqual([
      { unitId: fx.units.command, unitName: '指挥中心', onTime: 1, breached: 1, onTimeRate: 0.5 },
      { unitId: fx.units.stationA, unitName: '东城派出所', onTime: 3, breached: 2, onTimeRate: 0.6 },
      { unitId: fx.units.stationB, unitName: '西城派出所', onTime: 0, breached: 1, onTimeRate: 0 },
    ]);
    // Closing B and C later does not undo their breaches; D is still open past its acceptance limit.
    // E's late acceptance counts as a breach above, but the sweep made no accountability record of it.
    expect(d.overdueByUnit).toEqual([
      { unitId: fx.units.command, unitName: '指挥中心', overdueNow: 0, deadlineBreaches: 1, supervisionBreaches: 0 },
      { unitId: fx.units.stationA, unitName: '东城派出所', overdueNow: 0, deadlineBreaches: 1, supervisionBreaches: 0 },
      { unitId: fx.units.stationB, unitName: '西城派出所', overdueNow: 1, deadlineBreaches: 1, supervisionBreaches: 0 },
    ]);
    expect(d.satisfactionByUnit).toEqual([
      { unitId: fx.units.command, unitName: '指挥中心', satisfied: 0, basicallySatisfied: 1, dissatisfied: 0, total: 1, satisfactionRate: 1 },
      { unitId: fx.units.stationA, unitName: '东城派出所', satisfied: 1, basicallySatisfied: 0, dissatisfied: 1, total: 2, satisfactionRate: 0.5 },
    ]);
    expect(d.satisfactionByKind).toEqual([
      { kind: 'consult', kindNameZh: '咨询', kindNameEn: 'Enquiry', satisfied: 1, basicallySatisfied: 1, dissatisfied: 1, total: 3, satisfactionRate: 2 / 3 },
    ]);
    expect(d.totals).toEqual({
      received: 5, closed: 3, onTime: 4, breached: 4, onTimeRate: 0.5, overdueNow: 1,
      satisfied: 1, basicallySatisfied: 1, dissatisfied: 1, total: 3, satisfactionRate: 2 / 3,
    });

    // Only Tuesday: nothing received, closed or rated; the four acceptance breaches fell due that day, the
    // three swept (recorded on Wednesday) as well as E's unmarked late acceptance.
    const tuesday = await dashboard(as.chief, TUESDAY);
    expect(tuesday.totals).toMatchObject({ received: 0, closed: 0, onTime: 0, breached: 4, onTimeRate: 0, overdueNow: 1, total: 0, satisfactionRate: null });
    const monday = await dashboard(as.chief, '?from=2026-06-01&to=2026-06-01');
    expect(monday.totals).toMatchObject({ received: 5, closed: 1, onTime: 2, breached: 0, onTimeRate: 1, total: 1, satisfactionRate: 1 });
    expect(tuesday.satisfactionByUnit).toEqual([]);
  });

  it('defaults to the last 30 days ending today (China time)', async () => {
    env.clock.set('2026-06-03T17:00:00Z'); // already Thursday 6/4 01:00 in China
    const chief = await login(app, 'chief');
    const d = await dashboard(chief, '');
    expect([d.from, d.to, d.daily.length]).toEqual(['2026-05-06', '2026-06-04', 30]);
    expect(d.totals.received).toBe(5);
  });

  it("a station's leader sees only the matters of their station", async () => {
    await at('2026-06-03T05:00:00Z');
    const d = await dashboard(as.eastlead);
    expect(d.daily.map((x) => [x.received, x.closed])).toEqual([[3, 1], [0, 0], [0, 1]]);
    expect(d.onTimeByUnit.map((r) => r.unitId)).toEqual([fx.units.stationA]);
    expect(d.overdueByUnit).toEqual([{ unitId: fx.units.stationA, unitName: '东城派出所', overdueNow: 0, deadlineBreaches: 1, supervisionBreaches: 0 }]);
    expect(d.totals).toMatchObject({ received: 3, closed: 2, onTime: 3, breached: 2, onTimeRate: 0.6, overdueNow: 0, total: 2, satisfactionRate: 0.5 });
    expect(unitRow(d.satisfactionByUnit, fx.units.command)).toBeUndefined();
  });

  it('refuses those without stats.read, and bad ranges in the user\'s language', async () => {
    expect((await as.eastclerk.get(`/api/v1/staff/stats/dashboard${RANGE}`)).statusCode).toBe(403);
    expect((await as.east1.get(`/api/v1/staff/stats/dashboard.xlsx${RANGE}`)).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: `/api/v1/staff/stats/dashboard${RANGE}` })).statusCode).toBe(401);

    const ask = (query: string, language = 'zh-CN') =>
      as.chief.request({ method: 'GET', url: `/api/v1/staff/stats/dashboard${query}`, headers: { 'accept-language': language } });
    let res = await ask('?from=2026-06-03&to=2026-06-01');
    expect([res.statusCode, res.json().error.code, res.json().error.message]).toEqual([400, 'STATS_RANGE_REVERSED', '开始日期不能晚于结束日期']);
    res = await ask('?from=2026-06-03&to=2026-06-01', 'en');
    expect(res.json().error.message).toBe('The start date cannot be after the end date');
    res = await ask('?from=2025-01-01&to=2026-01-02'); // 366 days is the most; this is 367
    expect([res.statusCode, res.json().error.code, res.json().error.message]).toEqual([400, 'STATS_RANGE_TOO_LONG', '统计时间段最长 366 天，请缩短后再试']);
    res = await ask('?from=2025-01-01&to=2026-01-02', 'en');
    expect((await ask('?from=2025-01-01&to=2026-01-01')).statusCode).toBe(200); // 366 days
    expect(res.json().error.message).toBe('The range can cover at most 366 days; shorten it and try again');
    expect((await ask('?from=2024-01-01&to=2024-12-31')).statusCode).toBe(200); // a leap year: 366 days
    res = await ask('?from=2026-02-30&to=2026-03-01');
    expect([res.statusCode, res.json().error.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(res.json().error.fields[0].message).toContain('开始日期');
    res = await ask('?from=yesterday', 'en');
    expect(res.json().error.fields[0]).toEqual({ path: 'from', message: 'from must be a valid date such as 2026-11-29' });
  });

  it('exports the same numbers as an .xlsx with Chinese headers, real dates and percentages', async () => {
    const res = await as.chief.get(`/api/v1/staff/stats/dashboard.xlsx${RANGE}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="dashboard-20260601-20260603.xlsx"; filename*=UTF-8''${encodeURIComponent('统计分析-20260601-20260603.xlsx')}`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(Object.values(SHEETS));
    const rows = (name: string) => {
      const values: unknown[][] = [];
      workbook.getWorksheet(name)!.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
      return values;
    };

    expect(rows(SHEETS.daily)).toEqual([
      ['日期', '接收', '办结'],
      [new Date('2026-06-01T00:00:00Z'), 5, 1],
      [new Date('2026-06-02T00:00:00Z'), 0, 0],
      [new Date('2026-06-03T00:00:00Z'), 0, 2],
    ]);
    expect(workbook.getWorksheet(SHEETS.daily)!.getCell('A2').numFmt).toBe('yyyy-mm-dd');
    expect(rows(SHEETS.onTime)).toEqual([
      ['单位', '按期', '超期', '按期办结率'],
      ['指挥中心', 1, 1, 0.5], ['东城派出所', 3, 2, 0.6], ['西城派出所', 0, 1, 0],
    ]);
    expect(workbook.getWorksheet(SHEETS.onTime)!.getCell('D3').numFmt).toBe('0.0%');
    expect(rows(SHEETS.overdue)).toEqual([
      ['单位', '当前超期', '期间超期（办理时限）', '期间超期（督办）'],
      ['指挥中心', 0, 1, 0], ['东城派出所', 0, 1, 0], ['西城派出所', 1, 1, 0],
    ]);
    expect(rows(SHEETS.byUnit)).toEqual([
      ['单位', '满意', '基本满意', '不满意', '合计', '满意率'],
      ['指挥中心', 0, 1, 0, 1, 1], ['东城派出所', 1, 0, 1, 2, 0.5],
    ]);
    expect(rows(SHEETS.byKind)).toEqual([['事项类型', '满意', '基本满意', '不满意', '合计', '满意率'], ['咨询', 1, 1, 1, 3, 2 / 3]]);
    const totals = Object.fromEntries(rows(SHEETS.totals).slice(1).map((r) => [r[0], r[1]]));
    const totalsSheet = workbook.getWorksheet(SHEETS.totals)!;
    const formatOf = (label: string) => {
      let format: string | undefined;
      totalsSheet.eachRow((row) => { if (row.getCell(1).value === label) format = row.getCell(2).numFmt; });
      return format;
    };
    expect(['统计起始日期', '统计结束日期', '按期办结率', '满意率', '接收事项数'].map(formatOf)).toEqual(['yyyy-mm-dd', 'yyyy-mm-dd', '0.0%', '0.0%', undefined]);
    expect(totals).toMatchObject({
      统计起始日期: new Date('2026-06-01T00:00:00Z'), 接收事项数: 5, 办结次数: 3, 按期办结率: 0.5, 当前超期事项数: 1, 满意率: 2 / 3,
    });
    const openapi = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(['/api/v1/staff/stats/dashboard', '/api/v1/staff/stats/dashboard.xlsx']));
    const audit = await env.ctx.db.query("SELECT detail FROM audit_events WHERE action = 'stats.exported'");
    expect(audit.rows.map((r) => r.detail)).toEqual([{ from: '2026-06-01', to: '2026-06-03' }]);
  });
});

describe('follow-up coverage, satisfaction by officer and 一次办结率', () => {
  const JULY = '?from=2026-07-01&to=2026-07-03';
  const m = { a: 0, b: 0, c: 0, d: 0, e: 0, f: 0 };
  const codeOf = async (id: number) => (await env.ctx.db.query('SELECT tracking_code FROM matters WHERE id = $1', [id])).rows[0].tracking_code as string;
  async function registered(client: Client, phone: string) {
    const res = await client.post('/api/v1/staff/matters', {
      kind: 'consult', channel: 'window', receivedAt: env.clock.now().toISOString(), content: `咨询居住证办理需要哪些材料（${phone}）。`,
      contact: { name: '王五', phone },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as number;
  }
  async function tokenOf(id: number) {
    const { rows } = await env.ctx.db.query("SELECT body_enc FROM outbound_messages WHERE matter_id = $1 AND purpose = 'follow_up_link'", [id]);
    return /\/f\/([A-Za-z0-9_-]+) /.exec(env.ctx.vault.decrypt(rows[0].body_enc))![1];
  }
  const rateLink = async (id: number, rating: string) => {
    const res = await app.inject({ method: 'POST', url: `/api/v1/portal/follow-ups/${await tokenOf(id)}`, payload: { rating } });
    expect(res.statusCode, res.body).toBe(204);
  };
  const followUpVersion = async (id: number) => (await env.ctx.db.query('SELECT version FROM follow_ups WHERE matter_id = $1 AND cycle = 0', [id])).rows[0].version;

  beforeAll(async () => {
    await addStaff(env.ctx, 'ducha', fx.units.supervision, ['supervisor']);
    // Wednesday 2026-07-01, 09:00 China time: six matters answered and closed at the window.
    await at('2026-07-01T01:00:00Z');
    m.a = await registered(as.east1, '13900000001'); // link → 满意
    m.b = await registered(as.east1, '13900000002'); // link unanswered → call queue → three unanswered calls
    m.c = await registered(as.east1, '0571-86000003'); // landline → called the next day (late) → 不满意
    m.d = await registered(as.west1, '13900000004'); // reopened before the follow-up ended, closed again
    m.e = await registered(as.west1, '13900000005'); // no phone left (anonymous): no channel
    m.f = await registered(as.west1, '13900000006'); // link → 不满意, appealed, upheld
    await env.ctx.db.query('UPDATE matters SET contact_phone_enc = NULL WHERE id = $1', [m.e]);
    for (const [client, id] of [[as.east1, m.a], [as.east1, m.b], [as.east1, m.c], [as.west1, m.d], [as.west1, m.e], [as.west1, m.f]] as const) {
      await acceptAndClose(client, id);
    }
    await runFollowUpWork(env.ctx, new Date('2026-07-01T01:05:00Z'));
    await at('2026-07-01T02:00:00Z');
    await rateLink(m.a, 'satisfied');
    await rateLink(m.f, 'dissatisfied');
    await at('2026-07-01T03:00:00Z');
    expect((await app.inject({ method: 'POST', url: `/api/v1/portal/matters/${await codeOf(m.d)}/reopen`, payload: { reason: '材料清单不全' } })).statusCode).toBe(204);
    await at('2026-07-01T10:00:00Z'); // 9 hours after the links: B falls to the call queue
    await runFollowUpWork(env.ctx, env.clock.now());
    await at('2026-07-02T02:00:00Z');
    const reply = await as.west1.post(`/api/v1/staff/matters/${m.d}/reply`, { version: await version(as.west1, m.d), text: '已补充告知全部材料。', close: true });
    expect(reply.statusCode, reply.body).toBe(200);
    await at('2026-07-02T03:00:00Z'); // C is called 26 hours after closing: followed up, but not within 24 hours
    for (let i = 0; i < 3; i++) {
      expect((await as.taker.post(`/api/v1/staff/follow-ups/${m.b}/calls`, { cycle: 0, version: await followUpVersion(m.b), outcome: 'unreachable' })).statusCode).toBe(200);
    }
    const called = await as.taker.post(`/api/v1/staff/follow-ups/${m.c}/calls`, { cycle: 0, version: await followUpVersion(m.c), outcome: 'answered', rating: 'dissatisfied' });
    expect(called.statusCode, called.body).toBe(200);
    expect((await as.west1.post(`/api/v1/staff/matters/${m.f}/ratings/0/appeal`, { reason: '群众误解了办理时限' })).statusCode).toBe(201);
    const ducha = await login(app, 'ducha');
    expect((await ducha.post(`/api/v1/staff/matters/${m.f}/ratings/0/appeal/decision`, { decision: 'upheld', reason: '经核实属实' })).statusCode).toBe(200);
  });

  it('counts the scenario exactly, per unit and in total', async () => {
    await at('2026-07-03T06:00:00Z');
    const d = await dashboard(as.chief, JULY);
    const east = {
      unitId: fx.units.stationA, unitName: '东城派出所', closed: 3, noChannel: 0, superseded: 0, followedUp: 3, followedUpInTime: 2,
      answered: 2, unreachable: 1, declined: 0, coverageRate: 1, answerRate: 2 / 3, firstClosed: 3, firstTime: 3, firstTimeRate: 1,
      rectificationsOpen: 1, rectificationsOverdue: 0,
    };
    const west = {
      unitId: fx.units.stationB, unitName: '西城派出所', closed: 4, noChannel: 1, superseded: 1, followedUp: 1, followedUpInTime: 1,
      answered: 1, unreachable: 0, declined: 0, coverageRate: 0.5, answerRate: 1, firstClosed: 3, firstTime: 2, firstTimeRate: 2 / 3,
      rectificationsOpen: 1, rectificationsOverdue: 0,
    };
    expect(d.followUp.byUnit).toEqual([east, west]);
    expect(d.followUp.totals).toEqual({
      closed: 7, noChannel: 1, superseded: 1, followedUp: 4, followedUpInTime: 3, answered: 3, unreachable: 1, declined: 0,
      coverageRate: 0.8, answerRate: 0.75, firstClosed: 6, firstTime: 5, firstTimeRate: 5 / 6, rectificationsOpen: 2, rectificationsOverdue: 0,
      appealedAway: 1,
    });
    // F's 不满意 was appealed away: west has no valid rating; the officer table has east1's two.
    expect(d.satisfactionByUnit).toEqual([
      { unitId: fx.units.stationA, unitName: '东城派出所', satisfied: 1, basicallySatisfied: 0, dissatisfied: 1, total: 2, satisfactionRate: 0.5 },
    ]);
    expect(d.satisfactionByOfficer).toEqual([{
      officerId: expect.any(Number), officerName: '民警east1', unitId: fx.units.stationA, unitName: '东城派出所',
      satisfied: 1, basicallySatisfied: 0, dissatisfied: 1, total: 2, satisfactionRate: 0.5,
    }]);

    // Five working days: F's (rated Wednesday 7/1) is due at the end of Wednesday 7/8, C's (Thursday 7/2) of Thursday 7/9.
    await at('2026-07-08T16:00:00Z');
    expect((await dashboard(as.chief, JULY)).followUp.byUnit.map((r) => r.rectificationsOverdue)).toEqual([0, 1]);
    await at('2026-07-09T16:00:00Z');
    const later = await dashboard(as.chief, JULY);
    expect(later.followUp.totals).toMatchObject({ rectificationsOpen: 2, rectificationsOverdue: 2 });
    const eastLead = await dashboard(as.eastlead, JULY);
    expect(eastLead.followUp.byUnit.map((r) => r.unitId)).toEqual([fx.units.stationA]);
    expect(eastLead.followUp.totals).toMatchObject({ closed: 3, rectificationsOverdue: 1 });

    const res = await as.chief.get(`/api/v1/staff/stats/dashboard.xlsx${JULY}`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows: unknown[][] = [];
    workbook.getWorksheet(SHEETS.followUp)!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows).toEqual([
      ['单位', '办结次数', '无联系方式', '已重办', '已回访', '24小时内', '已评价', '无法联系', '拒绝评价', '回访率', '应答率', '一次办结率', '整改中', '整改超期'],
      ['东城派出所', 3, 0, 0, 3, 2, 2, 1, 0, 1, 2 / 3, 1, 1, 1],
      ['西城派出所', 4, 1, 1, 1, 1, 1, 0, 0, 0.5, 1, 2 / 3, 1, 1],
    ]);
    const officers: unknown[][] = [];
    workbook.getWorksheet(SHEETS.byOfficer)!.eachRow((row) => officers.push((row.values as unknown[]).slice(1)));
    expect(officers[1]).toEqual(['民警east1', '东城派出所', 1, 0, 1, 2, 0.5]);
  });
});
