/**
 * 信访 under the statutory procedure (信访工作条例 2022): the petition's own fields on top of the matter,
 * its stages, the written opinions and the documents the petitioner sees, 带案回访 and the 四率.
 */
import { Type, type Static } from 'typebox';
import { DateTime, ID_NUMBER_PATTERN, Id, LIMITS, PageQuery, PHONE_PATTERN, TrackingCode } from './shared.js';

/** How the petition came: 来信, 来访, 多人走访 (group visit), 网上信访. */
export const PETITION_FORMS = ['letter', 'visit', 'group_visit', 'online'] as const;
export type PetitionForm = (typeof PETITION_FORMS)[number];

/**
 * The procedure's stage, derived from the matter (state and handling cycle: 0 handling, 1 复查, 2 复核).
 * 信访工作条例: 登记 → 受理 / 不予受理 (Art. 22–23) → 办理 (Art. 34) → 处理意见书 (Art. 32) → 复查 (Art. 35) → 复核 (Art. 36) → 终结.
 */
export const PETITION_STAGES = ['registered', 'not_accepted', 'handling', 'answered', 'review', 'reviewed', 're_review', 'final'] as const;
export type PetitionStage = (typeof PETITION_STAGES)[number];
export const PETITION_STAGE_LABELS: Record<PetitionStage, { zh: string; en: string }> = {
  registered: { zh: '已登记待受理', en: 'Registered' },
  not_accepted: { zh: '不予受理', en: 'Not accepted' },
  handling: { zh: '办理中', en: 'Being handled' },
  answered: { zh: '已出具处理意见', en: 'Opinion given' },
  review: { zh: '复查中', en: 'Under review' },
  reviewed: { zh: '已复查', en: 'Reviewed' },
  re_review: { zh: '复核中', en: 'Under re-review' },
  final: { zh: '复核终结', en: 'Final' },
};

/** The written opinions: 处理意见书, 复查意见书, 复核意见书. */
export const OPINION_LEVELS = ['opinion', 'review', 're_review'] as const;
export type OpinionLevel = (typeof OPINION_LEVELS)[number];
export const OPINION_LEVEL_LABELS: Record<OpinionLevel, { zh: string; en: string }> = {
  opinion: { zh: '处理意见书', en: 'Written opinion' },
  review: { zh: '复查意见书', en: 'Review opinion' },
  re_review: { zh: '复核意见书', en: 'Re-review opinion' },
};

/** 信访工作条例 第三十二条: the opinion supports the request, explains (reasonable, but no legal basis), or does not support it. */
export const OPINION_RESULTS = ['support', 'explain', 'not_support'] as const;
export type OpinionResult = (typeof OPINION_RESULTS)[number];
export const OPINION_RESULT_LABELS: Record<OpinionResult, { zh: string; en: string }> = {
  support: { zh: '支持', en: 'Supported' },
  explain: { zh: '解释说明', en: 'Explained' },
  not_support: { zh: '不支持', en: 'Not supported' },
};

export const VISIT_ATTITUDES = ['satisfied', 'understanding', 'objecting'] as const;

/** The documents the petitioner sees online, each with its date (信访事项网上办理工作规程). */
export const PETITION_DOCUMENTS = [
  'registered', 'acceptance_notice', 'non_acceptance_notice', 'extension_notice', 'opinion', 'review_request', 'review', 're_review_request', 're_review',
] as const;
export type PetitionDocumentType = (typeof PETITION_DOCUMENTS)[number];

/** 信访工作条例 第二十条: a group visit chooses representatives, at most 5. */
export const MAX_REPRESENTATIVES = 5;

const Version = Type.Integer({ minimum: 1, title: '版本号', description: '读取时的版本号，用于防止覆盖他人修改' });
const Request = Type.String({ minLength: 2, maxLength: 2000, title: '请求', description: '信访请求（信访工作条例第十九条）' });
const Facts = Type.String({ minLength: 2, maxLength: 5000, title: '事实', description: '事实经过' });
const Reasons = Type.String({ minLength: 2, maxLength: 2000, title: '理由', description: '理由' });
const Name = Type.String({ minLength: 1, maxLength: LIMITS.nameMax, title: '姓名', description: '信访人姓名（名称）' });
const Address = Type.String({ minLength: 2, maxLength: LIMITS.addressMax, title: '住址', description: '信访人住址' });
const Phone = Type.String({ pattern: PHONE_PATTERN, title: '联系电话', description: '联系电话' });
const IdNumber = Type.String({ pattern: ID_NUMBER_PATTERN, title: '身份证号', description: '身份证号' });
const Text = (title: string, max: number = LIMITS.reasonMax) => Type.String({ minLength: 2, maxLength: max, title, description: title });

/** The petitioner as Art. 19 names them: 姓名、住址 required; a phone for notices; the identity number to find repeats. */
export const Petitioner = Type.Object(
  { name: Name, address: Address, phone: Type.Optional(Phone), idNumber: Type.Optional(IdNumber) },
  { additionalProperties: false },
);

export const RegisterPetitionBody = Type.Object(
  {
    form: Type.Enum(['letter', 'visit', 'group_visit'], { title: '形式', description: '信访形式：来信、来访、多人走访' }),
    receivedAt: Type.String({ format: 'date-time', title: '收到时间', description: '收到来信或接待来访的时间（不得晚于当前时间）' }),
    petitioner: Petitioner,
    request: Request,
    facts: Facts,
    reasons: Reasons,
    groupSize: Type.Optional(Type.Integer({ minimum: 2, maximum: 100_000, title: '来访人数', description: '多人走访的人数' })),
    representatives: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: LIMITS.nameMax }), {
      maxItems: 50, title: '代表', description: '多人走访推选的代表姓名（不超过 5 人）',
    })),
    repeatOf: Type.Optional(Type.Integer({ minimum: 1, title: '重复信访', description: '确认关联的同一信访人此前的信访事项' })),
    /**
     * The person's earlier petition is final after 复核: 'not_accept' records a 不予受理 on Art. 36 ¶3 in the same step;
     * 'new_facts' registers it as new because it brings new facts or reasons.
     */
    earlierFinal: Type.Optional(Type.Enum(['not_accept', 'new_facts'], { title: '已终结事项', description: '同一信访人此前事项已复核终结时的处理' })),
    confirmDuplicate: Type.Optional(Type.Boolean({ description: '已知 24 小时内登记过相同内容，仍要再次登记' })),
  },
  { additionalProperties: false },
);
export type RegisterPetitionBody = Static<typeof RegisterPetitionBody>;

export const OnlinePetitionBody = Type.Object(
  {
    petitioner: Type.Object({ name: Name, address: Address, phone: Phone, idNumber: Type.Optional(IdNumber) }, { additionalProperties: false }),
    request: Request,
    facts: Facts,
    reasons: Reasons,
    confirmDuplicate: Type.Optional(Type.Boolean({ description: '已知 24 小时内提交过相同内容，仍要再次提交' })),
  },
  { additionalProperties: false },
);
export type OnlinePetitionBody = Static<typeof OnlinePetitionBody>;

export const EarlierQuery = Type.Object(
  { phone: Type.Optional(Phone), idNumber: Type.Optional(IdNumber) },
  { additionalProperties: false },
);

export const AcceptanceBody = Type.Object(
  {
    version: Version,
    decision: Type.Enum(['accept', 'not_accept'], { title: '决定', description: '受理或不予受理' }),
    reasons: Text('理由'),
  },
  { additionalProperties: false },
);
export const OpinionBody = Type.Object(
  {
    version: Version,
    result: Type.Enum([...OPINION_RESULTS], { title: '处理结果', description: '支持、解释说明、不支持（信访工作条例第三十二条）' }),
    basis: Text('法律法规依据', 1000),
    opinion: Text('处理意见', LIMITS.replyMax),
  },
  { additionalProperties: false },
);
export const ExtensionBody = Type.Object({ version: Version, reason: Text('延期理由') }, { additionalProperties: false });
export const RepeatLinkBody = Type.Object({ version: Version, repeatOf: Id }, { additionalProperties: false });
export const PlanVisitBody = Type.Object(
  {
    plannedFor: Type.String({ format: 'date', title: '回访日期', description: '计划回访日期' }),
    visitors: Text('回访人员', 200),
  },
  { additionalProperties: false },
);
export const RecordVisitBody = Type.Object(
  {
    visitedBy: Text('实际回访人员', 200),
    findings: Text('回访情况', 2000),
    attitude: Type.Enum([...VISIT_ATTITUDES], { title: '信访人态度', description: '满意、表示理解、仍有异议' }),
    settled: Type.Boolean({ title: '息诉罢访', description: '信访人是否息诉罢访' }),
  },
  { additionalProperties: false },
);
export const ReviewRequestBody = Type.Object({ reason: Text('申请理由', 2000) }, { additionalProperties: false });

export const PetitionListQuery = Type.Object(
  {
    ...PageQuery,
    stage: Type.Optional(Type.Enum([...PETITION_STAGES], { description: '阶段' })),
    form: Type.Optional(Type.Enum([...PETITION_FORMS], { description: '形式' })),
    repeats: Type.Optional(Type.Enum(['exclude', 'only', 'include'], { description: '重复信访：不含（默认）、只看、包含' })),
    overdue: Type.Optional(Type.Boolean({ description: '是否超期' })),
  },
  { additionalProperties: false },
);
export type PetitionListQuery = Static<typeof PetitionListQuery>;

export const SummaryQuery = Type.Object(
  {
    from: Type.String({ format: 'date', title: '开始日期', description: '收到日期起（含）' }),
    to: Type.String({ format: 'date', title: '结束日期', description: '收到日期止（含）' }),
  },
  { additionalProperties: false },
);

const Ref = Type.Union([Type.Object({ id: Type.Integer(), caseNo: Type.String() }), Type.Null()]);

export const EarlierPetition = Type.Object({
  id: Type.Integer(),
  caseNo: Type.String(),
  receivedAt: DateTime,
  stage: Type.Enum([...PETITION_STAGES]),
  summary: Type.String(),
  finalAt: Type.Union([DateTime, Type.Null()]),
  open: Type.Boolean({ description: '尚未办结' }),
});

export const PetitionSummaryRow = Type.Object({
  id: Type.Integer(),
  caseNo: Type.String(),
  form: Type.Enum([...PETITION_FORMS]),
  stage: Type.Enum([...PETITION_STAGES]),
  receivedAt: DateTime,
  petitioner: Type.String({ description: '信访人姓名（脱敏）' }),
  summary: Type.String(),
  handlerUnit: Type.String(),
  nextDue: Type.Union([Type.Object({ stage: Type.String(), dueAt: DateTime }), Type.Null()]),
  overdue: Type.Boolean(),
  repeatOf: Ref,
  repeats: Type.Integer({ description: '关联到本件的重复信访数' }),
});

export const PetitionDocument = Type.Object({
  type: Type.Enum([...PETITION_DOCUMENTS]),
  title: Type.String(),
  at: DateTime,
  text: Type.Union([Type.String(), Type.Null()]),
  result: Type.Union([Type.Enum([...OPINION_RESULTS]), Type.Null()]),
  resultLabel: Type.Union([Type.String(), Type.Null()]),
  basis: Type.Union([Type.String(), Type.Null()]),
});

export const ReviewWindow = Type.Union([
  Type.Object({ level: Type.Enum(['review', 're_review']), until: DateTime }),
  Type.Null(),
], { description: '现在可以申请复查或复核，及截止时间' });

export const PortalPetitionView = Type.Object({
  stage: Type.Enum([...PETITION_STAGES]),
  stageLabel: Type.String(),
  documents: Type.Array(PetitionDocument),
  window: ReviewWindow,
  final: Type.Boolean(),
});

const Visit = Type.Object({
  id: Type.Integer(),
  plannedFor: Type.String(),
  visitors: Type.String(),
  plannedAt: DateTime,
  plannedBy: Type.String(),
  visitedAt: Type.Union([DateTime, Type.Null()]),
  visitedBy: Type.Union([Type.String(), Type.Null()]),
  findings: Type.Union([Type.String(), Type.Null()]),
  attitude: Type.Union([Type.Enum([...VISIT_ATTITUDES]), Type.Null()]),
  settled: Type.Union([Type.Boolean(), Type.Null()]),
});

export const PETITION_ACTIONS = ['accept', 'notAccept', 'opinion', 'extend', 'link', 'planVisit', 'recordVisit'] as const;
export type PetitionAction = (typeof PETITION_ACTIONS)[number];

export const StaffPetitionView = Type.Object({
  id: Type.Integer(),
  caseNo: Type.String(),
  version: Type.Integer(),
  form: Type.Enum([...PETITION_FORMS]),
  stage: Type.Enum([...PETITION_STAGES]),
  request: Type.String(),
  facts: Type.String(),
  reasons: Type.String(),
  groupSize: Type.Union([Type.Integer(), Type.Null()]),
  representatives: Type.Array(Type.String(), { description: '代表姓名（脱敏）' }),
  acceptance: Type.Union([Type.Object({
    decision: Type.Enum(['accepted', 'not_accepted']), reasons: Type.String(), at: DateTime, by: Type.String(),
    ground: Type.Union([Type.Enum(['final', 'other']), Type.Null()]),
  }), Type.Null()]),
  opinions: Type.Array(Type.Object({
    level: Type.Enum([...OPINION_LEVELS]), requestedAt: Type.Union([DateTime, Type.Null()]), requestReason: Type.Union([Type.String(), Type.Null()]),
    result: Type.Union([Type.Enum([...OPINION_RESULTS]), Type.Null()]), basis: Type.Union([Type.String(), Type.Null()]),
    opinion: Type.Union([Type.String(), Type.Null()]), issuedAt: Type.Union([DateTime, Type.Null()]), issuedBy: Type.Union([Type.String(), Type.Null()]),
  })),
  window: ReviewWindow,
  finalAt: Type.Union([DateTime, Type.Null()]),
  repeatOf: Ref,
  repeats: Type.Array(Type.Object({ id: Type.Integer(), caseNo: Type.String(), receivedAt: DateTime })),
  /** Earlier petitions of the same person (phone or identity number) that this one could be linked to. */
  suggestions: Type.Array(EarlierPetition),
  visits: Type.Array(Visit),
  documents: Type.Array(PetitionDocument),
  allowedActions: Type.Array(Type.Enum([...PETITION_ACTIONS])),
});

const Rate = Type.Union([Type.Number(), Type.Null()], { description: '比率（0–1），分母为 0 时为 null' });
export const PetitionFigures = Type.Object({
  received: Type.Integer({ description: '新收信访（不含重复信访）' }),
  repeats: Type.Integer({ description: '重复信访（已关联，不计为新件）' }),
  accepted: Type.Integer(),
  notAccepted: Type.Integer(),
  decided: Type.Integer({ description: '已作出受理决定的件数' }),
  decidedInTime: Type.Integer({ description: '15 日内作出受理决定的件数' }),
  timelyAcceptanceRate: Rate,
  concluded: Type.Integer({ description: '已出具意见（含复查、复核）的次数' }),
  concludedInTime: Type.Integer(),
  onTimeRate: Rate,
  rated: Type.Integer(),
  participationRate: Rate,
  satisfied: Type.Integer({ description: '满意与基本满意' }),
  satisfactionRate: Rate,
  reviews: Type.Integer({ description: '复查申请数' }),
  reReviews: Type.Integer({ description: '复核申请数' }),
  visits: Type.Integer({ description: '已完成的带案回访' }),
  settled: Type.Integer({ description: '回访后息诉罢访' }),
});

export const PetitionTrackingParams = Type.Object({ trackingCode: TrackingCode }, { additionalProperties: false });
export const PetitionIdParams = Type.Object({ id: Id }, { additionalProperties: false });
