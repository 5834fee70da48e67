import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext } from '../../test/harness.js';
import { loadConfig } from '../../config.js';
import { createSmsGateway, deliverQueuedMessages, HttpSmsGateway, MAX_ATTEMPTS, queueSms, RecordingSmsGateway } from './index.js';

let env: Awaited<ReturnType<typeof createTestContext>>;
beforeAll(async () => { env = await createTestContext(); });
afterAll(async () => { await env.close(); });

/** A real HTTP server standing in for the SMS gateway: it answers with the statuses it is given, in turn. */
async function fakeGateway(statuses: number[]) {
  const received: { body: unknown; authorization: string | undefined }[] = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => { body += chunk; });
    request.on('end', () => {
      received.push({ body: JSON.parse(body), authorization: request.headers.authorization });
      const status = statuses.shift() ?? 200;
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(status < 300 ? JSON.stringify({ id: `gw-${received.length}` }) : '{"error":"busy"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`;
  return { url, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

async function row(id: number) {
  const { rows } = await env.ctx.db.query('SELECT * FROM outbound_messages WHERE id = $1', [id]);
  return rows[0];
}

describe('the outbox', () => {
  it('stores the number and the text encrypted, and queues nothing when the transaction rolls back', async () => {
    const at = env.clock.now();
    const id = await queueSms(env.ctx.db, env.ctx.vault, { purpose: 'test_notice', to: { phone: '13912345678' }, text: '您的回访链接 https://x/f/abc', at });
    const stored = await row(id);
    expect(stored.to_phone_masked).toBe('139****5678');
    const raw = JSON.stringify(stored, (_, v) => (v?.type === 'Buffer' ? Buffer.from(v.data).toString('latin1') : v));
    expect(raw).not.toContain('13912345678');
    expect(raw).not.toContain('回访链接');
    await expect(env.ctx.db.transaction(async (tx) => {
      await queueSms(tx, env.ctx.vault, { purpose: 'test_rollback', to: { phone: '13912345678' }, text: 'never', at });
      throw new Error('the change failed');
    })).rejects.toThrow('the change failed');
    const { rows } = await env.ctx.db.query("SELECT count(*)::int AS n FROM outbound_messages WHERE purpose = 'test_rollback'");
    expect(rows[0].n).toBe(0);
  });

  it('delivers through a real HTTP gateway with its token, keeps the gateway id, and sends each message once', async () => {
    const gateway = await fakeGateway([200]);
    try {
      const at = env.clock.now();
      const id = await queueSms(env.ctx.db, env.ctx.vault, { purpose: 'test_http', to: { phoneEnc: env.ctx.vault.encrypt('13700001111') }, text: '测试短信', at });
      const result = await deliverQueuedMessages(env.ctx.db, env.ctx.vault, new HttpSmsGateway(gateway.url, 'secret-token'), at);
      expect(result.sent).toBeGreaterThanOrEqual(1);
      expect(gateway.received.find((r) => (r.body as { reference: string }).reference === String(id))).toEqual({
        body: { to: '13700001111', text: '测试短信', reference: String(id) }, authorization: 'Bearer secret-token',
      });
      const sent = await row(id);
      expect(sent.status).toBe('sent');
      expect(sent.gateway).toBe('http');
      expect(sent.gateway_message_id).toMatch(/^gw-/);
      const again = await deliverQueuedMessages(env.ctx.db, env.ctx.vault, new HttpSmsGateway(gateway.url, 'secret-token'), at);
      expect(again.sent).toBe(0);
    } finally {
      await gateway.close();
    }
  });

  it('retries a refusal with a growing wait and gives up after MAX_ATTEMPTS, keeping the last error', async () => {
    const gateway = await fakeGateway(Array.from({ length: MAX_ATTEMPTS }, () => 503));
    try {
      let now = env.clock.now();
      const id = await queueSms(env.ctx.db, env.ctx.vault, { purpose: 'test_retry', to: { phone: '13600002222' }, text: '重试', at: now });
      const sms = new HttpSmsGateway(gateway.url, undefined);
      const waits: number[] = [];
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        const result = await deliverQueuedMessages(env.ctx.db, env.ctx.vault, sms, now);
        expect(result.sent).toBe(0);
        const current = await row(id);
        expect(current.attempts).toBe(attempt);
        expect(current.last_error).toContain('503');
        if (attempt < MAX_ATTEMPTS) {
          expect(current.status).toBe('queued');
          waits.push(current.next_attempt_at.getTime() - now.getTime());
          // Not before its time.
          expect((await deliverQueuedMessages(env.ctx.db, env.ctx.vault, sms, new Date(current.next_attempt_at.getTime() - 1000))).retried).toBe(0);
          now = current.next_attempt_at;
        } else {
          expect(current.status).toBe('failed');
        }
      }
      expect(waits.slice(0, 4)).toEqual([60_000, 120_000, 240_000, 480_000]);
      expect(Math.max(...waits)).toBeLessThanOrEqual(3_600_000);
      expect(gateway.received).toHaveLength(MAX_ATTEMPTS);
    } finally {
      await gateway.close();
    }
  });
});

describe('the gateways', () => {
  it('the recording gateway sends nothing and appends each message to its file', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jm-sms-')), 'nested', 'sms-outbox.jsonl');
    const gateway = new RecordingSmsGateway(file);
    const at = env.clock.now();
    await queueSms(env.ctx.db, env.ctx.vault, { purpose: 'test_local', to: { phone: '13500003333' }, text: '本地记录', at });
    await deliverQueuedMessages(env.ctx.db, env.ctx.vault, gateway, at);
    expect(gateway.recorded()).toEqual(expect.arrayContaining([expect.objectContaining({ to: '13500003333', text: '本地记录' })]));
    expect(gateway.description).toContain('不发送短信');
  });

  it('is chosen by configuration: local by default, http only with an address, anything else refused', () => {
    expect(createSmsGateway(loadConfig({}).sms)).toBeInstanceOf(RecordingSmsGateway);
    expect(createSmsGateway(loadConfig({ JINGMIN_SMS_GATEWAY: 'http', JINGMIN_SMS_URL: 'http://sms.example/send' }).sms)).toBeInstanceOf(HttpSmsGateway);
    expect(() => createSmsGateway(loadConfig({ JINGMIN_SMS_GATEWAY: 'http' }).sms)).toThrow(/JINGMIN_SMS_URL/);
    expect(() => loadConfig({ JINGMIN_SMS_GATEWAY: 'smtp' })).toThrow(/只能是 local 或 http/);
  });
});
