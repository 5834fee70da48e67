import fs from 'node:fs';
import path from 'node:path';

/** One text message as the gateway receives it; `reference` is our message id, so a gateway can drop a resend. */
export type SmsMessage = { to: string; text: string; reference: string };

/** Where text messages go. Jingmin queues messages (outbox.ts); a gateway only delivers one. */
export interface SmsGateway {
  /** Said at start-up, so that nobody believes messages are sent when they are only recorded. */
  readonly description: string;
  readonly name: string;
  /** Resolves with the gateway's message id once it has accepted the message; rejects with a reason otherwise. */
  send(message: SmsMessage): Promise<{ gatewayMessageId: string | null }>;
}

/**
 * A real SMS gateway reached over HTTP: POST {to, text, reference} as JSON with a bearer token; any 2xx
 * is acceptance, and an `id` or `messageId` in the answer is kept. Commercial gateways (阿里云、腾讯云短信)
 * sit behind a small relay that speaks this, so their signing schemes stay out of Jingmin.
 */
export class HttpSmsGateway implements SmsGateway {
  readonly name = 'http';
  readonly description: string;

  constructor(private readonly url: string, private readonly token: string | undefined, private readonly timeoutMs = 10_000) {
    this.description = `HTTP 短信网关（${new URL(url).host}），短信将真实发送`;
  }

  async send(message: SmsMessage) {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(this.token ? { authorization: `Bearer ${this.token}` } : {}) },
      body: JSON.stringify(message),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`gateway answered ${response.status}: ${text.slice(0, 200)}`);
    let id: unknown = null;
    try {
      const body = JSON.parse(text) as { id?: unknown; messageId?: unknown };
      id = body.id ?? body.messageId ?? null;
    } catch {
      // A gateway that answers 2xx with no JSON has still accepted the message.
    }
    return { gatewayMessageId: id === null ? null : String(id) };
  }
}

/**
 * Sends nothing: appends each message as one JSON line to a file, for a bureau without a gateway yet,
 * for development and for the tests that follow a link from a message.
 */
export class RecordingSmsGateway implements SmsGateway {
  readonly name = 'local';
  readonly description: string;

  constructor(readonly file: string) {
    this.description = `本地记录（不发送短信，写入 ${file}）`;
  }

  async send(message: SmsMessage) {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    fs.appendFileSync(this.file, `${JSON.stringify({ at: new Date().toISOString(), ...message })}\n`);
    return { gatewayMessageId: null };
  }

  /** The messages recorded so far, oldest first. */
  recorded(): (SmsMessage & { at: string })[] {
    if (!fs.existsSync(this.file)) return [];
    return fs.readFileSync(this.file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
  }
}

export type SmsConfig = { gateway: 'local' | 'http'; url: string | undefined; token: string | undefined; recordFile: string };

export function createSmsGateway(config: SmsConfig): SmsGateway {
  if (config.gateway === 'http') {
    if (!config.url) throw new Error('JINGMIN_SMS_GATEWAY=http 时必须设置 JINGMIN_SMS_URL（短信网关地址）');
    return new HttpSmsGateway(config.url, config.token);
  }
  return new RecordingSmsGateway(config.recordFile);
}
