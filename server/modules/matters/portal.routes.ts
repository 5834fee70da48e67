import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import {
  PortalMatterView, PortalSubmissionBody, PortalSubmissionResult, ReopenBody, SupplementBody, TrackingCodeParams,
} from '../../../common/contracts/matters.js';
import { ErrorResponse } from '../../../common/contracts/shared.js';
import { MULTIPART_NOTE } from '../../../common/contracts/attachments.js';
import { acceptUploads, multipartBody, uploadsOf } from '../attachments/index.js';
import { PublicJurisdiction } from '../../../common/contracts/jurisdictions.js';
import { RatingBody } from '../../../common/contracts/ratings.js';
import type { AppContext } from '../../app-context.js';
import { AppError, localeOf } from '../../platform/http/errors.js';
import { listKinds } from './kinds.repo.js';
import { presentPublicMatter } from './matters.presenter.js';
import * as service from './matters.service.js';
import { rateByCitizen } from './ratings.js';
import { formatTrackingCode } from './tracking-code.js';

const isMultipartRequest = (request: FastifyRequest) => /^multipart\//i.test(request.headers['content-type'] ?? '');
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,64}$/;
const errors = { 400: ErrorResponse(), 404: ErrorResponse(), 409: ErrorResponse(), 413: ErrorResponse(), 415: ErrorResponse(), 422: ErrorResponse(), 429: ErrorResponse() };

export async function portalRoutes(app: FastifyInstance, ctx: AppContext) {
  const tags = ['portal'];
  const submitMax = ctx.rateLimits.portalSubmitPerMinute;
  const readMax = ctx.rateLimits.portalReadPerMinute;
  const readLimit = { rateLimit: { max: readMax, timeWindow: 60_000 } };
  // Submissions and supplements may bring files (附件): multipart/form-data in this child scope only,
  // so that the other portal routes never parse a multipart body.
  await app.register(async (uploads) => {
    await acceptUploads(uploads);

    uploads.post('/api/v1/portal/matters', {
      schema: {
        tags, summary: '提交诉求（咨询、求助、投诉、举报、建议）', body: PortalSubmissionBody,
        description: `${MULTIPART_NOTE}表单字段 submission 放本接口的 JSON。`,
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ description: '每份表单一个随机值；重试时原样带上，不会重复登记' })) }),
        response: { 201: PortalSubmissionResult, 200: PortalSubmissionResult, ...errors },
      },
      config: { rateLimit: { max: submitMax, timeWindow: 60_000 } },
      preValidation: multipartBody('submission'),
    }, async (request, reply) => {
      const key = request.headers['idempotency-key'];
      if (key !== undefined && (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key))) throw new AppError('IDEMPOTENCY_KEY_INVALID');
      const result = await service.submitFromPortal(ctx, request.body as PortalSubmissionBody, key as string | undefined, uploadsOf(request));
      // The matter is committed before this answer is sent: a tracking code in hand is never lost.
      return reply.code(result.replayed ? 200 : 201).send({
        trackingCode: formatTrackingCode(result.trackingCode), caseNo: result.caseNo, receivedAt: result.receivedAt.toISOString(),
      });
    });

    uploads.post('/api/v1/portal/matters/:trackingCode/supplements', {
      schema: { tags, summary: '按要求补充材料', description: `${MULTIPART_NOTE}表单字段 supplement 放本接口的 JSON。`,
        params: TrackingCodeParams, body: SupplementBody, response: { 204: Type.Null(), ...errors } },
      // A multipart supplement may bring up to 90 MB, read before the tracking code and the state are
      // checked: it is counted against the submission limit, like a submission (the simpler of the two
      // fixes; checking the code first would mean reading the stream in the handler). A JSON one stays
      // a read. The limit is taken in onRequest, before the body is parsed: hence the header, not isMultipart().
      config: { rateLimit: { max: (request: FastifyRequest) => (isMultipartRequest(request) ? submitMax : readMax), timeWindow: 60_000 } },
      preValidation: multipartBody('supplement'),
    }, async (request, reply) => {
      await service.supplementFromCitizen(ctx, (request.params as { trackingCode: string }).trackingCode, (request.body as { text: string }).text,
        uploadsOf(request));
      return reply.code(204).send();
    });
  });

  app.get('/api/v1/portal/matters/:trackingCode', {
    schema: { tags, summary: '凭查询码查看办理进度', params: TrackingCodeParams, response: { 200: PortalMatterView, ...errors } },
    config: readLimit,
  }, async (request) => {
    const matter = await service.matterByTrackingCode(ctx, ctx.db, (request.params as { trackingCode: string }).trackingCode);
    return presentPublicMatter(ctx, matter, localeOf(request));
  });

  app.post('/api/v1/portal/matters/:trackingCode/reopen', {
    schema: { tags, summary: '办结后申请重新办理', params: TrackingCodeParams, body: ReopenBody, response: { 204: Type.Null(), ...errors } },
    config: readLimit,
  }, async (request, reply) => {
    await service.reopenByCitizen(ctx, (request.params as { trackingCode: string }).trackingCode, (request.body as { reason: string }).reason);
    return reply.code(204).send();
  });

  app.post('/api/v1/portal/matters/:trackingCode/rating', {
    schema: { tags, summary: '办结后评价办理结果（满意度评价，每次办理一次，提交后不能修改）', params: TrackingCodeParams, body: RatingBody,
      response: { 204: Type.Null(), ...errors } },
    config: readLimit,
  }, async (request, reply) => {
    await rateByCitizen(ctx, (request.params as { trackingCode: string }).trackingCode, request.body as RatingBody);
    return reply.code(204).send();
  });

  app.get('/api/v1/portal/kinds', {
    schema: { tags, summary: '可网上提交的事项类型及承诺时限', response: { 200: Type.Array(Type.Object({
      code: Type.String(), nameZh: Type.String(), nameEn: Type.String(),
      stages: Type.Array(Type.Object({ stage: Type.String(), amount: Type.Integer(), unit: Type.String() })),
    })) } },
  }, async () => (await listKinds(ctx.db)).filter((kind) => kind.publicSubmission));

  app.get('/api/v1/portal/jurisdictions', {
    schema: { tags, summary: '辖区（派出所）列表及边界（辖区图）', response: { 200: Type.Array(PublicJurisdiction) } },
  }, async () => ctx.org.jurisdictions());
}
