import type { FastifyInstance } from 'fastify';
import { Dashboard, StatsQuery } from '../../../common/contracts/stats.js';
import { ErrorResponse } from '../../../common/contracts/shared.js';
import type { AppContext } from '../../app-context.js';
import { recordAudit } from '../../platform/audit.js';
import { authenticate, requirePermission } from '../../platform/auth/guard.js';
import { sendDownload, XLSX_TYPE } from '../../platform/http/download.js';
import { exportDashboard } from './stats.export.js';
import { buildDashboard } from './stats.service.js';

const errors = { 400: ErrorResponse(), 401: ErrorResponse(), 403: ErrorResponse() };

export async function statsRoutes(app: FastifyInstance, ctx: AppContext) {
  app.addHook('preHandler', authenticate(ctx.db, ctx.clock));
  app.addHook('preHandler', requirePermission('stats.read'));
  const tags = ['staff: stats'];

  app.get('/api/v1/staff/stats/dashboard', {
    schema: { tags, summary: '统计分析：办理量、按期办结率、超期、满意度（北京时间日期范围，含首尾，最长 366 天；按权限范围）',
      querystring: StatsQuery, response: { 200: Dashboard, ...errors } },
  }, async (request) => buildDashboard(ctx, request.actor, request.query as StatsQuery));

  app.get('/api/v1/staff/stats/dashboard.xlsx', {
    schema: { tags, summary: '导出统计分析（.xlsx，每个表格一个工作表）', querystring: StatsQuery, produces: [XLSX_TYPE], response: errors },
  }, async (request, reply) => {
    const data = await buildDashboard(ctx, request.actor, request.query as StatsQuery);
    const file = await exportDashboard(ctx, data);
    await recordAudit(ctx.db, { actorStaffId: request.actor.staffId, action: 'stats.exported', outcome: 'success', ip: request.ip,
      detail: { from: data.from, to: data.to } });
    return sendDownload(reply, file);
  });
}
