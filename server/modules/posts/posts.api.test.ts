import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addStaff, buildTestApp, createTestContext, login, seedFixture, type Fixture } from '../../test/harness.js';

let env: Awaited<ReturnType<typeof createTestContext>>;
let app: FastifyInstance;
let fx: Fixture;

const codeOf = (res: LightMyRequestResponse) => res.json().error?.code as string | undefined;
const count = async (sql: string, params: unknown[] = []) => Number((await env.ctx.db.query(sql, params)).rows[0].n);
const matterCount = () => count('SELECT count(*) AS n FROM matters');
const postCount = () => count('SELECT count(*) AS n FROM public_posts');
const smsCount = () => count('SELECT count(*) AS n FROM outbound_messages');
const stored = (code: string) => code.replace(/-/g, '');

let phones = 0;
const nextPhone = () => `139${String(phones++).padStart(4, '0')}5678`;
const boardPost = (overrides: Record<string, unknown> = {}) => ({
  kind: 'suggestion', title: '建议增设夜间巡逻',
  content: '人民路菜市场附近晚上十点后经常有人聚集喧哗，建议增加夜间巡逻。',
  contact: { name: '李四光', phone: nextPhone() }, ...overrides,
});
const letter = (overrides: Record<string, unknown> = {}) => ({ ...boardPost({ kind: 'help', title: '请局长关注学校门口交通' }), consent: true, ...overrides });

const post = (url: string, payload: object, headers: Record<string, string> = {}) => app.inject({ method: 'POST', url, payload, headers });
const toBoard = (body: object = boardPost(), headers: Record<string, string> = {}) => post('/api/v1/portal/board', body, headers);
const toMailbox = (body: object = letter()) => post('/api/v1/portal/mailbox', body);
const board = (query = '', lang = 'zh-CN') => app.inject({ method: 'GET', url: `/api/v1/portal/posts${query}`, headers: { 'accept-language': lang } });
const own = (code: string, lang = 'zh-CN') => app.inject({ method: 'GET', url: `/api/v1/portal/matters/${code}/post`, headers: { 'accept-language': lang } });

async function matterOf(trackingCode: string) {
  const { rows } = await env.ctx.db.query('SELECT id, channel, state, version FROM matters WHERE tracking_code = $1', [stored(trackingCode)]);
  return rows[0] as { id: number; channel: string; state: string; version: number };
}
async function posted(body: object = boardPost()) {
  const res = await toBoard(body);
  expect(res.statusCode, res.body).toBe(201);
  const trackingCode = res.json().trackingCode as string;
  return { trackingCode, id: (await matterOf(trackingCode)).id };
}
const moderator = () => login(app, 'clerk');
async function decide(id: number, body: Record<string, unknown>, who?: Awaited<ReturnType<typeof login>>) {
  const client = who ?? await moderator();
  const current = await client.get(`/api/v1/staff/posts/${id}`);
  return client.post(`/api/v1/staff/posts/${id}/moderation`, { version: current.json().version, ...body });
}

beforeAll(async () => {
  env = await createTestContext();
  fx = await seedFixture(env.ctx);
  await addStaff(env.ctx, 'taker', fx.units.command, ['call_taker']);
  await addStaff(env.ctx, 'clerk', fx.units.command, ['clerk']);
  await addStaff(env.ctx, 'westclerk', fx.units.stationB, ['clerk']);
  await addStaff(env.ctx, 'east1', fx.units.stationA, ['officer']);
  await addStaff(env.ctx, 'chief', fx.units.bureau, ['leader']);
  app = await buildTestApp(env.ctx);
});
afterAll(async () => { await app.close(); await env.close(); });

describe('posting on the board and writing to the mailbox', () => {
  it('makes a matter on its channel, waiting for moderation and not public yet', async () => {
    const res = await toBoard(boardPost({ jurisdictionCode: '01' }), { 'idempotency-key': `k-${randomBytes(8).toString('hex')}` });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().moderation).toBe('pending');
    const matter = await matterOf(res.json().trackingCode);
    expect(matter).toMatchObject({ channel: 'message_board', state: 'received' });
    const { rows } = await env.ctx.db.query("SELECT payload FROM matter_events WHERE matter_id = $1 AND seq = 1", [matter.id]);
    expect(rows[0].payload.channel).toBe('message_board');
    expect((await board()).json().items).toEqual([]);
    const mine = await own(res.json().trackingCode);
    expect(mine.json()).toMatchObject({ channel: 'message_board', moderation: 'pending', consent: true, refusal: null });
  });

  it('replays a retry with its idempotency key instead of posting twice', async () => {
    const key = `k-${randomBytes(8).toString('hex')}`;
    const body = boardPost();
    const first = await toBoard(body, { 'idempotency-key': key });
    const [matters, posts] = [await matterCount(), await postCount()];
    const again = await toBoard(body, { 'idempotency-key': key });
    expect(again.statusCode).toBe(200);
    expect(again.json().trackingCode).toBe(first.json().trackingCode);
    expect([await matterCount(), await postCount()]).toEqual([matters, posts]);
    // The same key with another title is another request: refused, not replayed.
    const changed = await toBoard({ ...body, title: '另一个标题内容' }, { 'idempotency-key': key });
    expect(codeOf(changed)).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('keeps a letter private without consent, and a 举报 private whatever the consent', async () => {
    const before = await count("SELECT count(*) AS n FROM public_posts WHERE moderation = 'pending'");
    const noConsent = await toMailbox(letter({ consent: false }));
    const report = await toMailbox(letter({ kind: 'report', consent: true, title: '举报某网吧容留未成年人' }));
    for (const res of [noConsent, report]) {
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().moderation).toBe('private');
      expect((await matterOf(res.json().trackingCode)).channel).toBe('mailbox');
    }
    expect(await count("SELECT count(*) AS n FROM public_posts WHERE moderation = 'pending'")).toBe(before);
    const id = (await matterOf(report.json().trackingCode)).id;
    const refused = await decide(id, { decision: 'approve' });
    expect(refused.statusCode).toBe(409);
    expect(codeOf(refused)).toBe('POST_NOT_FOR_PUBLICATION');
  });

  it('refuses a 举报 on the public board, and out-of-size titles and texts, in both languages, storing nothing', async () => {
    const [matters, posts] = [await matterCount(), await postCount()];
    const cases: [object, string][] = [
      [boardPost({ kind: 'report' }), 'kind'],
      [boardPost({ title: '短' }), 'title'],
      [boardPost({ title: '标'.repeat(41) }), 'title'],
      [boardPost({ content: '太短了' }), 'content'],
      [boardPost({ content: '长'.repeat(2001) }), 'content'],
      [letter({ consent: undefined }), 'consent'],
    ];
    for (const [body, field] of cases) {
      const url = 'consent' in body || field === 'consent' ? '/api/v1/portal/mailbox' : '/api/v1/portal/board';
      for (const lang of ['zh-CN', 'en']) {
        const res = await app.inject({ method: 'POST', url, payload: body, headers: { 'accept-language': lang } });
        expect(res.statusCode, `${field}: ${res.body}`).toBe(400);
        expect(codeOf(res)).toBe('VALIDATION_FAILED');
        const fields = res.json().error.fields as { path: string; message: string }[];
        expect(fields.map((f) => f.path)).toContain(field);
        if (lang === 'en') expect(fields[0].message).toMatch(/^[A-Za-z]/);
        else expect(fields[0].message).toMatch(/[\u4e00-\u9fff]/);
      }
    }
    expect([await matterCount(), await postCount()]).toEqual([matters, posts]);
  });

  it('refuses a body over 32 KB with 413 before reading it', async () => {
    const matters = await matterCount();
    const res = await toBoard(boardPost({ content: '很'.repeat(1900), padding: 'x'.repeat(40_000) }));
    expect(res.statusCode).toBe(413);
    expect(codeOf(res)).toBe('PAYLOAD_TOO_LARGE');
    expect(await matterCount()).toBe(matters);
  });

  it('warns of the same text from the same phone within a day, and posts once the person confirms', async () => {
    const body = boardPost();
    await posted(body);
    const matters = await matterCount();
    const again = await toBoard({ ...body, title: '再次反映夜间巡逻' });
    expect(again.statusCode).toBe(409);
    expect(codeOf(again)).toBe('DUPLICATE_SUSPECTED');
    expect(await matterCount()).toBe(matters);
    // The mailbox shares the guard: the same text from the same phone there is a repeat too.
    expect(codeOf(await toMailbox(letter({ content: body.content, contact: body.contact })))).toBe('DUPLICATE_SUSPECTED');
    const confirmed = await toBoard({ ...body, confirmDuplicate: true });
    expect(confirmed.statusCode).toBe(201);
  });

  it('limits each client to the submissions per minute of the portal, on both forms together with nothing stored past it', async () => {
    const limited = await buildTestApp({ ...env.ctx, rateLimits: { ...env.ctx.rateLimits, portalSubmitPerMinute: 2 } });
    try {
      const send = (url: string, body: object) => limited.inject({ method: 'POST', url, payload: body, remoteAddress: '10.9.8.7' });
      expect((await send('/api/v1/portal/board', boardPost())).statusCode).toBe(201);
      expect((await send('/api/v1/portal/board', boardPost())).statusCode).toBe(201);
      const matters = await matterCount();
      const third = await send('/api/v1/portal/board', boardPost());
      expect(third.statusCode).toBe(429);
      expect(codeOf(third)).toBe('RATE_LIMITED');
      expect(third.headers['retry-after']).toBeDefined();
      expect(await matterCount()).toBe(matters);
      // Another client is not held back by this one.
      expect((await limited.inject({ method: 'POST', url: '/api/v1/portal/mailbox', payload: letter(), remoteAddress: '10.9.8.8' })).statusCode).toBe(201);
    } finally {
      await limited.close();
    }
  });
});

describe('moderation', () => {
  it('is for moderators only (403), within their sight (404 for another station area)', async () => {
    const { id } = await posted(boardPost({ jurisdictionCode: '01' }));
    const officer = await login(app, 'east1');
    const queue = await officer.get('/api/v1/staff/posts');
    expect(queue.statusCode).toBe(403);
    const byOfficer = await officer.post(`/api/v1/staff/posts/${id}/moderation`, { version: 1, decision: 'approve' });
    expect(byOfficer.statusCode).toBe(403);
    const west = await login(app, 'westclerk');
    expect((await west.post(`/api/v1/staff/posts/${id}/moderation`, { version: 1, decision: 'approve' })).statusCode).toBe(404);
    expect((await west.get(`/api/v1/staff/posts/${id}`)).statusCode).toBe(404);
    expect((await west.get('/api/v1/staff/posts')).json().items.map((p: { matterId: number }) => p.matterId)).not.toContain(id);
    const clerk = await moderator();
    const items = (await clerk.get('/api/v1/staff/posts')).json().items as { matterId: number; moderation: string; content: string }[];
    expect(items.find((p) => p.matterId === id)).toMatchObject({ moderation: 'pending' });
    expect(await count("SELECT count(*) AS n FROM public_posts WHERE matter_id = $1 AND moderation = 'pending'", [id])).toBe(1);
  });

  it('requires a reason to refuse, and words of its own for "other", in both languages, changing nothing', async () => {
    const { id } = await posted();
    const clerk = await moderator();
    for (const [body, path] of [[{ decision: 'refuse' }, 'reasons'], [{ decision: 'refuse', reasons: [] }, 'reasons'],
      [{ decision: 'refuse', reasons: ['other'] }, 'note'], [{ decision: 'refuse', reasons: ['spam'] }, 'reasons']] as const) {
      for (const lang of ['zh-CN', 'en']) {
        const res = await clerk.request({ method: 'POST', url: `/api/v1/staff/posts/${id}/moderation`, payload: { version: 1, ...body },
          headers: { 'accept-language': lang } });
        expect(res.statusCode, res.body).toBe(400);
        expect(res.json().error.fields.map((f: { path: string }) => f.path.replace(/\.\d+$/, ''))).toContain(path);
        expect(res.json().error.message).toMatch(lang === 'en' ? /^[\x20-\x7e]+$/ : /[\u4e00-\u9fff]/);
      }
    }
    expect(await count("SELECT count(*) AS n FROM public_posts WHERE matter_id = $1 AND moderation = 'pending' AND version = 1", [id])).toBe(1);
  });

  it('refuses with reasons: the poster is told by SMS and on the track page, once, and the matter goes on', async () => {
    const body = boardPost({ title: '某某人的电话号码公布', content: '请大家注意隔壁王某某，电话 13912345678，此人经常半夜吵闹。' });
    const { trackingCode, id } = await posted(body);
    const sms = await smsCount();
    const res = await decide(id, { decision: 'refuse', reasons: ['privacy', 'abuse'], note: '请勿公开他人信息' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ moderation: 'refused', publishedText: null });
    expect(await smsCount()).toBe(sms + 1);
    const { rows } = await env.ctx.db.query(
      "SELECT purpose, to_phone_enc, body_enc, matter_id FROM outbound_messages WHERE purpose = 'moderation_refused' ORDER BY id DESC LIMIT 1");
    expect(env.ctx.vault.decrypt(rows[0].to_phone_enc)).toBe(body.contact.phone);
    const text = env.ctx.vault.decrypt(rows[0].body_enc);
    expect(text).toContain('含有个人隐私、含有辱骂、人身攻击内容');
    expect(text).toContain('请勿公开他人信息');
    expect(text).toContain(`${env.ctx.publicBaseUrl}/track/${trackingCode}`);
    expect(Number(rows[0].matter_id)).toBe(Number(id));

    const mine = (await own(trackingCode)).json();
    expect(mine.moderation).toBe('refused');
    expect(mine.refusal.reasons).toEqual([{ code: 'privacy', label: '含有个人隐私' }, { code: 'abuse', label: '含有辱骂、人身攻击内容' }]);
    expect(mine.refusal.note).toBe('请勿公开他人信息');
    expect((await own(trackingCode, 'en')).json().refusal.reasons[0].label).toBe('Contains personal information');

    // The same decision again (a double click, a retry with the old version): nothing new, no second message.
    const events = await count('SELECT count(*) AS n FROM matter_events WHERE matter_id = $1', [id]);
    const clerk = await moderator();
    const again = await clerk.post(`/api/v1/staff/posts/${id}/moderation`, { version: 1, decision: 'refuse', reasons: ['abuse', 'privacy'], note: '请勿公开他人信息' });
    expect(again.statusCode, again.body).toBe(200);
    expect(await smsCount()).toBe(sms + 1);
    expect(await count('SELECT count(*) AS n FROM matter_events WHERE matter_id = $1', [id])).toBe(events);
    // A different decision with the version read before the refusal is stale.
    const stale = await clerk.post(`/api/v1/staff/posts/${id}/moderation`, { version: 1, decision: 'approve' });
    expect(stale.statusCode).toBe(409);
    expect(codeOf(stale)).toBe('POST_VERSION_CONFLICT');

    // Moderation decides publication only: the matter is still there to be accepted, with the refusal on its timeline.
    const { rows: timeline } = await env.ctx.db.query(
      "SELECT type, visibility, reason FROM matter_events WHERE matter_id = $1 AND type LIKE 'post.%'", [id]);
    expect(timeline).toEqual([{ type: 'post.refused', visibility: 'internal', reason: '含有个人隐私、含有辱骂、人身攻击内容：请勿公开他人信息' }]);
    const taker = await login(app, 'taker');
    const matter = await matterOf(trackingCode);
    expect((await taker.post(`/api/v1/staff/matters/${id}/accept`, { version: matter.version })).statusCode).toBe(200);
    expect((await board()).json().items.map((p: { title: string }) => p.title)).not.toContain(body.title);
  });
});

describe('the public board', () => {
  const secret = {
    name: '欧阳娜娜', phone: '13612349876', idNumber: '11010519491231002X', address: '青山镇人民路88号3单元',
  };

  it('shows approved posts and the answer as 网友 with the area, and no personal data anywhere in the payload', async () => {
    const content = `我家住人民路，门口的路灯坏了两周，晚上很黑。我的电话 ${secret.phone}，身份证 ${secret.idNumber}。`;
    const { trackingCode, id } = await posted(boardPost({
      kind: 'help', title: '人民路路灯坏了两周', content, jurisdictionCode: '01',
      contact: { name: secret.name, phone: secret.phone, idNumber: secret.idNumber, address: secret.address },
    }));
    const approved = await decide(id, { decision: 'approve' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().publishedText).toBe('我家住人民路，门口的路灯坏了两周，晚上很黑。我的电话 ***，身份证 ***。');

    // An officer of the station area answers through the normal actions; the answer is public once given.
    const taker = await login(app, 'east1');
    let version = (await matterOf(trackingCode)).version;
    const accepted = await taker.post(`/api/v1/staff/matters/${id}/accept`, { version });
    expect(accepted.statusCode, accepted.body).toBe(200);
    let list = (await board()).json();
    let item = list.items.find((p: { title: string }) => p.title === '人民路路灯坏了两周');
    expect(item).toMatchObject({ author: '网友', area: '东城派出所辖区', status: 'in_progress', statusLabel: '办理中', answer: null, kindName: '求助' });
    version = (await matterOf(trackingCode)).version;
    const reply = await taker.post(`/api/v1/staff/matters/${id}/reply`, { version: accepted.json().version ?? version, text: `已通知路灯所维修，如有问题请拨打 ${secret.phone.slice(0, 3)} ${secret.phone.slice(3, 7)} ${secret.phone.slice(7)} 回访。` });
    expect(reply.statusCode, reply.body).toBe(200);

    for (const lang of ['zh-CN', 'en']) {
      const res = await board('', lang);
      expect(res.statusCode).toBe(200);
      list = res.json();
      item = list.items.find((p: { postNo: number }) => p.postNo === approved.json().postNo);
      expect(item.answer).toMatchObject({ text: '已通知路灯所维修，如有问题请拨打 *** 回访。', unit: '东城派出所' });
      expect(item.status).toBe('replied');
      const payload = res.body;
      for (const value of [secret.name, '欧阳', secret.phone, '136****9876', '9876', secret.idNumber, '110105', secret.address, '88号',
        trackingCode, stored(trackingCode), approved.json().caseNo]) {
        expect(payload.includes(value), `${lang} payload contains ${value}`).toBe(false);
      }
      expect(Object.keys(item).sort()).toEqual(['answer', 'area', 'author', 'channel', 'kind', 'kindName', 'postNo', 'postedAt', 'status',
        'statusLabel', 'text', 'title']);
    }
  });

  it('publishes the moderator\'s edited text, searchable in simplified and traditional, never by what was removed', async () => {
    const { id } = await posted(boardPost({ title: '建议构建警民联系群', content: '建议构建社区警民联系群，我是三号楼的张大爷，方便大家反映问题。' }));
    const res = await decide(id, { decision: 'approve', text: '建议构建社区警民联系群，方便大家反映问题。' });
    expect(res.statusCode, res.body).toBe(200);
    const titles = async (q: string) => (await board(`?q=${encodeURIComponent(q)}`)).json().items.map((p: { title: string }) => p.title);
    expect(await titles('構建')).toContain('建议构建警民联系群');
    expect(await titles('警民联系')).toContain('建议构建警民联系群');
    expect(await titles('张大爷')).toEqual([]);
    const item = (await board()).json().items.find((p: { title: string }) => p.title === '建议构建警民联系群');
    expect(item.text).toBe('建议构建社区警民联系群，方便大家反映问题。');
  });

  it('takes a published post down (with the version read) and tells the poster why', async () => {
    const { trackingCode, id } = await posted(boardPost({ title: '关于停车难的建议', content: '小区周边停车很难，建议规划临时停车位。' }));
    expect((await decide(id, { decision: 'approve' })).statusCode).toBe(200);
    expect((await board()).json().items.map((p: { title: string }) => p.title)).toContain('关于停车难的建议');
    const sms = await smsCount();
    const down = await decide(id, { decision: 'refuse', reasons: ['unrelated'] });
    expect(down.statusCode, down.body).toBe(200);
    expect((await board()).json().items.map((p: { title: string }) => p.title)).not.toContain('关于停车难的建议');
    expect(await smsCount()).toBe(sms + 1);
    expect((await own(trackingCode)).json().refusal.reasons[0].code).toBe('unrelated');
    expect(await count("SELECT count(*) AS n FROM matter_events WHERE matter_id = $1 AND type = 'post.withdrawn'", [id])).toBe(1);
  });

  it('lists the mailbox\'s published letters apart from the board, paged', async () => {
    const res = await toMailbox(letter({ title: '感谢民警帮助找回孩子', kind: 'suggestion' }));
    const { id } = await matterOf(res.json().trackingCode);
    expect((await decide(id, { decision: 'approve' })).statusCode).toBe(200);
    const mailbox = (await board('?channel=mailbox')).json();
    expect(mailbox.items.map((p: { title: string }) => p.title)).toEqual(['感谢民警帮助找回孩子']);
    expect((await board()).json().items.map((p: { title: string }) => p.title)).not.toContain('感谢民警帮助找回孩子');
    const paged = (await board('?pageSize=1&page=2')).json();
    expect(paged.items).toHaveLength(1);
    expect(paged.total).toBeGreaterThanOrEqual(2);
  });

  it('answers 404 for a tracking code without a post, and for no such code', async () => {
    const plain = await app.inject({ method: 'POST', url: '/api/v1/portal/matters', payload: {
      kind: 'help', content: '家门口井盖丢失，请尽快处理。', contact: { name: '赵六', phone: nextPhone() } } });
    expect(codeOf(await own(plain.json().trackingCode))).toBe('POST_NOT_FOUND');
    expect(codeOf(await own('01-AAAAA-AAAAA-AAAAA-AAAAA'))).toBe('TRACKING_CODE_NOT_FOUND');
  });
});

describe('局长信箱 time limits (7 working days, at most 15 with an approved extension)', () => {
  it('cuts a 求助 letter\'s 10 working days to 7 across the 2026 National Day holiday and its make-up Saturday, extendable to 15', async () => {
    env.clock.set('2026-09-29T02:00:00Z'); // Tuesday 10:00 in Shanghai
    try {
      const res = await toMailbox(letter({ kind: 'help', title: '国庆前的来信求助' }));
      expect(res.statusCode, res.body).toBe(201);
      const { id } = await matterOf(res.json().trackingCode);
      const taker = await login(app, 'taker');
      const detail = async () => (await taker.get(`/api/v1/staff/matters/${id}`)).json();
      let view = await detail();
      // 9/30 is the 1st working day; 10/1–10/7 are the holiday; 10/8, 10/9, 10/10 (make-up Saturday), 10/12, 10/13, 10/14.
      expect(view.deadlines.find((d: { stage: string }) => d.stage === 'handling').dueAt).toBe('2026-10-14T15:59:59.999Z');
      expect((await taker.post(`/api/v1/staff/matters/${id}/accept`, { version: view.version })).statusCode).toBe(200);
      view = await detail();
      const chief = await login(app, 'chief');
      const extended = await chief.post(`/api/v1/staff/matters/${id}/extension`, { version: view.version, reason: '情况复杂，需要协调多个部门' });
      expect(extended.statusCode, extended.body).toBe(200);
      // 8 more working days: 10/15, 16, 19, 20, 21, 22, 23, 26 — 15 in all.
      expect((await detail()).deadlines.find((d: { stage: string }) => d.stage === 'handling').dueAt).toBe('2026-10-26T15:59:59.999Z');
      const again = await chief.post(`/api/v1/staff/matters/${id}/extension`, { version: (await detail()).version, reason: '再延一次' });
      expect(codeOf(again)).toBe('EXTENSION_NOT_ALLOWED');
    } finally {
      env.clock.set('2026-11-16T02:00:00Z');
    }
  });

  it('keeps a shorter kind\'s own limit: a 咨询 letter is answered in 2 working days, and a board post keeps its kind\'s 10', async () => {
    env.clock.set('2026-09-29T02:00:00Z');
    try {
      const consult = await toMailbox(letter({ kind: 'consult', title: '咨询户口迁移' }));
      const help = await toBoard(boardPost({ kind: 'help', title: '国庆前的留言求助' }));
      const taker = await login(app, 'taker');
      const handling = async (code: string) => {
        const view = (await taker.get(`/api/v1/staff/matters/${(await matterOf(code)).id}`)).json();
        return view.deadlines.find((d: { stage: string }) => d.stage === 'handling');
      };
      expect((await handling(consult.json().trackingCode)).dueAt).toBe('2026-10-08T15:59:59.999Z');
      // 10 working days: 9/30, 10/8, 9, 10, 12, 13, 14, 15, 16, 19.
      expect((await handling(help.json().trackingCode)).dueAt).toBe('2026-10-19T15:59:59.999Z');
    } finally {
      env.clock.set('2026-11-16T02:00:00Z');
    }
  });
});
