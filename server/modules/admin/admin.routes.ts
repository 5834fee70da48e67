import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { ROLES, type Role } from '../../../common/access.js';
import { ErrorResponse, Id } from '../../../common/contracts/shared.js';
import type { AppContext } from '../../app-context.js';
import { recordAudit } from '../../platform/audit.js';
import { authenticate, requirePermission } from '../../platform/auth/guard.js';
import { hashPassword, isStrongPassword } from '../../platform/auth/passwords.js';
import { endAllSessions } from '../../platform/auth/sessions.js';
import { HolidayNoticeError, parseHolidayNoticeText, type HolidayNotice } from '../../platform/calendar/holiday-notice.js';
import { AppError } from '../../platform/http/errors.js';
import { recomputeProvisionalDeadlines } from '../matters/index.js';

const errors = { 400: ErrorResponse(), 401: ErrorResponse(), 403: ErrorResponse(), 404: ErrorResponse(), 409: ErrorResponse() };

const CalendarLoadBody = Type.Object(
  {
    year: Type.Integer({ minimum: 2000, maximum: 2100, description: '年度' }),
    text: Type.String({ minLength: 20, maxLength: 20_000, description: '国务院办公厅节假日安排通知正文（粘贴）' }),
    source: Type.Optional(Type.String({ maxLength: 200, description: '通知文号或标题' })),
  },
  { additionalProperties: false },
);

const StaffCreateBody = Type.Object(
  {
    username: Type.String({ pattern: '^[a-z0-9_.-]{3,32}$', description: '用户名（小写字母、数字）' }),
    name: Type.String({ minLength: 2, maxLength: 20, description: '姓名' }),
    badgeNo: Type.Optional(Type.String({ maxLength: 20, description: '警号' })),
    unitId: Id,
    roles: Type.Array(Type.Enum([...ROLES]), { minItems: 1, maxItems: ROLES.length, uniqueItems: true, description: '角色' }),
    password: Type.String({ minLength: 8, maxLength: 128, description: '初始密码' }),
  },
  { additionalProperties: false },
);

const StaffUpdateBody = Type.Object(
  {
    status: Type.Optional(Type.Enum(['active', 'disabled'], { description: '状态' })),
    roles: Type.Optional(Type.Array(Type.Enum([...ROLES]), { minItems: 1, maxItems: ROLES.length, uniqueItems: true })),
    unitId: Type.Optional(Id),
  },
  { additionalProperties: false, minProperties: 1 },
);

export async function adminRoutes(app: FastifyInstance, ctx: AppContext) {
  app.addHook('preHandler', authenticate(ctx.db, ctx.clock));
  app.addHook('preHandler', requirePermission('admin.manage'));
  const tags = ['staff: admin'];

  app.get('/api/v1/staff/admin/calendar', {
    schema: { tags, summary: '已加载的节假日年度与缺失年度告警', response: { 200: Type.Object({
      years: Type.Array(Type.Object({ year: Type.Integer(), source: Type.String(), loadedAt: Type.String() })),
      alerts: Type.Array(Type.Object({ year: Type.Integer(), firstNeededAt: Type.String() })),
    }), ...errors } },
  }, async () => {
    const [years, alerts] = await Promise.all([
      ctx.db.query('SELECT year, source, loaded_at FROM calendar_years ORDER BY year'),
      ctx.db.query('SELECT year, first_needed_at FROM calendar_alerts WHERE resolved_at IS NULL ORDER BY year'),
    ]);
    return {
      years: years.rows.map((r) => ({ year: r.year, source: r.source, loadedAt: r.loaded_at.toISOString() })),
      alerts: alerts.rows.map((r) => ({ year: r.year, firstNeededAt: r.first_needed_at.toISOString() })),
    };
  });

  app.post('/api/v1/staff/admin/calendar', {
    schema: { tags, summary: '加载下一年度节假日安排（粘贴国务院办公厅通知）', body: CalendarLoadBody,
      response: { 201: Type.Object({ year: Type.Integer(), holidays: Type.Integer(), adjustedWorkdays: Type.Integer(), recomputedDeadlines: Type.Integer() }), ...errors } },
  }, async (request, reply) => {
    const body = request.body as { year: number; text: string; source?: string };
    const exists = await ctx.db.query('SELECT 1 FROM calendar_years WHERE year = $1', [body.year]);
    if (exists.rows.length) throw new AppError('CALENDAR_YEAR_LOADED', { year: body.year });
    let notice: HolidayNotice;
    try {
      notice = parseHolidayNoticeText(body.text, body.year, body.source);
      await ctx.calendar.load(notice, request.actor.staffId);
    } catch (error) {
      if (!(error instanceof HolidayNoticeError)) throw error;
      throw new AppError('CALENDAR_NOTICE_INVALID', {}, error.issues.map((issue) => ({
        path: issue.line ? `text:${issue.line}` : 'text', zh: issue.message['zh-CN'], en: issue.message.en,
      })));
    }
    const recomputed = await recomputeProvisionalDeadlines(ctx, body.year);
    await recordAudit(ctx.db, { actorStaffId: request.actor.staffId, action: 'calendar.loaded', outcome: 'success', ip: request.ip,
      subject: String(body.year), detail: { recomputed } });
    return reply.code(201).send({ year: notice.year, holidays: notice.holidays.length, adjustedWorkdays: notice.adjustedWorkdays.length, recomputedDeadlines: recomputed });
  });

  app.get('/api/v1/staff/admin/staff', {
    schema: { tags, summary: '人员列表', response: { 200: Type.Array(Type.Object({
      id: Type.Integer(), username: Type.String(), name: Type.String(), unitId: Type.Integer(), roles: Type.Array(Type.String()),
      status: Type.String(), lockedUntil: Type.Union([Type.String(), Type.Null()]) })), ...errors } },
  }, async () => {
    const { rows } = await ctx.db.query('SELECT id, username, display_name, unit_id, roles, status, locked_until FROM staff ORDER BY unit_id, id');
    return rows.map((r) => ({ id: r.id, username: r.username, name: r.display_name, unitId: r.unit_id, roles: r.roles, status: r.status,
      lockedUntil: r.locked_until?.toISOString() ?? null }));
  });

  app.post('/api/v1/staff/admin/staff', {
    schema: { tags, summary: '新增人员', body: StaffCreateBody, response: { 201: Type.Object({ id: Type.Integer() }), ...errors } },
  }, async (request, reply) => {
    const body = request.body as { username: string; name: string; badgeNo?: string; unitId: number; roles: Role[]; password: string };
    if (!isStrongPassword(body.password)) throw new AppError('WEAK_PASSWORD');
    if (!(await ctx.org.unit(body.unitId))) throw new AppError('UNKNOWN_UNIT');
    const passwordHash = await hashPassword(body.password);
    const id = await ctx.db.transaction(async (tx) => {
      const { rows } = await tx.query(
        `INSERT INTO staff (username, display_name, badge_no, unit_id, roles, password_hash) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (username) DO NOTHING RETURNING id`,
        [body.username, body.name, body.badgeNo ?? null, body.unitId, body.roles, passwordHash]);
      if (rows.length === 0) throw new AppError('USERNAME_TAKEN');
      await recordAudit(tx, { actorStaffId: request.actor.staffId, action: 'staff.created', outcome: 'success', ip: request.ip,
        subject: `staff:${rows[0].id}`, detail: { username: body.username, unitId: body.unitId, roles: body.roles } });
      return rows[0].id as number;
    });
    return reply.code(201).send({ id });
  });

  app.patch('/api/v1/staff/admin/staff/:id', {
    schema: { tags, summary: '停用/启用人员，调整角色或单位（立即生效，已有登录会话作废）', params: Type.Object({ id: Id }, { additionalProperties: false }),
      body: StaffUpdateBody, response: { 200: Type.Object({ id: Type.Integer() }), ...errors } },
  }, async (request) => {
    const { id } = request.params as { id: number };
    const body = request.body as { status?: string; roles?: Role[]; unitId?: number };
    if (body.unitId !== undefined && !(await ctx.org.unit(body.unitId))) throw new AppError('UNKNOWN_UNIT');
    await ctx.db.transaction(async (tx) => {
      const { rowCount } = await tx.query(
        `UPDATE staff SET status = coalesce($2, status), roles = coalesce($3, roles), unit_id = coalesce($4, unit_id), version = version + 1
          WHERE id = $1`, [id, body.status ?? null, body.roles ?? null, body.unitId ?? null]);
      if (!rowCount) throw new AppError('NOT_FOUND');
      // A changed account must sign in again, so no session keeps the old role or scope.
      await endAllSessions(tx, id);
      await recordAudit(tx, { actorStaffId: request.actor.staffId, action: 'staff.updated', outcome: 'success', ip: request.ip,
        subject: `staff:${id}`, detail: body });
    });
    return { id };
  });
}
