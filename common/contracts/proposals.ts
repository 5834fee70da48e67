/** 建议提案: NPC deputies' suggestions and CPPCC members' proposals (server/modules/proposals). */
import { Type, type Static } from 'typebox';
import { Contact, DateTime, Id, LIMITS, PageQuery } from './shared.js';

export const PROPOSER_TYPES = ['npc_deputy', 'cppcc_member'] as const;
export type ProposerType = (typeof PROPOSER_TYPES)[number];
export const PROPOSER_TYPE_LABELS: Record<ProposerType, { zh: string; en: string }> = {
  npc_deputy: { zh: '人大代表建议', en: 'NPC deputy\'s suggestion' },
  cppcc_member: { zh: '政协委员提案', en: 'CPPCC member\'s proposal' },
};

/** The reply's class, as 人大/政协 offices count them (china-rules §4.2). */
export const REPLY_CLASSES = ['A', 'B', 'C', 'D'] as const;
export type ReplyClass = (typeof REPLY_CLASSES)[number];
export const REPLY_CLASS_LABELS: Record<ReplyClass, { zh: string; en: string }> = {
  A: { zh: 'A 类：已解决或采纳', en: 'A: solved or adopted' },
  B: { zh: 'B 类：正在解决或列入计划', en: 'B: being solved or planned' },
  C: { zh: 'C 类：因条件限制以后解决', en: 'C: to be solved when conditions allow' },
  D: { zh: 'D 类：留作参考', en: 'D: kept for reference' },
};
/** B and C promise something later: the reply says what and by when, and the promise is followed up. */
export const CLASSES_WITH_COMMITMENT: readonly ReplyClass[] = ['B', 'C'];

export const CONTACT_MANNERS = ['meeting', 'phone', 'visit', 'forum'] as const;

const Session = Type.String({ minLength: 2, maxLength: 60, title: '届次会议', description: '届次会议，如 县十八届人大三次会议' });
const CivilDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: '日期（YYYY-MM-DD）' });

export const RegisterProposalBody = Type.Object(
  {
    proposerType: Type.Enum([...PROPOSER_TYPES], { title: '类别', description: '类别：人大代表建议或政协委员提案' }),
    session: Session,
    number: Type.Integer({ minimum: 1, maximum: 99999, title: '编号', description: '在该次会议的编号' }),
    title: Type.String({ minLength: 2, maxLength: 100, title: '标题', description: '建议或提案的标题' }),
    content: Type.String({ minLength: LIMITS.contentMin, maxLength: LIMITS.contentMax, title: '内容', description: '建议或提案的内容' }),
    proposer: Contact,
    assignedAt: Type.String({ format: 'date-time', title: '交办时间', description: '人大、政协交办本局的时间（三个月办理期限自此起算）' }),
    leadUnitId: Id,
    coUnitIds: Type.Array(Id, { maxItems: 8, uniqueItems: true, title: '协办单位', description: '协办单位（可不选）' }),
  },
  { additionalProperties: false },
);
export type RegisterProposalBody = Static<typeof RegisterProposalBody>;

export const ContactProposerBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    manner: Type.Enum([...CONTACT_MANNERS], { title: '沟通方式', description: '沟通方式：当面、电话、走访、座谈' }),
    note: Type.String({ minLength: 2, maxLength: 1000, title: '沟通情况', description: '办前沟通（面商）情况' }),
  },
  { additionalProperties: false },
);
export type ContactProposerBody = Static<typeof ContactProposerBody>;

export const CoOpinionBody = Type.Object(
  { opinion: Type.String({ minLength: 2, maxLength: 5000, title: '协办意见', description: '协办单位的书面意见' }) },
  { additionalProperties: false },
);

export const ProposalReplyBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    replyClass: Type.Enum([...REPLY_CLASSES], { title: '答复类别', description: '答复类别 A/B/C/D' }),
    text: Type.String({ minLength: 2, maxLength: LIMITS.replyMax, title: '答复内容', description: '答复内容' }),
    commitment: Type.Optional(Type.String({ minLength: 2, maxLength: 1000, title: '承诺事项', description: 'B、C 类答复承诺办理的事项' })),
    commitmentDue: Type.Optional(CivilDate),
  },
  { additionalProperties: false },
);
export type ProposalReplyBody = Static<typeof ProposalReplyBody>;

export const RedoBody = Type.Object(
  { version: Type.Integer({ minimum: 1 }), reason: Type.String({ minLength: 2, maxLength: 500, title: '重办要求', description: '代表（委员）不满意的意见和重办要求' }) },
  { additionalProperties: false },
);

export const ProposalListQuery = Type.Object(
  {
    ...PageQuery,
    session: Type.Optional(Type.String({ minLength: 1, maxLength: 60, description: '届次会议' })),
    proposerType: Type.Optional(Type.Enum([...PROPOSER_TYPES], { description: '类别' })),
    leadUnitId: Type.Optional(Id),
    status: Type.Optional(Type.Enum(['open', 'replied', 'overdue'], { description: '办理中、已答复、超期' })),
    replyClass: Type.Optional(Type.Enum([...REPLY_CLASSES], { description: '最近一次答复的类别' })),
  },
  { additionalProperties: false },
);
export type ProposalListQuery = Static<typeof ProposalListQuery>;

const Ref = Type.Object({ id: Type.Integer(), name: Type.String() });
const Rating = Type.Union([Type.Literal('satisfied'), Type.Literal('basically_satisfied'), Type.Literal('dissatisfied')]);

export const ProposalSummary = Type.Object({
  matterId: Type.Integer(),
  caseNo: Type.String(),
  proposerType: Type.Enum([...PROPOSER_TYPES]),
  session: Type.String(),
  number: Type.Integer(),
  title: Type.String(),
  proposerName: Type.String({ description: '姓名（脱敏）' }),
  leadUnit: Ref,
  state: Type.String(),
  cycle: Type.Integer(),
  assignedAt: DateTime,
  dueAt: Type.Union([DateTime, Type.Null()]),
  overdue: Type.Boolean(),
  replyClass: Type.Union([Type.Enum([...REPLY_CLASSES]), Type.Null()]),
  rating: Type.Union([Rating, Type.Null()]),
});

export const ProposalFigures = Type.Object({
  total: Type.Integer(),
  replied: Type.Integer({ description: '已答复件数' }),
  replyRate: Type.Union([Type.Number(), Type.Null()], { description: '办复率' }),
  contacted: Type.Integer(),
  contactRate: Type.Union([Type.Number(), Type.Null()], { description: '见面率（办前沟通）' }),
  rated: Type.Integer(),
  satisfied: Type.Integer(),
  basicallySatisfied: Type.Integer(),
  dissatisfied: Type.Integer(),
  satisfactionRate: Type.Union([Type.Number(), Type.Null()], { description: '满意率（含基本满意）' }),
  classes: Type.Object({ A: Type.Integer(), B: Type.Integer(), C: Type.Integer(), D: Type.Integer() }),
  overdue: Type.Integer({ description: '现有超期件数' }),
});

export const ProposalList = Type.Object({
  items: Type.Array(ProposalSummary), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(), figures: ProposalFigures,
});

export const ProposalView = Type.Object({
  matterId: Type.Integer(),
  version: Type.Integer(),
  state: Type.String(),
  cycle: Type.Integer(),
  proposerType: Type.Enum([...PROPOSER_TYPES]),
  session: Type.String(),
  number: Type.Integer(),
  title: Type.String(),
  proposer: Type.Object({ name: Type.String(), phone: Type.String() }, { description: '脱敏' }),
  leadUnit: Ref,
  firstContact: Type.Union([Type.Object({ at: DateTime, manner: Type.String(), note: Type.String() }), Type.Null()]),
  coUnits: Type.Array(Type.Object({
    unit: Ref, dueAt: DateTime, overdue: Type.Boolean(), opinion: Type.Union([Type.String(), Type.Null()]),
    submittedAt: Type.Union([DateTime, Type.Null()]), submittedBy: Type.Union([Type.String(), Type.Null()]),
  })),
  replies: Type.Array(Type.Object({
    cycle: Type.Integer(), replyClass: Type.Enum([...REPLY_CLASSES]), text: Type.String(),
    commitment: Type.Union([Type.String(), Type.Null()]), commitmentDue: Type.Union([Type.String(), Type.Null()]),
    repliedAt: DateTime, repliedBy: Type.String(), unit: Type.String(),
    rating: Type.Union([Type.Object({ rating: Rating, comment: Type.Union([Type.String(), Type.Null()]), ratedAt: DateTime }), Type.Null()]),
  })),
  /** What this user may do now. */
  may: Type.Object({ contact: Type.Boolean(), opinion: Type.Boolean(), reply: Type.Boolean(), redo: Type.Boolean() }),
});
export type ProposalView = Static<typeof ProposalView>;
