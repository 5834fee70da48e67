import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addStaff, buildTestApp, createTestContext, login, seedFixture, testClock, type Fixture } from '../../test/harness.js';

/**
 * 局长接访日 over HTTP: the petition office publishes a leader's day; the public books slots (one per phone a day,
 * never two on one slot even at the same instant; past and full days refused) and cancels with the code; the
 * meeting is recorded and its matter is owned by the leader himself (包案).
 */

const clock = testClock('2026-03-02T01:00:00Z'); // Mon 2 Mar 2026, 09:00 in China
let env: Awaited<ReturnType<typeof createTestContext>>;
let app: FastifyInstance;
let fx: Fixture;
let chiefId: number;
let petitionUnit: number;
type Client = Awaited<ReturnType<typeof login>>;
const as: Record<string, Client> = {};
const STAFF = ['xinfang', 'chief', 'deputy', 'station_clerk', 'officer'];

const codeOf = (res: LightMyRequestResponse) => res.json().error?.code as string | undefined;
const publicPost = (url: string, payload?: object, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url, payload: payload ?? {}, headers });
const publicGet = (url: string) => app.inject({ method: 'GET', url });

async function loginAll() {
  for (const name of STAFF) as[name] = await login(app, name);
}
async function moveTo(iso: string) {
  clock.set(iso);
  await loginAll();
}

beforeAll(async () => {
  env = await createTestContext(clock);
  fx = await seedFixture(env.ctx);
  petitionUnit = (await env.ctx.db.query(
    `INSERT INTO units (code, name, kind, jurisdiction_id, scope) VALUES ('petition', '信访科', 'petition_office', 1, 'county') RETURNING id`)).rows[0].id;
  env.ctx.org.invalidate();
  await addStaff(env.ctx, 'xinfang', petitionUnit, ['clerk']);
  chiefId = await addStaff(env.ctx, 'chief', fx.units.bureau, ['leader']);
  await addStaff(env.ctx, 'deputy', fx.units.bureau, ['leader']);
  await addStaff(env.ctx, 'station_clerk', fx.units.stationA, ['clerk']);
  await addStaff(env.ctx, 'officer', fx.units.stationA, ['officer']);
  app = await buildTestApp(env.ctx);
  await loginAll();
}, 120_000);
afterAll(async () => { await app.close(); await env.close(); });

const DAY = { leaderId: 0, day: '2026-03-04', startsAt: '09:00', endsAt: '11:00', slotMinutes: 30, place: '县公安局一楼信访接待室', topics: '治安、户政、交通' };
const dayBody = (overrides: Record<string, unknown> = {}) => ({ ...DAY, leaderId: chiefId, ...overrides });
let phones = 0;
const booking = (dayId: number, slotNo: number, overrides: Record<string, unknown> = {}) => ({
  dayId, slotNo, name: '王秀兰', phone: `1390000${String(phones++).padStart(4, '0')}`, subject: '小区旁工地夜间施工扰民，多次反映未解决', ...overrides,
});
async function publish(overrides: Record<string, unknown> = {}) {
  const res = await as.xinfang.post('/api/v1/staff/reception/days', dayBody(overrides));
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as number;
}
const dayCount = async () => Number((await env.ctx.db.query('SELECT count(*) AS n FROM reception_days')).rows[0].n);
const bookingCount = async () => Number((await env.ctx.db.query('SELECT count(*) AS n FROM reception_bookings')).rows[0].n);

describe('the schedule', () => {
  it('is published by the petition office, with every refusal changing nothing', async () => {
    const before = await dayCount();
    const officer = await as.officer.post('/api/v1/staff/reception/days', dayBody());
    expect([officer.statusCode, codeOf(officer)]).toEqual([403, 'FORBIDDEN']);
    const station = await as.station_clerk.post('/api/v1/staff/reception/days', dayBody());
    expect([station.statusCode, codeOf(station)]).toEqual([403, 'RECEPTION_OFFICE_ONLY']);
    const past = await as.xinfang.post('/api/v1/staff/reception/days', dayBody({ day: '2026-03-01' }));
    expect([past.statusCode, codeOf(past)]).toEqual([400, 'RECEPTION_DATE_PAST']);
    const notLeader = await as.xinfang.post('/api/v1/staff/reception/days', dayBody({ leaderId: (await env.ctx.db.query("SELECT id FROM staff WHERE username = 'officer'")).rows[0].id }));
    expect([notLeader.statusCode, codeOf(notLeader)]).toEqual([400, 'RECEPTION_LEADER_INVALID']);
    for (const [lang, message] of [['zh-CN', '结束时间须晚于开始时间，且至少容纳一个时段'], ['en', 'The end must be after the start, with room for at least one slot']]) {
      const res = await as.xinfang.request({ method: 'POST', url: '/api/v1/staff/reception/days', payload: dayBody({ endsAt: '09:20' }), headers: { 'accept-language': lang } });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields).toEqual([{ path: 'endsAt', message }]);
    }
    const badTime = await as.xinfang.post('/api/v1/staff/reception/days', dayBody({ startsAt: '25:00' }));
    expect(badTime.statusCode).toBe(400);
    expect(await dayCount()).toBe(before);

    const id = await publish();
    const { rows } = await env.ctx.db.query("SELECT subject FROM audit_events WHERE action = 'reception.dayPublished'");
    expect(rows).toEqual([{ subject: `reception_day:${id}` }]);
    const days = (await publicGet('/api/v1/portal/reception/days')).json();
    const day = days.find((d: { id: number }) => d.id === id);
    expect(day).toMatchObject({ day: '2026-03-04', leaderName: '民警chief', place: DAY.place });
    expect(day.slots.map((s: { startsAt: string; free: boolean }) => [s.startsAt, s.free])).toEqual([
      ['2026-03-04T01:00:00.000Z', true], ['2026-03-04T01:30:00.000Z', true], ['2026-03-04T02:00:00.000Z', true], ['2026-03-04T02:30:00.000Z', true],
    ]);
  });
});

describe('booking a slot', () => {
  let dayId: number;
  beforeAll(async () => { dayId = await publish(); });

  it('gives a code and queues a text message with it, in the same transaction', async () => {
    const res = await publicPost('/api/v1/portal/reception/bookings', booking(dayId, 0, { phone: '13912345678' }));
    expect(res.statusCode, res.body).toBe(201);
    const { code } = res.json();
    expect(code).toMatch(/^JF[2-9A-HJKMNP-Z]{8}$/);
    const { rows } = await env.ctx.db.query("SELECT to_phone_enc, body_enc, to_phone_masked FROM outbound_messages WHERE purpose = 'reception_booked'");
    expect(rows).toHaveLength(1);
    expect(env.ctx.vault.decrypt(rows[0].to_phone_enc)).toBe('13912345678');
    expect(env.ctx.vault.decrypt(rows[0].body_enc)).toContain(`预约码 ${code}`);
    expect(env.ctx.vault.decrypt(rows[0].body_enc)).toContain('3月4日 09:00');
    // Personal data is sealed at rest.
    const stored = (await env.ctx.db.query('SELECT name_enc, phone_enc FROM reception_bookings WHERE code = $1', [code])).rows[0];
    expect(stored.phone_enc.includes(Buffer.from('13912345678'))).toBe(false);
    const looked = (await publicGet(`/api/v1/portal/reception/bookings/${code.toLowerCase()}`)).json();
    expect(looked).toMatchObject({ code, status: 'booked', cancellable: true, leaderName: '民警chief' });
  });

  it('allows one booking per phone per day', async () => {
    const first = await publicPost('/api/v1/portal/reception/bookings', booking(dayId, 1, { phone: '13800000001' }));
    expect(first.statusCode).toBe(201);
    const before = await bookingCount();
    const second = await publicPost('/api/v1/portal/reception/bookings', booking(dayId, 2, { phone: '13800000001' }), { 'accept-language': 'en' });
    expect([second.statusCode, codeOf(second)]).toEqual([409, 'RECEPTION_ONE_PER_DAY']);
    expect(second.json().error.message).toBe('This phone number already has a booking that day; one booking per number per day');
    expect(await bookingCount()).toBe(before);
  });

  it('gives a slot to exactly one of five people booking it at the same instant', async () => {
    const results = await Promise.all(Array.from({ length: 5 }, () => publicPost('/api/v1/portal/reception/bookings', booking(dayId, 2))));
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409, 409]);
    expect(results.filter((r) => r.statusCode === 409).map(codeOf)).toEqual(Array(4).fill('RECEPTION_SLOT_TAKEN'));
    const { rows } = await env.ctx.db.query("SELECT count(*) AS n FROM reception_bookings WHERE day_id = $1 AND slot_no = 2 AND status <> 'cancelled'", [dayId]);
    expect(Number(rows[0].n)).toBe(1);
    expect(Number((await env.ctx.db.query("SELECT count(*) AS n FROM outbound_messages WHERE purpose = 'reception_booked'")).rows[0].n)).toBe(3);
  });

  it('refuses bad input, an unknown slot or day, and a full day, in both languages, storing nothing', async () => {
    const before = await bookingCount();
    for (const [lang, message] of [['zh-CN', '提交的内容有误，请按提示修改'], ['en', 'Some fields are not valid; see the details']]) {
      const res = await publicPost('/api/v1/portal/reception/bookings', booking(dayId, 3, { phone: '12345', subject: '短' }), { 'accept-language': lang });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toBe(message);
      expect(res.json().error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['phone', 'subject']);
    }
    const slot = await publicPost('/api/v1/portal/reception/bookings', booking(dayId, 4));
    expect([slot.statusCode, codeOf(slot)]).toEqual([400, 'RECEPTION_SLOT_INVALID']);
    const day = await publicPost('/api/v1/portal/reception/bookings', booking(999_999, 0));
    expect([day.statusCode, codeOf(day)]).toEqual([404, 'RECEPTION_DAY_NOT_FOUND']);
    expect(await bookingCount()).toBe(before);
    expect((await publicPost('/api/v1/portal/reception/bookings', booking(dayId, 3))).statusCode).toBe(201);
    const full = await publicPost('/api/v1/portal/reception/bookings', booking(dayId, 3), { 'accept-language': 'zh-CN' });
    expect([full.statusCode, codeOf(full)]).toEqual([409, 'RECEPTION_DAY_FULL']);
    expect(full.json().error.message).toBe('该接访日已约满，请选择其他接访日');
  });

  it('cancels with the code until the slot begins, which frees the slot', async () => {
    const other = await publish({ day: '2026-03-05' });
    const made = (await publicPost('/api/v1/portal/reception/bookings', booking(other, 0, { phone: '13700000001' }))).json();
    const cancel = await publicPost(`/api/v1/portal/reception/bookings/${made.code}/cancel`);
    expect(cancel.statusCode).toBe(204);
    expect((await publicGet(`/api/v1/portal/reception/bookings/${made.code}`)).json()).toMatchObject({ status: 'cancelled', cancellable: false });
    const again = await publicPost(`/api/v1/portal/reception/bookings/${made.code}/cancel`);
    expect([again.statusCode, codeOf(again)]).toEqual([409, 'RECEPTION_NOT_CANCELLABLE']);
    const unknown = await publicPost('/api/v1/portal/reception/bookings/JF22222222/cancel');
    expect([unknown.statusCode, codeOf(unknown)]).toEqual([404, 'RECEPTION_BOOKING_NOT_FOUND']);
    // The slot and the phone's day are free again.
    expect((await publicPost('/api/v1/portal/reception/bookings', booking(other, 0, { phone: '13700000001' }))).statusCode).toBe(201);
    const late = (await publicPost('/api/v1/portal/reception/bookings', booking(other, 1))).json();
    await moveTo('2026-03-05T01:31:00Z'); // 09:31 on the day: slot 1 (09:30) has begun
    const tooLate = await publicPost(`/api/v1/portal/reception/bookings/${late.code}/cancel`);
    expect([tooLate.statusCode, codeOf(tooLate)]).toEqual([409, 'RECEPTION_NOT_CANCELLABLE']);
    const past = await publicPost('/api/v1/portal/reception/bookings', booking(other, 1));
    expect([past.statusCode, codeOf(past)]).toEqual([409, 'RECEPTION_SLOT_PAST']);
    const days = (await publicGet('/api/v1/portal/reception/days')).json();
    expect(days.find((d: { id: number }) => d.id === other).slots.map((s: { free: boolean }) => s.free)).toEqual([false, false, true, true]);
    await moveTo('2026-03-02T01:00:00Z');
  });
});

describe('the meeting and its matters', () => {
  it('is recorded by the leader, and its matter is his own: first officer, handler, taken up at once', async () => {
    const dayId = await publish({ day: '2026-03-06' });
    const made = (await publicPost('/api/v1/portal/reception/bookings', booking(dayId, 0, { name: '赵大海', phone: '13611112222' }))).json();
    const cancelled = (await publicPost('/api/v1/portal/reception/bookings', booking(dayId, 1))).json();
    await publicPost(`/api/v1/portal/reception/bookings/${cancelled.code}/cancel`);
    await moveTo('2026-03-06T01:20:00Z');
    const list = (await as.xinfang.get(`/api/v1/staff/reception/days/${dayId}/bookings`)).json();
    const mine = list.find((b: { code: string }) => b.code === made.code);
    expect(mine).toMatchObject({ name: '赵*海', phone: '136****2222', status: 'booked' });
    const cancelledId = list.find((b: { code: string }) => b.code === cancelled.code).id;

    const early = await as.chief.post(`/api/v1/staff/reception/bookings/${mine.id}/matters`, { kind: 'complaint', content: '工地夜间施工扰民' });
    expect([early.statusCode, codeOf(early)]).toEqual([409, 'RECEPTION_NOT_RECORDED']);
    const officer = await as.officer.post(`/api/v1/staff/reception/bookings/${mine.id}/meeting`, { attended: true, raised: '扰民', decision: '处理' });
    expect([officer.statusCode, codeOf(officer)]).toEqual([403, 'FORBIDDEN']);
    const gone = await as.chief.post(`/api/v1/staff/reception/bookings/${cancelledId}/meeting`, { attended: false });
    expect([gone.statusCode, codeOf(gone)]).toEqual([409, 'RECEPTION_BOOKING_CANCELLED']);
    const bare = await as.chief.request({ method: 'POST', url: `/api/v1/staff/reception/bookings/${mine.id}/meeting`, payload: { attended: true },
      headers: { 'accept-language': 'en' } });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.fields).toEqual([
      { path: 'raised', message: 'Record what the visitor raised' }, { path: 'decision', message: 'Record what the leader decided' }]);

    const recorded = await as.chief.post(`/api/v1/staff/reception/bookings/${mine.id}/meeting`, {
      attended: true, attendees: '赵大海及其妻子', raised: '小区旁工地夜间施工扰民，多次反映未解决', decision: '由治安大队会同城关所三日内核查，依法处理并回复',
    });
    expect(recorded.statusCode, recorded.body).toBe(204);
    const bad = await as.chief.post(`/api/v1/staff/reception/bookings/${mine.id}/matters`, { kind: 'nonsense', content: '工地夜间施工扰民问题' });
    expect([bad.statusCode, codeOf(bad)]).toEqual([400, 'UNKNOWN_KIND']);
    const created = await as.chief.post(`/api/v1/staff/reception/bookings/${mine.id}/matters`, { kind: 'complaint', content: '小区旁工地夜间施工扰民，局长接访时交办核查' });
    expect(created.statusCode, created.body).toBe(201);
    const { id, trackingCode } = created.json();

    const matter = (await as.chief.get(`/api/v1/staff/matters/${id}`)).json();
    expect(matter).toMatchObject({
      channel: 'reception', kind: 'complaint', state: 'handling', receivedAt: '2026-03-06T01:00:00.000Z',
      firstOfficer: { id: chiefId }, handlerOfficer: { id: chiefId }, handlerUnit: { id: fx.units.bureau }, contact: { name: '赵*海', phone: '136****2222' },
    });
    expect(matter.allowedActions).toEqual(expect.arrayContaining(['reply', 'transfer']));
    expect(matter.timeline.map((e: { type: string }) => e.type)).toEqual(['matter.registered', 'matter.accepted']);
    // He answers it himself.
    const reply = await as.chief.post(`/api/v1/staff/matters/${id}/reply`, { version: matter.version, text: '已责令工地夜间停工整改。' });
    expect(reply.statusCode, reply.body).toBe(200);
    // Another leader is not its handler.
    const deputy = await as.deputy.post(`/api/v1/staff/matters/${id}/close`, { version: reply.json().version });
    expect([deputy.statusCode, codeOf(deputy)]).toEqual([403, 'NOT_YOUR_MATTER']);

    const { rows } = await env.ctx.db.query("SELECT body_enc FROM outbound_messages WHERE purpose = 'reception_matter' AND matter_id = $1", [id]);
    expect(env.ctx.vault.decrypt(rows[0].body_enc)).toContain(trackingCode);
    const after = (await as.xinfang.get(`/api/v1/staff/reception/days/${dayId}/bookings`)).json().find((b: { code: string }) => b.code === made.code);
    expect(after).toMatchObject({ status: 'attended', decision: expect.stringContaining('三日内核查'), matters: [{ id, caseNo: matter.caseNo }] });
    // A station's clerk may not see the office's day.
    const station = await as.station_clerk.get(`/api/v1/staff/reception/days/${dayId}/bookings`);
    expect([station.statusCode, codeOf(station)]).toEqual([404, 'RECEPTION_DAY_NOT_FOUND']);
  });
});
