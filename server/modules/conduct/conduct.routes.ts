import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import {
  ConductCardView, ConductListQuery, ConductMatterSummary, FindingBody, LinkOfficerBody, ObservationBody, ObservationView, OfficerOption,
  OfficerParams, OfficerRecord, OfficerSearchQuery, RegisterComplaintBody, ReporterView, UnlinkOfficerBody, UnsealBody,
  type Finding, type ObservationBody as ObservationBodyType, type RegisterComplaintBody as RegisterComplaintBodyType,
} from '../../../common/contracts/conduct.js';
import { MatterIdParams } from '../../../common/contracts/matters.js';
import { ErrorResponse, Page } from '../../../common/contracts/shared.js';
import type { AppContext } from '../../app-context.js';
import { authenticate, requirePermission } from '../../platform/auth/guard.js';
import { localeOf } from '../../platform/http/errors.js';
import * as repo from './conduct.repo.js';
import * as service from './conduct.service.js';

const errors = { 400: ErrorResponse(), 401: ErrorResponse(), 403: ErrorResponse(), 404: ErrorResponse(), 409: ErrorResponse() };
const Done = Type.Object({ id: Type.Integer(), version: Type.Integer() });

/** 投诉、举报、警风警纪监督员: the supervision office's pages, the matter page's card, the conduct supervisors' own pages. */
export async function conductRoutes(app: FastifyInstance, ctx: AppContext) {
  app.addHook('preHandler', authenticate(ctx.db, ctx.clock));
  const tags = ['staff: conduct'];

  app.get('/api/v1/staff/conduct/matters', {
    schema: { tags, summary: '投诉、举报、监督意见列表（督察）', querystring: ConductListQuery, response: { 200: Page(ConductMatterSummary), ...errors } },
    preHandler: requirePermission('complaint.manage'),
  }, async (request) => repo.listConductMatters(ctx.db, request.actor, request.query as ConductListQuery));

  app.get('/api/v1/staff/conduct/matters/:id', {
    schema: { tags, summary: '事项的投诉举报信息：涉及民警、认定结果、举报人是否密封', params: MatterIdParams, response: { 200: ConductCardView, ...errors } },
  }, async (request) => service.conductCard(ctx, request.actor, (request.params as { id: number }).id));

  app.post('/api/v1/staff/conduct/matters/:id/officers', {
    schema: { tags, summary: '关联涉及民警（本人及其指挥链随即回避）', params: MatterIdParams, body: LinkOfficerBody, response: { 200: Done, ...errors } },
    preHandler: requirePermission('complaint.manage'),
  }, async (request) => {
    const { id, version } = await service.linkOfficer(ctx, request.actor, (request.params as { id: number }).id, request.body as { version: number; officerId: number });
    return { id, version };
  });

  app.post('/api/v1/staff/conduct/matters/:id/officers/:officerId/unlink', {
    schema: { tags, summary: '取消关联涉及民警（须说明理由）', params: OfficerParams, body: UnlinkOfficerBody, response: { 200: Done, ...errors } },
    preHandler: requirePermission('complaint.manage'),
  }, async (request) => {
    const { id, officerId } = request.params as { id: number; officerId: number };
    const result = await service.unlinkOfficer(ctx, request.actor, id, officerId, request.body as { version: number; reason: string });
    return { id: result.id, version: result.version };
  });

  app.post('/api/v1/staff/conduct/matters/:id/officers/:officerId/finding', {
    schema: { tags, summary: '认定是否属实（答复后），计入民警个人档案', params: OfficerParams, body: FindingBody, response: { 200: Done, ...errors } },
    preHandler: requirePermission('complaint.manage'),
  }, async (request) => {
    const { id, officerId } = request.params as { id: number; officerId: number };
    const result = await service.recordFinding(ctx, request.actor, id, officerId, request.body as { version: number; finding: Finding });
    return { id: result.id, version: result.version };
  });

  app.post('/api/v1/staff/conduct/matters/:id/reporter', {
    schema: { tags, summary: '解封举报人信息（督察、局领导、承办单位负责人；须填理由，记入办理过程和审计日志）', params: MatterIdParams,
      body: UnsealBody, response: { 200: ReporterView, ...errors } },
    preHandler: requirePermission('report.unseal'),
  }, async (request) => service.unsealReporter(ctx, request.actor, (request.params as { id: number }).id, (request.body as { reason: string }).reason, request.ip));

  app.post('/api/v1/staff/conduct/complaints', {
    schema: { tags, summary: '登记投诉、举报并关联涉及民警', body: RegisterComplaintBody,
      response: { 201: Type.Object({ id: Type.Integer(), caseNo: Type.String(), trackingCode: Type.String() }), ...errors } },
    preHandler: requirePermission('matter.register'),
  }, async (request, reply) => reply.code(201).send(await service.registerComplaint(ctx, request.actor, request.body as RegisterComplaintBodyType)));

  app.get('/api/v1/staff/conduct/officers', {
    schema: { tags, summary: '按姓名或警号查找民警（关联涉及民警时选择）', querystring: OfficerSearchQuery, response: { 200: Type.Array(OfficerOption), ...errors } },
    preHandler: requirePermission('complaint.manage'),
  }, async (request) => repo.searchOfficers(ctx.db, (request.query as { q: string }).q));

  app.get('/api/v1/staff/conduct/officer-records', {
    schema: { tags, summary: '民警个人投诉举报记录：涉及件数、属实、不属实、待认定', response: { 200: Type.Array(OfficerRecord), ...errors } },
    preHandler: requirePermission('complaint.manage'),
  }, async (request) => repo.officerRecords(ctx.db, request.actor));

  app.post('/api/v1/staff/conduct/observations', {
    schema: { tags, summary: '提交监督意见（警风警纪监督员）', body: ObservationBody,
      response: { 201: Type.Object({ id: Type.Integer(), caseNo: Type.String(), trackingCode: Type.String() }), ...errors } },
    preHandler: requirePermission('observation.file'),
  }, async (request, reply) => reply.code(201).send(await service.fileObservation(ctx, request.actor, request.body as ObservationBodyType)));

  app.get('/api/v1/staff/conduct/observations', {
    schema: { tags, summary: '我的监督意见：办理状态和答复（警风警纪监督员）', response: { 200: Type.Array(ObservationView), ...errors } },
    preHandler: requirePermission('observation.file'),
  }, async (request) => service.myObservations(ctx, request.actor, localeOf(request)));
}
