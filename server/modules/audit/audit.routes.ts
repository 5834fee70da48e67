import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { ErrorResponse, Page, PageQuery } from '../../../common/contracts/shared.js';
import type { AppContext } from '../../app-context.js';
import { authenticate, requirePermission } from '../../platform/auth/guard.js';
import { verifyIntegrity } from '../../platform/verify.js';

/** For the security auditor (审计管理员): the audit log, reveals of personal data, and the chain check. */
export async function auditRoutes(app: FastifyInstance, ctx: AppContext) {
  app.addHook('preHandler', authenticate(ctx.db, ctx.clock));
  app.addHook('preHandler', requirePermission('audit.read'));
  const tags = ['staff: audit'];
  const errors = { 401: ErrorResponse(), 403: ErrorResponse() };

  app.get('/api/v1/staff/audit/events', {
    schema: { tags, summary: '审计日志（登录、配置变更等）', querystring: Type.Object({ ...PageQuery }, { additionalProperties: false }),
      response: { 200: Page(Type.Object({
        id: Type.Integer(), at: Type.String(), actor: Type.Union([Type.String(), Type.Null()]), action: Type.String(), outcome: Type.String(),
        ip: Type.Union([Type.String(), Type.Null()]), subject: Type.Union([Type.String(), Type.Null()]), detail: Type.Unknown(),
      })), ...errors } },
  }, async (request) => {
    const { page = 1, pageSize = 20 } = request.query as { page?: number; pageSize?: number };
    const { rows } = await ctx.db.query(
      `SELECT a.id, a.occurred_at, s.display_name AS actor, a.action, a.outcome, host(a.ip) AS ip, a.subject, a.detail,
              count(*) OVER () AS total
         FROM audit_events a LEFT JOIN staff s ON s.id = a.actor_staff_id
        ORDER BY a.id DESC LIMIT $1 OFFSET $2`, [pageSize, (page - 1) * pageSize]);
    return {
      items: rows.map((r) => ({ id: r.id, at: r.occurred_at.toISOString(), actor: r.actor, action: r.action, outcome: r.outcome, ip: r.ip, subject: r.subject, detail: r.detail })),
      total: rows[0]?.total ?? 0, page, pageSize,
    };
  });

  app.get('/api/v1/staff/audit/personal-data-reveals', {
    schema: { tags, summary: '查看完整个人信息的记录', querystring: Type.Object({ ...PageQuery }, { additionalProperties: false }),
      response: { 200: Page(Type.Object({
        at: Type.String(), actor: Type.Union([Type.String(), Type.Null()]), caseNo: Type.String(), reason: Type.Union([Type.String(), Type.Null()]),
      })), ...errors } },
  }, async (request) => {
    const { page = 1, pageSize = 20 } = request.query as { page?: number; pageSize?: number };
    const { rows } = await ctx.db.query(
      `SELECT e.occurred_at, s.display_name AS actor, m.case_no, e.reason, count(*) OVER () AS total
         FROM matter_events e JOIN matters m ON m.jurisdiction_id = e.jurisdiction_id AND m.id = e.matter_id
         LEFT JOIN staff s ON s.id = e.actor_staff_id
        WHERE e.type = 'personalData.revealed'
        ORDER BY e.occurred_at DESC LIMIT $1 OFFSET $2`, [pageSize, (page - 1) * pageSize]);
    return {
      items: rows.map((r) => ({ at: r.occurred_at.toISOString(), actor: r.actor, caseNo: r.case_no, reason: r.reason })),
      total: rows[0]?.total ?? 0, page, pageSize,
    };
  });

  app.get('/api/v1/staff/audit/verify', {
    schema: { tags, summary: '校验时间线与审计日志哈希链', response: { 200: Type.Object({
      matters: Type.Integer(), events: Type.Integer(), auditEvents: Type.Integer(), problems: Type.Array(Type.String()),
    }), ...errors } },
  }, async () => verifyIntegrity(ctx.db));
}
