import { Type, type Static } from 'typebox';

/** The longest range the dashboard and its export cover, in days (a leap year). */
export const STATS_MAX_DAYS = 366;
/** The default range: this many days ending today (China time). */
export const STATS_DEFAULT_DAYS = 30;

export const StatsQuery = Type.Object(
  {
    from: Type.Optional(Type.String({ format: 'date', title: '开始日期', description: '统计起始日期（北京时间，含当日），默认为结束日期前 29 天' })),
    to: Type.Optional(Type.String({ format: 'date', title: '结束日期', description: '统计结束日期（北京时间，含当日），默认为今天' })),
  },
  { additionalProperties: false },
);
export type StatsQuery = Static<typeof StatsQuery>;

/** A rate in [0, 1], or null when nothing was counted (no denominator). */
const Rate = (description: string) => Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()], { description });

const UnitRef = {
  unitId: Type.Integer({ description: '单位 ID' }),
  unitName: Type.String({ description: '单位名称（单位只有中文名称）' }),
};

const RatingCounts = {
  satisfied: Type.Integer({ description: '满意' }),
  basicallySatisfied: Type.Integer({ description: '基本满意' }),
  dissatisfied: Type.Integer({ description: '不满意' }),
  total: Type.Integer({ description: '评价总数' }),
  satisfactionRate: Rate('满意率 = (满意 + 基本满意) / 有效评价数（申诉成立的评价不计入）'),
};

export const OnTimeByUnit = Type.Object({
  ...UnitRef,
  onTime: Type.Integer({ description: '按期：在期限内（含到期时刻）完成的时限' }),
  breached: Type.Integer({ description: '超期：超过期限仍未完成的时限' }),
  onTimeRate: Rate('按期办结率 = 按期 / (按期 + 超期)'),
});
export type OnTimeByUnit = Static<typeof OnTimeByUnit>;

export const OverdueByUnit = Type.Object({
  ...UnitRef,
  overdueNow: Type.Integer({ description: '当前超期：未办结且有时限已过期的事项数（按当前承办单位）' }),
  deadlineBreaches: Type.Integer({ description: '期间内记录的办理时限超期（责任追究记录）' }),
  supervisionBreaches: Type.Integer({ description: '期间内记录的督办超期（责任追究记录）' }),
});
export type OverdueByUnit = Static<typeof OverdueByUnit>;

export const SatisfactionByUnit = Type.Object({ ...UnitRef, ...RatingCounts });
export type SatisfactionByUnit = Static<typeof SatisfactionByUnit>;

export const SatisfactionByKind = Type.Object({
  kind: Type.String({ description: '事项类型代码' }),
  kindNameZh: Type.String({ description: '事项类型中文名称' }),
  kindNameEn: Type.String({ description: '事项类型英文名称' }),
  ...RatingCounts,
});
export type SatisfactionByKind = Static<typeof SatisfactionByKind>;

export const SatisfactionByOfficer = Type.Object({
  officerId: Type.Integer({ description: '民警 ID' }),
  officerName: Type.String({ description: '民警姓名' }),
  ...UnitRef,
  ...RatingCounts,
});
export type SatisfactionByOfficer = Static<typeof SatisfactionByOfficer>;

/** 回访 over the handling cycles closed in the range, and the rectifications open now. */
const FollowUpCounts = {
  closed: Type.Integer({ description: '办结次数（每次办结一条回访）' }),
  noChannel: Type.Integer({ description: '无联系方式（匿名等），单独统计，不计入回访率分母' }),
  superseded: Type.Integer({ description: '回访完成前群众已申请重办，不计入回访率' }),
  followedUp: Type.Integer({ description: '已回访：已发评价短信、已拨打回访电话，或群众已自行评价' }),
  followedUpInTime: Type.Integer({ description: '办结后 24 小时内回访' }),
  answered: Type.Integer({ description: '已评价' }),
  unreachable: Type.Integer({ description: '三次未接通，无法联系' }),
  declined: Type.Integer({ description: '拒绝评价' }),
  coverageRate: Rate('回访率 = 已回访 / (办结次数 − 无联系方式 − 已重办)'),
  answerRate: Rate('回访应答率 = 已评价 / 已回访'),
  firstClosed: Type.Integer({ description: '首次办结数' }),
  firstTime: Type.Integer({ description: '一次办结：首次办结后未重办' }),
  firstTimeRate: Rate('一次办结率 = 一次办结 / 首次办结'),
  rectificationsOpen: Type.Integer({ description: '当前整改中（不满意后待反馈）' }),
  rectificationsOverdue: Type.Integer({ description: '当前整改已超期' }),
};
export const FollowUpByUnit = Type.Object({ ...UnitRef, ...FollowUpCounts });
export type FollowUpByUnit = Static<typeof FollowUpByUnit>;

export const DailyVolume = Type.Object({
  date: Type.String({ format: 'date', description: '日期（北京时间）' }),
  received: Type.Integer({ description: '当日接收的事项数' }),
  closed: Type.Integer({ description: '当日办结次数（重办后再次办结另计一次）' }),
});
export type DailyVolume = Static<typeof DailyVolume>;

export const Dashboard = Type.Object({
  from: Type.String({ format: 'date', description: '统计起始日期（含）' }),
  to: Type.String({ format: 'date', description: '统计结束日期（含）' }),
  generatedAt: Type.String({ format: 'date-time', description: '统计时刻；“当前超期”按此时刻计算' }),
  totals: Type.Object({
    received: Type.Integer({ description: '接收事项数' }),
    closed: Type.Integer({ description: '办结次数' }),
    onTime: Type.Integer({ description: '按期完成的时限数' }),
    breached: Type.Integer({ description: '超期的时限数' }),
    onTimeRate: Rate('按期办结率'),
    overdueNow: Type.Integer({ description: '当前超期事项数' }),
    ...RatingCounts,
  }),
  daily: Type.Array(DailyVolume, { description: '每日接收与办结（范围内每一天，含零）' }),
  onTimeByUnit: Type.Array(OnTimeByUnit),
  overdueByUnit: Type.Array(OverdueByUnit),
  satisfactionByUnit: Type.Array(SatisfactionByUnit),
  satisfactionByKind: Type.Array(SatisfactionByKind),
  satisfactionByOfficer: Type.Array(SatisfactionByOfficer),
  followUp: Type.Object({
    totals: Type.Object({
      ...FollowUpCounts,
      appealedAway: Type.Integer({ description: '期间内的评价中申诉成立、不计入满意率的条数' }),
    }),
    byUnit: Type.Array(FollowUpByUnit),
  }),
});
export type Dashboard = Static<typeof Dashboard>;
