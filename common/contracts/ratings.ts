import { Type, type Static } from 'typebox';
import { DateTime } from './shared.js';

/** 满意度评价: 满意 / 基本满意 / 不满意 (matter_ratings.rating). */
export const RATINGS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export type Rating = (typeof RATINGS)[number];

export const RATING_LABELS: Record<Rating, { zh: string; en: string }> = {
  satisfied: { zh: '满意', en: 'Satisfied' },
  basically_satisfied: { zh: '基本满意', en: 'Basically satisfied' },
  dissatisfied: { zh: '不满意', en: 'Dissatisfied' },
};

export const RATING_COMMENT_MAX = 500;

/** How a rating reached us: the tracking page, the one-time link of a follow-up message, a follow-up call. */
export const RATING_VIA = ['portal', 'sms_link', 'call'] as const;
export type RatingVia = (typeof RATING_VIA)[number];

export const RatingBody = Type.Object(
  {
    rating: Type.Enum([...RATINGS], { title: '评价', description: '满意度评价：satisfied 满意、basically_satisfied 基本满意、dissatisfied 不满意' }),
    comment: Type.Optional(Type.String({ minLength: 1, maxLength: RATING_COMMENT_MAX, title: '评价意见', description: '评价意见（可不填）' })),
  },
  { additionalProperties: false },
);
export type RatingBody = Static<typeof RatingBody>;

/** This cycle's rating as the citizen sees it. */
export const PortalRatingView = Type.Object({
  rating: Type.Enum([...RATINGS]),
  ratingLabel: Type.String(),
  comment: Type.Union([Type.String(), Type.Null()]),
  ratedAt: DateTime,
});

/** Every rating of a matter, for staff: one per handling cycle, with the unit and officer it counts for. */
export const StaffRatingView = Type.Object({
  cycle: Type.Integer(),
  rating: Type.Enum([...RATINGS]),
  comment: Type.Union([Type.String(), Type.Null()]),
  source: Type.Enum(['citizen', 'follow_up'], { description: 'citizen 群众网上评价；follow_up 回访时记录' }),
  via: Type.Enum([...RATING_VIA], { description: 'portal 查询页、sms_link 回访短信链接、call 电话回访' }),
  ratedAt: DateTime,
  handlerUnit: Type.Object({ id: Type.Integer(), name: Type.String() }),
  handlerOfficer: Type.Union([Type.Object({ id: Type.Integer(), name: Type.String() }), Type.Null()]),
});
