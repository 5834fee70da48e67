import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../server/platform/db/embedded-postgres.js';
import { progress } from './output.js';

export type BenchServer = {
  /** Where the server came from: 'embedded' (a throwaway cluster in a temp dir) or 'DATABASE_URL'. */
  source: 'embedded' | 'DATABASE_URL';
  /** A fresh database on the server, created for this run. */
  createDatabase: (prefix: string) => Promise<string>;
  version: () => Promise<string>;
  /** Drops the databases this run created and stops (and deletes) an embedded cluster. */
  close: () => Promise<void>;
};

function withDatabase(url: string, database: string): string {
  const next = new URL(url);
  next.pathname = `/${database}`;
  return next.toString();
}

async function onAdmin<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * DATABASE_URL when set (a database is created next to the one it names), otherwise a real embedded
 * PostgreSQL — the same binaries and start-up options as production's default — in a temp dir.
 */
export async function openBenchServer(): Promise<BenchServer> {
  let adminUrl: string;
  let stop = async () => {};
  let source: BenchServer['source'];
  if (process.env.DATABASE_URL) {
    adminUrl = process.env.DATABASE_URL;
    source = 'DATABASE_URL';
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jingmin-bench-'));
    fs.chmodSync(dir, 0o755); // as root, the cluster runs as `postgres`, which must be able to enter it
    progress(`starting embedded PostgreSQL in ${dir}`);
    const cluster = await startEmbeddedPostgres(dir, progress);
    adminUrl = cluster.url('postgres');
    source = 'embedded';
    stop = async () => {
      await cluster.stop();
      if (!process.env.BENCH_KEEP) fs.rmSync(dir, { recursive: true, force: true });
    };
  }
  const created: string[] = [];
  return {
    source,
    async createDatabase(prefix) {
      const name = `${prefix}_${randomBytes(4).toString('hex')}`;
      await onAdmin(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
      created.push(name);
      return withDatabase(adminUrl, name);
    },
    version: () => onAdmin(adminUrl, async (client) => (await client.query('SHOW server_version')).rows[0].server_version as string),
    async close() {
      if (!process.env.BENCH_KEEP) {
        for (const name of created) {
          await onAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).catch((error: Error) =>
            progress(`could not drop ${name}: ${error.message}`));
        }
      }
      await stop();
    },
  };
}
