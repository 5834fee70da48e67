import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { ErrorResponse } from '../../../common/contracts/shared.js';
import type { AppContext } from '../../app-context.js';
import { recordAudit } from '../../platform/audit.js';
import { authenticate, requirePermission } from '../../platform/auth/guard.js';
import { HolidayNoticeError, parseHolidayNoticeText, type HolidayNotice } from '../../platform/calendar/holiday-notice.js';
import { AppError } from '../../platform/http/errors.js';
import { recomputeProvisionalDeadlines } from '../matters/index.js';
import { adminOrgRoutes } from './admin-org.routes.js';
import { adminStaffRoutes } from './admin-staff.routes.js';

const errors = { 400: ErrorResponse(), 401: ErrorResponse(), 403: ErrorResponse(), 404: ErrorResponse(), 409: ErrorResponse() };

const CalendarLoadBody = Type.Object(
  {
    year: Type.Integer({ minimum: 2000, maximum: 2100, description: '年度' }),
    text: Type.String({ minLength: 20, maxLength: 20_000, description: '国务院办公厅节假日安排通知正文（粘贴）' }),
    source: Type.Optional(Type.String({ maxLength: 200, description: '通知文号或标题' })),
  },
  { additionalProperties: false },
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

  await adminStaffRoutes(app, ctx);
  await adminOrgRoutes(app, ctx);
}
