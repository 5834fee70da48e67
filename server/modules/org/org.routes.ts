import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { ErrorResponse, Id } from '../../../common/contracts/shared.js';
import type { AppContext } from '../../app-context.js';
import { authenticate, requirePermission } from '../../platform/auth/guard.js';

const UnitView = Type.Object({
  id: Type.Integer(), code: Type.String(), name: Type.String(), kind: Type.String(), parentId: Type.Union([Type.Integer(), Type.Null()]),
  jurisdictionId: Type.Integer(), scope: Type.String(), receivesPortal: Type.Boolean(), phone: Type.Union([Type.String(), Type.Null()]),
  address: Type.Union([Type.String(), Type.Null()]), active: Type.Boolean(),
});

export async function orgRoutes(app: FastifyInstance, ctx: AppContext) {
  app.addHook('preHandler', authenticate(ctx.db, ctx.clock));
  const tags = ['staff: org'];
  const errors = { 401: ErrorResponse(), 403: ErrorResponse() };

  app.get('/api/v1/staff/units', {
    schema: { tags, summary: '单位列表', response: { 200: Type.Array(UnitView), ...errors } },
    preHandler: requirePermission('org.read'),
  }, async () => ctx.org.units());

  app.get('/api/v1/staff/jurisdictions', {
    schema: { tags, summary: '辖区列表', response: { 200: Type.Array(Type.Object({
      id: Type.Integer(), code: Type.String(), name: Type.String(), kind: Type.String(), boundary: Type.Unknown() })), ...errors } },
    preHandler: requirePermission('org.read'),
  }, async () => ctx.org.jurisdictions());

  app.get('/api/v1/staff/units/:id/staff', {
    schema: { tags, summary: '单位民警（转办时选择接收人）', params: Type.Object({ id: Id }, { additionalProperties: false }),
      response: { 200: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), roles: Type.Array(Type.String()) })), ...errors } },
    preHandler: requirePermission('org.read'),
  }, async (request) => {
    const { rows } = await ctx.db.query(
      "SELECT id, display_name AS name, roles FROM staff WHERE unit_id = $1 AND status = 'active' ORDER BY id",
      [(request.params as { id: number }).id]);
    return rows;
  });
}
