import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import {
  ContactProposerBody, CoOpinionBody, ProposalList, ProposalListQuery, ProposalReplyBody, ProposalView, RedoBody, RegisterProposalBody,
} from '../../../common/contracts/proposals.js';
import { MatterIdParams } from '../../../common/contracts/matters.js';
import { ErrorResponse } from '../../../common/contracts/shared.js';
import type { AppContext } from '../../app-context.js';
import { authenticate, requirePermission } from '../../platform/auth/guard.js';
import * as service from './proposals.service.js';

const errors = { 400: ErrorResponse(), 401: ErrorResponse(), 403: ErrorResponse(), 404: ErrorResponse(), 409: ErrorResponse() };
const Done = Type.Object({ id: Type.Integer(), version: Type.Integer() });
type Id = { id: number };

export async function proposalRoutes(app: FastifyInstance, ctx: AppContext) {
  app.addHook('preHandler', authenticate(ctx.db, ctx.clock));
  const tags = ['staff: proposals'];

  app.get('/api/v1/staff/proposals', {
    schema: { tags, summary: '建议提案列表（按届次、类别、主办单位、状态、答复类别）及办复率、满意率、分类占比、超期件数',
      querystring: ProposalListQuery, response: { 200: ProposalList, ...errors } },
    preHandler: requirePermission('proposal.manage'),
  }, async (request) => service.listProposals(ctx, request.actor, request.query as ProposalListQuery));

  app.post('/api/v1/staff/proposals', {
    schema: { tags, summary: '登记并交办建议提案（县局机关）', body: RegisterProposalBody,
      response: { 201: Type.Object({ id: Type.Integer(), caseNo: Type.String(), trackingCode: Type.String() }), ...errors } },
  }, async (request, reply) => reply.code(201).send(await service.registerProposal(ctx, request.actor, request.body as RegisterProposalBody)));

  app.get('/api/v1/staff/matters/:id/proposal', {
    schema: { tags, summary: '事项的建议提案信息：协办意见、分类答复、代表委员评价（个人信息脱敏）', params: MatterIdParams,
      response: { 200: ProposalView, ...errors } },
  }, async (request) => service.proposalView(ctx, request.actor, (request.params as Id).id));

  app.post('/api/v1/staff/matters/:id/proposal/contact', {
    schema: { tags, summary: '记录办前沟通（面商）', params: MatterIdParams, body: ContactProposerBody, response: { 200: Done, ...errors } },
  }, async (request) => {
    const { id, version } = await service.contactProposer(ctx, request.actor, (request.params as Id).id, request.body as ContactProposerBody);
    return { id, version };
  });

  app.post('/api/v1/staff/matters/:id/proposal/opinions', {
    schema: { tags, summary: '协办单位提交书面意见', params: MatterIdParams, body: CoOpinionBody, response: { 200: Done, ...errors } },
  }, async (request) => {
    const { id, version } = await service.submitCoOpinion(ctx, request.actor, (request.params as Id).id, (request.body as { opinion: string }).opinion);
    return { id, version };
  });

  app.post('/api/v1/staff/matters/:id/proposal/reply', {
    schema: { tags, summary: '主办单位分类答复（A/B/C/D），办结本轮办理', params: MatterIdParams, body: ProposalReplyBody, response: { 200: Done, ...errors } },
  }, async (request) => {
    const { id, version } = await service.replyToProposal(ctx, request.actor, (request.params as Id).id, request.body as ProposalReplyBody);
    return { id, version };
  });

  app.post('/api/v1/staff/matters/:id/proposal/redo', {
    schema: { tags, summary: '代表委员不满意：安排重办（一个月内重新答复）', params: MatterIdParams, body: RedoBody, response: { 200: Done, ...errors } },
  }, async (request) => {
    const { id, version } = await service.orderRedo(ctx, request.actor, (request.params as Id).id, request.body as { version: number; reason: string });
    return { id, version };
  });
}
