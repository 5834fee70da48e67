import path from 'node:path';

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

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: intFromEnv('PORT', 3000),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.JINGMIN_DATA_DIR ?? 'data'),
    vaultKey: env.JINGMIN_VAULT_KEY || undefined,
    sweepIntervalMs: intFromEnv('JINGMIN_SWEEP_INTERVAL_MS', 60_000),
    rateLimits: {
      portalSubmitPerMinute: intFromEnv('JINGMIN_RATE_PORTAL_SUBMIT', 10),
      portalReadPerMinute: intFromEnv('JINGMIN_RATE_PORTAL_READ', 60),
      loginPerMinute: intFromEnv('JINGMIN_RATE_LOGIN', 10),
    },
  };
}
