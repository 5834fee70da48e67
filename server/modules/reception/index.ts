import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app-context.js';
import { portalReceptionRoutes, staffReceptionRoutes } from './reception.routes.js';

/** 局长接访日: leaders' reception days, bookings and meetings. Owns reception_days, reception_bookings, reception_matters. */
export async function receptionRoutes(app: FastifyInstance, ctx: AppContext) {
  await app.register(async (scope) => portalReceptionRoutes(scope, ctx));
  await app.register(async (scope) => staffReceptionRoutes(scope, ctx));
}
export { publishDay, book, recordMeeting, matterFromMeeting } from './reception.service.js';
