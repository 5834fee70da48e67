import { Type, type Static } from 'typebox';
import { PUBLIC_STATUSES } from '../workflow.js';
import { DateTime, Id, LIMITS, Location, PageQuery, Reason } from './shared.js';
import { RegisterMatterBody } from './matters.js';

/**
 * Complaints about officers (投诉), reports (举报) and conduct supervisors' observations (警风警纪监督意见):
 * server/modules/conduct, decision 0015.
 */

export const CONDUCT_KINDS = ['complaint', 'report', 'observation'] as const;
export const FINDINGS = ['sustained', 'not_sustained'] as const;
export type Finding = (typeof FINDINGS)[number];

const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);
const Version = Type.Integer({ minimum: 1, title: '版本号', description: '读取时的版本号，用于防止覆盖他人修改' });

/** An officer a complaint concerns, with their unit when linked and the finding once the office has made it. */
export const ConcernedOfficer = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  badgeNo: Nullable(Type.String()),
  unit: Type.String({ description: '关联时所在单位' }),
  linkedAt: DateTime,
  finding: Type.Union([Type.Enum([...FINDINGS]), Type.Null()], { description: '认定结果：sustained 属实，not_sustained 不属实；未认定为 null' }),
});

/** The conduct card on the matter page (GET /api/v1/staff/conduct/matters/:id). */
export const ConductCardView = Type.Object({
  applies: Type.Boolean({ description: '是否投诉、举报或监督意见' }),
  kind: Type.String(),
  state: Type.String(),
  version: Type.Integer(),
  namedOfficer: Nullable(Type.String({ description: '群众填写的被投诉（举报）民警' })),
  anonymous: Type.Boolean({ description: '匿名举报' }),
  sealed: Type.Boolean({ description: '举报人信息已密封' }),
  officers: Type.Array(ConcernedOfficer),
  mayLink: Type.Boolean({ description: '可以关联、取消关联涉及民警' }),
  mayRecordFinding: Type.Boolean({ description: '现在可以认定是否属实' }),
  mayUnseal: Type.Boolean({ description: '可以说明理由后解封举报人信息' }),
});

export const ConductListQuery = Type.Object({
  ...PageQuery,
  kind: Type.Optional(Type.Enum([...CONDUCT_KINDS], { description: '类型：投诉、举报、监督意见' })),
  open: Type.Optional(Type.Boolean({ description: '只看未办结的' })),
}, { additionalProperties: false });
export type ConductListQuery = Static<typeof ConductListQuery>;

export const ConductMatterSummary = Type.Object({
  id: Type.Integer(),
  caseNo: Type.String(),
  kind: Type.String(),
  channel: Type.String(),
  state: Type.String(),
  summary: Type.String(),
  receivedAt: DateTime,
  handlerUnit: Type.String(),
  namedOfficer: Nullable(Type.String()),
  anonymous: Type.Boolean(),
  officers: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), unit: Type.String(), finding: Type.Union([Type.Enum([...FINDINGS]), Type.Null()]) })),
  version: Type.Integer(),
});

export const LinkOfficerBody = Type.Object({ version: Version, officerId: Id }, { additionalProperties: false });
export const UnlinkOfficerBody = Type.Object({ version: Version, reason: Reason }, { additionalProperties: false });
export const FindingBody = Type.Object(
  { version: Version, finding: Type.Enum([...FINDINGS], { title: '认定结果', description: '认定结果：sustained 属实，not_sustained 不属实' }) },
  { additionalProperties: false },
);
export const OfficerParams = Type.Object({ id: Id, officerId: Id }, { additionalProperties: false });

export const UnsealBody = Type.Object(
  { reason: Type.String({ minLength: 2, maxLength: LIMITS.reasonMax, title: '解封理由', description: '查看举报人信息的理由' }) },
  { additionalProperties: false },
);
export const ReporterView = Type.Object({
  name: Nullable(Type.String()), phone: Nullable(Type.String()), idNumber: Nullable(Type.String()), address: Nullable(Type.String()),
});

/** Staff register a complaint or report and link the officers it concerns at once. */
export const RegisterComplaintBody = Type.Object({
  ...RegisterMatterBody.properties,
  kind: Type.Enum(['complaint', 'report'], { description: '事项类型：投诉或举报' }),
  officerIds: Type.Array(Id, { minItems: 1, maxItems: 10, uniqueItems: true, title: '涉及民警', description: '被投诉（举报）民警' }),
}, { additionalProperties: false });
export type RegisterComplaintBody = Static<typeof RegisterComplaintBody>;

export const OfficerSearchQuery = Type.Object(
  { q: Type.String({ minLength: 1, maxLength: 30, title: '搜索', description: '民警姓名或警号' }) },
  { additionalProperties: false },
);
export const OfficerOption = Type.Object({ id: Type.Integer(), name: Type.String(), badgeNo: Nullable(Type.String()), unit: Type.String() });

/** The per-officer record ("for their record"): complaints and reports linked to each officer, by finding. */
export const OfficerRecord = Type.Object({
  officer: OfficerOption,
  total: Type.Integer({ description: '涉及的投诉、举报、监督意见' }),
  sustained: Type.Integer({ description: '认定属实' }),
  notSustained: Type.Integer({ description: '认定不属实' }),
  pending: Type.Integer({ description: '尚未认定' }),
});

export const ObservationBody = Type.Object({
  content: Type.String({ minLength: LIMITS.contentMin, maxLength: LIMITS.contentMax, title: '监督意见', description: '监督意见内容：时间、地点、经过' }),
  namedOfficer: Type.Optional(Type.String({ minLength: 1, maxLength: 100, title: '涉及民警', description: '涉及民警的姓名或警号（可不填）' })),
  location: Type.Optional(Location),
}, { additionalProperties: false });
export type ObservationBody = Static<typeof ObservationBody>;

export const ObservationView = Type.Object({
  id: Type.Integer(),
  caseNo: Type.String(),
  content: Type.String(),
  namedOfficer: Nullable(Type.String()),
  receivedAt: DateTime,
  status: Type.Enum([...PUBLIC_STATUSES]),
  statusLabel: Type.String(),
  reply: Type.Union([Type.Object({ at: DateTime, text: Type.String() }), Type.Null()]),
});
