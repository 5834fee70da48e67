import { PUBLIC_STATUS_LABELS, publicStatusOf } from '../../../common/workflow.js';
import { RATING_LABELS, type Rating, type RatingBody } from '../../../common/contracts/ratings.js';
import type { Locale } from '../../../common/errors.js';
import type { AppContext } from '../../app-context.js';
import type { Queryable } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { appendEvent, updateMatter, type MatterRow, type TimelineRow } from './matters.repo.js';
import { citizenAct } from './matters.service.js';

/**
 * 满意度评价: the citizen rates each handling cycle once, after it is closed, through the tracking code.
 * Nobody can change a rating afterwards (there is no update path); a reopened and again closed matter
 * is rated again, as a new cycle. The unit and officer rated are copied from the matter at that moment,
 * so a later transfer does not move the rating to someone else's record.
 */

export type RatingRow = {
  cycle: number; rating: Rating; comment: string | null; source: 'citizen' | 'follow_up'; rated_at: Date;
  recorded_by: number | null; handler_unit_id: number; handler_officer_id: number | null;
};

/** The matter's ratings, by cycle; only the given cycle's when one is named. */
export async function loadRatings(db: Queryable, jurisdictionId: number, matterId: number, cycle?: number): Promise<RatingRow[]> {
  const { rows } = await db.query<RatingRow>(
    `SELECT cycle, rating, comment, source, rated_at, recorded_by, handler_unit_id, handler_officer_id
       FROM matter_ratings WHERE jurisdiction_id = $1 AND matter_id = $2 ${cycle === undefined ? '' : 'AND cycle = $3'} ORDER BY cycle`,
    cycle === undefined ? [jurisdictionId, matterId] : [jurisdictionId, matterId, cycle]);
  return rows;
}

/** Why the citizen may not rate the matter now (given its current cycle's rating, if any); undefined when they may. */
function ratingRefusal(matter: MatterRow, current: RatingRow | undefined): AppError | undefined {
  if (matter.state !== 'closed') {
    return new AppError('RATING_NOT_OPEN', { status: PUBLIC_STATUS_LABELS[publicStatusOf(matter.state, matter.pause_reason)] });
  }
  return current ? new AppError('ALREADY_RATED') : undefined;
}

/** The citizen's rating of the matter's current handling cycle; the event and the rating commit together. */
export async function rateByCitizen(ctx: AppContext, trackingCode: string, body: RatingBody) {
  return citizenAct(ctx, trackingCode, async ({ tx, matter, now }) => {
    // The row lock taken by citizenAct serialises two ratings of one matter; the key catches anything else.
    const refusal = ratingRefusal(matter, (await loadRatings(tx, matter.jurisdiction_id, matter.id, matter.cycle))[0]);
    if (refusal) throw refusal;
    const comment = body.comment?.trim() || null;
    const { rows } = await tx.query(
      `INSERT INTO matter_ratings (jurisdiction_id, matter_id, cycle, rating, comment, source, rated_at, handler_unit_id, handler_officer_id)
       VALUES ($1, $2, $3, $4, $5, 'citizen', $6, $7, $8)
       ON CONFLICT (jurisdiction_id, matter_id, cycle) DO NOTHING RETURNING cycle`,
      [matter.jurisdiction_id, matter.id, matter.cycle, body.rating, comment, now, matter.handler_unit_id, matter.handler_officer_id]);
    if (rows.length === 0) throw new AppError('ALREADY_RATED');
    // The staff view changes with it: a new version, like every other change to the matter.
    await updateMatter(tx, matter, {}, now);
    await appendEvent(tx, matter.jurisdiction_id, matter.id, {
      type: 'citizen.rated', actorKind: 'citizen', visibility: 'public',
      payload: { cycle: matter.cycle, rating: body.rating, comment }, at: now,
    });
    return { cycle: matter.cycle, rating: body.rating };
  });
}

/** The timeline text the citizen reads for their own rating. */
export function ratedText(e: TimelineRow, locale: Locale): string {
  const label = RATING_LABELS[e.payload.rating as Rating] ?? { zh: String(e.payload.rating), en: String(e.payload.rating) };
  const comment = typeof e.payload.comment === 'string' && e.payload.comment ? e.payload.comment : null;
  return locale === 'en'
    ? `You rated the handling: ${label.en}${comment ? ` (${comment})` : ''}`
    : `您对办理结果的评价：${label.zh}${comment ? `（${comment}）` : ''}`;
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
    cycle: r.cycle, rating: r.rating, comment: r.comment, source: r.source, ratedAt: r.rated_at.toISOString(),
    handlerUnit: { id: r.handler_unit_id, name: (await ctx.org.unit(r.handler_unit_id))?.name ?? String(r.handler_unit_id) },
    handlerOfficer: r.handler_officer_id === null ? null
      : { id: r.handler_officer_id, name: names.get(r.handler_officer_id) ?? String(r.handler_officer_id) },
  })));
}
