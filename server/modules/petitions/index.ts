import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app-context.js';
import { petitionPortalRoutes, petitionStaffRoutes } from './petitions.routes.js';

/** 信访 under the statutory procedure (信访工作条例 2022) and 带案回访; owns petitions, petition_opinions, petition_visits. */
export async function petitionRoutes(app: FastifyInstance, ctx: AppContext) {
  await app.register(async (scope) => petitionPortalRoutes(scope, ctx));
  await app.register(async (scope) => petitionStaffRoutes(scope, ctx));
}

export * as petitionService from './petitions.service.js';
