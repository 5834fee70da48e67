import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app-context.js';
import { proposalRoutes as routes } from './proposals.routes.js';

/** 建议提案: NPC deputies' suggestions and CPPCC members' proposals. Owns proposal_rules, proposals, proposal_co_units, proposal_replies. */
export async function proposalRoutes(app: FastifyInstance, ctx: AppContext) {
  await app.register(async (scope) => routes(scope, ctx));
}
export { registerProposal, replyToProposal, contactProposer, submitCoOpinion } from './proposals.service.js';
