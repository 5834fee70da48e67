import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addStaff, buildTestApp, createTestContext, login, seedFixture, validSubmission, type Fixture } from '../../test/harness.js';

let env: Awaited<ReturnType<typeof createTestContext>>;
let app: FastifyInstance;
let fx: Fixture;

const DAY = 86_400_000;
const TRACKING_CODE = /^[0-9]{2}(-[0-9A-HJKMNP-TV-Z]{5}){4}$/;
const PORTAL = '/api/v1/portal/matters';

beforeAll(async () => {
  env = await createTestContext();
  fx = await seedFixture(env.ctx);
  await addStaff(env.ctx, 'taker', fx.units.command, ['call_taker']);
  app = await buildTestApp(env.ctx);
});
afterAll(async () => { await app.close(); await env.close(); });

const newKey = () => `k-${randomBytes(9).toString('hex')}`;
const submit = (body: object = validSubmission(), key?: string) =>
  app.inject({ method: 'POST', url: PORTAL, payload: body, headers: key ? { 'idempotency-key': key } : {} });
const view = (code: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url: `${PORTAL}/${encodeURIComponent(code)}`, headers });
const codeOf = (res: LightMyRequestResponse) => res.json().error?.code as string | undefined;
const count = async (sql: string, params: unknown[] = []) => Number((await env.ctx.db.query(sql, params)).rows[0].n);
const matterCount = () => count('SELECT count(*) AS n FROM matters');
const stored = (code: string) => code.replace(/-/g, '');
async function matterRow(trackingCode: string) {
  const { rows } = await env.ctx.db.query('SELECT id, state, cycle, version FROM matters WHERE tracking_code = $1', [stored(trackingCode)]);
  return rows[0] as { id: number; state: string; cycle: number; version: number };
}
async function created(body: object = validSubmission()) {
  const res = await submit(body);
  expect(res.statusCode, res.body).toBe(201);
  const trackingCode = res.json().trackingCode as string;
  return { trackingCode, id: (await matterRow(trackingCode)).id };
}
/** The staff side, logged in afresh (a moved clock would have expired an earlier session). */
const staff = () => login(app, 'taker');
async function staffPost(id: number, action: string, body: Record<string, unknown> = {}) {
  const taker = await staff();
  const { rows } = await env.ctx.db.query('SELECT version FROM matters WHERE id = $1', [id]);
  const version = rows[0].version as number;
  const res = await taker.post(`/api/v1/staff/matters/${id}/${action}`, { version, ...body });
  expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
  return res;
}

describe('submitting and tracking', () => {
  it('answers 201 with a tracking code, a case number and the time received, and shows the public view', async () => {
    const now = env.clock.now();
    const res = await submit(validSubmission({ kind: 'consult', content: '请问办理居住证需要带哪些材料？' }));
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(['caseNo', 'receivedAt', 'trackingCode']);
    expect(body.trackingCode).toMatch(TRACKING_CODE);
    expect(body.trackingCode.startsWith('00-')).toBe(true);
    expect(body.caseNo).toMatch(/^JM2026-\d{7}$/);
    expect(body.receivedAt).toBe(now.toISOString());

    const v = await view(body.trackingCode);
    expect(v.statusCode, v.body).toBe(200);
    const pub = v.json();
    expect(pub).toMatchObject({
      trackingCode: body.trackingCode, caseNo: body.caseNo, kind: 'consult', kindName: '咨询', status: 'received', statusLabel: '已受理',
      receivedAt: body.receivedAt, content: '请问办理居住证需要带哪些材料？', handlingUnit: '指挥中心', request: null, reply: null, canReopenUntil: null,
    });
    expect(pub.timeline).toEqual([{ at: body.receivedAt, type: 'matter.submitted', text: '您的诉求已提交，我们已收到' }]);
    const en = (await view(body.trackingCode, { 'accept-language': 'en' })).json();
    expect(en.kindName).toBe('Enquiry');
    expect(en.statusLabel).toBe('Received');
  });

  it('gives every submission its own tracking code', async () => {
    const codes = new Set<string>();
    for (let i = 0; i < 5; i++) codes.add((await created()).trackingCode);
    expect(codes.size).toBe(5);
  });

  it('finds the matter by its code in any case, with or without dashes or spaces', async () => {
    const { trackingCode } = await created();
    const bare = stored(trackingCode);
    for (const form of [trackingCode, trackingCode.toLowerCase(), bare, bare.toLowerCase(), ` ${trackingCode.replace(/-/g, ' ')} `,
      `${bare.slice(0, 7)}-${bare.slice(7)}`]) {
      const res = await view(form);
      expect(res.statusCode, `${JSON.stringify(form)}: ${res.body}`).toBe(200);
      expect(res.json().trackingCode).toBe(trackingCode);
    }
    // Read out over the phone: O for 0, and I or L for 1 (Crockford).
    const spoken = trackingCode.replace(/0/g, 'O').replace(/1/g, 'l');
    expect((await view(spoken)).json().trackingCode).toBe(trackingCode);
  });

  it('answers 404 TRACKING_CODE_NOT_FOUND for an unknown or malformed code', async () => {
    const { trackingCode } = await created();
    const bare = stored(trackingCode);
    const last = bare.at(-1) === '0' ? '1' : '0';
    for (const code of [
      `${bare.slice(0, -1)}${last}`, // one character off
      '00-00000-00000-00000-00000',
      '01-ABCDE-FGHJK-MNPQR-STVWX', // an existing station's prefix
      `99${bare.slice(2)}`, // no such jurisdiction
      `${bare}0`, // too long
      bare.slice(0, -1), // too short
      '00-UUUUU-UUUUU-UUUUU-UUUUU', // U is not in the alphabet
      'not-a-tracking-code',
      "00' OR '1'='1",
    ]) {
      const res = await view(code);
      expect(res.statusCode, `${code}: ${res.body}`).toBe(404);
      expect(codeOf(res)).toBe('TRACKING_CODE_NOT_FOUND');
      expect(res.json().error.message).toBe('查询码不存在，请核对后重新输入');
    }
  });
});

describe('idempotency', () => {
  it('answers a retry with the same key with 200 and the same tracking code, and creates no second matter', async () => {
    const key = newKey();
    const body = validSubmission({ content: '重试测试：楼道里堆放杂物，存在消防隐患。' });
    const first = await submit(body, key);
    expect(first.statusCode, first.body).toBe(201);
    const before = await matterCount();
    const retry = await submit(body, key);
    expect(retry.statusCode, retry.body).toBe(200);
    expect(retry.json()).toEqual(first.json());
    // The same content in another key order is the same submission.
    const reordered = await submit({ contact: { phone: body.contact.phone, name: body.contact.name }, content: body.content, kind: body.kind }, key);
    expect(reordered.statusCode, reordered.body).toBe(200);
    expect(reordered.json().trackingCode).toBe(first.json().trackingCode);
    expect(await matterCount()).toBe(before);
    expect(await count('SELECT count(*) AS n FROM matters WHERE content = $1', [body.content])).toBe(1);
    expect(await count('SELECT count(*) AS n FROM portal_submissions WHERE idempotency_key = $1', [key])).toBe(1);
  });

  it('20 concurrent identical requests with one key create exactly one matter and all get the same tracking code', async () => {
    const key = newKey();
    const body = validSubmission({ content: `并发测试 ${key}：路口红绿灯不亮。` });
    const before = await matterCount();
    const results = await Promise.all(Array.from({ length: 20 }, () => submit(body, key)));
    const statuses = results.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 201), JSON.stringify(results.filter((r) => r.statusCode >= 300).map((r) => r.body))).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(19);
    const codes = new Set(results.map((r) => r.json().trackingCode));
    expect(codes.size).toBe(1);
    const [code] = codes;
    expect(code).toMatch(TRACKING_CODE);
    expect(await matterCount()).toBe(before + 1);
    expect(await count('SELECT count(*) AS n FROM matters WHERE content = $1', [body.content])).toBe(1);
    expect((await matterRow(code)).state).toBe('received');
    expect((await view(code)).statusCode).toBe(200);
  });

  it('answers the same key with a different body with 422 IDEMPOTENCY_KEY_REUSED and creates nothing', async () => {
    const key = newKey();
    const original = validSubmission({ content: '第一份内容：夜间施工噪音扰民。' });
    const first = await submit(original, key);
    expect(first.statusCode, first.body).toBe(201);
    const before = await matterCount();
    for (const other of [
      { ...original, content: '第二份内容：完全不同的事情。' },
      { ...original, kind: 'complaint' },
      { ...original, contact: { name: '张三丰', phone: '13812341235' } },
    ]) {
      const res = await submit(other, key);
      expect(res.statusCode, res.body).toBe(422);
      expect(codeOf(res)).toBe('IDEMPOTENCY_KEY_REUSED');
    }
    expect(await matterCount()).toBe(before);
    // The original is untouched.
    const again = await submit(original, key);
    expect(again.statusCode).toBe(200);
    expect(again.json().trackingCode).toBe(first.json().trackingCode);
  });

  it('answers a malformed key with 400 IDEMPOTENCY_KEY_INVALID and creates nothing', async () => {
    const before = await matterCount();
    for (const key of ['short', 'has space inside', 'x'.repeat(65), 'ключ-ключ-ключ', 'abc/def/ghi', 'abcdefgh;drop']) {
      const res = await submit(validSubmission(), key);
      expect(res.statusCode, `${key}: ${res.body}`).toBe(400);
      expect(codeOf(res)).toBe('IDEMPOTENCY_KEY_INVALID');
    }
    expect(await matterCount()).toBe(before);
    // The limits themselves are accepted.
    expect((await submit(validSubmission(), 'a'.repeat(8))).statusCode).toBe(201);
    expect((await submit(validSubmission(), `${'B'.repeat(60)}_-9z`)).statusCode).toBe(201);
  });
});

describe('personal data', () => {
  const contact = { name: '欧阳娜娜', phone: '13987654321', idNumber: '11010519491231002X', address: '东城区和平路88号3单元502室' };
  const content = '邻居家的狗经常夜间吠叫，影响休息，希望民警协调。';

  it('is encrypted at rest: no column of the matter, its events or its idempotency row holds the plaintext', async () => {
    const key = newKey();
    const res = await submit(validSubmission({ content, contact }), key);
    expect(res.statusCode, res.body).toBe(201);
    const { id } = await matterRow(res.json().trackingCode);
    const plain = [contact.name, contact.phone, contact.idNumber, contact.address, '87654321', '娜娜', '和平路88号'];
    const tables: [string, string, unknown[]][] = [
      ['matters', 'SELECT m::text AS t FROM matters m WHERE id = $1', [id]],
      ['matter_events', 'SELECT e::text AS t FROM matter_events e WHERE matter_id = $1', [id]],
      ['matter_deadlines', 'SELECT d::text AS t FROM matter_deadlines d WHERE matter_id = $1', [id]],
      ['portal_submissions', 'SELECT p::text AS t FROM portal_submissions p WHERE idempotency_key = $1', [key]],
    ];
    for (const [table, sql, params] of tables) {
      const { rows } = await env.ctx.db.query(sql, params);
      expect(rows.length, table).toBeGreaterThan(0);
      for (const { t } of rows as { t: string }[]) {
        for (const value of plain) {
          expect(t, `${table} holds "${value}" in clear`).not.toContain(value);
          // bytea columns print as hex: look for the UTF-8 bytes too.
          expect(t.toLowerCase(), `${table} holds "${value}" as bytes`).not.toContain(Buffer.from(value).toString('hex'));
        }
      }
    }
    // And the sealed columns are really there, not simply dropped.
    const { rows } = await env.ctx.db.query(
      'SELECT contact_name_enc, contact_phone_enc, contact_id_no_enc, contact_address_enc, contact_phone_index FROM matters WHERE id = $1', [id]);
    for (const [column, value] of Object.entries(rows[0] as Record<string, Buffer>)) {
      expect(Buffer.isBuffer(value), column).toBe(true);
      for (const p of plain) expect(value.includes(Buffer.from(p)), `${column} contains ${p}`).toBe(false);
    }
    // The same phone submitted twice is sealed differently (random nonce).
    const again = await submit(validSubmission({ content, contact, confirmDuplicate: true }));
    const { rows: both } = await env.ctx.db.query('SELECT contact_phone_enc FROM matters WHERE tracking_code = ANY($1)',
      [[stored(res.json().trackingCode), stored(again.json().trackingCode)]]);
    expect(Buffer.compare(both[0].contact_phone_enc, both[1].contact_phone_enc)).not.toBe(0);
  });

  it('never appears in the public view, not even masked', async () => {
    const { trackingCode, id } = await created(validSubmission({ content, contact, confirmDuplicate: true }));
    for (const lang of ['zh-CN', 'en']) {
      const res = await view(trackingCode, { 'accept-language': lang });
      expect(res.statusCode).toBe(200);
      const pub = res.json();
      expect(pub).not.toHaveProperty('contact');
      expect(Object.keys(pub).sort()).toEqual([
        'attachments', 'canReopenUntil', 'caseNo', 'content', 'dueAt', 'handlingUnit', 'kind', 'kindName', 'mayRate', 'rating', 'receivedAt', 'reply', 'request',
        'status', 'statusLabel', 'timeline', 'trackingCode',
      ]);
      for (const value of [contact.name, contact.phone, contact.idNumber, contact.address, '欧', '娜', '4321', '****', '139', '110105', '和平路']) {
        expect(res.body, `public view contains "${value}"`).not.toContain(value);
      }
    }
    // Staff see it masked, for contrast; it is there to be leaked.
    const taker = await staff();
    const detail = (await taker.get(`/api/v1/staff/matters/${id}`)).json();
    expect(detail.contact.phone).toBe('139****4321');
    expect(detail.contact.name).toBe('欧**娜');
  });
});

describe('internal notes stay internal', () => {
  it('a staff note never reaches the public view, while a reply does', async () => {
    const { trackingCode, id } = await created();
    const noteMarker = `NOTE-${randomBytes(6).toString('hex')}`;
    const taker = await staff();
    const note = await taker.post(`/api/v1/staff/matters/${id}/notes`, { text: `内部备注 ${noteMarker}：报警人疑似重复来电` });
    expect(note.statusCode, note.body).toBe(200);
    // The note is on the staff timeline…
    const detail = await taker.get(`/api/v1/staff/matters/${id}`);
    expect(detail.body).toContain(noteMarker);
    // …and nowhere in the public view.
    for (const lang of ['zh-CN', 'en']) {
      const pub = await view(trackingCode, { 'accept-language': lang });
      expect(pub.statusCode).toBe(200);
      expect(pub.body).not.toContain(noteMarker);
      expect(pub.json().timeline.map((e: { type: string }) => e.type)).toEqual(['matter.submitted']);
    }

    await staffPost(id, 'accept');
    const replyMarker = `REPLY-${randomBytes(6).toString('hex')}`;
    await staffPost(id, 'reply', { text: `已联系物业修复 ${replyMarker}` });
    await (await staff()).post(`/api/v1/staff/matters/${id}/notes`, { text: `答复后的备注 ${noteMarker}` });
    const pub = await view(trackingCode);
    expect(pub.statusCode).toBe(200);
    expect(pub.body).toContain(replyMarker);
    expect(pub.body).not.toContain(noteMarker);
    expect(pub.json().status).toBe('replied');
    expect(pub.json().reply.text).toBe(`已联系物业修复 ${replyMarker}`);
    expect(pub.json().timeline.map((e: { type: string }) => e.type)).toEqual(['matter.submitted', 'matter.accepted', 'matter.replied']);
  });

  it('a returned transfer\'s reason is not shown to the public either', async () => {
    await addStaff(env.ctx, 'east1', fx.units.stationA, ['officer']);
    const { trackingCode, id } = await created();
    await staffPost(id, 'transfers', { toUnitId: fx.units.stationA, reason: '属东城辖区' });
    const marker = `RETURN-${randomBytes(6).toString('hex')}`;
    const east = await login(app, 'east1');
    const version = (await matterRow(trackingCode)).version;
    const back = await east.post(`/api/v1/staff/matters/${id}/transfer/return`, { version, reason: `不属本所 ${marker}` });
    expect(back.statusCode, back.body).toBe(200);
    const pub = await view(trackingCode);
    expect(pub.body).not.toContain(marker);
    expect(pub.json().status).toBe('received');
  });
});

describe('asking the citizen for information', () => {
  it('shows awaiting_citizen and the request publicly; the supplement resumes handling', async () => {
    const { trackingCode, id } = await created();
    await staffPost(id, 'accept');
    const request = `请补充路灯的具体位置（门牌号）${randomBytes(3).toString('hex')}`;
    await staffPost(id, 'info-requests', { request });

    const asked = (await view(trackingCode)).json();
    expect(asked.status).toBe('awaiting_citizen');
    expect(asked.statusLabel).toBe('待您补充材料');
    expect(asked.request).toBe(request);
    expect(asked.timeline.at(-1)).toMatchObject({ type: 'matter.infoRequested', text: `需要您补充：${request}` });
    expect((await view(trackingCode, { 'accept-language': 'en' })).json().request).toBe(request);
    expect(await matterRow(trackingCode)).toMatchObject({ state: 'paused' });
    expect(await count("SELECT count(*) AS n FROM matter_deadlines WHERE matter_id = $1 AND status = 'active' AND paused_at IS NOT NULL", [id])).toBeGreaterThan(0);

    env.clock.advance(DAY);
    const supplement = await app.inject({ method: 'POST', url: `${PORTAL}/${trackingCode.toLowerCase()}/supplements`, payload: { text: '在和平路 12 号门口' } });
    expect(supplement.statusCode, supplement.body).toBe(204);
    expect(supplement.body).toBe('');

    const resumed = (await view(trackingCode)).json();
    expect(resumed.status).toBe('in_progress');
    expect(resumed.request).toBeNull();
    expect(resumed.timeline.at(-1)).toMatchObject({ type: 'citizen.supplemented', text: '您补充了：在和平路 12 号门口' });
    expect(await matterRow(trackingCode)).toMatchObject({ state: 'handling' });
    expect(await count("SELECT count(*) AS n FROM matter_deadlines WHERE matter_id = $1 AND status = 'active' AND paused_at IS NOT NULL", [id])).toBe(0);

    // Once answered, nothing more is asked.
    const twice = await app.inject({ method: 'POST', url: `${PORTAL}/${trackingCode}/supplements`, payload: { text: '再补充一点' } });
    expect(twice.statusCode, twice.body).toBe(409);
    expect(codeOf(twice)).toBe('NOTHING_REQUESTED');
  });

  it('answers 409 NOTHING_REQUESTED when nothing was asked, and changes nothing', async () => {
    const { trackingCode, id } = await created();
    const events = await count('SELECT count(*) AS n FROM matter_events WHERE matter_id = $1', [id]);
    const res = await app.inject({ method: 'POST', url: `${PORTAL}/${trackingCode}/supplements`, payload: { text: '主动补充的材料' } });
    expect(res.statusCode, res.body).toBe(409);
    expect(codeOf(res)).toBe('NOTHING_REQUESTED');
    expect(await count('SELECT count(*) AS n FROM matter_events WHERE matter_id = $1', [id])).toBe(events);
    expect(await matterRow(trackingCode)).toMatchObject({ state: 'received', version: 1 });
    // Nor while it is being handled.
    await staffPost(id, 'accept');
    const handling = await app.inject({ method: 'POST', url: `${PORTAL}/${trackingCode}/supplements`, payload: { text: '主动补充的材料' } });
    expect(handling.statusCode, handling.body).toBe(409);
    expect(codeOf(handling)).toBe('NOTHING_REQUESTED');
    expect(await matterRow(trackingCode)).toMatchObject({ state: 'handling' });
    const unknown = await app.inject({ method: 'POST', url: `${PORTAL}/00-00000-00000-00000-00000/supplements`, payload: { text: '补充' } });
    expect(unknown.statusCode).toBe(404);
    expect(codeOf(unknown)).toBe('TRACKING_CODE_NOT_FOUND');
  });
});

describe('reopening', () => {
  async function closedMatter(kind = 'help') {
    const { trackingCode, id } = await created(validSubmission({ kind }));
    await staffPost(id, 'accept');
    await staffPost(id, 'reply', { text: '已处理完毕', close: true });
    expect((await matterRow(trackingCode)).state).toBe('closed');
    return { trackingCode, id };
  }
  const reopen = (code: string, reason = '问题没有解决，路灯又坏了', headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url: `${PORTAL}/${code}/reopen`, payload: { reason }, headers });

  it('works within the kind\'s window (15 days by default)', async () => {
    const closedAt = env.clock.now();
    const { trackingCode, id } = await closedMatter();
    const pub = (await view(trackingCode)).json();
    expect(pub.status).toBe('closed');
    expect(pub.canReopenUntil).toBe(new Date(closedAt.getTime() + 15 * DAY).toISOString());

    env.clock.advance(15 * DAY - 60_000);
    const res = await reopen(trackingCode);
    expect(res.statusCode, res.body).toBe(204);
    expect(await matterRow(trackingCode)).toMatchObject({ state: 'handling', cycle: 1 });
    const after = (await view(trackingCode)).json();
    expect(after.status).toBe('in_progress');
    expect(after.canReopenUntil).toBeNull();
    expect(after.reply).toBeNull();
    expect(after.timeline.at(-1)).toMatchObject({ type: 'matter.reopened', text: '应您的申请重新办理：问题没有解决，路灯又坏了' });
    expect(await count("SELECT count(*) AS n FROM matter_deadlines WHERE matter_id = $1 AND cycle = 1 AND status = 'active'", [id])).toBeGreaterThan(0);

    // An open matter cannot be reopened.
    const again = await reopen(trackingCode);
    expect(again.statusCode, again.body).toBe(409);
    expect(codeOf(again)).toBe('INVALID_TRANSITION');
  });

  it('fails after the window with 409 REOPEN_WINDOW_CLOSED and changes nothing', async () => {
    const { trackingCode, id } = await closedMatter();
    env.clock.advance(15 * DAY + 60_000);
    expect((await view(trackingCode)).json().canReopenUntil).toBeNull();
    const events = await count('SELECT count(*) AS n FROM matter_events WHERE matter_id = $1', [id]);
    const res = await reopen(trackingCode);
    expect(res.statusCode, res.body).toBe(409);
    expect(codeOf(res)).toBe('REOPEN_WINDOW_CLOSED');
    expect(res.json().error.message).toBe('已超过可申请重新办理的期限（办结后 15 天内）');
    expect((await reopen(trackingCode, '问题没有解决', { 'accept-language': 'en' })).json().error.message)
      .toBe('The reopening window (15 days after closing) has passed');
    expect(await matterRow(trackingCode)).toMatchObject({ state: 'closed', cycle: 0 });
    expect(await count('SELECT count(*) AS n FROM matter_events WHERE matter_id = $1', [id])).toBe(events);
  });

  it('follows the kind\'s own reopen_window_days', async () => {
    await env.ctx.db.query("UPDATE matter_kinds SET reopen_window_days = 3 WHERE code = 'suggestion'");
    env.ctx.kinds.invalidate();
    try {
      const early = await closedMatter('suggestion');
      const late = await closedMatter('suggestion');
      env.clock.advance(2 * DAY);
      expect((await reopen(early.trackingCode)).statusCode).toBe(204);
      env.clock.advance(1 * DAY + 60_000);
      const res = await reopen(late.trackingCode);
      expect(res.statusCode, res.body).toBe(409);
      expect(codeOf(res)).toBe('REOPEN_WINDOW_CLOSED');
      expect(res.json().error.message).toContain('3 天');
    } finally {
      await env.ctx.db.query("UPDATE matter_kinds SET reopen_window_days = 15 WHERE code = 'suggestion'");
      env.ctx.kinds.invalidate();
    }
  });

  it('answers 404 for an unknown code', async () => {
    const res = await reopen('00-00000-00000-00000-00000');
    expect(res.statusCode).toBe(404);
    expect(codeOf(res)).toBe('TRACKING_CODE_NOT_FOUND');
  });
});
