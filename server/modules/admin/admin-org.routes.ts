import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import {
  AdminJurisdiction, AdminUnit, JurisdictionUpdateBody, UnitCreateBody, UnitUpdateBody,
} from '../../../common/contracts/admin.js';
import { JurisdictionId } from '../../../common/contracts/jurisdictions.js';
import { KindView } from '../../../common/contracts/kinds.js';
import { ErrorResponse, Id } from '../../../common/contracts/shared.js';
import type { AppContext } from '../../app-context.js';
import { recordAudit } from '../../platform/audit.js';
import { AppError } from '../../platform/http/errors.js';
import { listKinds, openMattersByUnit } from '../matters/index.js';
import { orgAdmin } from '../org/index.js';

const errors = { 400: ErrorResponse(), 401: ErrorResponse(), 403: ErrorResponse(), 404: ErrorResponse(), 409: ErrorResponse() };
const IdParams = Type.Object({ id: Id }, { additionalProperties: false });

const blankToNull = (value: string | undefined) => (value?.trim() ? value.trim() : null);

/** A boundary needs three distinct corners; a closed ring repeats its first point, which does not count twice. */
function checkBoundary(boundary: [number, number][] | undefined) {
  if (!boundary) return;
  const distinct = new Set(boundary.map(([lng, lat]) => `${lng},${lat}`)).size;
  if (distinct < 3) {
    throw new AppError('VALIDATION_FAILED', {}, [{
      path: 'boundary', zh: '辖区边界至少需要 3 个不同的点', en: 'The boundary needs at least 3 distinct points',
    }]);
  }
}

export async function adminOrgRoutes(app: FastifyInstance, ctx: AppContext) {
  const tags = ['staff: admin'];

  app.get('/api/v1/staff/admin/units', {
    schema: { tags, summary: '全部单位（含停用），附在岗人数与未办结事项数', response: { 200: Type.Array(AdminUnit), ...errors } },
  }, async () => {
    const [units, open] = await Promise.all([orgAdmin.listUnitsForAdmin(ctx.db), openMattersByUnit(ctx.db)]);
    return units.map((unit) => ({ ...unit, openMatters: open.get(unit.id) ?? 0 }));
  });

  app.post('/api/v1/staff/admin/units', {
    schema: { tags, summary: '新增单位', body: UnitCreateBody, response: { 201: Type.Object({ id: Type.Integer() }), ...errors } },
  }, async (request, reply) => {
    const body = request.body as UnitCreateBody;
    if (!(await ctx.org.jurisdiction(body.jurisdictionId))) {
      throw new AppError('UNKNOWN_JURISDICTION', {}, [{ path: 'jurisdictionId', zh: '辖区不存在', en: 'Unknown jurisdiction' }]);
    }
    const parentId = body.parentId ?? null;
    const id = await ctx.db.transaction(async (tx) => {
      // Read in the transaction, as on update: the directory's cache may not have another process's new unit yet.
      if (parentId !== null && !(await orgAdmin.unitExists(tx, parentId))) throw new AppError('UNIT_PARENT_INVALID');
      const created = await orgAdmin.insertUnit(tx, {
        code: body.code, name: body.name, kind: body.kind, parentId, jurisdictionId: body.jurisdictionId, scope: body.scope,
        phone: blankToNull(body.phone), address: blankToNull(body.address),
      });
      if (created === undefined) throw new AppError('UNIT_CODE_TAKEN', { code: body.code });
      await recordAudit(tx, { actorStaffId: request.actor.staffId, action: 'unit.created', outcome: 'success', ip: request.ip,
        subject: `unit:${created}`, detail: { ...body } });
      return created;
    });
    // This process sees the change at once; other processes within the directory's cache time (30 s).
    ctx.org.invalidate();
    return reply.code(201).send({ id });
  });

  app.patch('/api/v1/staff/admin/units/:id', {
    schema: { tags, summary: '修改单位：名称、电话、地址、上级单位、启用/停用（有未办结事项或在岗人员的单位不能停用）',
      params: IdParams, body: UnitUpdateBody, response: { 200: Type.Object({ id: Type.Integer() }), ...errors } },
  }, async (request) => {
    const { id } = request.params as { id: number };
    const body = request.body as UnitUpdateBody;
    await ctx.db.transaction(async (tx) => {
      const unit = await orgAdmin.lockUnit(tx, id);
      if (!unit) throw new AppError('NOT_FOUND');
      if (body.parentId !== undefined && body.parentId !== null) {
        const valid = (await orgAdmin.unitExists(tx, body.parentId)) && !(await orgAdmin.isSelfOrDescendant(tx, id, body.parentId));
        if (!valid) throw new AppError('UNIT_PARENT_INVALID');
      }
      if (body.active === false && unit.active) {
        if (unit.receives_portal) throw new AppError('UNIT_RECEIVES_PORTAL', { name: unit.name });
        // Counted under the unit's row lock. A transfer does not take that lock, so one sent at the same instant
        // can slip past; accepted as rare for a deliberate administrative change.
        const [matters, staff] = await Promise.all([
          openMattersByUnit(tx, id).then((counts) => counts.get(id) ?? 0), orgAdmin.activeStaffCount(tx, id),
        ]);
        if (matters > 0 || staff > 0) throw new AppError('UNIT_BUSY', { name: unit.name, matters, staff });
      }
      await orgAdmin.updateUnit(tx, id, {
        ...body,
        ...(body.phone !== undefined ? { phone: blankToNull(body.phone) } : {}),
        ...(body.address !== undefined ? { address: blankToNull(body.address) } : {}),
      });
      await recordAudit(tx, { actorStaffId: request.actor.staffId, action: 'unit.updated', outcome: 'success', ip: request.ip,
        subject: `unit:${id}`, detail: { ...body } });
    });
    ctx.org.invalidate();
    return { id };
  });

  app.get('/api/v1/staff/admin/jurisdictions', {
    schema: { tags, summary: '辖区（含边界）', response: { 200: Type.Array(AdminJurisdiction), ...errors } },
  }, async () => orgAdmin.listJurisdictionsForAdmin(ctx.db));

  app.patch('/api/v1/staff/admin/jurisdictions/:id', {
    schema: { tags, summary: '修改辖区名称或边界（[[经度, 纬度], ...]，至少 3 个不同的点）',
      params: Type.Object({ id: JurisdictionId }, { additionalProperties: false }),
      body: JurisdictionUpdateBody, response: { 200: Type.Object({ id: Type.Integer() }), ...errors } },
  }, async (request) => {
    const { id } = request.params as { id: number };
    const body = request.body as JurisdictionUpdateBody;
    checkBoundary(body.boundary);
    await ctx.db.transaction(async (tx) => {
      if (!(await orgAdmin.updateJurisdiction(tx, id, body))) {
        throw new AppError('NOT_FOUND');
      }
      // The boundary can be long; the audit keeps its size, not its points.
      await recordAudit(tx, { actorStaffId: request.actor.staffId, action: 'jurisdiction.updated', outcome: 'success', ip: request.ip,
        subject: `jurisdiction:${id}`, detail: {
          ...(body.name !== undefined ? { name: body.name } : {}),
          ...(body.boundary !== undefined ? { boundaryPoints: body.boundary.length } : {}),
        } });
    });
    ctx.org.invalidate();
    return { id };
  });

  app.get('/api/v1/staff/admin/kinds', {
    schema: { tags, summary: '事项类型及各阶段时限规则（修改：PUT /api/v1/staff/admin/kinds/{code}，只对此后接收的事项生效）',
      response: { 200: Type.Array(KindView), ...errors } },
  }, async () => listKinds(ctx.db));
}
