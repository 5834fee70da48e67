import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './database.js';

const MIGRATIONS_DIR = fileURLToPath(new URL('../../db/migrations/', import.meta.url));
// Any constant works; it only has to be the same in every Jingmin process. Backups hold it shared.
export const MIGRATION_LOCK = 7_412_001;

export type Migration = { version: number; name: string; sql: string; checksum: string };

export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => {
      const sql = fs.readFileSync(path.join(dir, file), 'utf8');
      return {
        version: Number(file.slice(0, 4)),
        name: file.replace(/\.sql$/, ''),
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    });
}

/**
 * Applies pending forward-only migrations (up to `upTo` when given, as a restore needs), each in its own transaction. Several processes may start
 * at once: an advisory lock lets one migrate while the others wait. An applied file that has since
 * been edited stops the start-up, because the database no longer matches the code that describes it.
 */
export async function migrate(db: Database, log: (line: string) => void = () => {}, options: { upTo?: number } = {}): Promise<number> {
  const client = await db.pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now())`);
    const applied = new Map(
      (await client.query<{ version: number; checksum: string; name: string }>('SELECT version, name, checksum FROM schema_migrations'))
        .rows.map((row) => [row.version, row]),
    );
    let count = 0;
    for (const migration of listMigrations()) {
      if (options.upTo !== undefined && migration.version > options.upTo) break;
      const done = applied.get(migration.version);
      if (done) {
        if (done.checksum !== migration.checksum) {
          throw new Error(`迁移 ${migration.name} 已执行，但文件内容已被修改（校验和不符）。已执行的迁移不可修改，请新增迁移文件。`);
        }
        continue;
      }
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
          migration.version, migration.name, migration.checksum,
        ]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`迁移 ${migration.name} 失败：${(error as Error).message}`);
      }
      log(`已执行迁移 ${migration.name}`);
      count += 1;
    }
    return count;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
}
