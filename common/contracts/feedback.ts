import { Type, type Static } from 'typebox';
import { RATINGS, RATING_COMMENT_MAX, RATING_VIA } from './ratings.js';
import { DateTime, LIMITS } from './shared.js';

/**
 * 回访 and 执法结果即时测评: the follow-up of every closed handling cycle, the one-time link, the command
 * centre's call queue, the rectification owed for a 不满意 and appeals against a rating.
 */

export const FOLLOW_UP_STATUSES = ['pending', 'link_sent', 'calling', 'answered', 'unreachable', 'declined', 'no_channel', 'cancelled'] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

export const FOLLOW_UP_STATUS_LABELS: Record<FollowUpStatus, { zh: string; en: string }> = {
  pending: { zh: '待发送', en: 'To be sent' },
  link_sent: { zh: '已发评价短信', en: 'Link sent' },
  calling: { zh: '待电话回访', en: 'To be called' },
  answered: { zh: '已评价', en: 'Rated' },
  unreachable: { zh: '无法联系', en: 'Unreachable' },
  declined: { zh: '拒绝评价', en: 'Declined' },
  no_channel: { zh: '无联系方式', en: 'No contact' },
  cancelled: { zh: '已重办，不再回访', en: 'Reopened; not followed up' },
};


/** A follow-up call goes three times unanswered before it is closed as unreachable. */
export const MAX_CALL_ATTEMPTS = 3;

const Comment = Type.String({ minLength: 1, maxLength: RATING_COMMENT_MAX, title: '评价意见', description: '评价意见（可不填）' });
const RatingValue = Type.Enum([...RATINGS], { title: '评价', description: '满意度评价：satisfied 满意、basically_satisfied 基本满意、dissatisfied 不满意' });

/** What the one-time link shows: what was asked and answered, never who asked. */
export const FollowUpLinkView = Type.Object({
  kindName: Type.String({ description: '事项类型' }),
  unitName: Type.String({ description: '承办单位' }),
  receivedAt: DateTime,
  closedAt: DateTime,
  reply: Type.Union([Type.String(), Type.Null()], { description: '答复内容' }),
  expiresAt: DateTime,
});
export type FollowUpLinkView = Static<typeof FollowUpLinkView>;

export const LinkTokenParams = Type.Object(
  { token: Type.String({ pattern: '^[A-Za-z0-9_-]{16,64}$', description: '评价链接中的一次性令牌' }) },
  { additionalProperties: false },
);

/** The follow-up call's outcome, as the command centre records it. */
export const CallOutcomeBody = Type.Object(
  {
    cycle: Type.Integer({ minimum: 0, title: '办理周期', description: '回访的办理周期' }),
    version: Type.Integer({ minimum: 1, title: '版本', description: '回访记录的版本（防止两人同时记录）' }),
    outcome: Type.Enum(['answered', 'unreachable', 'declined'], {
      title: '回访结果', description: 'answered 已接通并评价、unreachable 未接通、declined 接通但拒绝评价',
    }),
    rating: Type.Optional(RatingValue),
    comment: Type.Optional(Comment),
    note: Type.Optional(Type.String({ minLength: 1, maxLength: 500, title: '回访备注', description: '回访备注（可不填）' })),
  },
  { additionalProperties: false },
);
export type CallOutcomeBody = Static<typeof CallOutcomeBody>;

export const CallRevealBody = Type.Object(
  { reason: Type.String({ minLength: 2, maxLength: LIMITS.reasonMax, title: '查看理由', description: '查看完整号码的理由' }) },
  { additionalProperties: false },
);

const Ref = Type.Object({ id: Type.Integer(), name: Type.String() });

/** One follow-up in the command centre's call queue. */
export const CallQueueItem = Type.Object({
  matterId: Type.Integer(),
  caseNo: Type.String(),
  cycle: Type.Integer(),
  kind: Type.String(),
  handlerUnit: Ref,
  handlerOfficer: Type.Union([Ref, Type.Null()]),
  closedAt: DateTime,
  dueAt: DateTime,
  overdue: Type.Boolean({ description: '已超过办结后 24 小时' }),
  status: Type.Enum([...FOLLOW_UP_STATUSES]),
  callAttempts: Type.Integer(),
  nextCallAt: Type.Union([DateTime, Type.Null()]),
  phoneMasked: Type.Union([Type.String(), Type.Null()]),
  reply: Type.Union([Type.String(), Type.Null()], { description: '给群众的答复' }),
  /** The caller's own unit handled it: someone else must follow it up. */
  recused: Type.Boolean({ description: '本单位承办，须回避' }),
  version: Type.Integer(),
});
export type CallQueueItem = Static<typeof CallQueueItem>;

export const CallQueueQuery = Type.Object(
  { status: Type.Optional(Type.Enum(['calling', 'link_sent', 'done'], { description: 'calling 待电话回访（默认）、link_sent 短信待回复、done 近 7 天已完成' })) },
  { additionalProperties: false },
);

export const RectifyBody = Type.Object(
  {
    actionTaken: Type.String({ minLength: 2, maxLength: 1000, title: '整改措施', description: '整改措施（内部记录）' }),
    feedback: Type.String({ minLength: 2, maxLength: 500, title: '向群众反馈', description: '向群众反馈的整改情况（群众可见，并短信告知）' }),
  },
  { additionalProperties: false },
);
export type RectifyBody = Static<typeof RectifyBody>;

export const AppealBody = Type.Object(
  { reason: Type.String({ minLength: 2, maxLength: 500, title: '申诉理由', description: '申诉理由' }) },
  { additionalProperties: false },
);

export const AppealDecisionBody = Type.Object(
  {
    decision: Type.Enum(['upheld', 'rejected'], { title: '裁决', description: 'upheld 申诉成立（该评价不计入满意率）、rejected 申诉不成立' }),
    reason: Type.String({ minLength: 2, maxLength: 500, title: '裁决理由', description: '裁决理由' }),
  },
  { additionalProperties: false },
);

export const CycleParams = Type.Object(
  { id: Type.Integer({ minimum: 1 }), cycle: Type.Integer({ minimum: 0, maximum: 1000 }) },
  { additionalProperties: false },
);

const AppealView = Type.Object({
  appealedBy: Type.String(), appealedAt: DateTime, reason: Type.String(),
  status: Type.Enum(['pending', 'upheld', 'rejected']),
  decidedBy: Type.Union([Type.String(), Type.Null()]), decidedAt: Type.Union([DateTime, Type.Null()]),
  decisionReason: Type.Union([Type.String(), Type.Null()]),
});

const RectificationView = Type.Object({
  cycle: Type.Integer(), unit: Ref, openedAt: DateTime, dueAt: DateTime, overdue: Type.Boolean(),
  status: Type.Enum(['open', 'done']), actionTaken: Type.Union([Type.String(), Type.Null()]),
  feedback: Type.Union([Type.String(), Type.Null()]), doneAt: Type.Union([DateTime, Type.Null()]),
  doneBy: Type.Union([Type.String(), Type.Null()]),
  mayAnswer: Type.Boolean({ description: '当前用户可以反馈整改情况' }),
});

/** Everything the matter page's follow-up card shows, cycle by cycle. */
export const MatterFeedbackView = Type.Object({
  followUps: Type.Array(Type.Object({
    cycle: Type.Integer(), status: Type.Enum([...FOLLOW_UP_STATUSES]), closedAt: DateTime, dueAt: DateTime,
    linkSentAt: Type.Union([DateTime, Type.Null()]), callAttempts: Type.Integer(),
    answeredVia: Type.Union([Type.Enum([...RATING_VIA]), Type.Null()]), finishedAt: Type.Union([DateTime, Type.Null()]),
  })),
  ratings: Type.Array(Type.Object({
    cycle: Type.Integer(), rating: RatingValue, comment: Type.Union([Type.String(), Type.Null()]), via: Type.Enum([...RATING_VIA]),
    ratedAt: DateTime, unit: Ref, officer: Type.Union([Ref, Type.Null()]),
    appeal: Type.Union([AppealView, Type.Null()]),
    mayAppeal: Type.Boolean({ description: '当前用户可以申诉该评价' }),
    mayDecide: Type.Boolean({ description: '当前用户可以裁决该申诉' }),
  })),
  rectifications: Type.Array(RectificationView),
});
export type MatterFeedbackView = Static<typeof MatterFeedbackView>;

/** An appeal waiting for (or given) a supervisor's decision. */
export const AppealListItem = Type.Object({
  matterId: Type.Integer(), caseNo: Type.String(), cycle: Type.Integer(), kind: Type.String(),
  rating: RatingValue, comment: Type.Union([Type.String(), Type.Null()]), ratedAt: DateTime,
  unit: Ref, officer: Type.Union([Ref, Type.Null()]),
  appeal: AppealView,
  mayDecide: Type.Boolean(),
});
export type AppealListItem = Static<typeof AppealListItem>;

export const AppealListQuery = Type.Object(
  { status: Type.Optional(Type.Enum(['pending', 'decided'], { description: 'pending 待裁决（默认）、decided 已裁决' })) },
  { additionalProperties: false },
);

/** The rectification feedback the citizen reads on the tracking page. */
export const PortalRectificationView = Type.Object({
  cycle: Type.Integer(), openedAt: DateTime, dueAt: DateTime, status: Type.Enum(['open', 'done']),
  unitName: Type.String(), feedback: Type.Union([Type.String(), Type.Null()]), doneAt: Type.Union([DateTime, Type.Null()]),
});
export type PortalRectificationView = Static<typeof PortalRectificationView>;
