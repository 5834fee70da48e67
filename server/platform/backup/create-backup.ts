import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import type { Database } from '../db/database.js';
import {
  applySessionSettings, listColumns, listSequences, listTables, MIGRATION_LOCK, qualified, quoteIdent, RAW_TEXT, tableExists,
} from './catalog.js';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, BackupLines, writeBackupFile, type BackupHeader, type Row } from './format.js';

const FETCH_ROWS = 1000;
// Attachments (附件) are up to 10 MB each, 20 MB as hex text: fetched a few at a time, since a batch of
// 1 000 would fit neither in memory nor in one JavaScript string.
const LARGE_ROW_TABLES = new Set(['matter_attachments']);
const LARGE_FETCH_ROWS = 4;
const PROGRESS_EVERY = 100_000;

export const VAULT_KEY_REMINDER = [
  '【重要】个人信息（姓名、电话、证件号码、地址）在数据库中以密文保存，备份中也只有密文。',
  '加密密钥不在数据库里，也不在本备份文件中：它是数据目录下的 secrets/vault.key，或环境变量 JINGMIN_VAULT_KEY。',
  '请把密钥与备份文件分开、妥善保管（不要放在同一位置）；恢复出的实例必须使用同一把密钥（复制 vault.key 到新数据目录，',
  '或设置相同的 JINGMIN_VAULT_KEY），并且要在首次启动之前放好，否则个人信息将无法解密。',
];

/** Everything the header says, read inside the backup's snapshot. */
async function describeSnapshot(client: pg.PoolClient): Promise<{ header: BackupHeader; partitioned: Set<string> }> {
  if (!(await tableExists(client, 'schema_migrations'))) {
    throw new Error('数据库尚未初始化（没有 schema_migrations 表），没有可备份的 Jingmin 数据');
  }
  const migrations = (await client.query<{ version: number; name: string; checksum: string }>(
    'SELECT version, name, checksum FROM schema_migrations ORDER BY version')).rows;
  const info = (await client.query<{ version: string; database: string }>(
    "SELECT current_setting('server_version') AS version, current_database() AS database")).rows[0];
  const partitioned = new Set<string>();
  const tables: BackupHeader['tables'] = [];
  for (const table of await listTables(client)) {
    if (table.partitioned) partitioned.add(table.name);
    const columns = (await listColumns(client, table.name)).map(({ name, type }) => ({ name, type }));
    const count = await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${qualified(table.name)}`);
    tables.push({ name: table.name, columns, rowCount: Number(count.rows[0].n) });
  }
  // Sequences are not transactional: read now they may be ahead of the snapshot's rows, never behind,
  // so restored ids continue past every restored row (a gap is harmless).
  const sequences: BackupHeader['sequences'] = [];
  for (const name of await listSequences(client)) {
    const { rows } = await client.query<{ last_value: string; is_called: boolean }>(
      `SELECT last_value::text AS last_value, is_called FROM ${qualified(name)}`);
    sequences.push({ name, lastValue: rows[0].last_value, isCalled: rows[0].is_called });
  }
  return {
    partitioned,
    header: {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      schemaVersion: migrations.reduce((max, m) => Math.max(max, m.version), 0),
      migrations,
      createdAt: new Date().toISOString(),
      postgresVersion: info.version,
      database: info.database,
      tables,
      sequences,
    },
  };
}

function syncFile(file: string): void {
  const fd = fs.openSync(file, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Writes a logical backup of every table in the public schema, from one REPEATABLE READ snapshot,
 * while the server keeps running. The file appears under its name only once it is complete.
 */
export async function createBackup(db: Database, file: string, log: (line: string) => void): Promise<{ file: string; tables: number; rows: number }> {
  const target = path.resolve(file);
  const partial = `${target}.partial`;
  if (fs.existsSync(target)) throw new Error(`备份文件已存在：${target}（不会覆盖已有备份，请换一个文件名）`);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const started = Date.now();
  const client = await db.pool.connect();
  try {
    // Waits for a migration in progress, and keeps migrations out until the snapshot has been read.
    await client.query('SELECT pg_advisory_lock_shared($1)', [MIGRATION_LOCK]);
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      await applySessionSettings(client);
      const { header, partitioned } = await describeSnapshot(client);
      const totalRows = header.tables.reduce((sum, t) => sum + t.rowCount, 0);
      log(`备份快照：${header.tables.length} 张表，共 ${totalRows} 行，${header.sequences.length} 个序列（数据库结构版本 ${header.schemaVersion}，PostgreSQL ${header.postgresVersion}）`);

      const lines = new BackupLines();
      async function* content(): AsyncGenerator<string> {
        yield lines.header(header);
        for (const table of header.tables) {
          yield lines.table(table.name);
          const columns = table.columns.map((c) => quoteIdent(c.name)).join(', ');
          const from = partitioned.has(table.name) ? qualified(table.name) : `ONLY ${qualified(table.name)}`;
          await client.query(`DECLARE backup_rows NO SCROLL CURSOR FOR SELECT ${columns} FROM ${from}`);
          const fetchRows = LARGE_ROW_TABLES.has(table.name) ? LARGE_FETCH_ROWS : FETCH_ROWS;
          let done = 0;
          for (;;) {
            const result = await client.query<Row>({ text: `FETCH ${fetchRows} FROM backup_rows`, rowMode: 'array', types: RAW_TEXT });
            if (result.rows.length === 0) break;
            const before = done;
            done += result.rows.length;
            yield lines.rows(table.name, result.rows);
            if (Math.floor(done / PROGRESS_EVERY) > Math.floor(before / PROGRESS_EVERY)) log(`  ${table.name}：${done}/${table.rowCount} 行`);
          }
          await client.query('CLOSE backup_rows');
          if (done !== table.rowCount) throw new Error(`表 ${table.name} 读出 ${done} 行，与快照计数 ${table.rowCount} 不符，备份中止`);
          if (done === 0 || done % PROGRESS_EVERY !== 0) log(`  ${table.name}：${done}/${table.rowCount} 行`);
        }
        yield lines.trailer();
      }

      const bytes = await writeBackupFile(partial, content());
      await client.query('COMMIT');
      syncFile(partial);
      fs.renameSync(partial, target);
      try {
        syncFile(path.dirname(target)); // makes the rename itself durable; not possible on every platform
      } catch {
        // The file is complete and synced either way.
      }
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      log(`已写入 ${target}（${(bytes / 1024 / 1024).toFixed(2)} MiB，用时 ${seconds} 秒）`);
      for (const line of VAULT_KEY_REMINDER) log(line);
      return { file: target, tables: header.tables.length, rows: totalRows };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      fs.rmSync(partial, { force: true });
      throw error;
    } finally {
      await client.query('SELECT pg_advisory_unlock_shared($1)', [MIGRATION_LOCK]).catch(() => undefined);
    }
  } finally {
    client.release();
  }
}
