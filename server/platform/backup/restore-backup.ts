import type pg from 'pg';
import type { Database, Queryable } from '../db/database.js';
import { listMigrations, migrate, type Migration } from '../db/migrate.js';
import {
  applySessionSettings, GUARD_TABLES, listColumns, MIGRATION_LOCK, qualified, quoteIdent, tableExists,
} from './catalog.js';
import { BackupFileError, readBackupFile, verifyBackupFile, type BackupHeader, type Row, type TableSpec } from './format.js';

const BATCH_ROWS = 500;
const BATCH_CHARS = 4_000_000;
const PROGRESS_EVERY = 100_000;

async function appliedVersion(db: Database): Promise<number> {
  if (!(await tableExists(db, 'schema_migrations'))) return 0;
  const { rows } = await db.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_migrations');
  return rows[0].version ?? 0;
}

/** Rows in the tables that make a database "in use"; empty when the database is new. */
async function guardRows(db: Queryable): Promise<string[]> {
  const found: string[] = [];
  for (const table of GUARD_TABLES) {
    if (!(await tableExists(db, table))) continue;
    const { rows } = await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${qualified(table)}`);
    if (rows[0].n !== '0') found.push(`${table} ${rows[0].n} 行`);
  }
  return found;
}

function refuseInUse(found: string[]): Error {
  return new Error(`目标数据库已有业务数据（${found.join('，')}），拒绝恢复：恢复只写入新的空数据库，不会覆盖或合并已有数据。`
    + '请使用新的数据目录（JINGMIN_DATA_DIR），或让 DATABASE_URL 指向新建的空数据库。');
}

/** The backup must come from this code's migrations: same files, none this code does not know. */
function checkSchema(header: BackupHeader, known: Migration[]): void {
  const latest = known.reduce((max, m) => Math.max(max, m.version), 0);
  if (header.schemaVersion > latest) {
    throw new Error(`备份的数据库结构版本为 ${header.schemaVersion}，比本程序的 ${latest} 新：请用不低于备份时版本的 Jingmin 恢复。`);
  }
  for (const migration of header.migrations) {
    const code = known.find((m) => m.version === migration.version);
    if (!code) throw new Error(`备份包含本程序没有的迁移 ${migration.name}，无法恢复。`);
    if (code.checksum !== migration.checksum) {
      throw new Error(`备份中的迁移 ${migration.name} 与本程序的迁移文件内容不同（校验和不符），无法恢复。`);
    }
  }
}

type Loader = { table: TableSpec; sql: string; done: number };

/**
 * An INSERT that takes a batch as one JSON array of rows and casts each text value to its column's
 * type (the type's input function). jsonb, not json: ->> on json would parse the row once per column.
 */
async function prepareLoader(client: Queryable, table: TableSpec): Promise<Loader> {
  if (!(await tableExists(client, table.name))) throw new Error(`目标数据库没有表 ${table.name}，与备份的数据库结构不一致`);
  const target = new Map((await listColumns(client, table.name)).map((c) => [c.name, c]));
  const casts: string[] = [];
  let overriding = '';
  table.columns.forEach((column, i) => {
    const found = target.get(column.name);
    if (!found) throw new Error(`目标表 ${table.name} 没有列 ${column.name}，与备份的数据库结构不一致`);
    if (found.identity === 'a') overriding = ' OVERRIDING SYSTEM VALUE';
    casts.push(`(r->>${i})::${found.type}`);
  });
  const columns = table.columns.map((c) => quoteIdent(c.name)).join(', ');
  return {
    table,
    done: 0,
    sql: `INSERT INTO ${qualified(table.name)} (${columns})${overriding} SELECT ${casts.join(', ')} FROM jsonb_array_elements($1::jsonb) AS r`,
  };
}

async function loadRows(client: pg.PoolClient, header: BackupHeader, file: string, log: (line: string) => void): Promise<number> {
  let loader: Loader | undefined;
  let batch: Row[] = [];
  let batchChars = 0;
  let total = 0;
  const flush = async () => {
    if (!loader || batch.length === 0) return;
    const before = loader.done;
    try {
      await client.query(loader.sql, [JSON.stringify(batch)]);
    } catch (error) {
      throw new Error(`写入表 ${loader.table.name} 的第 ${loader.done + 1}–${loader.done + batch.length} 行时出错，恢复已整体撤销（数据库中没有留下任何备份数据）：${(error as Error).message}`);
    }
    loader.done += batch.length;
    total += batch.length;
    batch = [];
    batchChars = 0;
    if (Math.floor(loader.done / PROGRESS_EVERY) > Math.floor(before / PROGRESS_EVERY)) {
      log(`  ${loader.table.name}：${loader.done}/${loader.table.rowCount} 行`);
    }
  };
  const finishTable = async () => {
    await flush();
    // A table whose count is a multiple of PROGRESS_EVERY has had its last line already.
    if (loader && (loader.done === 0 || loader.done % PROGRESS_EVERY !== 0)) log(`  ${loader.table.name}：${loader.done}/${loader.table.rowCount} 行`);
  };

  for await (const entry of readBackupFile(file)) {
    if (entry.kind === 'table') {
      await finishTable();
      loader = await prepareLoader(client, entry.table);
    } else if (entry.kind === 'row') {
      batch.push(entry.row);
      for (const value of entry.row) batchChars += value === null ? 4 : value.length + 3;
      if (batch.length >= BATCH_ROWS || batchChars >= BATCH_CHARS) await flush();
    } else if (entry.kind === 'end') {
      await finishTable();
    }
  }
  for (const sequence of header.sequences) {
    const { rows } = await client.query<{ oid: string | null }>('SELECT to_regclass($1)::text AS oid', [qualified(sequence.name)]);
    if (rows[0].oid === null) throw new Error(`目标数据库没有序列 ${sequence.name}，与备份的数据库结构不一致`);
    await client.query('SELECT setval($1::regclass, $2::bigint, $3::boolean)', [qualified(sequence.name), sequence.lastValue, sequence.isCalled]);
  }
  log(`  已恢复 ${header.sequences.length} 个序列的当前值`);
  return total;
}

/**
 * Restores a backup into a new database: the file is verified in full first, the schema is brought
 * to the backup's version, then every row goes in within one transaction (all or nothing), then
 * any newer migrations of this code run over the restored data.
 */
export async function restoreBackup(db: Database, file: string, log: (line: string) => void): Promise<{ tables: number; rows: number }> {
  const started = Date.now();
  log(`校验备份文件 ${file} …`);
  const { header } = await verifyBackupFile(file).catch((error: Error) => {
    if (error instanceof BackupFileError) error.message += '。数据库未作任何改动。';
    throw error;
  });
  const expected = header.tables.reduce((sum, t) => sum + t.rowCount, 0);
  log(`备份文件完好：${header.createdAt} 备份自 ${header.database}（PostgreSQL ${header.postgresVersion}，数据库结构版本 ${header.schemaVersion}），${header.tables.length} 张表，共 ${expected} 行`);

  const known = listMigrations();
  checkSchema(header, known);
  const targetVersion = await appliedVersion(db);
  if (targetVersion > header.schemaVersion) {
    throw new Error(`目标数据库已迁移到结构版本 ${targetVersion}，比备份的 ${header.schemaVersion} 新，拒绝恢复：请恢复到新的空数据库（新的数据目录，或新建的数据库）。`);
  }
  const inUse = await guardRows(db);
  if (inUse.length) throw refuseInUse(inUse);

  await migrate(db, log, { upTo: header.schemaVersion });

  const client = await db.pool.connect();
  let rows: number;
  try {
    await client.query('BEGIN');
    try {
      await applySessionSettings(client);
      try {
        // Triggers (append-only guards) and foreign-key checks stay off while loading: the rows are
        // one consistent snapshot, and the order of tables in the file is not the order of references.
        await client.query('SET LOCAL session_replication_role = replica');
      } catch (error) {
        throw new Error(`恢复需要以超级用户连接，或由超级用户先执行 GRANT SET ON PARAMETER session_replication_role TO 当前角色（${(error as Error).message}）`);
      }
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const names = header.tables.map((t) => qualified(t.name));
      for (const table of header.tables) {
        if (!(await tableExists(client, table.name))) throw new Error(`目标数据库没有表 ${table.name}，与备份的数据库结构不一致`);
      }
      if (names.length) await client.query(`LOCK TABLE ${names.join(', ')} IN ACCESS EXCLUSIVE MODE`);
      const stillEmpty = await guardRows(client);
      if (stillEmpty.length) throw refuseInUse(stillEmpty);
      // What the migrations (or a first start) wrote into the new database, such as the default
      // matter kinds or the bundled holiday calendars, gives way to the backup's own rows.
      for (const table of header.tables) {
        const removed = await client.query(`DELETE FROM ${qualified(table.name)}`);
        if (removed.rowCount) log(`  清除目标库 ${table.name} 中由迁移或首次启动写入的 ${removed.rowCount} 行，改用备份中的数据`);
      }
      rows = await loadRows(client, header, file, log);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  } finally {
    client.release();
  }

  const newer = await migrate(db, log);
  if (newer) log(`已在恢复的数据上执行 ${newer} 个较新的迁移`);
  await db.query('ANALYZE');
  log(`恢复用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒。`);
  log('提醒：个人信息以密文恢复，需用原实例的加密密钥解密：请在首次启动前把原来的 secrets/vault.key 复制到本数据目录，或设置相同的 JINGMIN_VAULT_KEY。');
  return { tables: header.tables.length, rows };
}
