import { randomInt } from 'node:crypto';
import { mayGeneral } from '../../../common/access.js';
import { maskName, maskPhone } from '../../../common/masking.js';
import type { BookingBody, MeetingBody, MeetingMatterBody, ReceptionDayBody } from '../../../common/contracts/reception.js';
import type { AppContext } from '../../app-context.js';
import type { Actor } from '../../platform/auth/sessions.js';
import { recordAudit } from '../../platform/audit.js';
import { addDays, isCivilDate, shanghaiDate, shanghaiMinute, startOfShanghaiDay } from '../../platform/calendar/civil-date.js';
import type { Queryable } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { queueSms } from '../../platform/notify/index.js';
import { formatTrackingCode, matterService } from '../matters/index.js';

/**
 * 局长接访日 (信访工作条例 第十八条: leaders receive visitors regularly and take hard cases in hand, 包案).
 * The petition office publishes a leader's day, cut into slots; the public books one slot (one per phone
 * a day) and gets a code and a text message; on the day the leader or the office records the meeting and
 * registers what came of it as matters the leader owns himself.
 */

type DayRow = {
  jurisdiction_id: number; id: number; leader_id: number; leader_name: string; leader_unit_id: number; day: string;
  starts_at: string; ends_at: string; slot_minutes: number; place: string; topics: string | null; status: string;
};

const DAY_SELECT = `
  SELECT d.jurisdiction_id, d.id, d.leader_id, s.display_name AS leader_name, s.unit_id AS leader_unit_id,
         to_char(d.day, 'YYYY-MM-DD') AS day, to_char(d.starts_at, 'HH24:MI') AS starts_at, to_char(d.ends_at, 'HH24:MI') AS ends_at,
         d.slot_minutes, d.place, d.topics, d.status
    FROM reception_days d JOIN staff s ON s.id = d.leader_id`;

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The day's slots: [start, end) instants in China time, each slot_minutes long, as many as fit before the end. */
export function slotsOf(day: { day: string; starts_at: string; ends_at: string; slot_minutes: number }) {
  const midnight = startOfShanghaiDay(day.day).getTime();
  const from = minutesOf(day.starts_at);
  const count = Math.floor((minutesOf(day.ends_at) - from) / day.slot_minutes);
  return Array.from({ length: Math.max(count, 0) }, (_, slotNo) => {
    const start = midnight + (from + slotNo * day.slot_minutes) * 60_000;
    return { slotNo, startsAt: new Date(start), endsAt: new Date(start + day.slot_minutes * 60_000) };
  });
}

/** The petition office, or a leader (their own days), keeps the schedule and the meetings' records. */
async function assertOffice(ctx: AppContext, actor: Actor) {
  if (!mayGeneral(actor.roles, 'reception.manage')) throw new AppError('FORBIDDEN');
  const unit = await ctx.org.unit(actor.unitId);
  if (unit?.kind !== 'petition_office' && !actor.roles.includes('leader')) throw new AppError('RECEPTION_OFFICE_ONLY');
}

export async function publishDay(ctx: AppContext, actor: Actor, body: ReceptionDayBody, ip: string) {
  await assertOffice(ctx, actor);
  if (!isCivilDate(body.day)) {
    throw new AppError('VALIDATION_FAILED', {}, [{ path: 'day', zh: '日期不存在', en: 'No such date' }]);
  }
  if (body.day < shanghaiDate(ctx.clock())) throw new AppError('RECEPTION_DATE_PAST');
  if (slotsOf({ day: body.day, starts_at: body.startsAt, ends_at: body.endsAt, slot_minutes: body.slotMinutes }).length === 0) {
    throw new AppError('VALIDATION_FAILED', {}, [
      { path: 'endsAt', zh: '结束时间须晚于开始时间，且至少容纳一个时段', en: 'The end must be after the start, with room for at least one slot' },
    ]);
  }
  const { rows } = await ctx.db.query<{ jurisdiction_id: number }>(
    `SELECT u.jurisdiction_id FROM staff s JOIN units u ON u.id = s.unit_id
      WHERE s.id = $1 AND s.status = 'active' AND 'leader' = ANY (s.roles)`, [body.leaderId]);
  if (rows.length === 0) throw new AppError('RECEPTION_LEADER_INVALID');
  return ctx.db.transaction(async (tx) => {
    const inserted = await tx.query<{ id: number }>(
      `INSERT INTO reception_days (jurisdiction_id, leader_id, day, starts_at, ends_at, slot_minutes, place, topics, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [rows[0].jurisdiction_id, body.leaderId, body.day, body.startsAt, body.endsAt, body.slotMinutes, body.place.trim(),
       body.topics?.trim() || null, actor.staffId, ctx.clock()]);
    await recordAudit(tx, { actorStaffId: actor.staffId, action: 'reception.dayPublished', outcome: 'success', ip,
      subject: `reception_day:${inserted.rows[0].id}`, detail: { ...body } });
    return { id: Number(inserted.rows[0].id) };
  });
}

async function takenSlots(db: Queryable, dayIds: number[]) {
  const { rows } = await db.query<{ day_id: string; slot_no: number }>(
    `SELECT day_id, slot_no FROM reception_bookings WHERE day_id = ANY ($1) AND status <> 'cancelled'`, [dayIds]);
  const taken = new Map<number, Set<number>>();
  for (const r of rows) {
    const set = taken.get(Number(r.day_id)) ?? new Set<number>();
    set.add(r.slot_no);
    taken.set(Number(r.day_id), set);
  }
  return taken;
}

/** What the public sees: the published days from today, each slot free or not (taken or already begun). */
export async function publicDays(ctx: AppContext) {
  const now = ctx.clock();
  const { rows } = await ctx.db.query<DayRow>(
    `${DAY_SELECT} WHERE d.status = 'published' AND d.day >= $1 ORDER BY d.day, d.starts_at LIMIT 60`, [shanghaiDate(now)]);
  const taken = await takenSlots(ctx.db, rows.map((r) => Number(r.id)));
  return Promise.all(rows.map(async (d) => ({
    id: Number(d.id), day: d.day, leaderName: d.leader_name, leaderTitle: (await ctx.org.unit(d.leader_unit_id))?.name ?? '',
    place: d.place, topics: d.topics,
    slots: slotsOf(d).map((s) => ({
      slotNo: s.slotNo, startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString(),
      free: s.startsAt > now && !taken.get(Number(d.id))?.has(s.slotNo),
    })),
  })));
}

// No 0/O, 1/I/L: read aloud or copied from a text message without mistakes.
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const newCode = () => `JF${Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('')}`;
const normalizeCode = (code: string) => code.toUpperCase().replace(/[\s-]/g, '');

/** '11月30日 09:30': the slot as the text message gives it. */
const fmtSlot = (at: Date) => {
  const [date, time] = shanghaiMinute(at).split(' ');
  const [, month, day] = date.split('-').map(Number);
  return `${month}月${day}日 ${time}`;
};

/**
 * A booking by a member of the public. Two people taking the same slot, or one phone a second slot that day, at
 * the same moment: the partial unique indexes let exactly one insert win, and the other gets a clear refusal.
 */
export async function book(ctx: AppContext, body: BookingBody) {
  const now = ctx.clock();
  const { rows } = await ctx.db.query<DayRow>(`${DAY_SELECT} WHERE d.id = $1 AND d.status = 'published'`, [body.dayId]);
  const day = rows[0];
  if (!day) throw new AppError('RECEPTION_DAY_NOT_FOUND');
  const slots = slotsOf(day);
  const slot = slots[body.slotNo];
  if (!slot) throw new AppError('RECEPTION_SLOT_INVALID');
  if (slot.startsAt <= now) throw new AppError('RECEPTION_SLOT_PAST');
  const taken = (await takenSlots(ctx.db, [Number(day.id)])).get(Number(day.id)) ?? new Set();
  if (taken.size >= slots.length) throw new AppError('RECEPTION_DAY_FULL');
  const phone = body.phone;
  const code = newCode();
  try {
    await ctx.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO reception_bookings (jurisdiction_id, day_id, day, slot_no, slot_starts_at, code, name_enc, phone_enc, phone_index, subject, booked_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [day.jurisdiction_id, day.id, day.day, body.slotNo, slot.startsAt, code, ctx.vault.encrypt(body.name.trim()), ctx.vault.encrypt(phone),
         ctx.vault.blindIndex(phone), body.subject.trim(), now]);
      // Sent if and only if the booking commits (the outbox).
      await queueSms(tx, ctx.vault, {
        purpose: 'reception_booked', to: { phone }, at: now,
        text: `您已预约${fmtSlot(slot.startsAt)}${day.leader_name}接访，地点：${day.place}。预约码 ${code}，请凭短信按时到场；`
          + `如需取消请访问 ${ctx.publicBaseUrl}/reception 。`,
      });
    });
  } catch (error) {
    const constraint = (error as { constraint?: string }).constraint;
    if (constraint === 'reception_bookings_slot') throw new AppError('RECEPTION_SLOT_TAKEN');
    if (constraint === 'reception_bookings_phone_day') throw new AppError('RECEPTION_ONE_PER_DAY');
    throw error;
  }
  return { code, day: day.day, slotStartsAt: slot.startsAt.toISOString(), leaderName: day.leader_name, place: day.place };
}

type BookingRow = {
  jurisdiction_id: number; id: number; day_id: number; slot_no: number; slot_starts_at: Date; code: string; name_enc: Buffer;
  phone_enc: Buffer; subject: string; status: 'booked' | 'cancelled' | 'attended' | 'absent'; booked_at: Date;
  attendees: string | null; raised: string | null; decision: string | null; recorded_at: Date | null;
  day: string; leader_id: number; leader_name: string; leader_unit_id: number; place: string;
};

const BOOKING_SELECT = `
  SELECT b.jurisdiction_id, b.id, b.day_id, b.slot_no, b.slot_starts_at, b.code, b.name_enc, b.phone_enc, b.subject, b.status, b.booked_at,
         b.attendees, b.raised, b.decision, b.recorded_at, to_char(b.day, 'YYYY-MM-DD') AS day,
         d.leader_id, s.display_name AS leader_name, s.unit_id AS leader_unit_id, d.place
    FROM reception_bookings b
    JOIN reception_days d ON d.jurisdiction_id = b.jurisdiction_id AND d.id = b.day_id
    JOIN staff s ON s.id = d.leader_id`;

async function bookingByCode(db: Queryable, code: string, forUpdate = false) {
  const { rows } = await db.query<BookingRow>(`${BOOKING_SELECT} WHERE b.code = $1 ${forUpdate ? 'FOR UPDATE OF b' : ''}`, [normalizeCode(code)]);
  if (!rows[0]) throw new AppError('RECEPTION_BOOKING_NOT_FOUND');
  return rows[0];
}

const cancellable = (b: BookingRow, now: Date) => b.status === 'booked' && b.slot_starts_at > now;

export async function publicBooking(ctx: AppContext, code: string) {
  const b = await bookingByCode(ctx.db, code);
  return {
    code: b.code, status: b.status, day: b.day, slotStartsAt: b.slot_starts_at.toISOString(), leaderName: b.leader_name, place: b.place,
    cancellable: cancellable(b, ctx.clock()),
  };
}

/** Cancelled with the code alone (it came by text message to the phone that booked), until the slot begins. */
export async function cancelBooking(ctx: AppContext, code: string) {
  await ctx.db.transaction(async (tx) => {
    const b = await bookingByCode(tx, code, true);
    const now = ctx.clock();
    if (!cancellable(b, now)) throw new AppError('RECEPTION_NOT_CANCELLABLE');
    await tx.query(`UPDATE reception_bookings SET status = 'cancelled', cancelled_at = $3 WHERE jurisdiction_id = $1 AND id = $2`,
      [b.jurisdiction_id, b.id, now]);
  });
}

// ---- the console ----

function visibleDayCondition(actor: Actor) {
  return actor.unitScope === 'county' ? 'true' : `d.jurisdiction_id = ${Number(actor.unitJurisdictionId)}`;
}

export async function staffDays(ctx: AppContext, actor: Actor) {
  const from = addDays(shanghaiDate(ctx.clock()), -60);
  const { rows } = await ctx.db.query<DayRow & { booked: string }>(
    `${DAY_SELECT.replace('FROM reception_days d', `, (SELECT count(*) FROM reception_bookings b WHERE b.jurisdiction_id = d.jurisdiction_id
          AND b.day_id = d.id AND b.status <> 'cancelled') AS booked FROM reception_days d`)}
      WHERE d.day >= $1 AND ${visibleDayCondition(actor)} ORDER BY d.day DESC, d.starts_at LIMIT 100`, [from]);
  return rows.map((d) => ({
    id: Number(d.id), day: d.day, startsAt: d.starts_at, endsAt: d.ends_at, slotMinutes: d.slot_minutes, place: d.place, topics: d.topics,
    status: d.status, leader: { id: d.leader_id, name: d.leader_name }, slots: slotsOf(d).length, booked: Number(d.booked),
  }));
}

export async function leaders(ctx: AppContext) {
  const { rows } = await ctx.db.query<{ id: number; name: string }>(
    `SELECT id, display_name AS name FROM staff WHERE status = 'active' AND 'leader' = ANY (roles) ORDER BY id`);
  return rows;
}

export async function dayBookings(ctx: AppContext, actor: Actor, dayId: number) {
  const { rows: days } = await ctx.db.query(`SELECT 1 FROM reception_days d WHERE d.id = $1 AND ${visibleDayCondition(actor)}`, [dayId]);
  if (days.length === 0) throw new AppError('RECEPTION_DAY_NOT_FOUND');
  const { rows } = await ctx.db.query<BookingRow>(`${BOOKING_SELECT} WHERE b.day_id = $1 ORDER BY b.slot_no, b.booked_at`, [dayId]);
  const { rows: links } = await ctx.db.query<{ booking_id: string; id: string; case_no: string }>(
    `SELECT rm.booking_id, m.id, m.case_no FROM reception_matters rm
       JOIN matters m ON m.jurisdiction_id = rm.jurisdiction_id AND m.id = rm.matter_id
      WHERE rm.booking_id = ANY ($1) ORDER BY m.id`, [rows.map((r) => r.id)]);
  return rows.map((b) => ({
    id: Number(b.id), slotNo: b.slot_no, slotStartsAt: b.slot_starts_at.toISOString(), code: b.code,
    name: maskName(ctx.vault.decrypt(b.name_enc)), phone: maskPhone(ctx.vault.decrypt(b.phone_enc)), subject: b.subject, status: b.status,
    bookedAt: b.booked_at.toISOString(), attendees: b.attendees, raised: b.raised, decision: b.decision,
    recordedAt: b.recorded_at?.toISOString() ?? null,
    matters: links.filter((l) => Number(l.booking_id) === Number(b.id)).map((l) => ({ id: Number(l.id), caseNo: l.case_no })),
  }));
}

/** The day's own leader, or the petition office, may record its meetings and register what came of them. */
async function bookingForRecord(ctx: AppContext, tx: Queryable, actor: Actor, bookingId: number) {
  const { rows } = await tx.query<BookingRow>(`${BOOKING_SELECT} WHERE b.id = $1 FOR UPDATE OF b`, [bookingId]);
  const b = rows[0];
  if (!b || (actor.unitScope !== 'county' && b.jurisdiction_id !== actor.unitJurisdictionId)) throw new AppError('RECEPTION_BOOKING_NOT_FOUND');
  if (actor.staffId !== b.leader_id) await assertOffice(ctx, actor);
  if (b.status === 'cancelled') throw new AppError('RECEPTION_BOOKING_CANCELLED');
  return b;
}

export async function recordMeeting(ctx: AppContext, actor: Actor, bookingId: number, body: MeetingBody) {
  if (body.attended) {
    const fields = [];
    if (!body.raised?.trim()) fields.push({ path: 'raised', zh: '请记录来访人反映的问题', en: 'Record what the visitor raised' });
    if (!body.decision?.trim()) fields.push({ path: 'decision', zh: '请记录接访领导的处理意见', en: 'Record what the leader decided' });
    if (fields.length) throw new AppError('VALIDATION_FAILED', {}, fields);
  }
  await ctx.db.transaction(async (tx) => {
    const b = await bookingForRecord(ctx, tx, actor, bookingId);
    await tx.query(
      `UPDATE reception_bookings SET status = $3, attendees = $4, raised = $5, decision = $6, recorded_at = $7, recorded_by = $8
        WHERE jurisdiction_id = $1 AND id = $2`,
      [b.jurisdiction_id, b.id, body.attended ? 'attended' : 'absent', body.attendees?.trim() || null,
       body.attended ? body.raised!.trim() : null, body.attended ? body.decision!.trim() : null, ctx.clock(), actor.staffId]);
  });
}

/**
 * A matter from the meeting, owned by the leader himself (包案): he is its first officer and its handler and takes
 * it up at once; the visitor's name and phone become the matter's contact, and a text message gives them its code.
 */
export async function matterFromMeeting(ctx: AppContext, actor: Actor, bookingId: number, body: MeetingMatterBody) {
  return ctx.db.transaction(async (tx) => {
    const b = await bookingForRecord(ctx, tx, actor, bookingId);
    if (b.status !== 'attended') throw new AppError('RECEPTION_NOT_RECORDED');
    const now = ctx.clock();
    const phone = ctx.vault.decrypt(b.phone_enc);
    const created = await matterService.createChannelMatter(ctx, tx, {
      actor, jurisdictionId: b.jurisdiction_id, kind: body.kind, channel: 'reception', content: body.content,
      contact: { name: ctx.vault.decrypt(b.name_enc), phone },
      receivedAt: b.slot_starts_at < now ? b.slot_starts_at : now,
      owner: { unitId: b.leader_unit_id, staffId: b.leader_id }, takeOn: true,
      payload: { bookingId: Number(b.id), leaderId: b.leader_id, leaderName: b.leader_name },
    });
    await tx.query('INSERT INTO reception_matters (jurisdiction_id, booking_id, matter_id) VALUES ($1, $2, $3)',
      [b.jurisdiction_id, b.id, created.id]);
    await queueSms(tx, ctx.vault, {
      purpose: 'reception_matter', to: { phone }, at: now, matter: { jurisdictionId: b.jurisdiction_id, id: created.id },
      text: `您在局长接访日反映的问题已登记，由${b.leader_name}负责办理。查询码 ${formatTrackingCode(created.trackingCode)}，可在 ${ctx.publicBaseUrl}/track 查询进度。`,
    });
    return { ...created, trackingCode: formatTrackingCode(created.trackingCode) };
  });
}
