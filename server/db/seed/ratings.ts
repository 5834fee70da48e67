import type { Rating } from '../../../common/contracts/ratings.js';
import type { AppContext } from '../../app-context.js';
import { rateByCitizen } from '../../modules/matters/index.js';
import type { Random } from './random.js';
import type { SeededStaff } from './staff.js';
import type { KindCode } from './texts.js';
import { DAY, HOUR, type Plan } from './timeline.js';

/**
 * 满意度评价 in the demo county: most citizens who rate are satisfied, some basically satisfied, a few
 * not. The units differ, so the dashboard has something to compare: 城关派出所 (the county town's
 * station, with the most matters per officer) rates noticeably worse than the others, 督察大队
 * (complaints about officers) a little worse, the command centre (quick answers on the phone) best.
 */
const USUAL: [Rating, number][] = [['satisfied', 80], ['basically_satisfied', 15], ['dissatisfied', 5]];
const BY_UNIT: Record<string, [Rating, number][]> = {
  station_chengguan: [['satisfied', 50], ['basically_satisfied', 30], ['dissatisfied', 20]],
  station_nanqiao: [['satisfied', 74], ['basically_satisfied', 19], ['dissatisfied', 7]],
  station_beishan: [['satisfied', 86], ['basically_satisfied', 11], ['dissatisfied', 3]],
  supervision: [['satisfied', 60], ['basically_satisfied', 25], ['dissatisfied', 15]],
  command: [['satisfied', 88], ['basically_satisfied', 10], ['dissatisfied', 2]],
};

const COMMENTS: Record<Rating, string[]> = {
  satisfied: [
    '民警态度很好，办事效率高，谢谢！', '回复及时，问题解决了。', '很耐心地解释了政策，点赞。',
    '没想到网上反映这么快就有人处理，满意。', '辛苦了，感谢民警同志。',
  ],
  basically_satisfied: [
    '问题解决了，但等的时间有点长。', '处理结果可以接受，希望以后能主动告知进度。',
    '答复有点简单，不过事情办了。', '电话打了两次才联系上，总体还行。',
  ],
  dissatisfied: [
    '问题没有实质解决，只是答复了一下。', '拖了很久才有人联系我，答复也不清楚。',
    '感觉在推诿，希望领导重视。', '处理结果不认可，情况和我反映的不一样。', '没有人上门核实就办结了。',
  ],
};

/** The first cycle of a matter the citizen is going to reopen: they were not happy with it. */
const BEFORE_REOPEN: [Rating, number][] = [['dissatisfied', 7], ['basically_satisfied', 3]];

function weightsFor(unitCode: string, kind: KindCode, late: boolean): [Rating, number][] {
  return (BY_UNIT[unitCode] ?? USUAL).map(([rating, weight]) => {
    // Waiting too long, or a complaint, makes a bad rating likelier.
    const factor = rating === 'dissatisfied' ? (late ? 3 : 1) * (kind === 'complaint' ? 1.5 : 1)
      : rating === 'satisfied' ? (late ? 0.5 : 1) : 1;
    return [rating, weight * factor];
  });
}

/**
 * Plans the citizen's rating of the cycle just closed, through the same service as the portal. Not
 * everyone rates: more of those who came through the portal, fewer of those who phoned or wrote.
 */
export function planRating(
  plan: Plan, rng: Random, trackingCode: () => string,
  input: { handler: SeededStaff; kind: KindCode; late: boolean; portal: boolean; reopens: boolean },
) {
  if (!rng.chance(input.reopens ? 0.7 : input.portal ? 0.75 : 0.5)) return;
  const rating = rng.weighted(input.reopens ? BEFORE_REOPEN : weightsFor(input.handler.unitCode, input.kind, input.late));
  const comment = rng.chance(rating === 'dissatisfied' ? 0.8 : rating === 'basically_satisfied' ? 0.5 : 0.25)
    ? rng.pick(COMMENTS[rating]) : undefined;
  // Within minutes of the answer for some, days later (when the link is found again) for others.
  const delay = rng.chance(0.6) ? rng.between(0.2, 12) * HOUR : rng.between(0.5, 3) * DAY;
  plan.after(delay, 'rate', async (ctx: AppContext) => rateByCitizen(ctx, trackingCode(), { rating, ...(comment ? { comment } : {}) }),
    { anyHour: true });
}

/** A rating and perhaps a comment as this unit's citizens give them (the follow-up seed uses it for calls and links). */
export function ratingFor(rng: Random, unitCode: string, kind: KindCode): { rating: Rating; comment?: string } {
  const rating = rng.weighted(weightsFor(unitCode, kind, false));
  const comment = rng.chance(rating === 'dissatisfied' ? 0.8 : rating === 'basically_satisfied' ? 0.5 : 0.25) ? rng.pick(COMMENTS[rating]) : undefined;
  return comment ? { rating, comment } : { rating };
}
