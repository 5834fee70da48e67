import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS } from '../../../common/attachments.js';
import { addStaff, buildTestApp, createTestContext, login, seedFixture, validSubmission, type Fixture } from '../../test/harness.js';

let env: Awaited<ReturnType<typeof createTestContext>>;
let app: FastifyInstance;
let fx: Fixture;

const PORTAL = '/api/v1/portal/matters';

beforeAll(async () => {
  env = await createTestContext();
  fx = await seedFixture(env.ctx);
  await addStaff(env.ctx, 'taker', fx.units.command, ['call_taker']);
  await addStaff(env.ctx, 'east', fx.units.stationA, ['officer']);
  await addStaff(env.ctx, 'west', fx.units.stationB, ['officer']);
  app = await buildTestApp(env.ctx);
});
afterAll(async () => { await app.close(); await env.close(); });

// Small but real files: the server sniffs the first bytes.
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), randomBytes(64)]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const EXE = Buffer.concat([Buffer.from('MZ'), randomBytes(200)]);

type File = { name: string; content: Buffer; type?: string };

/** A multipart body as a browser's FormData would send it. */
async function multipart(fields: Record<string, unknown>, files: File[]) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, JSON.stringify(value));
  for (const file of files) form.append('files', new Blob([new Uint8Array(file.content)], { type: file.type ?? 'application/octet-stream' }), file.name);
  const encoded = new Response(form);
  return { payload: Buffer.from(await encoded.arrayBuffer()), contentType: encoded.headers.get('content-type')! };
}

async function submitWith(files: File[], options: { body?: object; key?: string; lang?: string } = {}) {
  const { payload, contentType } = await multipart({ submission: options.body ?? validSubmission() }, files);
  return app.inject({
    method: 'POST', url: PORTAL, payload,
    headers: {
      'content-type': contentType, ...(options.key ? { 'idempotency-key': options.key } : {}),
      ...(options.lang ? { 'accept-language': options.lang } : {}),
    },
  });
}

const codeOf = (res: LightMyRequestResponse) => res.json().error?.code as string | undefined;
const count = async (sql: string) => Number((await env.ctx.db.query(sql)).rows[0].n);
const counts = async () => ({ matters: await count('SELECT count(*) AS n FROM matters'), files: await count('SELECT count(*) AS n FROM matter_attachments') });
const idOf = async (trackingCode: string) =>
  (await env.ctx.db.query('SELECT id FROM matters WHERE tracking_code = $1', [trackingCode.replace(/-/g, '')])).rows[0].id as number;

describe('submitting with attachments', () => {
  it('stores the files with the matter, lists them in the event, the public view and the staff view', async () => {
    const res = await submitWith([{ name: '现场照片.png', content: PNG, type: 'image/png' }, { name: 'C:\\fakepath\\证明.pdf', content: PDF }]);
    expect(res.statusCode, res.body).toBe(201);
    const { trackingCode } = res.json();
    const id = await idOf(trackingCode);

    const { rows } = await env.ctx.db.query(
      'SELECT id, file_name, media_type, size_bytes, sha256, added_by_kind, event_seq FROM matter_attachments WHERE matter_id = $1 ORDER BY id', [id]);
    expect(rows.map((r) => [r.file_name, r.media_type, r.size_bytes, r.added_by_kind, r.event_seq])).toEqual([
      ['现场照片.png', 'image/png', PNG.length, 'citizen', 1], ['证明.pdf', 'application/pdf', PDF.length, 'citizen', 1],
    ]);
    expect(rows[0].sha256).toEqual(createHash('sha256').update(PNG).digest());

    const event = (await env.ctx.db.query("SELECT payload FROM matter_events WHERE matter_id = $1 AND seq = 1", [id])).rows[0];
    expect(event.payload.attachments).toEqual([
      { id: rows[0].id, name: '现场照片.png', type: 'image/png', size: PNG.length },
      { id: rows[1].id, name: '证明.pdf', type: 'application/pdf', size: PDF.length },
    ]);

    const pub = (await app.inject({ method: 'GET', url: `${PORTAL}/${trackingCode}` })).json();
    expect(pub.attachments).toEqual(event.payload.attachments);

    const download = await app.inject({ method: 'GET', url: `${PORTAL}/${trackingCode}/attachments/${rows[1].id}` });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(PDF)).toBe(true);
    expect(download.headers['content-type']).toBe('application/pdf');

    const taker = await login(app, 'taker');
    const view = (await taker.get(`/api/v1/staff/matters/${id}`)).json();
    expect(view.attachments).toMatchObject([
      { id: rows[0].id, name: '现场照片.png', type: 'image/png', size: PNG.length, addedBy: 'citizen', addedByName: null },
      { id: rows[1].id, name: '证明.pdf', type: 'application/pdf', addedBy: 'citizen' },
    ]);
  });

  it('still takes a plain JSON submission, with no attachments', async () => {
    const res = await app.inject({ method: 'POST', url: PORTAL, payload: validSubmission() });
    expect(res.statusCode, res.body).toBe(201);
    const pub = (await app.inject({ method: 'GET', url: `${PORTAL}/${res.json().trackingCode}` })).json();
    expect(pub.attachments).toEqual([]);
  });

  it('takes a PNG named .pdf for a PNG', async () => {
    const res = await submitWith([{ name: 'scan.pdf', content: PNG, type: 'application/pdf' }]);
    expect(res.statusCode, res.body).toBe(201);
    const pub = (await app.inject({ method: 'GET', url: `${PORTAL}/${res.json().trackingCode}` })).json();
    expect(pub.attachments[0]).toMatchObject({ name: 'scan.pdf', type: 'image/png' });
  });

  it('validates the submission field with the same localized field errors as a JSON body', async () => {
    const body = validSubmission({ contact: { name: '张三丰', phone: '123' } });
    const json = await app.inject({ method: 'POST', url: PORTAL, payload: body });
    const form = await submitWith([{ name: 'a.png', content: PNG }], { body });
    expect(form.statusCode).toBe(400);
    expect(form.json().error.fields).toEqual(json.json().error.fields);
    expect(form.json().error.fields[0]).toMatchObject({ path: 'contact.phone', message: '联系电话格式不正确' });

    const broken = await app.inject({ method: 'POST', url: PORTAL, payload: 'not multipart at all', headers: { 'content-type': 'multipart/form-data' } });
    expect(codeOf(broken)).toBe('BAD_REQUEST');
    const cut = await multipart({ submission: validSubmission() }, [{ name: 'a.png', content: PNG }]);
    const truncated = await app.inject({ method: 'POST', url: PORTAL, payload: cut.payload.subarray(0, cut.payload.length - 60), headers: { 'content-type': cut.contentType } });
    expect(codeOf(truncated)).toBe('BAD_REQUEST');

    const missing = await multipart({}, [{ name: 'a.png', content: PNG }]);
    const res = await app.inject({ method: 'POST', url: PORTAL, payload: missing.payload, headers: { 'content-type': missing.contentType } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].path).toBe('submission');
  });

  it('refuses a submission field that is not a JSON object (broken JSON, an array) on that field; nothing is saved', async () => {
    const before = await counts();
    for (const text of ['{"kind": "consult", "content": ', JSON.stringify([validSubmission()])]) {
      const form = new FormData();
      form.append('submission', text);
      form.append('files', new Blob([new Uint8Array(PNG)]), 'a.png');
      const encoded = new Response(form);
      const res = await app.inject({
        method: 'POST', url: PORTAL, payload: Buffer.from(await encoded.arrayBuffer()), headers: { 'content-type': encoded.headers.get('content-type')! },
      });
      expect(res.statusCode, text).toBe(400);
      expect(codeOf(res)).toBe('VALIDATION_FAILED');
      expect(res.json().error.fields).toEqual([{ path: 'submission', message: '表单字段 submission 须为 JSON 对象' }]);
    }
    expect(await counts()).toEqual(before);
  });

  it('takes multipart bodies on the submission and supplement routes only', async () => {
    const { trackingCode } = (await submitWith([])).json();
    const form = await multipart({ rating: 'satisfied' }, []);
    for (const url of [`${PORTAL}/${trackingCode}/rating`, `${PORTAL}/${trackingCode}/reopen`]) {
      const res = await app.inject({ method: 'POST', url, payload: form.payload, headers: { 'content-type': form.contentType } });
      expect(res.statusCode, url).toBe(400);
      expect(codeOf(res), url).toBe('BAD_REQUEST');
    }
  });
});

describe('refusing files', () => {
  it('refuses an .exe renamed .jpg, naming the file and the allowed types, in Chinese and English; nothing is saved', async () => {
    const before = await counts();
    const zh = await submitWith([{ name: 'a.png', content: PNG }, { name: '发票.jpg', content: EXE, type: 'image/jpeg' }]);
    expect(zh.statusCode).toBe(415);
    expect(codeOf(zh)).toBe('ATTACHMENT_TYPE_NOT_ALLOWED');
    expect(zh.json().error.message).toBe('文件“发票.jpg”的类型不允许上传，只能上传 JPEG、PNG、GIF、WebP、PDF 格式的图片或文件');
    const en = await submitWith([{ name: 'invoice.jpg', content: EXE }], { lang: 'en' });
    expect(en.json().error.message).toBe('The file "invoice.jpg" is not of an allowed type; only JPEG, PNG, GIF, WebP, PDF files can be attached');
    expect(await counts()).toEqual(before);
  });

  it('takes exactly 10 MB and refuses 10 MB + 1 byte, naming the file; nothing is saved', async () => {
    const big = Buffer.alloc(MAX_ATTACHMENT_BYTES + 1);
    PNG.copy(big);
    const before = await counts();
    const res = await submitWith([{ name: 'a.png', content: PNG }, { name: '大图.png', content: big }]);
    expect(res.statusCode).toBe(413);
    expect(codeOf(res)).toBe('ATTACHMENT_TOO_LARGE');
    expect(res.json().error.message).toBe('文件“大图.png”超过 10 MB，请压缩或拆分后再上传');
    expect(await counts()).toEqual(before);

    const exact = await submitWith([{ name: 'exact.png', content: big.subarray(0, MAX_ATTACHMENT_BYTES) }]);
    expect(exact.statusCode, exact.body).toBe(201);
    expect(await counts()).toEqual({ matters: before.matters + 1, files: before.files + 1 });
  });

  it(`refuses more than ${MAX_ATTACHMENTS} files; nothing is saved`, async () => {
    const before = await counts();
    const files = Array.from({ length: MAX_ATTACHMENTS + 1 }, (_, i) => ({ name: `p${i}.png`, content: PNG }));
    const res = await submitWith(files, { lang: 'en' });
    expect(res.statusCode).toBe(400);
    expect(codeOf(res)).toBe('ATTACHMENT_TOO_MANY');
    expect(res.json().error.message).toBe(`At most ${MAX_ATTACHMENTS} files can be attached at a time`);
    expect(await counts()).toEqual(before);
  });
});

describe('retrying', () => {
  it('replays a retry with the same files and refuses the key with another set of files', async () => {
    const key = `k-${randomBytes(9).toString('hex')}`;
    const body = validSubmission();
    const first = await submitWith([{ name: 'a.png', content: PNG }], { body, key });
    expect(first.statusCode, first.body).toBe(201);
    const after = await counts();
    const again = await submitWith([{ name: 'a.png', content: PNG }], { body, key });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toEqual(first.json());
    expect(await counts()).toEqual(after);

    const other = await submitWith([{ name: 'a.png', content: PDF }], { body, key });
    expect(other.statusCode).toBe(422);
    expect(codeOf(other)).toBe('IDEMPOTENCY_KEY_REUSED');
    const none = await submitWith([], { body, key });
    expect(codeOf(none)).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await counts()).toEqual(after);
  });
});

describe('downloading', () => {
  let trackingCode: string;
  let id: number;
  let fileId: number;
  beforeAll(async () => {
    const res = await submitWith([{ name: '东城 "现场".png', content: PNG }], { body: validSubmission({ jurisdictionCode: '01' }) });
    expect(res.statusCode, res.body).toBe(201);
    trackingCode = res.json().trackingCode;
    id = await idOf(trackingCode);
    fileId = (await env.ctx.db.query('SELECT id FROM matter_attachments WHERE matter_id = $1', [id])).rows[0].id;
  });

  it('sends the file with its sniffed type, as a download that cannot run as a page', async () => {
    const east = await login(app, 'east');
    const res = await east.get(`/api/v1/staff/matters/${id}/attachments/${fileId}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.rawPayload.equals(PNG)).toBe(true);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['content-length']).toBe(String(PNG.length));
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBe('sandbox');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="__ ____.png"; filename*=UTF-8''${encodeURIComponent('东城 "现场".png')}`);
    expect(res.headers['cache-control']).toContain('no-store');
  });

  it('answers 404 to staff of another jurisdiction, and for a file of another matter', async () => {
    const west = await login(app, 'west');
    const res = await west.get(`/api/v1/staff/matters/${id}/attachments/${fileId}`);
    expect(res.statusCode).toBe(404);
    expect(codeOf(res)).toBe('MATTER_NOT_FOUND');
    const other = (await env.ctx.db.query('SELECT matter_id, id FROM matter_attachments WHERE matter_id <> $1 LIMIT 1', [id])).rows[0];
    const taker = await login(app, 'taker');
    expect((await taker.get(`/api/v1/staff/matters/${id}/attachments/${other.id}`)).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `${PORTAL}/${trackingCode}/attachments/${other.id}` })).statusCode).toBe(404);
  });

  it('needs a session for staff downloads and uploads, and the CSRF token to upload', async () => {
    const res = await app.inject({ method: 'GET', url: `/api/v1/staff/matters/${id}/attachments/${fileId}` });
    expect(res.statusCode).toBe(401);
    const { payload, contentType } = await multipart({}, [{ name: 'a.png', content: PNG }]);
    const anonymous = await app.inject({ method: 'POST', url: `/api/v1/staff/matters/${id}/attachments`, payload, headers: { 'content-type': contentType } });
    expect(anonymous.statusCode).toBe(401);
    const east = await login(app, 'east');
    const forged = await app.inject({ method: 'POST', url: `/api/v1/staff/matters/${id}/attachments`, payload,
      headers: { 'content-type': contentType }, cookies: { jm_session: east.cookie } });
    expect(codeOf(forged)).toBe('CSRF_INVALID');
    expect(await count(`SELECT count(*) AS n FROM matter_attachments WHERE matter_id = ${id}`)).toBe(1);
  });
});

describe('staff and supplements', () => {
  it('lets staff add files with an internal event; the citizen does not see them', async () => {
    const res = await submitWith([{ name: 'a.png', content: PNG }]);
    const { trackingCode } = res.json();
    const id = await idOf(trackingCode);
    const taker = await login(app, 'taker');
    const { payload, contentType } = await multipart({}, [{ name: '走访记录.pdf', content: PDF }]);
    const added = await taker.request({ method: 'POST', url: `/api/v1/staff/matters/${id}/attachments`, payload, headers: { 'content-type': contentType } });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json().attachments).toMatchObject([{ name: '走访记录.pdf', type: 'application/pdf', addedBy: 'staff', addedByName: '民警taker' }]);
    const staffFile = added.json().attachments[0].id;

    const view = (await taker.get(`/api/v1/staff/matters/${id}`)).json();
    expect(view.attachments).toMatchObject([{ name: 'a.png', addedBy: 'citizen', addedByName: null }, { id: staffFile, addedBy: 'staff', addedByName: '民警taker' }]);
    expect(view.timeline.at(-1)).toMatchObject({ type: 'attachment.added', visibility: 'internal',
      payload: { attachments: [{ id: staffFile, name: '走访记录.pdf', type: 'application/pdf', size: PDF.length }] } });

    const pub = (await app.inject({ method: 'GET', url: `${PORTAL}/${trackingCode}` })).json();
    expect(pub.attachments.map((a: { name: string }) => a.name)).toEqual(['a.png']);
    expect((await app.inject({ method: 'GET', url: `${PORTAL}/${trackingCode}/attachments/${staffFile}` })).statusCode).toBe(404);

    // Another station's officer may not add to a matter they cannot see; no file at all is refused.
    const west = await login(app, 'west');
    const eastMatter = await submitWith([], { body: validSubmission({ jurisdictionCode: '01' }) });
    const eastId = await idOf(eastMatter.json().trackingCode);
    const refused = await west.request({ method: 'POST', url: `/api/v1/staff/matters/${eastId}/attachments`, payload, headers: { 'content-type': contentType } });
    expect(refused.statusCode).toBe(404);
    const empty = await multipart({}, []);
    const nothing = await taker.request({ method: 'POST', url: `/api/v1/staff/matters/${id}/attachments`, payload: empty.payload, headers: { 'content-type': empty.contentType } });
    expect(nothing.statusCode).toBe(400);
  });

  it('takes files with the citizen supplement', async () => {
    const res = await submitWith([]);
    expect(res.statusCode, res.body).toBe(201);
    const { trackingCode } = res.json();
    const id = await idOf(trackingCode);
    const taker = await login(app, 'taker');
    const version = async () => (await env.ctx.db.query('SELECT version FROM matters WHERE id = $1', [id])).rows[0].version;
    expect((await taker.post(`/api/v1/staff/matters/${id}/accept`, { version: await version() })).statusCode).toBe(200);
    expect((await taker.post(`/api/v1/staff/matters/${id}/info-requests`, { version: await version(), request: '请提供照片' })).statusCode).toBe(200);

    const bad = await multipart({ supplement: { text: '照片见附件' } }, [{ name: 'x.jpg', content: EXE }]);
    const refused = await app.inject({ method: 'POST', url: `${PORTAL}/${trackingCode}/supplements`, payload: bad.payload, headers: { 'content-type': bad.contentType } });
    expect(codeOf(refused)).toBe('ATTACHMENT_TYPE_NOT_ALLOWED');
    expect((await app.inject({ method: 'GET', url: `${PORTAL}/${trackingCode}` })).json().status).toBe('awaiting_citizen');

    const good = await multipart({ supplement: { text: '照片见附件' } }, [{ name: '照片.png', content: PNG }]);
    const done = await app.inject({ method: 'POST', url: `${PORTAL}/${trackingCode}/supplements`, payload: good.payload, headers: { 'content-type': good.contentType } });
    expect(done.statusCode, done.body).toBe(204);
    const pub = (await app.inject({ method: 'GET', url: `${PORTAL}/${trackingCode}` })).json();
    expect(pub.attachments).toMatchObject([{ name: '照片.png', type: 'image/png', size: PNG.length }]);
    const { rows } = await env.ctx.db.query(
      `SELECT a.event_seq, e.type FROM matter_attachments a JOIN matter_events e ON e.jurisdiction_id = a.jurisdiction_id
          AND e.matter_id = a.matter_id AND e.seq = a.event_seq WHERE a.matter_id = $1`, [id]);
    expect(rows).toEqual([{ event_seq: expect.any(Number), type: 'citizen.supplemented' }]);
  });

  it('refuses a supplement with files when nothing was asked for; nothing is saved', async () => {
    const { trackingCode } = (await submitWith([])).json();
    const before = await counts();
    const form = await multipart({ supplement: { text: '主动补充的照片' } }, [{ name: '照片.png', content: PNG }]);
    const res = await app.inject({ method: 'POST', url: `${PORTAL}/${trackingCode}/supplements`, payload: form.payload, headers: { 'content-type': form.contentType } });
    expect(res.statusCode, res.body).toBe(409);
    expect(codeOf(res)).toBe('NOTHING_REQUESTED');
    expect(await counts()).toEqual(before);
  });

  it('counts a supplement with files against the submission limit, a JSON one against the read limit', async () => {
    const limited = await buildTestApp({ ...env.ctx, rateLimits: { ...env.ctx.rateLimits, portalSubmitPerMinute: 1 } });
    try {
      const url = `${PORTAL}/00-00000-00000-00000-00000/supplements`;
      const form = await multipart({ supplement: { text: '补充' } }, [{ name: '照片.png', content: PNG }]);
      const send = () => limited.inject({ method: 'POST', url, payload: form.payload, headers: { 'content-type': form.contentType } });
      expect(codeOf(await send())).toBe('TRACKING_CODE_NOT_FOUND');
      expect(codeOf(await send())).toBe('RATE_LIMITED');
      const json = await limited.inject({ method: 'POST', url, payload: { text: '补充' } });
      expect(codeOf(json)).toBe('TRACKING_CODE_NOT_FOUND');
    } finally {
      await limited.close();
    }
  });
});

it('documents the attachment routes in the OpenAPI document', async () => {
  const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining([
    '/api/v1/staff/matters/{id}/attachments', '/api/v1/staff/matters/{id}/attachments/{attachmentId}',
    '/api/v1/portal/matters/{trackingCode}/attachments/{attachmentId}',
  ]));
  expect(doc.paths['/api/v1/portal/matters'].post.description).toContain('multipart/form-data');
  expect(Object.keys(doc.paths['/api/v1/portal/matters'].post.responses)).toEqual(expect.arrayContaining(['201', '413', '415']));
});

it('answers a refused file over real HTTP too, while the rest of the upload is still streaming in', async () => {
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const big = Buffer.alloc(MAX_ATTACHMENT_BYTES + 1);
  PNG.copy(big);
  const form = new FormData();
  form.append('submission', JSON.stringify(validSubmission()));
  form.append('files', new Blob([new Uint8Array(EXE)]), 'first.jpg');
  form.append('files', new Blob([new Uint8Array(big)]), 'big.png');
  const before = await counts();
  const res = await fetch(`${address}${PORTAL}`, { method: 'POST', body: form, headers: { 'accept-language': 'en' } });
  expect(res.status).toBe(415);
  expect(((await res.json()) as { error: { message: string } }).error.message).toContain('"first.jpg"');
  const large = new FormData();
  large.append('submission', JSON.stringify(validSubmission()));
  large.append('files', new Blob([new Uint8Array(big)]), 'big.png');
  const tooLarge = await fetch(`${address}${PORTAL}`, { method: 'POST', body: large });
  expect(tooLarge.status).toBe(413);
  expect(await counts()).toEqual(before);
});
