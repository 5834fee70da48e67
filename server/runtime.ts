import pg from 'pg';
import type { AppContext } from './app-context.js';
import type { Config } from './config.js';
import { backfillMatterSearchText, kindCache } from './modules/matters/index.js';
import { orgDirectory } from './modules/org/index.js';
import { createCalendarService, installBundledNotices } from './platform/calendar/calendar-service.js';
import { openDatabase, type Database } from './platform/db/database.js';
import { startEmbeddedPostgres, type EmbeddedCluster } from './platform/db/embedded-postgres.js';
import { migrate } from './platform/db/migrate.js';
import { checkVaultKey, loadVault } from './platform/vault.js';

export const EMBEDDED_DATABASE = 'jingmin';

async function ensureDatabase(cluster: EmbeddedCluster, name: string) {
  const client = new pg.Client(cluster.url('postgres'));
  await client.connect();
  try {
    const { rows } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rows.length === 0) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}

export type Connection = { db: Database; url: string; description: string; cluster?: EmbeddedCluster; close: () => Promise<void> };

/** DATABASE_URL when given, otherwise the embedded PostgreSQL under the data directory. */
export async function connect(config: Config, log: (line: string) => void, options: { poolSize?: number } = {}): Promise<Connection> {
  if (config.databaseUrl) {
    const db = openDatabase(config.databaseUrl, { max: options.poolSize });
    const host = new URL(config.databaseUrl).host;
    return { db, url: config.databaseUrl, description: `外部 PostgreSQL（${host}）`, close: () => db.close() };
  }
  const cluster = await startEmbeddedPostgres(config.dataDir, log);
  await ensureDatabase(cluster, EMBEDDED_DATABASE);
  const url = cluster.url(EMBEDDED_DATABASE);
  const db = openDatabase(url, { max: options.poolSize });
  return {
    db, url, cluster, description: `内嵌 PostgreSQL（数据目录 ${cluster.dataDir}）`,
    // A command that had to start the embedded server stops it again; one that found it running leaves it.
    close: async () => {
      await db.close();
      if (cluster.startedHere) await cluster.stop();
    },
  };
}

/** Brings the schema up to date and builds what every module shares. */
export async function prepareContext(db: Database, config: Config, log: (line: string) => void, clock: () => Date = () => new Date()): Promise<AppContext> {
  await migrate(db, log);
  // Matters stored before migration 0002 get their search text here: the normalisation is JavaScript.
  const backfilled = await backfillMatterSearchText(db);
  if (backfilled > 0) log(`已为 ${backfilled} 件事项建立检索文本`);
  await installBundledNotices(db);
  const vault = loadVault(config.dataDir, config.vaultKey);
  await checkVaultKey(db, vault);
  return {
    db,
    vault,
    clock,
    calendar: await createCalendarService(db),
    org: orgDirectory(db),
    kinds: kindCache(db),
    rateLimits: config.rateLimits,
    publicBaseUrl: config.publicBaseUrl,
  };
}
