import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app-context.js';
import { portalRoutes } from './portal.routes.js';
import { staffMatterRoutes } from './matters.routes.js';
import { oversightRoutes } from './oversight.routes.js';

export { kindCache } from './kinds.repo.js';
export { backfillMatterSearchText } from './search-text.js';
export * as matterService from './matters.service.js';
export { runSweep, startSweeper } from './sweep.js';
export { recomputeProvisionalDeadlines } from './provisional.js';

export async function matterRoutes(app: FastifyInstance, ctx: AppContext) {
  await app.register(async (scope) => portalRoutes(scope, ctx));
  await app.register(async (scope) => staffMatterRoutes(scope, ctx));
  await app.register(async (scope) => oversightRoutes(scope, ctx));
}
