import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestContext, seedFixture } from '../../test/harness.js';

let env: Awaited<ReturnType<typeof createTestContext>>;
let app: FastifyInstance;

const HOUR = 3_600_000;
const codeOf = (res: LightMyRequestResponse) => res.json().error?.code as string | undefined;
const matterCount = async () => Number((await env.ctx.db.query('SELECT count(*) AS n FROM matters')).rows[0].n);
const submit = (body: object, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: '/api/v1/portal/matters', payload: body, headers });

let phones = 0;
const person = () => ({ name: '王五', phone: `137${String(phones++).padStart(4, '0')}2468` });
const CONTENT = '构建和谐警民关系，建议在人民路口增设交通信号灯，高峰期车辆很多，行人过马路危险。';
const body = (contact: { name: string; phone: string }, overrides: Record<string, unknown> = {}) =>
  ({ kind: 'suggestion', content: CONTENT, contact, ...overrides });

beforeAll(async () => {
  env = await createTestContext();
  await seedFixture(env.ctx);
  app = await buildTestApp(env.ctx);
});
afterAll(async () => { await app.close(); await env.close(); });

describe('the duplicate-submission guard (24 hours, same phone, same text)', () => {
  it('refuses the same text again from the same phone with 409 and the time of the first, in both languages, storing nothing', async () => {
    const contact = person();
    env.clock.set('2026-11-16T02:05:00Z'); // 10:05 in China
    expect((await submit(body(contact))).statusCode).toBe(201);
    env.clock.set('2026-11-16T09:00:00Z');
    const matters = await matterCount();
    const zh = await submit(body(contact));
    expect(zh.statusCode).toBe(409);
    expect(codeOf(zh)).toBe('DUPLICATE_SUSPECTED');
    expect(zh.json().error.message).toContain('2026-11-16 10:05');
    const en = await submit(body(contact), { 'accept-language': 'en' });
    expect(en.json().error.message).toMatch(/^You sent the same text at 2026-11-16 10:05/);
    expect(await matterCount()).toBe(matters);
  });

  it('counts traditional characters, full-width forms, spacing and punctuation as the same text', async () => {
    const contact = person();
    expect((await submit(body(contact))).statusCode).toBe(201);
    const traditional = '構建和諧警民關係 建議在人民路口增設交通信號燈！高峰期車輛很多 行人過馬路危險';
    expect(codeOf(await submit(body(contact, { content: traditional })))).toBe('DUPLICATE_SUSPECTED');
    const fullWidth = CONTENT.replace('，', ', ').replace(/。$/, '．') + '　';
    expect(codeOf(await submit(body(contact, { content: fullWidth })))).toBe('DUPLICATE_SUSPECTED');
    // Another kind does not make it another text.
    expect(codeOf(await submit(body(contact, { kind: 'help' })))).toBe('DUPLICATE_SUSPECTED');
  });

  it('lets the same text through from another phone, another text from the same phone, and anything after 24 hours', async () => {
    const contact = person();
    env.clock.set('2026-11-17T01:00:00Z');
    expect((await submit(body(contact))).statusCode).toBe(201);
    expect((await submit(body(person()))).statusCode).toBe(201);
    expect((await submit(body(contact, { content: '人民路口的信号灯已经装好了，但是绿灯时间太短，老人来不及通过。' }))).statusCode).toBe(201);
    env.clock.set('2026-11-18T00:59:00Z'); // 23 h 59 min later: still within the day
    expect(codeOf(await submit(body(contact)))).toBe('DUPLICATE_SUSPECTED');
    env.clock.advance(HOUR / 60 + 1); // just over 24 hours after the first
    expect((await submit(body(contact))).statusCode).toBe(201);
  });

  it('lets a confirmed repeat through, and replays a retry that carries its idempotency key instead of warning', async () => {
    const contact = person();
    const key = `k-${randomBytes(8).toString('hex')}`;
    const first = await submit(body(contact), { 'idempotency-key': key });
    expect(first.statusCode).toBe(201);
    const matters = await matterCount();
    const retry = await submit(body(contact), { 'idempotency-key': key });
    expect(retry.statusCode).toBe(200);
    expect(retry.json().trackingCode).toBe(first.json().trackingCode);
    expect(await matterCount()).toBe(matters);
    const confirmed = await submit(body(contact, { confirmDuplicate: true }));
    expect(confirmed.statusCode).toBe(201);
    expect(confirmed.json().trackingCode).not.toBe(first.json().trackingCode);
    expect(await matterCount()).toBe(matters + 1);
  });
});
