import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app-context.js';
import { statsRoutes as routes } from './stats.routes.js';

/** 统计分析: the dashboard and its .xlsx export. Reads the matters module's tables; owns none. */
export async function statsRoutes(app: FastifyInstance, ctx: AppContext) {
  await app.register(async (scope) => routes(scope, ctx));
}
