import AjvCompiler from '@fastify/ajv-compiler';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import fs from 'node:fs';
import path from 'node:path';
import { Type } from 'typebox';
import type { AppContext } from './app-context.js';
import { adminRoutes } from './modules/admin/index.js';
import { auditRoutes } from './modules/audit/index.js';
import { statsRoutes } from './modules/stats/index.js';
import { conductRoutes } from './modules/conduct/index.js';
import { feedbackRoutes } from './modules/feedback/index.js';
import { identityRoutes } from './modules/identity/index.js';
import { matterRoutes } from './modules/matters/index.js';
import { petitionRoutes } from './modules/petitions/index.js';
import { orgRoutes } from './modules/org/index.js';
import { postRoutes } from './modules/posts/index.js';
import { proposalRoutes } from './modules/proposals/index.js';
import { receptionRoutes } from './modules/reception/index.js';
import { AppError, installErrorHandling } from './platform/http/errors.js';

/** The built web app (`npm run build`); main.ts serves it when it exists. */
export const WEB_DIST = path.resolve(import.meta.dirname, '../web/dist');

export type BuildOptions = AppContext & {
  logger?: boolean | object;
  trustProxy?: boolean | string;
  /** Folder of the built web app to serve at / (off by default: API tests and benchmarks need none). */
  webDir?: string | false;
};

/**
 * Fastify's own validator (ajv with its formats), built twice: query strings, path parameters and headers
 * arrive as text, so their schemas coerce ("20" → 20, one value → a list of one); a JSON body already carries
 * real types and is taken as sent, so {"active": "false"} or {"roles": "admin"} is refused, never read as
 * false or ["admin"].
 */
function validatorByPart(): AjvCompiler.BuildCompilerFromPool {
  const pool = AjvCompiler();
  return (externalSchemas, options = {}) => {
    // mode: this app's schemas are JSON Schema, never JTD (which has no coercion).
    const compiler = (coerceTypes: 'array' | false) =>
      pool(externalSchemas, { ...options, mode: undefined, customOptions: { ...options.customOptions, coerceTypes } });
    const coercing = compiler('array');
    const strict = compiler(false);
    return (route) => (route.httpPart === 'body' ? strict : coercing)(route);
  };
}

export async function buildApp(options: BuildOptions): Promise<FastifyInstance> {
  const { logger = false, trustProxy = false, webDir = false, ...ctx } = options;
  const app = Fastify({
    logger: logger === true ? { redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]'] } : logger,
    trustProxy,
    bodyLimit: 1024 * 1024,
    ajv: { customOptions: { allErrors: true, removeAdditional: false, verbose: true } },
    schemaController: { compilersFactory: { buildValidator: validatorByPart() } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  installErrorHandling(app);
  await app.register(helmet, {
    // No upgrade-insecure-requests: a bureau may serve the console over plain HTTP on its intranet.
    // Ant Design writes its CSS into <style> tags at run time: inline styles are allowed, inline scripts are not.
    contentSecurityPolicy: {
      directives: { 'frame-ancestors': ["'none'"], 'script-src': ["'self'"], 'style-src': ["'self'", "'unsafe-inline'"], 'upgrade-insecure-requests': null },
    },
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
        { name: 'staff: stats', description: '统计分析' },
        { name: 'staff: proposals', description: '人大代表建议、政协委员提案' },
        { name: 'staff: reception', description: '局长接访日' },
        { name: 'staff: conduct', description: '投诉、举报、警风警纪监督员' },
        { name: 'staff: feedback', description: '回访、整改与评价申诉' },
        { name: 'staff: posts', description: '留言审核（群众信箱、网上留言）' },
        { name: 'staff: petitions', description: '信访（登记、受理、办理、复查复核、带案回访）' },
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
  await app.register(async (scope) => statsRoutes(scope, ctx));
  await app.register(async (scope) => conductRoutes(scope, ctx));
  await app.register(async (scope) => feedbackRoutes(scope, ctx));
  await app.register(async (scope) => postRoutes(scope, ctx));
  await app.register(async (scope) => proposalRoutes(scope, ctx));
  await app.register(async (scope) => receptionRoutes(scope, ctx));
  await app.register(async (scope) => petitionRoutes(scope, ctx));
  if (webDir && fs.existsSync(path.join(webDir, 'index.html'))) await serveWebApp(app, webDir);
  return app;
}

/**
 * The web app's files, and index.html for every other GET outside /api/ so that the browser's router
 * handles deep links (/track/…). API routes are more specific and win; /api/* and missing files keep
 * the JSON 404.
 */
async function serveWebApp(app: FastifyInstance, root: string) {
  await app.register(fastifyStatic, {
    root,
    wildcard: false, // one route per file found at start; the fallback below handles the rest
    preCompressed: true, // the build writes .br and .gz copies (vite.config.ts)
    setHeaders: (res, file) => {
      // Vite puts a content hash in every asset's name; index.html must be revalidated to pick up a new build.
      res.header('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.get('/*', { schema: { hide: true } }, async (request, reply) => {
    const pathname = request.url.split('?')[0];
    if (pathname.startsWith('/api/') || /\.[A-Za-z0-9]+$/.test(pathname)) throw new AppError('NOT_FOUND');
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
