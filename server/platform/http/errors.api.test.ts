import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERRORS } from '../../../common/errors.js';
import { buildApp } from '../../app.js';
import { addStaff, createTestContext, login, seedFixture, validSubmission, type Fixture } from '../../test/harness.js';

let env: Awaited<ReturnType<typeof createTestContext>>;
let app: FastifyInstance;
let fx: Fixture;

const SECRET = 'SELECT * FROM secret_table failed at /srv/x.ts:42';

beforeAll(async () => {
  env = await createTestContext();
  fx = await seedFixture(env.ctx);
  await addStaff(env.ctx, 'taker', fx.units.command, ['call_taker']);
  app = await buildApp({ ...env.ctx, logger: false });
  // Routes that fail the way a bug or a database error would, registered before the app is ready.
  app.get('/boom', async () => { throw new Error(SECRET); });
  app.get('/api/boom', async () => { throw new Error(SECRET); });
  app.get('/api/boom-sync', () => { throw new TypeError(`Cannot read properties of undefined (reading 'secret') ${SECRET}`); });
  app.get('/api/boom-4xx', async () => { throw Object.assign(new Error(SECRET), { statusCode: 400 }); });
  await app.ready();
});
afterAll(async () => { await app.close(); await env.close(); });

const matterCount = async () => Number((await env.ctx.db.query('SELECT count(*) AS n FROM matters')).rows[0].n);
const submit = (payload: unknown, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: '/api/v1/portal/matters', payload: payload as object, headers });
const errorOf = (res: LightMyRequestResponse) => res.json().error as { code: string; message: string; requestId: string; fields?: { path: string; message: string }[] };
const pathsOf = (res: LightMyRequestResponse) => (errorOf(res).fields ?? []).map((f) => f.path).sort();
const messageAt = (res: LightMyRequestResponse, path: string) => errorOf(res).fields?.filter((f) => f.path === path).map((f) => f.message);

const badSubmission = {
  kind: 'robbery',
  content: '',
  contact: { name: '张三丰', phone: '12345' },
  extra: 'x',
};

describe('validation errors', () => {
  it('lists every field error in Chinese by default and changes nothing', async () => {
    const before = await matterCount();
    const res = await submit(badSubmission);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const error = errorOf(res);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toBe(ERRORS.VALIDATION_FAILED.zh);
    expect(typeof error.requestId).toBe('string');
    expect(error.requestId.length).toBeGreaterThan(0);
    expect(pathsOf(res)).toEqual(['contact.phone', 'content', 'extra', 'kind']);
    expect(messageAt(res, 'content')).toEqual(['诉求内容至少需要 5 个字符']);
    expect(messageAt(res, 'contact.phone')).toEqual(['联系电话格式不正确']);
    expect(messageAt(res, 'extra')).toEqual(['不允许提交字段“extra”']);
    expect(messageAt(res, 'kind')).toEqual(['事项类型的取值无效，可选值：consult、help、complaint、report、suggestion']);
    expect(await matterCount()).toBe(before);
  });

  it('answers in English with Accept-Language: en', async () => {
    const before = await matterCount();
    const res = await submit(badSubmission, { 'accept-language': 'en' });
    expect(res.statusCode, res.body).toBe(400);
    const error = errorOf(res);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toBe(ERRORS.VALIDATION_FAILED.en);
    expect(pathsOf(res)).toEqual(['contact.phone', 'content', 'extra', 'kind']);
    expect(messageAt(res, 'content')).toEqual(['content needs at least 5 characters']);
    expect(messageAt(res, 'contact.phone')).toEqual(['contact.phone is not in a valid format']);
    expect(messageAt(res, 'extra')).toEqual(['The field "extra" is not allowed']);
    expect(messageAt(res, 'kind')).toEqual(['kind must be one of: consult、help、complaint、report、suggestion']);
    // No Chinese left in an English answer.
    expect(res.body).not.toMatch(/[\u4e00-\u9fff]/);
    expect(await matterCount()).toBe(before);
  });

  it.each([
    ['en-US,en;q=0.9', 'en'],
    ['fr-FR, en;q=0.8, zh;q=0.5', 'en'],
    ['en;q=0.3, zh-CN;q=0.9', 'zh'],
    ['zh-TW', 'zh'],
    ['de-DE', 'zh'],
  ])('picks the language from Accept-Language %j', async (header, expected) => {
    const res = await submit(badSubmission, { 'accept-language': header });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).message).toBe(expected === 'en' ? ERRORS.VALIDATION_FAILED.en : ERRORS.VALIDATION_FAILED.zh);
  });

  it('reports missing required fields and nested errors by their path', async () => {
    const res = await submit({ contact: { phone: '13812341234', fax: '1' }, location: { lng: 200 } });
    expect(res.statusCode, res.body).toBe(400);
    expect(errorOf(res).code).toBe('VALIDATION_FAILED');
    expect(pathsOf(res)).toEqual(['contact.fax', 'contact.name', 'content', 'kind', 'location.lng']);
    expect(messageAt(res, 'contact.name')).toEqual(['联系人姓名为必填项']);
  });

  it('rejects a server-side checked field (ID number check digit) in the client\'s language too', async () => {
    const before = await matterCount();
    // Well-formed, but the check digit is wrong (the right one for 11010519491231002 is X).
    const body = validSubmission({ contact: { name: '张三丰', phone: '13812341234', idNumber: '110105194912310021' } });
    const zh = await submit(body);
    expect(zh.statusCode, zh.body).toBe(400);
    expect(errorOf(zh).code).toBe('VALIDATION_FAILED');
    expect(pathsOf(zh)).toEqual(['contact.idNumber']);
    expect(messageAt(zh, 'contact.idNumber')![0]).toMatch(/[\u4e00-\u9fff]/);
    const en = await submit(body, { 'accept-language': 'en' });
    expect(en.statusCode, en.body).toBe(400);
    expect(errorOf(en).message).toBe(ERRORS.VALIDATION_FAILED.en);
    expect(pathsOf(en)).toEqual(['contact.idNumber']);
    // The field message must follow the language as well.
    expect(en.body, 'field message still in Chinese for Accept-Language: en').not.toMatch(/[\u4e00-\u9fff]/);
    expect(await matterCount()).toBe(before);
  });

  it('validates query strings and path parameters on staff routes, listing every error', async () => {
    const taker = await login(app, 'taker');
    const list = await taker.get('/api/v1/staff/matters?page=0&pageSize=1000&state=bogus&colour=red');
    expect(list.statusCode, list.body).toBe(400);
    expect(errorOf(list).code).toBe('VALIDATION_FAILED');
    expect(pathsOf(list)).toEqual(['colour', 'page', 'pageSize', 'state']);
    const byId = await taker.get('/api/v1/staff/matters/abc');
    expect(byId.statusCode, byId.body).toBe(400);
    expect(errorOf(byId).code).toBe('VALIDATION_FAILED');
    expect(pathsOf(byId)).toEqual(['id']);
  });

  it('answers malformed JSON with 400 BAD_REQUEST and changes nothing', async () => {
    const before = await matterCount();
    const res = await app.inject({
      method: 'POST', url: '/api/v1/portal/matters', headers: { 'content-type': 'application/json' }, payload: '{"kind": "help", "content": ',
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(errorOf(res).code).toBe('BAD_REQUEST');
    expect(errorOf(res).message).toBe(ERRORS.BAD_REQUEST.zh);
    expect(errorOf(res).fields).toBeUndefined();
    expect(await matterCount()).toBe(before);
  });

  it('answers a body over 1 MiB with 413 and changes nothing', async () => {
    const before = await matterCount();
    const payload = JSON.stringify(validSubmission({ content: 'x'.repeat(1024 * 1024) }));
    expect(Buffer.byteLength(payload)).toBeGreaterThan(1024 * 1024);
    const res = await app.inject({ method: 'POST', url: '/api/v1/portal/matters', headers: { 'content-type': 'application/json' }, payload });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(413);
    expect(errorOf(res).code).toBe('PAYLOAD_TOO_LARGE');
    expect(await matterCount()).toBe(before);
  });

  it('answers an unknown route with 404 NOT_FOUND as JSON', async () => {
    for (const [method, url] of [['GET', '/api/v1/nothing-here'], ['POST', '/api/v1/portal/nothing'], ['GET', '/no/such/page']] as const) {
      const res = await app.inject({ method, url });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(errorOf(res).code).toBe('NOT_FOUND');
      expect(errorOf(res).message).toBe(ERRORS.NOT_FOUND.zh);
    }
    const en = await app.inject({ method: 'GET', url: '/api/v1/nothing-here', headers: { 'accept-language': 'en' } });
    expect(errorOf(en).message).toBe('Not found');
  });
});

describe('internal errors', () => {
  it.each(['/boom', '/api/boom', '/api/boom-sync'])('%s answers the generic INTERNAL message with a request id, never the internal one', async (url) => {
    const res = await app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(500);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const body = res.json();
    expect(Object.keys(body)).toEqual(['error']);
    expect(Object.keys(body.error).sort()).toEqual(['code', 'message', 'requestId']);
    expect(body.error.code).toBe('INTERNAL');
    expect(body.error.message).toBe(ERRORS.INTERNAL.zh);
    expect(typeof body.error.requestId).toBe('string');
    expect(body.error.requestId.length).toBeGreaterThan(0);
    for (const leak of ['SELECT', 'secret', '/srv', 'x.ts', 'Cannot read', 'stack']) expect(res.body).not.toContain(leak);
  });

  it('uses a distinct request id per request, and English on request', async () => {
    const a = await app.inject({ method: 'GET', url: '/api/boom' });
    const b = await app.inject({ method: 'GET', url: '/api/boom', headers: { 'accept-language': 'en' } });
    expect(errorOf(a).requestId).not.toBe(errorOf(b).requestId);
    expect(errorOf(b).message).toBe(ERRORS.INTERNAL.en);
    expect(b.body).not.toContain('secret');
  });

  it('does not echo the message of a client error either', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/boom-4xx' });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe('BAD_REQUEST');
    expect(res.body).not.toContain('secret');
    expect(res.body).not.toContain('SELECT');
  });
});

describe('headers', () => {
  const securityHeaders = (res: LightMyRequestResponse) => {
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toMatch(/(^|;)\s*frame-ancestors 'none'\s*(;|$)/);
    expect(csp).toMatch(/(^|;)\s*default-src 'self'/);
  };

  it('sends the security headers and cache-control: no-store on /api responses, errors included', async () => {
    const cases = [
      await app.inject({ method: 'GET', url: '/api/v1/portal/kinds' }),
      await app.inject({ method: 'GET', url: '/api/v1/portal/matters/00-00000-00000-00000-00000' }),
      await submit(badSubmission),
      await app.inject({ method: 'GET', url: '/api/v1/nothing-here' }),
      await app.inject({ method: 'GET', url: '/api/boom' }),
      await app.inject({ method: 'GET', url: '/api/v1/staff/session' }),
    ];
    expect(cases.map((r) => r.statusCode)).toEqual([200, 404, 400, 404, 500, 401]);
    for (const res of cases) {
      securityHeaders(res);
      expect(res.headers['cache-control'], res.raw.req.url).toBe('no-store');
    }
  });

  it('sends the security headers outside /api too', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    securityHeaders(res);
  });
});

describe('service endpoints', () => {
  it('GET /healthz answers 200 {"status":"ok"}', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('GET /api/openapi.json is an OpenAPI 3 document listing the portal and staff routes', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(doc.info.title).toBeTruthy();
    const paths = Object.keys(doc.paths);
    for (const path of [
      '/api/v1/portal/matters', '/api/v1/portal/matters/{trackingCode}', '/api/v1/portal/matters/{trackingCode}/supplements',
      '/api/v1/staff/session', '/api/v1/staff/matters', '/api/v1/staff/matters/{id}', '/api/v1/staff/matters/{id}/notes',
      '/api/v1/staff/admin/staff',
    ]) expect(paths, path).toContain(path);
    expect(doc.paths['/api/v1/portal/matters'].post.requestBody.content['application/json'].schema.properties.contact).toBeDefined();
    expect(Object.keys(doc.paths['/api/v1/portal/matters'].post.responses)).toEqual(expect.arrayContaining(['201', '400', '422', '429']));
    expect(doc.paths['/api/v1/staff/matters/{id}'].get.parameters.some((p: { name: string; in: string }) => p.name === 'id' && p.in === 'path')).toBe(true);
    // The test-only routes and the document itself are not listed.
    expect(paths).not.toContain('/api/openapi.json');
  });

  it('/api/docs answers 200 HTML', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/docs' });
    expect(res.statusCode, res.headers.location as string).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toMatch(/<html/i);
  });
});
