import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { mayGeneral } from '../../../common/access.js';
import { ErrorResponse, Page, PageQuery } from '../../../common/contracts/shared.js';
import { SupervisionOrderQuery, SupervisionOrderView } from '../../../common/contracts/supervision.js';
import type { AppContext } from '../../app-context.js';
import type { Actor } from '../../platform/auth/sessions.js';
import { authenticate, requirePermission } from '../../platform/auth/guard.js';
import { AppError } from '../../platform/http/errors.js';
import { notRecusedCondition } from './recusal.js';
import { listSupervisionOrders } from './supervision.js';

const AccountabilityView = Type.Object({
  id: Type.Integer(), matterId: Type.Integer(), caseNo: Type.String(), kind: Type.String(), subject: Type.String(), cycle: Type.Integer(),
  unit: Type.String(), officer: Type.Union([Type.String(), Type.Null()]), dueAt: Type.String(), recordedAt: Type.String(),
});

/**
 * County units (督察, 局领导) see every accountability record; a unit leader sees their own unit's. Neither sees the
 * records of a matter they must step aside from (recusal.ts): a record names the complaint's case.
 */
function unitFilter(actor: Actor, column: string, params: unknown[]): string {
  const p = (value: unknown) => `$${params.push(value)}`;
  const notRecused = notRecusedCondition(actor, p);
  if (actor.unitScope === 'county') return notRecused;
  return `${column} = ${p(actor.unitId)} AND ${notRecused}`;
}

export async function oversightRoutes(app: FastifyInstance, ctx: AppContext) {
  app.addHook('preHandler', authenticate(ctx.db, ctx.clock));
  const tags = ['staff: matters'];

  app.get('/api/v1/staff/supervision-orders', {
    schema: { tags, summary: '督办单（督察、局领导看全部；单位负责人看本单位的；addressedToMe 看发给我的）', querystring: SupervisionOrderQuery,
      response: { 200: Page(SupervisionOrderView), 401: ErrorResponse(), 403: ErrorResponse() } },
    // The board is for oversight; the orders addressed to oneself are for whoever works on matters.
    preHandler: async (request) => {
      const { addressedToMe } = request.query as SupervisionOrderQuery;
      if (!mayGeneral(request.actor.roles, addressedToMe ? 'matter.list' : 'supervision.list')) throw new AppError('FORBIDDEN');
    },
  }, async (request) => listSupervisionOrders(ctx.db, request.actor, ctx.clock(), request.query as SupervisionOrderQuery));

  app.get('/api/v1/staff/accountability-records', {
    schema: { tags, summary: '责任追究记录（超期、督办超期）', querystring: Type.Object({ ...PageQuery }, { additionalProperties: false }),
      response: { 200: Page(AccountabilityView), 401: ErrorResponse(), 403: ErrorResponse() } },
    preHandler: requirePermission('supervision.list'),
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
