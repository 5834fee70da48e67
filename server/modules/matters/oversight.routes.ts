import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { ErrorResponse, Page, PageQuery } from '../../../common/contracts/shared.js';
import type { AppContext } from '../../app-context.js';
import type { Actor } from '../../platform/auth/sessions.js';
import { authenticate, requirePermission } from '../../platform/auth/guard.js';

const SupervisionOrderView = Type.Object({
  id: Type.Integer(), matterId: Type.Integer(), caseNo: Type.String(), issuedBy: Type.String(), issuedAt: Type.String(),
  toUnit: Type.String(), instructions: Type.String(), dueAt: Type.String(), status: Type.String(),
  overdue: Type.Boolean(), answer: Type.Union([Type.String(), Type.Null()]), answeredAt: Type.Union([Type.String(), Type.Null()]),
});

const AccountabilityView = Type.Object({
  id: Type.Integer(), matterId: Type.Integer(), caseNo: Type.String(), kind: Type.String(), subject: Type.String(), cycle: Type.Integer(),
  unit: Type.String(), officer: Type.Union([Type.String(), Type.Null()]), dueAt: Type.String(), recordedAt: Type.String(),
});

/** County units (督察, 局领导) see every record; a unit leader sees those addressed to their own unit. */
function unitFilter(actor: Actor, column: string, params: unknown[]): string {
  if (actor.unitScope === 'county') return 'true';
  params.push(actor.unitId);
  return `${column} = $${params.length}`;
}

export async function oversightRoutes(app: FastifyInstance, ctx: AppContext) {
  app.addHook('preHandler', authenticate(ctx.db, ctx.clock));
  app.addHook('preHandler', requirePermission('supervision.list'));
  const tags = ['staff: matters'];
  const Query = Type.Object({ ...PageQuery, open: Type.Optional(Type.Boolean({ description: '只看未反馈的督办单' })) }, { additionalProperties: false });

  app.get('/api/v1/staff/supervision-orders', {
    schema: { tags, summary: '督办单', querystring: Query, response: { 200: Page(SupervisionOrderView), 401: ErrorResponse(), 403: ErrorResponse() } },
  }, async (request) => {
    const { page = 1, pageSize = 20, open } = request.query as { page?: number; pageSize?: number; open?: boolean };
    const params: unknown[] = [ctx.clock()];
    const where = [unitFilter(request.actor, 'o.to_unit_id', params), open ? "o.status = 'open'" : 'true'];
    params.push(pageSize, (page - 1) * pageSize);
    const { rows } = await ctx.db.query(
      `SELECT o.id, o.matter_id, m.case_no, s.display_name AS issued_by, o.issued_at, u.name AS to_unit, o.instructions, o.due_at,
              o.status, (o.breached_at IS NOT NULL OR (o.status = 'open' AND o.due_at < $1)) AS overdue, o.answer, o.answered_at,
              count(*) OVER () AS total
         FROM supervision_orders o
         JOIN matters m ON m.jurisdiction_id = o.jurisdiction_id AND m.id = o.matter_id
         JOIN staff s ON s.id = o.issued_by JOIN units u ON u.id = o.to_unit_id
        WHERE ${where.join(' AND ')}
        ORDER BY o.due_at DESC LIMIT $${params.length - 1} OFFSET $${params.length}`, params);
    return {
      items: rows.map((r) => ({
        id: r.id, matterId: r.matter_id, caseNo: r.case_no, issuedBy: r.issued_by, issuedAt: r.issued_at.toISOString(), toUnit: r.to_unit,
        instructions: r.instructions, dueAt: r.due_at.toISOString(), status: r.status, overdue: r.overdue, answer: r.answer,
        answeredAt: r.answered_at?.toISOString() ?? null,
      })),
      total: rows[0]?.total ?? 0, page, pageSize,
    };
  });

  app.get('/api/v1/staff/accountability-records', {
    schema: { tags, summary: '责任追究记录（超期、督办超期）', querystring: Type.Object({ ...PageQuery }, { additionalProperties: false }),
      response: { 200: Page(AccountabilityView), 401: ErrorResponse(), 403: ErrorResponse() } },
  }, async (request) => {
    const { page = 1, pageSize = 20 } = request.query as { page?: number; pageSize?: number };
    const params: unknown[] = [];
    const where = unitFilter(request.actor, 'a.unit_id', params);
    params.push(pageSize, (page - 1) * pageSize);
    const { rows } = await ctx.db.query(
      `SELECT a.id, a.matter_id, m.case_no, a.kind, a.subject, a.cycle, u.name AS unit, s.display_name AS officer, a.due_at, a.recorded_at,
              count(*) OVER () AS total
         FROM accountability_records a
         JOIN matters m ON m.jurisdiction_id = a.jurisdiction_id AND m.id = a.matter_id
         JOIN units u ON u.id = a.unit_id LEFT JOIN staff s ON s.id = a.officer_id
        WHERE ${where}
        ORDER BY a.recorded_at DESC, a.id DESC LIMIT $${params.length - 1} OFFSET $${params.length}`, params);
    return {
      items: rows.map((r) => ({
        id: r.id, matterId: r.matter_id, caseNo: r.case_no, kind: r.kind, subject: r.subject, cycle: r.cycle, unit: r.unit,
        officer: r.officer, dueAt: r.due_at.toISOString(), recordedAt: r.recorded_at.toISOString(),
      })),
      total: rows[0]?.total ?? 0, page, pageSize,
    };
  });
}
