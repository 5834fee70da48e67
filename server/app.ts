import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from './app-context.js';
import { adminRoutes } from './modules/admin/index.js';
import { auditRoutes } from './modules/audit/index.js';
import { identityRoutes } from './modules/identity/index.js';
import { matterRoutes } from './modules/matters/index.js';
import { orgRoutes } from './modules/org/index.js';
import { installErrorHandling } from './platform/http/errors.js';

export type BuildOptions = AppContext & { logger?: boolean | object; trustProxy?: boolean | string };

export async function buildApp(options: BuildOptions): Promise<FastifyInstance> {
  const { logger = false, trustProxy = false, ...ctx } = options;
  const app = Fastify({
    logger: logger === true ? { redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]'] } : logger,
    trustProxy,
    bodyLimit: 1024 * 1024,
    ajv: { customOptions: { allErrors: true, removeAdditional: false, verbose: true, coerceTypes: 'array' } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  installErrorHandling(app);
  await app.register(helmet, {
    // No upgrade-insecure-requests: a bureau may serve the console over plain HTTP on its intranet.
    contentSecurityPolicy: { directives: { 'frame-ancestors': ["'none'"], 'script-src': ["'self'"], 'upgrade-insecure-requests': null } },
  });
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: '警民通 Jingmin API', version: '1', description: '公众端接口在 /api/v1/portal/，民警端接口在 /api/v1/staff/（需登录，写请求须带 X-CSRF-Token）。' },
      tags: [
        { name: 'portal', description: '群众端' },
        { name: 'staff: session', description: '民警登录' },
        { name: 'staff: matters', description: '事项办理' },
        { name: 'staff: org', description: '单位与人员' },
        { name: 'staff: admin', description: '系统管理' },
        { name: 'staff: audit', description: '安全审计' },
      ],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get('/healthz', {
    schema: { summary: '健康检查：数据库可用时返回 ok', response: { 200: Type.Object({ status: Type.String() }) } },
  }, async () => {
    await ctx.db.query('SELECT 1');
    return { status: 'ok' };
  });

  await app.register(async (scope) => identityRoutes(scope, ctx));
  await app.register(async (scope) => orgRoutes(scope, ctx));
  await app.register(async (scope) => matterRoutes(scope, ctx));
  await app.register(async (scope) => adminRoutes(scope, ctx));
  await app.register(async (scope) => auditRoutes(scope, ctx));
  return app;
}
