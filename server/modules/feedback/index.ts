import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app-context.js';
import { feedbackPortalRoutes, feedbackStaffRoutes } from './feedback.routes.js';

/**
 * 回访 and 执法结果即时测评: follow-ups of closed matters (one-time links by SMS, the command centre's call
 * queue), rectifications after a 不满意, appeals against a rating. Owns follow_ups, rectifications and
 * rating_appeals; the ratings themselves stay in matters (ratings.ts), which calls afterRating.
 */
export { afterRating } from './rectifications.js';
export { runFollowUpWork, startFollowUpWorker } from './worker.js';
export { recordCall, rateByLink, hashToken, LINK_VALID_DAYS } from './follow-ups.js';
export { answerRectification, settleRectification } from './rectifications.js';
export { appealRating, decideAppeal } from './appeals.js';

export async function feedbackRoutes(app: FastifyInstance, ctx: AppContext) {
  await app.register(async (scope) => feedbackPortalRoutes(scope, ctx));
  await app.register(async (scope) => feedbackStaffRoutes(scope, ctx));
}
