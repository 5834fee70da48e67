import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app-context.js';
import { postRoutes as routes } from './posts.routes.js';

export { submitPost, moderate } from './posts.service.js';

/** 群众信箱 and 网上留言: letters and posts are matters; this module owns their publication (public_posts). */
export async function postRoutes(app: FastifyInstance, ctx: AppContext) {
  await app.register(async (scope) => routes(scope, ctx));
}
