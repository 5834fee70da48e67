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

export async function matterRoutes(app: FastifyInstance, ctx: AppContext) {
  await app.register(async (scope) => portalRoutes(scope, ctx));
  await app.register(async (scope) => staffMatterRoutes(scope, ctx));
  await app.register(async (scope) => oversightRoutes(scope, ctx));
  await app.register(async (scope) => attachmentRoutes(scope, ctx, attachmentAccess(ctx)));
}
