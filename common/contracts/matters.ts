import { Type, type Static } from 'typebox';
import { MATTER_STATES, PAUSE_REASONS, PUBLIC_STATUSES } from '../workflow.js';
import { Contact, DateTime, Id, LIMITS, Location, PageQuery, Reason, TrackingCode } from './shared.js';
import { PublicAttachment, StaffAttachment } from './attachments.js';
import { PortalRatingView, StaffRatingView } from './ratings.js';
import { MatterSupervisionOrder } from './supervision.js';

export const PUBLIC_KINDS = ['consult', 'help', 'complaint', 'report', 'suggestion'] as const;
export const STAFF_CHANNELS = ['window', 'phone', 'letter', 'visit'] as const;
/** Channels with their own procedures (issue 4): each is owned by its module, which creates its matters. */
export const PROCEDURE_CHANNELS = ['mailbox', 'message_board', 'reception', 'proposal', 'conduct_supervisor'] as const;
export const CHANNELS = ['portal', ...STAFF_CHANNELS, ...PROCEDURE_CHANNELS] as const;

const Content = Type.String({ minLength: LIMITS.contentMin, maxLength: LIMITS.contentMax, description: '诉求内容' });
const JurisdictionCode = Type.String({ pattern: '^[0-9]{2}$', title: '辖区代码', description: '辖区代码（可选，不填由指挥中心分派）' });
/** Complaints and reports: the officer as the citizen names them, checked by the supervision office. */
const NamedOfficer = Type.String({ minLength: 1, maxLength: 100, title: '被投诉（举报）民警', description: '被投诉（举报）民警的姓名或警号（可不填）' });
const AboutOfficer = Type.Boolean({ title: '投诉（举报）民警', description: '投诉或举报的是民警的作风、纪律：由督察大队受理，不交被投诉民警及其单位' });
const Anonymous = Type.Boolean({ title: '匿名举报', description: '匿名举报：不留联系方式，只能凭查询码查询进度，不会回访' });

export const PortalSubmissionBody = Type.Object(
  {
    kind: Type.Enum([...PUBLIC_KINDS], { description: '事项类型' }),
    content: Content,
    location: Type.Optional(Location),
    jurisdictionCode: Type.Optional(JurisdictionCode),
    // Required except for an anonymous report (the service checks the combination and names the field).
    contact: Type.Optional(Contact),
    confirmDuplicate: Type.Optional(Type.Boolean({ description: '已知 24 小时内提交过相同内容，仍要再次提交' })),
    aboutOfficer: Type.Optional(AboutOfficer),
    namedOfficer: Type.Optional(NamedOfficer),
    anonymous: Type.Optional(Anonymous),
  },
  { additionalProperties: false },
);
export type PortalSubmissionBody = Static<typeof PortalSubmissionBody>;

export const PortalSubmissionResult = Type.Object({
  trackingCode: Type.String({ description: '查询码，凭此查询办理进度' }),
  caseNo: Type.String(),
  receivedAt: DateTime,
});

export const TrackingCodeParams = Type.Object(
  { trackingCode: TrackingCode },
  { additionalProperties: false },
);

const PublicEvent = Type.Object({
  at: DateTime,
  type: Type.String(),
  text: Type.String(),
});

export const PortalMatterView = Type.Object({
  trackingCode: Type.String(),
  caseNo: Type.String(),
  kind: Type.String(),
  kindName: Type.String(),
  status: Type.Enum([...PUBLIC_STATUSES]),
  statusLabel: Type.String(),
  receivedAt: DateTime,
  content: Type.String(),
  handlingUnit: Type.String(),
  dueAt: Type.Union([DateTime, Type.Null()]),
  request: Type.Union([Type.String(), Type.Null()], { description: '需要群众补充的内容' }),
  reply: Type.Union([Type.Object({ at: DateTime, text: Type.String() }), Type.Null()]),
  canReopenUntil: Type.Union([DateTime, Type.Null()]),
  rating: Type.Union([PortalRatingView, Type.Null()], { description: '本次办理的满意度评价（未评价为 null）' }),
  mayRate: Type.Boolean({ description: '现在可以评价：已办结且本次办理尚未评价' }),
  timeline: Type.Array(PublicEvent),
  attachments: Type.Array(PublicAttachment, { description: '群众提交的附件' }),
});

export const SupplementBody = Type.Object(
  { text: Type.String({ minLength: 2, maxLength: LIMITS.contentMax, description: '补充内容' }) },
  { additionalProperties: false },
);
export const ReopenBody = Type.Object({ reason: Reason }, { additionalProperties: false });

export const RegisterMatterBody = Type.Object(
  {
    kind: Type.String({ pattern: '^[a-z_]{2,32}$', description: '事项类型代码' }),
    channel: Type.Enum([...STAFF_CHANNELS], { description: '受理渠道' }),
    receivedAt: Type.String({ format: 'date-time', title: '接收时间', description: '实际接收时间（不得晚于当前时间）' }),
    content: Content,
    location: Type.Optional(Location),
    jurisdictionCode: Type.Optional(JurisdictionCode),
    contact: Type.Optional(Contact),
    aboutOfficer: Type.Optional(AboutOfficer),
    namedOfficer: Type.Optional(NamedOfficer),
    anonymous: Type.Optional(Anonymous),
  },
  { additionalProperties: false },
);
export type RegisterMatterBody = Static<typeof RegisterMatterBody>;

export const MatterIdParams = Type.Object({ id: Id }, { additionalProperties: false });

const Version = Type.Integer({ minimum: 1, title: '版本号', description: '读取时的版本号，用于防止覆盖他人修改' });

export const TransferBody = Type.Object(
  { version: Version, toUnitId: Id, toOfficerId: Type.Optional(Id), reason: Reason },
  { additionalProperties: false },
);
export const VersionBody = Type.Object({ version: Version }, { additionalProperties: false });
export const VersionReasonBody = Type.Object({ version: Version, reason: Reason }, { additionalProperties: false });
export const RequestInfoBody = Type.Object(
  { version: Version, request: Type.String({ minLength: 2, maxLength: LIMITS.reasonMax, description: '需要群众补充的内容' }) },
  { additionalProperties: false },
);
export const PauseBody = Type.Object(
  { version: Version, pauseReason: Type.Enum([...PAUSE_REASONS]), reason: Reason },
  { additionalProperties: false },
);
export const ReplyBody = Type.Object(
  {
    version: Version,
    text: Type.String({ minLength: 2, maxLength: LIMITS.replyMax, description: '答复内容' }),
    close: Type.Optional(Type.Boolean({ description: '答复后立即办结' })),
  },
  { additionalProperties: false },
);
export const NoteBody = Type.Object(
  { text: Type.String({ minLength: 1, maxLength: LIMITS.replyMax, description: '内部备注（群众不可见）' }) },
  { additionalProperties: false },
);
export const SuperviseBody = Type.Object(
  {
    toUnitId: Type.Optional(Id),
    instructions: Type.String({ minLength: 2, maxLength: LIMITS.reasonMax, description: '督办要求' }),
    dueAt: Type.String({ format: 'date-time', description: '督办期限' }),
  },
  { additionalProperties: false },
);
export const AnswerSupervisionBody = Type.Object(
  { answer: Type.String({ minLength: 2, maxLength: LIMITS.replyMax, description: '督办反馈' }) },
  { additionalProperties: false },
);
export const RevealBody = Type.Object(
  {
    reason: Type.String({ minLength: 2, maxLength: LIMITS.reasonMax, description: '查看理由' }),
  },
  { additionalProperties: false },
);

export const MATTER_SORTS = ['-receivedAt', 'receivedAt', 'dueAt', '-dueAt'] as const;
/** An export of more matters than this is refused (slow to build and to open); the user narrows the filters. */
export const EXPORT_MAX_ROWS = 10_000;

/** The matter list's filters, shared by the paged list and its .xlsx export. */
const MatterFilters = {
  state: Type.Optional(Type.Enum([...MATTER_STATES], { description: '状态' })),
  kind: Type.Optional(Type.String({ pattern: '^[a-z_]{2,32}$', description: '事项类型代码' })),
  channel: Type.Optional(Type.Enum([...CHANNELS], { description: '受理渠道' })),
  view: Type.Optional(Type.Enum(['all', 'mine', 'toAccept', 'dueSoon', 'overdue'], { description: '工作台视图' })),
  handlerUnitId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647, description: '承办单位' })),
  handlerOfficerId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647, description: '承办人' })),
  receivedFrom: Type.Optional(Type.String({ format: 'date-time', title: '接收时间起', description: '接收时间不早于此时刻（含）' })),
  receivedTo: Type.Optional(Type.String({ format: 'date-time', title: '接收时间止', description: '接收时间不晚于此时刻（含）' })),
  overdue: Type.Optional(Type.Boolean({ description: '是否超期' })),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 50, title: '搜索', description: '搜索内容、编号、地址（繁简体、全半角均可）' })),
  sort: Type.Optional(Type.Enum([...MATTER_SORTS], { title: '排序', description: '排序：receivedAt 接收时间、dueAt 截止时间；前加 - 为倒序（默认 -receivedAt）' })),
};

export const MatterListQuery = Type.Object({ ...PageQuery, ...MatterFilters }, { additionalProperties: false });
export type MatterListQuery = Static<typeof MatterListQuery>;
export const MatterExportQuery = Type.Object(MatterFilters, { additionalProperties: false });
export type MatterExportQuery = Static<typeof MatterExportQuery>;

const Deadline = Type.Object({
  stage: Type.String(),
  cycle: Type.Integer(),
  dueAt: DateTime,
  status: Type.String(),
  metAt: Type.Union([DateTime, Type.Null()]),
  paused: Type.Boolean(),
  overdue: Type.Boolean(),
  extended: Type.Boolean(),
  provisional: Type.Boolean({ description: '截止日所在年度尚未加载节假日安排，仅按周末推算' }),
});

const StaffRef = Type.Union([Type.Object({ id: Type.Integer(), name: Type.String() }), Type.Null()]);
const UnitRef = Type.Object({ id: Type.Integer(), name: Type.String() });

export const StaffMatterSummary = Type.Object({
  id: Type.Integer(),
  caseNo: Type.String(),
  kind: Type.String(),
  channel: Type.String(),
  state: Type.Enum([...MATTER_STATES]),
  summary: Type.String(),
  receivedAt: DateTime,
  jurisdiction: Type.String(),
  handlerUnit: UnitRef,
  handlerOfficer: StaffRef,
  nextDueAt: Type.Union([DateTime, Type.Null()]),
  overdue: Type.Boolean(),
  version: Type.Integer(),
});

export const StaffMatterView = Type.Object({
  ...StaffMatterSummary.properties,
  trackingCode: Type.String({ description: '查询码（脱敏：群众凭此评价，承办人不应持有；须说明理由查看完整查询码）' }),
  content: Type.String(),
  pauseReason: Type.Union([Type.String(), Type.Null()]),
  location: Type.Object({
    address: Type.Union([Type.String(), Type.Null()]),
    lng: Type.Union([Type.Number(), Type.Null()]),
    lat: Type.Union([Type.Number(), Type.Null()]),
  }),
  contact: Type.Object({
    name: Type.Union([Type.String(), Type.Null()]),
    phone: Type.Union([Type.String(), Type.Null()]),
    idNumber: Type.Union([Type.String(), Type.Null()]),
    address: Type.Union([Type.String(), Type.Null()]),
  }, { description: '默认脱敏显示' }),
  firstUnit: UnitRef,
  firstOfficer: StaffRef,
  pendingTransfer: Type.Union([
    Type.Object({ id: Type.Integer(), toUnit: UnitRef, toOfficer: StaffRef, reason: Type.String(), sentAt: DateTime }),
    Type.Null(),
  ]),
  deadlines: Type.Array(Deadline),
  allowedActions: Type.Array(Type.String()),
  attachments: Type.Array(StaffAttachment),
  ratings: Type.Array(StaffRatingView, { description: '满意度评价，每个办理周期至多一条' }),
  supervisionOrders: Type.Array(MatterSupervisionOrder, { description: '督办单（含反馈）' }),
  timeline: Type.Array(Type.Object({
    seq: Type.Integer(),
    at: DateTime,
    type: Type.String(),
    visibility: Type.String(),
    actor: Type.Union([Type.String(), Type.Null()]),
    reason: Type.Union([Type.String(), Type.Null()]),
    payload: Type.Record(Type.String(), Type.Unknown()),
  })),
});
