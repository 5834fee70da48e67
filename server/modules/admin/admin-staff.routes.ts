import { randomInt } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import {
  AdminStaff, PasswordResetBody, PasswordResetResult, StaffCreateBody, StaffListQuery, StaffUpdateBody,
} from '../../../common/contracts/admin.js';
import { ErrorResponse, Id, Page } from '../../../common/contracts/shared.js';
import { rolesFitUnit, type Role } from '../../../common/access.js';
import { ERRORS } from '../../../common/errors.js';
import type { AppContext } from '../../app-context.js';
import { recordAudit } from '../../platform/audit.js';
import { hashPassword, isStrongPassword } from '../../platform/auth/passwords.js';
import { endAllSessions } from '../../platform/auth/sessions.js';
import { AppError } from '../../platform/http/errors.js';
import { orgAdmin } from '../org/index.js';

const errors = { 400: ErrorResponse(), 401: ErrorResponse(), 403: ErrorResponse(), 404: ErrorResponse(), 409: ErrorResponse() };
const StaffParams = Type.Object({ id: Id }, { additionalProperties: false });

/** WEAK_PASSWORD, with its message also on the field, so that the form shows it under the password. */
const weakPassword = (path: string) =>
  new AppError('WEAK_PASSWORD', {}, [{ path, zh: ERRORS.WEAK_PASSWORD.zh, en: ERRORS.WEAK_PASSWORD.en }]);

/** 警风警纪监督员 are outside people: their role stands alone, in an external unit only (common/access.ts). */
function assertRolesFitUnit(roles: Role[], unitKind: string) {
  if (!rolesFitUnit(roles, unitKind)) {
    throw new AppError('ROLE_NOT_FOR_UNIT', {}, [{ path: 'roles', zh: ERRORS.ROLE_NOT_FOR_UNIT.zh, en: ERRORS.ROLE_NOT_FOR_UNIT.en }]);
  }
}

// No look-alikes (0/O, 1/l/I), since the administrator reads the password out to its owner.
const ALPHABETS = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '#%+=@!?'];

/** A 12-character temporary password with every character class, so that it meets the password policy. */
export function temporaryPassword(): string {
  const all = ALPHABETS.join('');
  const chars = [...ALPHABETS.map((a) => a[randomInt(a.length)]), ...Array.from({ length: 8 }, () => all[randomInt(all.length)])];
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}

export async function adminStaffRoutes(app: FastifyInstance, ctx: AppContext) {
  const tags = ['staff: admin'];

  app.get('/api/v1/staff/admin/staff', {
    schema: { tags, summary: '人员列表（分页；按姓名、用户名、警号搜索，按单位、角色、状态筛选）', querystring: StaffListQuery,
      response: { 200: Page(AdminStaff), ...errors } },
  }, async (request) => orgAdmin.listStaffForAdmin(ctx.db, request.query as StaffListQuery));

  app.post('/api/v1/staff/admin/staff', {
    schema: { tags, summary: '新增人员', body: StaffCreateBody, response: { 201: Type.Object({ id: Type.Integer() }), ...errors } },
  }, async (request, reply) => {
    const body = request.body as StaffCreateBody;
    if (!isStrongPassword(body.password)) throw weakPassword('password');
    const unit = await ctx.org.unit(body.unitId);
    if (!unit?.active) throw new AppError('UNKNOWN_UNIT');
    assertRolesFitUnit(body.roles, unit.kind);
    const passwordHash = await hashPassword(body.password);
    const id = await ctx.db.transaction(async (tx) => {
      const created = await orgAdmin.insertStaff(tx, {
        username: body.username, name: body.name, badgeNo: body.badgeNo ?? null, unitId: body.unitId, roles: body.roles, passwordHash,
      });
      if (created === undefined) throw new AppError('USERNAME_TAKEN');
      await recordAudit(tx, { actorStaffId: request.actor.staffId, action: 'staff.created', outcome: 'success', ip: request.ip,
        subject: `staff:${created}`, detail: { username: body.username, unitId: body.unitId, roles: body.roles } });
      return created;
    });
    return reply.code(201).send({ id });
  });

  app.patch('/api/v1/staff/admin/staff/:id', {
    schema: { tags, summary: '停用/启用人员，调整角色、单位、姓名或警号（立即生效，已有登录会话作废）', params: StaffParams,
      body: StaffUpdateBody, response: { 200: Type.Object({ id: Type.Integer() }), ...errors } },
  }, async (request) => {
    const { id } = request.params as { id: number };
    const body = request.body as StaffUpdateBody;
    if (body.unitId !== undefined && !(await ctx.org.unit(body.unitId))?.active) throw new AppError('UNKNOWN_UNIT');
    await ctx.db.transaction(async (tx) => {
      const current = await orgAdmin.lockStaff(tx, id);
      if (!current) throw new AppError('NOT_FOUND');
      // Nobody locks themselves out, and the bureau keeps at least one active administrator.
      const losesAdmin = current.roles.includes('admin') && current.status === 'active'
        && (body.status === 'disabled' || (body.roles !== undefined && !body.roles.includes('admin')));
      if (losesAdmin && (id === request.actor.staffId || (await orgAdmin.otherActiveWithRole(tx, id, 'admin')) === 0)) {
        throw new AppError('LAST_ADMIN');
      }
      if (body.roles !== undefined || body.unitId !== undefined) {
        assertRolesFitUnit(body.roles ?? (current.roles as Role[]), (await ctx.org.unit(body.unitId ?? current.unit_id))?.kind ?? '');
      }
      await orgAdmin.updateStaff(tx, id, body);
      // A changed account must sign in again, so no session keeps the old role or scope.
      await endAllSessions(tx, id);
      await recordAudit(tx, { actorStaffId: request.actor.staffId, action: 'staff.updated', outcome: 'success', ip: request.ip,
        subject: `staff:${id}`, detail: { ...body } });
    });
    return { id };
  });

  app.post('/api/v1/staff/admin/staff/:id/password', {
    schema: { tags, summary: '重置密码：管理员输入新密码，或由系统生成临时密码（仅显示一次）；该人员的登录会话全部结束',
      params: StaffParams, body: PasswordResetBody, response: { 200: PasswordResetResult, ...errors } },
  }, async (request) => {
    const { id } = request.params as { id: number };
    const typed = (request.body as { password?: string } | undefined)?.password;
    if (typed !== undefined && !isStrongPassword(typed)) throw weakPassword('password');
    // Looked up before the (deliberately slow) hash is made; an account is disabled, never deleted, so it is still there after.
    if (!(await orgAdmin.staffExists(ctx.db, id))) throw new AppError('NOT_FOUND');
    const password = typed ?? temporaryPassword();
    const passwordHash = await hashPassword(password);
    await ctx.db.transaction(async (tx) => {
      await orgAdmin.setStaffPassword(tx, id, passwordHash, ctx.clock());
      await endAllSessions(tx, id);
      // The password itself is never written anywhere but as its hash.
      await recordAudit(tx, { actorStaffId: request.actor.staffId, action: 'staff.password_reset', outcome: 'success', ip: request.ip,
        subject: `staff:${id}`, detail: { generated: typed === undefined } });
    });
    return { id, temporaryPassword: typed === undefined ? password : null };
  });
}

