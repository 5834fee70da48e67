/** 局长接访日: leaders' reception days, the public's bookings and the meetings' records (server/modules/reception). */
import { Type, type Static } from 'typebox';
import { DateTime, Id, LIMITS, PHONE_PATTERN } from './shared.js';

const CivilDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', title: '日期', description: '日期（YYYY-MM-DD）' });
const Time = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: '时间（HH:mm，北京时间）' });

export const ReceptionDayBody = Type.Object(
  {
    leaderId: Id,
    day: CivilDate,
    startsAt: { ...Time, title: '开始时间' },
    endsAt: { ...Time, title: '结束时间' },
    slotMinutes: Type.Integer({ minimum: 10, maximum: 120, title: '每个时段', description: '每个时段的分钟数（10–120）' }),
    place: Type.String({ minLength: 2, maxLength: 100, title: '地点', description: '接访地点' }),
    topics: Type.Optional(Type.String({ maxLength: 200, title: '接访主题', description: '接访主题（可不填）' })),
  },
  { additionalProperties: false },
);
export type ReceptionDayBody = Static<typeof ReceptionDayBody>;

const Slot = Type.Object({
  slotNo: Type.Integer(), startsAt: DateTime, endsAt: DateTime, free: Type.Boolean(),
});

/** A day as the public sees it: no personal data, only which slots are free. */
export const PublicReceptionDay = Type.Object({
  id: Type.Integer(),
  day: Type.String(),
  leaderName: Type.String(),
  leaderTitle: Type.String(),
  place: Type.String(),
  topics: Type.Union([Type.String(), Type.Null()]),
  slots: Type.Array(Slot),
});

export const BookingBody = Type.Object(
  {
    dayId: Id,
    slotNo: Type.Integer({ minimum: 0, maximum: 200, title: '时段', description: '时段' }),
    name: Type.String({ minLength: 1, maxLength: LIMITS.nameMax, title: '姓名', description: '姓名' }),
    phone: Type.String({ pattern: PHONE_PATTERN, title: '手机号', description: '手机号（接收预约短信）' }),
    subject: Type.String({ minLength: 5, maxLength: 500, title: '反映事项', description: '想反映的事项（简要）' }),
  },
  { additionalProperties: false },
);
export type BookingBody = Static<typeof BookingBody>;

export const BookingCodeParams = Type.Object(
  { code: Type.String({ minLength: 6, maxLength: 20, description: '预约码' }) },
  { additionalProperties: false },
);

export const PublicBooking = Type.Object({
  code: Type.String(),
  status: Type.Enum(['booked', 'cancelled', 'attended', 'absent']),
  day: Type.String(),
  slotStartsAt: DateTime,
  leaderName: Type.String(),
  place: Type.String(),
  cancellable: Type.Boolean(),
});

export const StaffReceptionDay = Type.Object({
  id: Type.Integer(),
  day: Type.String(),
  startsAt: Type.String(),
  endsAt: Type.String(),
  slotMinutes: Type.Integer(),
  place: Type.String(),
  topics: Type.Union([Type.String(), Type.Null()]),
  status: Type.String(),
  leader: Type.Object({ id: Type.Integer(), name: Type.String() }),
  slots: Type.Integer(),
  booked: Type.Integer(),
});

export const StaffBooking = Type.Object({
  id: Type.Integer(),
  slotNo: Type.Integer(),
  slotStartsAt: DateTime,
  code: Type.String(),
  name: Type.String({ description: '姓名（脱敏）' }),
  phone: Type.String({ description: '手机号（脱敏）' }),
  subject: Type.String(),
  status: Type.String(),
  bookedAt: DateTime,
  attendees: Type.Union([Type.String(), Type.Null()]),
  raised: Type.Union([Type.String(), Type.Null()]),
  decision: Type.Union([Type.String(), Type.Null()]),
  recordedAt: Type.Union([DateTime, Type.Null()]),
  matters: Type.Array(Type.Object({ id: Type.Integer(), caseNo: Type.String() })),
});

export const MeetingBody = Type.Object(
  {
    attended: Type.Boolean({ title: '是否到场', description: '来访人是否到场' }),
    attendees: Type.Optional(Type.String({ maxLength: 200, title: '来访人员', description: '到场人员' })),
    raised: Type.Optional(Type.String({ minLength: 2, maxLength: 5000, title: '反映问题', description: '来访人反映的问题' })),
    decision: Type.Optional(Type.String({ minLength: 2, maxLength: 5000, title: '领导意见', description: '接访领导的处理意见' })),
  },
  { additionalProperties: false },
);
export type MeetingBody = Static<typeof MeetingBody>;

export const MeetingMatterBody = Type.Object(
  {
    kind: Type.String({ pattern: '^[a-z_]{2,32}$', title: '事项类型', description: '事项类型代码' }),
    content: Type.String({ minLength: LIMITS.contentMin, maxLength: LIMITS.contentMax, title: '事项内容', description: '事项内容' }),
  },
  { additionalProperties: false },
);
export type MeetingMatterBody = Static<typeof MeetingMatterBody>;

export const Leaders = Type.Array(Type.Object({ id: Type.Integer(), name: Type.String() }));
