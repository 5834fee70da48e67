import { Type, type Static } from 'typebox';
import { PUBLIC_STATUSES } from '../workflow.js';
import { Contact, DateTime, Id, Page, PageQuery } from './shared.js';

/** 群众信箱 (letters to the bureau chief) and 网上留言 (the message board): the two public channels with publication. */
export const POST_CHANNELS = ['mailbox', 'message_board'] as const;
export type PostChannel = (typeof POST_CHANNELS)[number];

/**
 * A 举报 goes only to the mailbox, and is never published: the reporter may ask for confidentiality
 * (GB/T 33358-2016; 潍坊市12345热线条例 第七条) and a public 举报 warns whoever is reported.
 */
export const MAILBOX_KINDS = ['consult', 'help', 'suggestion', 'complaint', 'report'] as const;
export const BOARD_KINDS = ['consult', 'help', 'suggestion', 'complaint'] as const;

/** Sizes of a public post: short enough to read on a phone, long enough to say what happened. */
export const POST_LIMITS = { titleMin: 4, titleMax: 40, textMin: 10, textMax: 2000, noteMax: 200, bodyBytes: 32 * 1024 } as const;

/** Why a post is not published (拒绝公开的理由); 'other' needs the moderator's own words. */
export const REFUSAL_REASONS = ['privacy', 'abuse', 'advertising', 'unrelated', 'unlawful', 'case_secret', 'duplicate', 'other'] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];
export const REFUSAL_REASON_LABELS: Record<RefusalReason, { zh: string; en: string }> = {
  privacy: { zh: '含有个人隐私', en: 'Contains personal information' },
  abuse: { zh: '含有辱骂、人身攻击内容', en: 'Abusive or insulting' },
  advertising: { zh: '广告或推销', en: 'Advertising' },
  unrelated: { zh: '与公安工作无关', en: 'Not about police work' },
  unlawful: { zh: '含有违法或不良信息', en: 'Unlawful or harmful content' },
  case_secret: { zh: '涉及案件侦办或工作秘密', en: 'Concerns an investigation or confidential work' },
  duplicate: { zh: '与已公开留言重复', en: 'Repeats a published post' },
  other: { zh: '其他', en: 'Other' },
};

const Title = Type.String({ minLength: POST_LIMITS.titleMin, maxLength: POST_LIMITS.titleMax, title: '标题', description: `标题（${POST_LIMITS.titleMin}–${POST_LIMITS.titleMax} 字）` });
const Text = Type.String({ minLength: POST_LIMITS.textMin, maxLength: POST_LIMITS.textMax, title: '内容', description: `内容（${POST_LIMITS.textMin}–${POST_LIMITS.textMax} 字）` });
const JurisdictionCode = Type.String({ pattern: '^[0-9]{2}$', title: '辖区代码', description: '所涉派出所辖区（可选）' });
const ConfirmDuplicate = Type.Optional(Type.Boolean({ description: '已知 24 小时内提交过相同内容，仍要再次提交' }));

export const MailboxLetterBody = Type.Object(
  {
    kind: Type.Enum([...MAILBOX_KINDS], { description: '来信类型' }),
    title: Title,
    content: Text,
    jurisdictionCode: Type.Optional(JurisdictionCode),
    contact: Contact,
    consent: Type.Boolean({ title: '同意公开', description: '同意在去除个人信息后公开来信及答复（举报信一律不公开）' }),
    confirmDuplicate: ConfirmDuplicate,
  },
  { additionalProperties: false },
);
export type MailboxLetterBody = Static<typeof MailboxLetterBody>;

export const BoardPostBody = Type.Object(
  {
    kind: Type.Enum([...BOARD_KINDS], { description: '留言类型（举报请走“举报”入口，可匿名）' }),
    title: Title,
    content: Text,
    jurisdictionCode: Type.Optional(JurisdictionCode),
    contact: Contact,
    confirmDuplicate: ConfirmDuplicate,
  },
  { additionalProperties: false },
);
export type BoardPostBody = Static<typeof BoardPostBody>;

export const PostSubmissionResult = Type.Object({
  trackingCode: Type.String({ description: '查询码，凭此查询办理进度和审核结果' }),
  caseNo: Type.String(),
  receivedAt: DateTime,
  moderation: Type.Enum(['pending', 'private'], { description: 'pending 待审核后公开；private 不公开' }),
});

/** What the public sees of a post: never a name, phone, identity number, address or tracking code. */
export const PublicPost = Type.Object({
  postNo: Type.Integer({ description: '留言编号' }),
  channel: Type.Enum([...POST_CHANNELS]),
  kind: Type.String(),
  kindName: Type.String(),
  title: Type.String(),
  text: Type.String({ description: '公开的内容（已去除个人信息）' }),
  author: Type.String({ description: '一律显示为“网友”' }),
  area: Type.String({ description: '所涉辖区' }),
  postedAt: DateTime,
  status: Type.Enum([...PUBLIC_STATUSES]),
  statusLabel: Type.String(),
  answer: Type.Union([Type.Object({ at: DateTime, text: Type.String(), unit: Type.String() }), Type.Null()], { description: '公安机关的答复' }),
});
export const PublicPostPage = Page(PublicPost);

export const PublicPostQuery = Type.Object(
  {
    ...PageQuery,
    channel: Type.Optional(Type.Enum([...POST_CHANNELS], { description: '渠道（默认网上留言）' })),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 30, title: '搜索', description: '搜索标题和内容（繁简体、全半角均可）' })),
    answered: Type.Optional(Type.Boolean({ description: '只看已答复的' })),
  },
  { additionalProperties: false },
);
export type PublicPostQuery = Static<typeof PublicPostQuery>;

const Refusal = Type.Object({
  reasons: Type.Array(Type.Object({ code: Type.String(), label: Type.String() })),
  note: Type.Union([Type.String(), Type.Null()]),
  at: DateTime,
});

/** The poster's own view (by tracking code): whether it is published, and if not, why. */
export const OwnPostView = Type.Object({
  channel: Type.Enum([...POST_CHANNELS]),
  title: Type.String(),
  postNo: Type.Integer(),
  moderation: Type.Enum(['pending', 'approved', 'refused', 'private']),
  consent: Type.Boolean(),
  publishedAt: Type.Union([DateTime, Type.Null()]),
  refusal: Type.Union([Refusal, Type.Null()]),
});

export const MODERATION_FILTERS = ['pending', 'approved', 'refused'] as const;

export const ModerationQuery = Type.Object(
  {
    ...PageQuery,
    moderation: Type.Optional(Type.Enum([...MODERATION_FILTERS], { description: '审核状态（默认待审核）' })),
    channel: Type.Optional(Type.Enum([...POST_CHANNELS], { description: '渠道' })),
  },
  { additionalProperties: false },
);
export type ModerationQuery = Static<typeof ModerationQuery>;

/** A post as moderators and the matter page see it: the original beside what is published; no contact. */
export const StaffPost = Type.Object({
  matterId: Type.Integer(),
  caseNo: Type.String(),
  postNo: Type.Integer(),
  channel: Type.Enum([...POST_CHANNELS]),
  kind: Type.String(),
  title: Type.String(),
  content: Type.String({ description: '原文' }),
  area: Type.String(),
  postedAt: DateTime,
  consent: Type.Boolean(),
  moderation: Type.Enum(['pending', 'approved', 'refused', 'private']),
  publishedTitle: Type.Union([Type.String(), Type.Null()]),
  publishedText: Type.Union([Type.String(), Type.Null()]),
  suggestedText: Type.String({ description: '自动去除手机号、身份证号后的内容，供审核参考' }),
  refusal: Type.Union([Refusal, Type.Null()]),
  moderatedBy: Type.Union([Type.String(), Type.Null()]),
  moderatedAt: Type.Union([DateTime, Type.Null()]),
  matterState: Type.String(),
  version: Type.Integer({ description: '审核版本号' }),
});
export const StaffPostPage = Page(StaffPost);

export const PostParams = Type.Object({ matterId: Id }, { additionalProperties: false });

export const ModerationBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1, title: '版本号', description: '读取时的审核版本号' }),
    decision: Type.Enum(['approve', 'refuse'], { description: '审核结果：公开或不公开' }),
    title: Type.Optional(Type.String({ minLength: POST_LIMITS.titleMin, maxLength: POST_LIMITS.titleMax, title: '公开标题', description: '公开的标题（可修改，去除个人信息）' })),
    text: Type.Optional(Type.String({ minLength: POST_LIMITS.textMin, maxLength: POST_LIMITS.textMax, title: '公开内容', description: '公开的内容（可修改，去除个人信息）' })),
    reasons: Type.Optional(Type.Array(Type.Enum([...REFUSAL_REASONS]), { maxItems: REFUSAL_REASONS.length, uniqueItems: true, title: '理由', description: '不公开的理由（至少选一项）' })),
    note: Type.Optional(Type.String({ minLength: 1, maxLength: POST_LIMITS.noteMax, title: '说明', description: '给留言人的说明' })),
  },
  { additionalProperties: false },
);
export type ModerationBody = Static<typeof ModerationBody>;
