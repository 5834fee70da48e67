import path from 'node:path';
import type { SmsConfig } from './platform/notify/index.js';

export type Config = {
  port: number;
  host: string;
  /** External PostgreSQL; when absent an embedded server is started under dataDir. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** Base64 of a 32-byte key; when absent the key file under dataDir/secrets is used. */
  vaultKey: string | undefined;
  sweepIntervalMs: number;
  rateLimits: { portalSubmitPerMinute: number; loginPerMinute: number; portalReadPerMinute: number };
  /** The address the public reaches the portal at, for links sent by text message. */
  publicBaseUrl: string;
  sms: SmsConfig;
  smsIntervalMs: number;
};

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`环境变量 ${name} 必须是非负整数，当前为 "${raw}"`);
  }
  return value;
}

function smsGatewayFromEnv(env: NodeJS.ProcessEnv): SmsConfig['gateway'] {
  const value = env.JINGMIN_SMS_GATEWAY || 'local';
  if (value !== 'local' && value !== 'http') throw new Error(`环境变量 JINGMIN_SMS_GATEWAY 只能是 local 或 http，当前为 "${value}"`);
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = intFromEnv('PORT', 3000);
  const dataDir = path.resolve(env.JINGMIN_DATA_DIR ?? 'data');
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    vaultKey: env.JINGMIN_VAULT_KEY || undefined,
    sweepIntervalMs: intFromEnv('JINGMIN_SWEEP_INTERVAL_MS', 60_000),
    rateLimits: {
      portalSubmitPerMinute: intFromEnv('JINGMIN_RATE_PORTAL_SUBMIT', 10),
      portalReadPerMinute: intFromEnv('JINGMIN_RATE_PORTAL_READ', 60),
      loginPerMinute: intFromEnv('JINGMIN_RATE_LOGIN', 10),
    },
    publicBaseUrl: (env.JINGMIN_PUBLIC_URL || `http://localhost:${port}`).replace(/\/+$/, ''),
    sms: {
      gateway: smsGatewayFromEnv(env),
      url: env.JINGMIN_SMS_URL || undefined,
      token: env.JINGMIN_SMS_TOKEN || undefined,
      recordFile: path.join(dataDir, 'sms-outbox.jsonl'),
    },
    smsIntervalMs: intFromEnv('JINGMIN_SMS_INTERVAL_MS', 5_000),
  };
}
