import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import {
  AppealBody, AppealDecisionBody, AppealListItem, AppealListQuery, CallOutcomeBody, CallQueueItem, CallQueueQuery, CallRevealBody,
  CycleParams, FollowUpLinkView, FOLLOW_UP_STATUSES, LinkTokenParams, MatterFeedbackView, PortalRectificationView, RectifyBody,
} from '../../../common/contracts/feedback.js';
import { TrackingCodeParams } from '../../../common/contracts/matters.js';
import { RatingBody } from '../../../common/contracts/ratings.js';
import { ErrorResponse, Id } from '../../../common/contracts/shared.js';
import type { AppContext } from '../../app-context.js';
import { authenticate, requirePermission } from '../../platform/auth/guard.js';
import { localeOf } from '../../platform/http/errors.js';
import { appealRating, decideAppeal, listAppeals, matterFeedback, portalRectifications } from './appeals.js';
import { callQueue, rateByLink, recordCall, revealForCall, viewLink } from './follow-ups.js';
import { answerRectification } from './rectifications.js';

const errors = {
  400: ErrorResponse(), 401: ErrorResponse(), 403: ErrorResponse(), 404: ErrorResponse(), 409: ErrorResponse(), 410: ErrorResponse(), 429: ErrorResponse(),
};
const MatterParams = Type.Object({ id: Id }, { additionalProperties: false });
type Cycle = { id: number; cycle: number };

/** The citizen's side: the one-time link of a follow-up message, and the rectification feedback on the tracking page. */
export async function feedbackPortalRoutes(app: FastifyInstance, ctx: AppContext) {
  const tags = ['portal'];
  // Like the portal's other public reads and writes: a link cannot be guessed, nor tried in bulk.
  const readLimit = { rateLimit: { max: ctx.rateLimits.portalReadPerMinute, timeWindow: 60_000 } };

  app.get('/api/v1/portal/follow-ups/:token', {
    schema: { tags, summary: '回访评价链接：查看所办事项（不含个人信息）', params: LinkTokenParams, response: { 200: FollowUpLinkView, ...errors } },
    config: readLimit,
  }, async (request) => viewLink(ctx, (request.params as { token: string }).token, localeOf(request)));

  app.post('/api/v1/portal/follow-ups/:token', {
    schema: { tags, summary: '回访评价链接：提交满意度评价（链接仅可使用一次）', params: LinkTokenParams, body: RatingBody,
      response: { 204: Type.Null(), ...errors } },
    config: readLimit,
  }, async (request, reply) => {
    await rateByLink(ctx, (request.params as { token: string }).token, request.body as RatingBody);
    return reply.code(204).send();
  });

  app.get('/api/v1/portal/matters/:trackingCode/rectifications', {
    schema: { tags, summary: '不满意评价的整改及反馈', params: TrackingCodeParams, response: { 200: Type.Array(PortalRectificationView), ...errors } },
    config: readLimit,
  }, async (request) => portalRectifications(ctx, (request.params as { trackingCode: string }).trackingCode));
}

export async function feedbackStaffRoutes(app: FastifyInstance, ctx: AppContext) {
  app.addHook('preHandler', authenticate(ctx.db, ctx.clock));
  const tags = ['staff: feedback'];

  app.get('/api/v1/staff/follow-ups', {
    schema: { tags, summary: '回访队列（指挥中心）', querystring: CallQueueQuery, response: { 200: Type.Array(CallQueueItem), ...errors } },
    preHandler: requirePermission('followUp.call'),
  }, async (request) => callQueue(ctx, request.actor, (request.query as { status?: 'calling' | 'link_sent' | 'done' }).status));

  app.post('/api/v1/staff/follow-ups/:id/calls', {
    schema: { tags, summary: '记录电话回访结果（承办人及承办单位须回避）', params: MatterParams, body: CallOutcomeBody,
      response: { 200: Type.Object({ status: Type.Enum([...FOLLOW_UP_STATUSES]), version: Type.Integer(), callAttempts: Type.Integer() }), ...errors } },
    preHandler: requirePermission('followUp.call'),
  }, async (request) => recordCall(ctx, request.actor, (request.params as { id: number }).id, request.body as CallOutcomeBody));

  app.post('/api/v1/staff/follow-ups/:id/reveal', {
    schema: { tags, summary: '回访时查看完整电话号码（须填理由，留痕）', params: MatterParams, body: CallRevealBody,
      response: { 200: Type.Object({ name: Type.Union([Type.String(), Type.Null()]), phone: Type.Union([Type.String(), Type.Null()]) }), ...errors } },
    preHandler: requirePermission('followUp.call'),
  }, async (request) => revealForCall(ctx, request.actor, (request.params as { id: number }).id, (request.body as { reason: string }).reason));

  app.get('/api/v1/staff/matters/:id/feedback', {
    schema: { tags, summary: '事项的回访、评价、整改与申诉', params: MatterParams, response: { 200: MatterFeedbackView, ...errors } },
  }, async (request) => matterFeedback(ctx, request.actor, (request.params as { id: number }).id));

  app.post('/api/v1/staff/matters/:id/rectifications/:cycle', {
    schema: { tags, summary: '反馈整改情况（被评价的承办单位；群众可见并短信告知）', params: CycleParams, body: RectifyBody,
      response: { 200: Type.Object({ cycle: Type.Integer() }), ...errors } },
  }, async (request) => {
    const { id, cycle } = request.params as Cycle;
    return (await answerRectification(ctx, request.actor, id, cycle, request.body as RectifyBody)).value;
  });

  app.post('/api/v1/staff/matters/:id/ratings/:cycle/appeal', {
    schema: { tags, summary: '对评价申诉（被评价单位，每个评价一次）', params: CycleParams, body: AppealBody,
      response: { 201: Type.Object({ cycle: Type.Integer() }), ...errors } },
    preHandler: requirePermission('rating.appeal'),
  }, async (request, reply) => {
    const { id, cycle } = request.params as Cycle;
    return reply.code(201).send((await appealRating(ctx, request.actor, id, cycle, (request.body as { reason: string }).reason)).value);
  });

  app.post('/api/v1/staff/matters/:id/ratings/:cycle/appeal/decision', {
    schema: { tags, summary: '裁决评价申诉（督察；申诉人和被评价单位回避）', params: CycleParams, body: AppealDecisionBody,
      response: { 200: Type.Object({ cycle: Type.Integer(), decision: Type.Enum(['upheld', 'rejected']) }), ...errors } },
    preHandler: requirePermission('rating.decideAppeal'),
  }, async (request) => {
    const { id, cycle } = request.params as Cycle;
    return (await decideAppeal(ctx, request.actor, id, cycle, request.body as { decision: 'upheld' | 'rejected'; reason: string })).value;
  });

  app.get('/api/v1/staff/rating-appeals', {
    schema: { tags, summary: '评价申诉列表（督察）', querystring: AppealListQuery, response: { 200: Type.Array(AppealListItem), ...errors } },
    preHandler: requirePermission('rating.decideAppeal'),
  }, async (request) => listAppeals(ctx, request.actor, (request.query as { status?: 'pending' | 'decided' }).status));
}
