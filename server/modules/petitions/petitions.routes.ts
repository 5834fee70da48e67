import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import {
  AcceptanceBody, EarlierPetition, EarlierQuery, ExtensionBody, OnlinePetitionBody, OpinionBody, PetitionFigures, PetitionIdParams,
  PetitionListQuery, PetitionSummaryRow, PetitionTrackingParams, PlanVisitBody, PortalPetitionView, RecordVisitBody, RegisterPetitionBody,
  RepeatLinkBody, ReviewRequestBody, StaffPetitionView, SummaryQuery,
} from '../../../common/contracts/petitions.js';
import { ErrorResponse, Id, Page } from '../../../common/contracts/shared.js';
import type { AppContext } from '../../app-context.js';
import { authenticate, requirePermission } from '../../platform/auth/guard.js';
import { AppError, localeOf } from '../../platform/http/errors.js';
import * as service from './petitions.service.js';
import { earlierView, listPetitions, petitionFigures, portalPetitionView, staffPetitionView } from './petitions.views.js';

const errors = { 400: ErrorResponse(), 401: ErrorResponse(), 403: ErrorResponse(), 404: ErrorResponse(), 409: ErrorResponse(), 422: ErrorResponse(), 429: ErrorResponse() };
const Done = Type.Object({ id: Type.Integer(), version: Type.Integer() });
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,64}$/;

/** The petitioner's side: the online form, the documents, the 复查/复核 request. */
export async function petitionPortalRoutes(app: FastifyInstance, ctx: AppContext) {
  const tags = ['portal'];
  const readLimit = { rateLimit: { max: ctx.rateLimits.portalReadPerMinute, timeWindow: 60_000 } };

  app.post('/api/v1/portal/petitions', {
    schema: {
      tags, summary: '网上信访（写明姓名、住址、请求、事实和理由）', body: OnlinePetitionBody,
      headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ description: '每份表单一个随机值；重试时原样带上，不会重复登记' })) }),
      response: { 201: Type.Object({ trackingCode: Type.String(), caseNo: Type.String(), receivedAt: Type.String() }), 200: Type.Object({ trackingCode: Type.String(), caseNo: Type.String(), receivedAt: Type.String() }), ...errors },
    },
    config: { rateLimit: { max: ctx.rateLimits.portalSubmitPerMinute, timeWindow: 60_000 } },
  }, async (request, reply) => {
    const key = request.headers['idempotency-key'];
    if (key !== undefined && (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key))) throw new AppError('IDEMPOTENCY_KEY_INVALID');
    const result = await service.submitOnline(ctx, request.body as OnlinePetitionBody, key as string | undefined);
    return reply.code(result.replayed ? 200 : 201).send({ trackingCode: result.trackingCode, caseNo: result.caseNo, receivedAt: result.receivedAt.toISOString() });
  });

  app.get('/api/v1/portal/petitions/:trackingCode', {
    schema: { tags, summary: '信访事项的告知书、意见书及日期', params: PetitionTrackingParams, response: { 200: PortalPetitionView, ...errors } },
    config: readLimit,
  }, async (request) => portalPetitionView(ctx, (request.params as { trackingCode: string }).trackingCode, localeOf(request)));

  app.post('/api/v1/portal/petitions/:trackingCode/review-requests', {
    schema: { tags, summary: '申请复查或复核（收到意见书之日起 30 日内）', params: PetitionTrackingParams, body: ReviewRequestBody,
      response: { 201: Type.Object({ level: Type.String(), cycle: Type.Integer() }), ...errors } },
    config: readLimit,
  }, async (request, reply) => {
    const result = await service.requestReview(ctx, (request.params as { trackingCode: string }).trackingCode, (request.body as { reason: string }).reason);
    return reply.code(201).send(result);
  });
}

/** The petition office's side. */
export async function petitionStaffRoutes(app: FastifyInstance, ctx: AppContext) {
  app.addHook('preHandler', authenticate(ctx.db, ctx.clock));
  const tags = ['staff: petitions'];
  type IdRequest = { params: { id: number } };

  app.get('/api/v1/staff/petitions', {
    schema: { tags, summary: '信访事项列表（阶段、下一期限；默认不含重复信访）', querystring: PetitionListQuery, response: { 200: Page(PetitionSummaryRow), ...errors } },
    preHandler: requirePermission('petition.manage'),
  }, async (request) => listPetitions(ctx, request.actor, request.query as PetitionListQuery));

  app.get('/api/v1/staff/petitions/figures', {
    schema: { tags, summary: '信访四率：及时受理率、按期办结率、参评率、满意率', querystring: SummaryQuery, response: { 200: PetitionFigures, ...errors } },
    preHandler: requirePermission('petition.manage'),
  }, async (request) => petitionFigures(ctx, request.actor, request.query as { from: string; to: string }));

  app.post('/api/v1/staff/petitions', {
    schema: { tags, summary: '登记来信、来访、多人走访', body: RegisterPetitionBody,
      response: { 201: Type.Object({ id: Type.Integer(), caseNo: Type.String(), trackingCode: Type.String(), notAccepted: Type.Boolean() }), ...errors } },
  }, async (request, reply) => reply.code(201).send(await service.registerPetition(ctx, request.actor, request.body as RegisterPetitionBody)));

  // POST: the phone and identity number stay out of URLs and access logs.
  app.post('/api/v1/staff/petitions/earlier', {
    schema: { tags, summary: '同一信访人此前的信访事项（按电话或身份证号）', body: EarlierQuery, response: { 200: Type.Array(EarlierPetition), ...errors } },
    preHandler: requirePermission('petition.manage'),
  }, async (request) => (await service.earlierPetitions(ctx, ctx.db, request.actor, request.body as { phone?: string; idNumber?: string })).map(earlierView));

  app.get('/api/v1/staff/petitions/:id', {
    schema: { tags, summary: '信访事项详情（事项页的信访卡片）', params: PetitionIdParams, response: { 200: StaffPetitionView, ...errors } },
  }, async (request) => staffPetitionView(ctx, request.actor, (request.params as { id: number }).id));

  const done = ({ id, version }: { id: number; version: number }) => ({ id, version });
  app.post('/api/v1/staff/petitions/:id/acceptance', {
    schema: { tags, summary: '受理或不予受理（书面告知理由，收到之日起 15 日内）', params: PetitionIdParams, body: AcceptanceBody, response: { 200: Done, ...errors } },
  }, async (request) => done(await service.decideAcceptance(ctx, request.actor, (request as IdRequest).params.id, request.body as { version: number; decision: 'accept' | 'not_accept'; reasons: string })));

  app.post('/api/v1/staff/petitions/:id/opinion', {
    schema: { tags, summary: '出具处理意见书、复查意见书或复核意见书', params: PetitionIdParams, body: OpinionBody, response: { 200: Done, ...errors } },
  }, async (request) => done(await service.giveOpinion(ctx, request.actor, (request as IdRequest).params.id, request.body as Parameters<typeof service.giveOpinion>[3])));

  app.post('/api/v1/staff/petitions/:id/extension', {
    schema: { tags, summary: '批准延期（一次，不超过 30 日，告知信访人理由）', params: PetitionIdParams, body: ExtensionBody, response: { 200: Done, ...errors } },
  }, async (request) => done(await service.extendPetition(ctx, request.actor, (request as IdRequest).params.id, request.body as { version: number; reason: string })));

  app.post('/api/v1/staff/petitions/:id/repeat-link', {
    schema: { tags, summary: '确认为重复信访并关联此前事项', params: PetitionIdParams, body: RepeatLinkBody, response: { 200: Done, ...errors } },
  }, async (request) => done(await service.linkRepeat(ctx, request.actor, (request as IdRequest).params.id, request.body as { version: number; repeatOf: number })));

  app.post('/api/v1/staff/petitions/:id/visits', {
    schema: { tags, summary: '安排带案回访', params: PetitionIdParams, body: PlanVisitBody,
      response: { 201: Type.Object({ id: Type.Integer(), version: Type.Integer(), visitId: Type.Integer() }), ...errors } },
  }, async (request, reply) => {
    const result = await service.planVisit(ctx, request.actor, (request as IdRequest).params.id, request.body as { plannedFor: string; visitors: string });
    return reply.code(201).send({ id: result.id, version: result.version, visitId: result.value.visitId });
  });

  app.post('/api/v1/staff/petitions/:id/visits/:visitId/record', {
    schema: { tags, summary: '记录带案回访结果（是否息诉罢访）', params: Type.Object({ id: Id, visitId: Id }, { additionalProperties: false }),
      body: RecordVisitBody, response: { 200: Done, ...errors } },
  }, async (request) => {
    const { id, visitId } = request.params as { id: number; visitId: number };
    return done(await service.recordVisit(ctx, request.actor, id, visitId, request.body as Parameters<typeof service.recordVisit>[4]));
  });
}
