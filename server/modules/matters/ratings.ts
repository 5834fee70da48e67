import { PUBLIC_STATUS_LABELS, publicStatusOf } from '../../../common/workflow.js';
import { RATING_LABELS, type Rating, type RatingBody, type RatingVia } from '../../../common/contracts/ratings.js';
import type { Locale } from '../../../common/errors.js';
import type { AppContext } from '../../app-context.js';
import type { Queryable } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { appendEvent, updateMatter, type MatterRow, type TimelineRow } from './matters.repo.js';
import { citizenAct } from './matters.service.js';
// The feedback module owns follow-ups and rectifications; a rating from any channel settles the one and may open the other.
import { afterRating } from '../feedback/index.js';

/**
 * 满意度评价: the citizen rates each handling cycle once, after it is closed: on the tracking page, through
 * the one-time link of the follow-up message, or on the command centre's follow-up call (never recorded by
 * the handler: server/modules/feedback). Nobody can change a rating afterwards (there is no update path,
 * and the table refuses one); a reopened and again closed matter is rated again, as a new cycle. The unit and officer rated are copied from the matter at that moment,
 * so a later transfer does not move the rating to someone else's record.
 */

export type RatingRow = {
  cycle: number; rating: Rating; comment: string | null; source: 'citizen' | 'follow_up'; via: RatingVia; rated_at: Date;
  recorded_by: number | null; handler_unit_id: number; handler_officer_id: number | null;
};

/** The matter's ratings, by cycle; only the given cycle's when one is named. */
export async function loadRatings(db: Queryable, jurisdictionId: number, matterId: number, cycle?: number): Promise<RatingRow[]> {
  const { rows } = await db.query<RatingRow>(
    `SELECT cycle, rating, comment, source, via, rated_at, recorded_by, handler_unit_id, handler_officer_id
       FROM matter_ratings WHERE jurisdiction_id = $1 AND matter_id = $2 ${cycle === undefined ? '' : 'AND cycle = $3'} ORDER BY cycle`,
    cycle === undefined ? [jurisdictionId, matterId] : [jurisdictionId, matterId, cycle]);
  return rows;
}

/** Why the matter's current cycle may not be rated now (given its rating, if any); undefined when it may. */
function ratingRefusal(matter: MatterRow, current: RatingRow | undefined): AppError | undefined {
  if (matter.state !== 'closed') {
    return new AppError('RATING_NOT_OPEN', { status: PUBLIC_STATUS_LABELS[publicStatusOf(matter.state, matter.pause_reason)] });
  }
  return current ? new AppError('ALREADY_RATED') : undefined;
}

export type NewRating = {
  rating: Rating; comment?: string; via: RatingVia;
  /** The command centre's caller who wrote down what the citizen said on a follow-up call; never the handler (feedback module). */
  recordedBy?: { staffId: number; unitId: number };
};

/**
 * Records the rating of the matter's current cycle, whichever channel brought it, in the caller's
 * transaction, which holds the matter's row lock: the rating, a new version of the matter, the timeline
 * event, and what follows a rating (the cycle's follow-up is answered; a 不满意 opens a rectification).
 * There is no path that changes a rating afterwards, and the table refuses updates (migration 0006).
 */
export async function recordRating(ctx: AppContext, tx: Queryable, matter: MatterRow, input: NewRating, now: Date) {
  const refusal = ratingRefusal(matter, (await loadRatings(tx, matter.jurisdiction_id, matter.id, matter.cycle))[0]);
  if (refusal) throw refusal;
  if ((input.via === 'call') !== (input.recordedBy !== undefined)) throw new Error('a rating is recorded by staff exactly when it comes by a call');
  const comment = input.comment?.trim() || null;
  const { rows } = await tx.query(
    `INSERT INTO matter_ratings (jurisdiction_id, matter_id, cycle, rating, comment, source, via, rated_at, recorded_by, handler_unit_id, handler_officer_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     ON CONFLICT (jurisdiction_id, matter_id, cycle) DO NOTHING RETURNING cycle`,
    [matter.jurisdiction_id, matter.id, matter.cycle, input.rating, comment, input.recordedBy ? 'follow_up' : 'citizen', input.via, now,
     input.recordedBy?.staffId ?? null, matter.handler_unit_id, matter.handler_officer_id]);
  if (rows.length === 0) throw new AppError('ALREADY_RATED');
  // The staff view changes with it: a new version, like every other change to the matter.
  await updateMatter(tx, matter, {}, now);
  await appendEvent(tx, matter.jurisdiction_id, matter.id, {
    type: 'citizen.rated', visibility: 'public', at: now,
    ...(input.recordedBy
      ? { actorKind: 'staff' as const, actorStaffId: input.recordedBy.staffId, actorUnitId: input.recordedBy.unitId }
      : { actorKind: 'citizen' as const }),
    payload: { cycle: matter.cycle, rating: input.rating, comment, via: input.via },
  });
  await afterRating(ctx, tx, matter, { rating: input.rating, via: input.via, recordedBy: input.recordedBy?.staffId ?? null }, now);
  return { cycle: matter.cycle, rating: input.rating };
}

/** The citizen's rating of the matter's current handling cycle on the tracking page. */
export async function rateByCitizen(ctx: AppContext, trackingCode: string, body: RatingBody) {
  // The row lock taken by citizenAct serialises two ratings of one matter; the key catches anything else.
  return citizenAct(ctx, trackingCode, async ({ tx, matter, now }) => recordRating(ctx, tx, matter, { ...body, via: 'portal' }, now));
}

/** The timeline text the citizen reads for their own rating. */
export function ratedText(e: TimelineRow, locale: Locale): string {
  const label = RATING_LABELS[e.payload.rating as Rating] ?? { zh: String(e.payload.rating), en: String(e.payload.rating) };
  const comment = typeof e.payload.comment === 'string' && e.payload.comment ? e.payload.comment : null;
  const byCall = e.payload.via === 'call';
  return locale === 'en'
    ? `${byCall ? 'Your rating on our follow-up call' : 'You rated the handling'}: ${label.en}${comment ? ` (${comment})` : ''}`
    : `${byCall ? '回访电话中您的评价' : '您对办理结果的评价'}：${label.zh}${comment ? `（${comment}）` : ''}`;
}

/** The citizen's texts for a rectification (差评整改): opened after their 不满意, and its answer. */
export function rectificationOpenedText(e: TimelineRow, locale: Locale): string {
  const due = new Date(String(e.payload.dueAt)).toLocaleDateString(locale === 'en' ? 'en-CA' : 'zh-CN', { timeZone: 'Asia/Shanghai' });
  return locale === 'en'
    ? `Your dissatisfaction was passed to ${e.payload.unitName}, which must put it right and tell you by ${due}`
    : `您的不满意评价已转${e.payload.unitName}整改，将于 ${due} 前向您反馈`;
}

export function rectificationAnsweredText(e: TimelineRow, locale: Locale): string {
  return locale === 'en' ? `Rectification: ${e.payload.feedback}` : `整改反馈：${e.payload.feedback}`;
}

/** This cycle's rating and whether the citizen may rate now (the rule rateByCitizen applies), for the public view. */
export async function portalRatingOf(db: Queryable, matter: MatterRow, locale: Locale) {
  const [current] = await loadRatings(db, matter.jurisdiction_id, matter.id, matter.cycle);
  return {
    rating: current ? {
      rating: current.rating, ratingLabel: locale === 'en' ? RATING_LABELS[current.rating].en : RATING_LABELS[current.rating].zh,
      comment: current.comment, ratedAt: current.rated_at.toISOString(),
    } : null,
    mayRate: ratingRefusal(matter, current) === undefined,
  };
}

/** Every cycle's rating (from loadRatings), for staff, with the unit and officer it counts for; `names` holds the officers' names. */
export async function presentStaffRatings(ctx: AppContext, ratings: RatingRow[], names: Map<number, string>) {
  return Promise.all(ratings.map(async (r) => ({
    cycle: r.cycle, rating: r.rating, comment: r.comment, source: r.source, via: r.via, ratedAt: r.rated_at.toISOString(),
    handlerUnit: { id: r.handler_unit_id, name: (await ctx.org.unit(r.handler_unit_id))?.name ?? String(r.handler_unit_id) },
    handlerOfficer: r.handler_officer_id === null ? null
      : { id: r.handler_officer_id, name: names.get(r.handler_officer_id) ?? String(r.handler_officer_id) },
  })));
}
