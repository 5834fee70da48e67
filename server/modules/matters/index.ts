import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app-context.js';
import { portalRoutes } from './portal.routes.js';
import { staffMatterRoutes } from './matters.routes.js';
import { oversightRoutes } from './oversight.routes.js';
import { attachmentRoutes } from '../attachments/index.js';
import { attachmentAccess } from './matter-attachments.js';

export { kindCache, listKinds } from './kinds.repo.js';
export { openMattersByUnit } from './unit-workload.js';
export { backfillMatterSearchText } from './search-text.js';
export * as matterService from './matters.service.js';
export { rateByCitizen } from './ratings.js';
export { runSweep, startSweeper } from './sweep.js';
export { recomputeProvisionalDeadlines } from './provisional.js';
export { visibleMattersCondition } from './matter-access.js';
export { overdueClockCondition } from './matters.list.js';
export { neutralise } from './matters.export.js';
export { assertNotDuplicate } from './duplicates.js';
// For the modules that build a channel's procedure on the matter (信访, 回访, 建议提案, 接访日 …): their own actions
// go through act() and citizenAct() and move the matter's clocks, ratings and timeline in the same transaction.
export { addInvolvedUnit, appendEvent, findMatterById, findPortalSubmission, insertMatter, loadDeadlines, loadTimeline, updateMatter, type DeadlineRow, type MatterRow } from './matters.repo.js';
export {
  cancelClocks, clocksStartingOn, extendClock, startChannelClock, startClocks, startNewCycle, stopClock, stopClocksEndingOn,
} from './deadlines.js';
export { loadRatings, recordRating, type RatingRow } from './ratings.js';
export { assertMay, relationsOf } from './matter-access.js';
export { formatTrackingCode, newTrackingCode } from './tracking-code.js';
export { containsPattern, normaliseSearch } from './search-text.js';
// Complaints about officers (server/modules/conduct): the recusal the core enforces, computed when officers are linked.
export { applyRecusal, chainOfCommand } from './recusal.js';
export { supervisionOffice } from './complaint-intake.js';

export async function matterRoutes(app: FastifyInstance, ctx: AppContext) {
  await app.register(async (scope) => portalRoutes(scope, ctx));
  await app.register(async (scope) => staffMatterRoutes(scope, ctx));
  await app.register(async (scope) => oversightRoutes(scope, ctx));
  await app.register(async (scope) => attachmentRoutes(scope, ctx, attachmentAccess(ctx)));
}
