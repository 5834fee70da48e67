import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import {
  BoardPostBody, MailboxLetterBody, ModerationBody, ModerationQuery, OwnPostView, POST_LIMITS, PostParams, PostSubmissionResult,
  PublicPostPage, PublicPostQuery, StaffPost, StaffPostPage, type ModerationQuery as ModerationQueryType, type PostChannel,
  type PublicPostQuery as PublicPostQueryType,
} from '../../../common/contracts/posts.js';
import { TrackingCodeParams } from '../../../common/contracts/matters.js';
import { ErrorResponse } from '../../../common/contracts/shared.js';
import type { AppContext } from '../../app-context.js';
import { authenticate } from '../../platform/auth/guard.js';
import { AppError, localeOf } from '../../platform/http/errors.js';
import { formatTrackingCode } from '../matters/index.js';
import * as service from './posts.service.js';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,64}$/;
const publicErrors = { 400: ErrorResponse(), 404: ErrorResponse(), 409: ErrorResponse(), 413: ErrorResponse(), 422: ErrorResponse(), 429: ErrorResponse() };
const staffErrors = { 400: ErrorResponse(), 401: ErrorResponse(), 403: ErrorResponse(), 404: ErrorResponse(), 409: ErrorResponse() };

/** 群众信箱 and 网上留言: the portal's forms and public lists, the poster's own result, and 留言审核 in the console. */
export async function postRoutes(app: FastifyInstance, ctx: AppContext) {
  const submitLimit = { rateLimit: { max: ctx.rateLimits.portalSubmitPerMinute, timeWindow: 60_000 } };
  const readLimit = { rateLimit: { max: ctx.rateLimits.portalReadPerMinute, timeWindow: 60_000 } };
  const tags = ['portal'];

  const submitRoute = (url: string, channel: PostChannel, body: typeof MailboxLetterBody | typeof BoardPostBody, summary: string) =>
    app.post(url, {
      schema: {
        tags, summary, body,
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ description: '每份表单一个随机值；重试时原样带上，不会重复登记' })) }),
        response: { 201: PostSubmissionResult, 200: PostSubmissionResult, ...publicErrors },
      },
      // A post is a few kilobytes of text: anything larger is refused before it is parsed.
      bodyLimit: POST_LIMITS.bodyBytes,
      config: submitLimit,
    }, async (request, reply) => {
      const key = request.headers['idempotency-key'];
      if (key !== undefined && (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key))) throw new AppError('IDEMPOTENCY_KEY_INVALID');
      const result = await service.submitPost(ctx, channel, request.body as MailboxLetterBody | BoardPostBody, key as string | undefined);
      return reply.code(result.replayed ? 200 : 201).send({
        trackingCode: formatTrackingCode(result.trackingCode), caseNo: result.caseNo,
        receivedAt: result.receivedAt.toISOString(), moderation: result.moderation,
      });
    });

  submitRoute('/api/v1/portal/mailbox', 'mailbox', MailboxLetterBody, '局长信箱：写信（7 个工作日内答复，复杂的不超过 15 个工作日）');
  submitRoute('/api/v1/portal/board', 'message_board', BoardPostBody, '网上留言：发表留言（审核后公开，个人信息不公开）');

  app.get('/api/v1/portal/posts', {
    schema: { tags, summary: '已公开的网上留言或局长信箱来信及答复（分页、可搜索；不含任何个人信息）', querystring: PublicPostQuery,
      response: { 200: PublicPostPage, ...publicErrors } },
    config: readLimit,
  }, async (request) => service.publicPosts(ctx, request.query as PublicPostQueryType, localeOf(request)));

  app.get('/api/v1/portal/matters/:trackingCode/post', {
    schema: { tags, summary: '凭查询码查看本人来信或留言的审核结果（未公开的理由）', params: TrackingCodeParams,
      response: { 200: OwnPostView, ...publicErrors } },
    config: readLimit,
  }, async (request) => service.ownPost(ctx, (request.params as { trackingCode: string }).trackingCode, localeOf(request)));

  await app.register(async (staff) => {
    staff.addHook('preHandler', authenticate(ctx.db, ctx.clock));
    const staffTags = ['staff: posts'];

    staff.get('/api/v1/staff/posts', {
      schema: { tags: staffTags, summary: '留言审核：待审核（先到先审）或已审核的来信和留言（按权限范围）', querystring: ModerationQuery,
        response: { 200: StaffPostPage, ...staffErrors } },
    }, async (request) => service.moderationList(ctx, request.actor, request.query as ModerationQueryType, localeOf(request)));

    staff.get('/api/v1/staff/posts/:matterId', {
      schema: { tags: staffTags, summary: '事项的来信或留言及其审核情况', params: PostParams, response: { 200: StaffPost, ...staffErrors } },
    }, async (request) => service.staffPost(ctx, request.actor, (request.params as { matterId: number }).matterId, localeOf(request)));

    staff.post('/api/v1/staff/posts/:matterId/moderation', {
      schema: { tags: staffTags, summary: '审核：公开（可删改个人信息后公开）或不予公开（须选理由，短信告知留言人）', params: PostParams,
        body: ModerationBody, response: { 200: StaffPost, ...staffErrors } },
    }, async (request) => service.moderate(ctx, request.actor, (request.params as { matterId: number }).matterId,
      request.body as ModerationBody, localeOf(request)));
  });
}
