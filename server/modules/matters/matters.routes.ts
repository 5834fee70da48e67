import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type Static, type TSchema } from 'typebox';
import { KindUpdateBody, KindView } from '../../../common/contracts/kinds.js';
import {
  AnswerSupervisionBody, MatterExportQuery, MatterIdParams, MatterListQuery, NoteBody, PauseBody, RegisterMatterBody, ReplyBody, RequestInfoBody,
  RevealBody, StaffMatterSummary, StaffMatterView, SuperviseBody, TransferBody, VersionBody, VersionReasonBody,
} from '../../../common/contracts/matters.js';
import { ErrorResponse, Id, Page } from '../../../common/contracts/shared.js';
import type { AppContext } from '../../app-context.js';
import { recordAudit } from '../../platform/audit.js';
import { authenticate, requirePermission } from '../../platform/auth/guard.js';
import { AppError } from '../../platform/http/errors.js';
import { sendDownload } from '../../platform/http/download.js';
import { listKinds, updateKind } from './kinds.repo.js';
import { checkKindRules } from './kind-rules.js';
import { assertMay } from './matter-access.js';
import { exportMatters } from './matters.export.js';
import { listMatters, workbenchCounts, type ListQuery } from './matters.list.js';
import { presentStaffMatter } from './matters.presenter.js';
import { findMatterById } from './matters.repo.js';
import * as service from './matters.service.js';
import { ownedByProcedure, type MatterAction } from '../../../common/workflow.js';

const errors = { 400: ErrorResponse(), 401: ErrorResponse(), 403: ErrorResponse(), 404: ErrorResponse(), 409: ErrorResponse() };
const Done = Type.Object({ id: Type.Integer(), version: Type.Integer() });

type Body<T> = FastifyRequest<{ Body: T; Params: { id: number } }>;

export async function staffMatterRoutes(app: FastifyInstance, ctx: AppContext) {
  app.addHook('preHandler', authenticate(ctx.db, ctx.clock));
  const tags = ['staff: matters'];

  async function current(request: FastifyRequest, id: number) {
    const matter = await findMatterById(ctx.db, id);
    assertMay(request.actor, matter, 'matter.read');
    return presentStaffMatter(ctx, request.actor, matter);
  }

  app.get('/api/v1/staff/matters', {
    schema: { tags, summary: '事项列表（按权限范围，服务端分页）', querystring: MatterListQuery, response: { 200: Page(StaffMatterSummary), ...errors } },
    preHandler: requirePermission('matter.list'),
  }, async (request) => listMatters(ctx, request.actor, request.query as ListQuery));

  app.get('/api/v1/staff/matters/export.xlsx', {
    schema: { tags, summary: '导出事项列表（.xlsx，与列表相同的筛选条件和权限范围，不含个人信息，最多 10000 条）',
      querystring: MatterExportQuery, produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'], response: errors },
    preHandler: requirePermission('matter.list'),
  }, async (request, reply) => {
    const query = request.query as MatterExportQuery;
    const file = await exportMatters(ctx, request.actor, query);
    await recordAudit(ctx.db, { actorStaffId: request.actor.staffId, action: 'matter.exported', outcome: 'success', ip: request.ip,
      detail: { filters: { ...query }, rows: file.rows } });
    return sendDownload(reply, { ...file, asciiName: `matters-${file.filename.slice(5, 13)}.xlsx` });
  });

  app.get('/api/v1/staff/workbench', {
    schema: { tags, summary: '工作台各页签的数量：我的事项、待签收、临期、超期、督办', response: { 200: Type.Object({
      mine: Type.Integer(), toAccept: Type.Integer(), dueSoon: Type.Integer(), overdue: Type.Integer(), supervisionOrders: Type.Integer(),
    }), ...errors } },
    preHandler: requirePermission('matter.list'),
  }, async (request) => workbenchCounts(ctx, request.actor));

  app.post('/api/v1/staff/matters', {
    schema: { tags, summary: '登记事项（窗口、电话、来信、来访）', body: RegisterMatterBody,
      response: { 201: Type.Object({ id: Type.Integer(), caseNo: Type.String(), trackingCode: Type.String() }), ...errors } },
  }, async (request, reply) => {
    const created = await service.registerMatter(ctx, request.actor, request.body as RegisterMatterBody);
    return reply.code(201).send(created);
  });

  app.get('/api/v1/staff/matters/:id', {
    schema: { tags, summary: '事项详情（个人信息脱敏）', params: MatterIdParams, response: { 200: StaffMatterView, ...errors } },
  }, async (request) => current(request, (request.params as { id: number }).id));

  function action<S extends TSchema>(
    path: string, summary: string, body: S, run: (request: Body<Static<S>>) => Promise<service.Acted<unknown>>, owned?: MatterAction,
  ) {
    app.post(`/api/v1/staff/matters/:id/${path}`, {
      schema: { tags, summary, params: MatterIdParams, body, response: { 200: Done, ...errors } },
    }, async (request) => {
      // A kind whose procedure owns this action (信访, 建议提案) takes it through its own card. Checked here, not in
      // act(), which the procedures call for the same actions; whoever may not see the matter still gets 404 first.
      if (owned) {
        const matter = await findMatterById(ctx.db, (request.params as { id: number }).id);
        assertMay(request.actor, matter, 'matter.read');
        if (ownedByProcedure(matter.kind_code, owned)) throw new AppError('ACTION_OWNED_BY_PROCEDURE');
      }
      const { id, version } = await run(request as Body<Static<S>>);
      return { id, version };
    });
  }
  action('accept', '签收（由本人承办）', VersionBody, (r) => service.acceptMatter(ctx, r.actor, r.params.id, r.body.version), 'accept');
  action('transfers', '转办/指派（须说明理由）', TransferBody, (r) => service.transferMatter(ctx, r.actor, r.params.id, r.body));
  action('transfer/accept', '接收转办', VersionBody, (r) => service.acceptTransfer(ctx, r.actor, r.params.id, r.body.version));
  action('transfer/return', '退回转办（须说明理由）', VersionReasonBody, (r) => service.returnTransfer(ctx, r.actor, r.params.id, r.body));
  action('info-requests', '请群众补充材料（暂停计时）', RequestInfoBody, (r) => service.requestInfo(ctx, r.actor, r.params.id, r.body));
  action('pause', '暂停计时（须说明理由）', PauseBody, (r) => service.pauseMatter(ctx, r.actor, r.params.id, r.body));
  action('resume', '恢复计时', VersionReasonBody, (r) => service.resumeMatter(ctx, r.actor, r.params.id, r.body));
  action('reply', '答复群众', ReplyBody, (r) => service.replyToCitizen(ctx, r.actor, r.params.id, r.body), 'reply');
  action('close', '办结', VersionBody, (r) => service.closeMatter(ctx, r.actor, r.params.id, r.body.version), 'close');
  action('reject', '不予受理（须说明理由和其他途径）', VersionReasonBody, (r) => service.rejectMatter(ctx, r.actor, r.params.id, r.body), 'reject');
  action('extension', '批准延期（一次）', VersionReasonBody, (r) => service.extendMatter(ctx, r.actor, r.params.id, r.body), 'extend');

  app.post('/api/v1/staff/matters/:id/notes', {
    schema: { tags, summary: '内部备注（群众不可见）', params: MatterIdParams, body: NoteBody, response: { 200: Done, ...errors } },
  }, async (request) => {
    const { id, version } = await service.addNote(ctx, request.actor, (request.params as { id: number }).id, (request.body as { text: string }).text);
    return { id, version };
  });

  app.post('/api/v1/staff/matters/:id/supervision-orders', {
    schema: { tags, summary: '督办（督察、局领导）', params: MatterIdParams, body: SuperviseBody,
      response: { 201: Type.Object({ orderId: Type.Integer() }), ...errors } },
  }, async (request, reply) => {
    const result = await service.superviseMatter(ctx, request.actor, (request.params as { id: number }).id, request.body as Static<typeof SuperviseBody>);
    return reply.code(201).send(result.value);
  });

  app.post('/api/v1/staff/matters/:id/supervision-orders/:orderId/answer', {
    schema: { tags, summary: '反馈督办', params: Type.Object({ id: Id, orderId: Id }, { additionalProperties: false }),
      body: AnswerSupervisionBody, response: { 200: Done, ...errors } },
  }, async (request) => {
    const { id, orderId } = request.params as { id: number; orderId: number };
    const { version } = await service.answerSupervision(ctx, request.actor, id, orderId, (request.body as { answer: string }).answer);
    return { id, version };
  });

  app.post('/api/v1/staff/matters/:id/personal-data/reveal', {
    schema: { tags, summary: '查看完整个人信息（须填理由，留痕）', params: MatterIdParams, body: RevealBody,
      response: { 200: Type.Object({ trackingCode: Type.String({ description: '查询码（群众凭此评价、申请重办，民警默认只见脱敏形式）' }),
        name: Type.Union([Type.String(), Type.Null()]), phone: Type.Union([Type.String(), Type.Null()]),
        idNumber: Type.Union([Type.String(), Type.Null()]), address: Type.Union([Type.String(), Type.Null()]) }), ...errors } },
  }, async (request) => (await service.revealPersonalData(ctx, request.actor, (request.params as { id: number }).id, (request.body as { reason: string }).reason)).value);

  app.get('/api/v1/staff/kinds', {
    schema: { tags, summary: '事项类型及各阶段时限', response: { 200: Type.Array(KindView), ...errors } },
  }, async () => listKinds(ctx.db));

  app.put('/api/v1/staff/admin/kinds/:code', {
    schema: { tags: ['staff: admin'], summary: '修改事项类型的时限规则', params: Type.Object({ code: Type.String({ pattern: '^[a-z_]{2,32}$' }) }, { additionalProperties: false }),
      body: KindUpdateBody, response: { 200: Type.Object({ code: Type.String(), version: Type.Integer() }), ...errors } },
    preHandler: requirePermission('admin.manage'),
  }, async (request) => {
    const { code } = request.params as { code: string };
    const body = request.body as KindUpdateBody;
    checkKindRules(body);
    const version = await ctx.db.transaction(async (tx) => {
      const updated = await updateKind(tx, code, request.actor.staffId, body);
      if (updated === undefined) {
        const exists = await tx.query('SELECT 1 FROM matter_kinds WHERE code = $1', [code]);
        throw new AppError(exists.rows.length ? 'KIND_VERSION_CONFLICT' : 'UNKNOWN_KIND');
      }
      await recordAudit(tx, { actorStaffId: request.actor.staffId, action: 'kind.updated', outcome: 'success', ip: request.ip, subject: code, detail: { ...body } });
      return updated;
    });
    ctx.kinds.invalidate();
    return { code, version };
  });
}
