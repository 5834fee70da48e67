import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../db/database.js';
import { startEmbeddedPostgres } from '../db/embedded-postgres.js';
import { migrate } from '../db/migrate.js';
import { verifyIntegrity } from '../verify.js';
import { applySessionSettings, listSequences, listTables, qualified, quoteIdent, RAW_TEXT } from './catalog.js';
import { BackupLines, readBackupFile, writeBackupFile, type BackupHeader, type Row } from './format.js';
import { createBackup, restoreBackup } from './index.js';

// The schema version is the number of migrations shipped; counted, so that adding one does not break these tests.
const MIGRATION_COUNT = fs.readdirSync(new URL('../../db/migrations/', import.meta.url)).filter((f) => /^\d{4}_.*\.sql$/.test(f)).length;

/**
 * Source and target are two separate PostgreSQL servers with their own data directories, as when a
 * backup is restored onto a new machine. JINGMIN_TEST_DATABASE_URL runs both on one external server
 * (separate databases) instead.
 */
type Server = { url: (database: string) => string; stop: () => Promise<void> };

const tempDirs: string[] = [];
const databases: Database[] = [];
const servers: Server[] = [];

async function startServer(): Promise<Server> {
  const external = process.env.JINGMIN_TEST_DATABASE_URL;
  if (external) {
    return {
      url: (database) => { const url = new URL(external); url.pathname = `/${database}`; return url.toString(); },
      stop: async () => {},
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jingmin-backup-pg-'));
  fs.chmodSync(dir, 0o755);
  tempDirs.push(dir);
  const cluster = await startEmbeddedPostgres(dir);
  return { url: (database) => cluster.url(database), stop: () => cluster.stop() };
}

async function newDatabase(server: Server, prefix: string, max = 6): Promise<Database> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client(server.url('postgres'));
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const db = openDatabase(server.url(name), { max });
  databases.push(db);
  return db;
}

const SEEDED_MATTERS = 2000;

/** Varied rows in most tables, with values that are easy to get subtly wrong. */
async function seed(db: Database): Promise<void> {
  await db.query(`INSERT INTO jurisdictions (id, code, name, kind, boundary, sort_order) VALUES
    (1, '00', '测试县', 'county', '[[117.1, 36.6], [117.25, 36.75], [117.3, 36.6]]', 0),
    (2, '01', '東城派出所轄區 "引号" \\ 反斜杠', 'station', '{"note": "全角／半角 ＡＢＣ", "n": 12345678901234567890.10}', 1),
    (3, '02', E'西城\\t派出所\\n辖区', 'station', NULL, 2)`);
  await db.query(`INSERT INTO units (code, name, kind, jurisdiction_id, scope, receives_portal, phone, address) VALUES
    ('bureau', '测试县公安局', 'bureau', 1, 'county', false, '0531-1234567', E'多行\\n地址'),
    ('command', '指挥中心', 'command_centre', 1, 'county', true, NULL, NULL)`);
  await db.query(`INSERT INTO units (code, name, kind, parent_id, jurisdiction_id, scope, active) VALUES
    ('east', '东城派出所', 'station', 1, 2, 'jurisdiction', true),
    ('west', '西城派出所 😀', 'station', 1, 3, 'jurisdiction', false)`);
  await db.query(`INSERT INTO staff (username, display_name, badge_no, unit_id, roles, password_hash, locked_until, failed_logins) VALUES
    ('admin', '管理员', NULL, 1, ARRAY['admin'], '$argon2id$v=19$m=19456,t=2,p=1$abc$def', NULL, 0),
    ('taker', '接警员 O''Brien', '012345', 2, ARRAY['call_taker', 'a,b', '含"引号"', 'with space', 'NULL'], 'x', '2026-11-16 10:00:00.123456+08', 3),
    ('east1', '东城民警', '000001', 3, ARRAY['officer'], 'y', 'infinity', 0)`);
  await db.query(`INSERT INTO staff_sessions (token_hash, staff_id, csrf_token, ip, user_agent) VALUES
    (sha256('a'), 1, 'csrf-1', '2001:db8::1', 'Mozilla/5.0'),
    (sha256('b'), 2, 'csrf-2', '10.1.2.3', NULL),
    (sha256('c'), 3, 'csrf-3', '192.168.0.0/16', E'tab\\there')`);
  await db.query(`INSERT INTO calendar_years (year, source, notice, loaded_by) VALUES
    (2026, '国务院办公厅', '{"holidays": [["2026-01-01", "元旦"]], "exact": 1.10, "big": 1e400, "nested": {"a": [null, true, "\\u0001"]}}', 1)`);
  await db.query(`INSERT INTO calendar_alerts (year, resolved_at) VALUES (2027, NULL)`);
  // A reference row the migrations inserted, changed on the source: the restore must bring the change.
  await db.query(`UPDATE matter_kinds SET sort_order = 42, updated_by = 1, stages = stages || '[{"stage": "extra"}]' WHERE code = 'help'`);

  await db.query(`
    INSERT INTO matters (jurisdiction_id, case_no, tracking_code, kind_code, channel, state, content, location_address,
                         location_lng, location_lat, contact_name_enc, contact_phone_enc, contact_id_no_enc, contact_address_enc,
                         contact_phone_index, received_at, registered_by, first_unit_id, first_officer_id, handler_unit_id, cycle)
    SELECT 1 + i % 3, 'JM2026-' || lpad(i::text, 6, '0'), 'TC' || i, (ARRAY['consult','help','complaint','report'])[1 + i % 4],
           (ARRAY['portal','window','phone','letter','visit'])[1 + i % 5], 'handling',
           '第' || i || E'件：路灯不亮 "quoted" \\\\ back\\nslash 😀 ＡＢＣ',
           CASE WHEN i % 7 = 0 THEN NULL ELSE '幸福路' || i || '号' END,
           (ARRAY[0.1::float8 + 0.2::float8, 1e-300, '-0', 'NaN', 'Infinity', 117.123456789012345, NULL])[1 + i % 7],
           36.5 + i / 3.0e4,
           substring(sha512(random()::text::bytea) for 40 + i % 9), sha256(random()::text::bytea),
           CASE WHEN i % 2 = 0 THEN sha512(random()::text::bytea) END,
           CASE WHEN i % 5 = 0 THEN '\\x'::bytea END, sha256(('138' || i)::bytea),
           now() - interval '60 days' + i * interval '17 minutes 3.123457 seconds',
           2, 2, 2, 3, i % 2
      FROM generate_series(1, ${SEEDED_MATTERS}) AS i`);
  await db.query(`
    SELECT append_matter_event(m.jurisdiction_id, m.id, m.received_at + k * interval '1 hour', 'note', 'staff', 2, 2,
                               CASE WHEN k % 2 = 0 THEN 'public' ELSE 'internal' END,
                               CASE WHEN k = 2 THEN E'原因\\n第二行' END,
                               CASE k WHEN 1 THEN jsonb_build_object('text', m.content, 'n', m.id)
                                      WHEN 2 THEN 'null'::jsonb
                                      WHEN 3 THEN '"只是字符串"'::jsonb
                                      ELSE '[1, 2.50, {"深": {"层": []}}]'::jsonb END)
      FROM matters m CROSS JOIN generate_series(1, 4) AS k
     WHERE k <= 1 + m.id % 4
     ORDER BY m.id, k`);
  await db.query(`
    INSERT INTO matter_units (jurisdiction_id, matter_id, unit_id) SELECT jurisdiction_id, id, 2 FROM matters`);
  await db.query(`
    INSERT INTO matter_deadlines (jurisdiction_id, matter_id, stage, cycle, starts_at, due_at, warn_at, rule, paused_at,
                                  paused_total, provisional_years)
    SELECT jurisdiction_id, id, 'handling', 0, received_at, received_at + interval '10 days', received_at + interval '8 days',
           '{"amount": 10, "unit": "working_day"}',
           CASE WHEN id % 3 = 0 THEN received_at + interval '1 day' END,
           (ARRAY[interval '0', interval '1 day 02:03:04.567891', interval '-1 days +02:00:00', interval '1 year 2 mons -3 days'])[1 + id % 4],
           CASE WHEN id % 4 = 0 THEN ARRAY[2027, 2028] ELSE '{}' END
      FROM matters`);
  await db.query(`
    INSERT INTO matter_transfers (jurisdiction_id, matter_id, from_unit_id, to_unit_id, reason, from_state, status, sent_at)
    SELECT jurisdiction_id, id, 2, 3, '属东城辖区', 'handling', 'accepted', received_at FROM matters WHERE id % 10 = 0`);
  await db.query(`
    INSERT INTO supervision_orders (jurisdiction_id, matter_id, issued_by, issued_at, to_unit_id, instructions, due_at)
    SELECT jurisdiction_id, id, 1, received_at, 3, '请于三日内答复', received_at + interval '3 days' FROM matters WHERE id % 25 = 0`);
  await db.query(`
    INSERT INTO accountability_records (jurisdiction_id, matter_id, kind, subject, unit_id, officer_id, due_at, recorded_at)
    SELECT jurisdiction_id, id, 'deadline_breached', 'handling', 3, 3, received_at, received_at + interval '11 days'
      FROM matters WHERE id % 50 = 0`);
  await db.query(`
    INSERT INTO portal_submissions (idempotency_key, request_hash, jurisdiction_id, matter_id, tracking_code)
    SELECT 'key-' || id, sha256(tracking_code::bytea), jurisdiction_id, id, tracking_code FROM matters WHERE channel = 'portal'`);
  for (let i = 0; i < 50; i += 1) {
    await db.query('SELECT append_audit_event($1, $2, $3, $4, $5, $6)', [
      i % 3 === 0 ? null : 1, 'login', i % 4 === 0 ? 'failure' : 'success', i % 2 ? '203.0.113.7' : '2001:db8::42', `staff:${i}`, { i, 说明: '登录' },
    ]);
  }
}

/** Writers that keep appending to the source until stopped, the way a running server would. */
function startWriters(db: Database, count: number) {
  let running = true;
  let iterations = 0;
  const loops = Array.from({ length: count }, async (_, w) => {
    while (running) {
      await db.transaction(async (tx) => {
        const { rows } = await tx.query(`
          INSERT INTO matters (jurisdiction_id, case_no, tracking_code, kind_code, channel, state, content, received_at,
                               first_unit_id, handler_unit_id, contact_phone_enc)
          VALUES (2, 'LIVE-' || nextval('matter_case_numbers'), 'LIVE-${w}-' || gen_random_uuid(), 'help', 'portal', 'received',
                  '并发写入', now(), 2, 2, sha256(random()::text::bytea))
          RETURNING jurisdiction_id, id`);
        await tx.query('INSERT INTO matter_units (jurisdiction_id, matter_id, unit_id) VALUES ($1, $2, 2)', [rows[0].jurisdiction_id, rows[0].id]);
        for (let k = 0; k < 2; k += 1) {
          await tx.query(`SELECT append_matter_event($1, $2, now(), 'submitted', 'citizen', NULL, NULL, 'public', NULL, $3)`,
            [rows[0].jurisdiction_id, rows[0].id, { k }]);
        }
      });
      // An older matter gets another event: its head (last_event_seq) moves while the backup reads.
      await db.query(`SELECT append_matter_event(jurisdiction_id, id, now(), 'note', 'system', NULL, NULL, 'internal', NULL, '{}')
                        FROM matters WHERE id = $1`, [1 + Math.floor(Math.random() * SEEDED_MATTERS)]);
      await db.query(`SELECT append_audit_event(NULL, 'live', 'success', '127.0.0.1', NULL, '{}')`);
      iterations += 1;
    }
  });
  return {
    get iterations() { return iterations; },
    stop: async () => { running = false; await Promise.all(loops); },
  };
}

/** Each table's rows in the backup, as text arrays. */
async function backupContent(file: string): Promise<{ header: BackupHeader; rows: Map<string, Row[]> }> {
  let header: BackupHeader | undefined;
  const rows = new Map<string, Row[]>();
  for await (const entry of readBackupFile(file)) {
    if (entry.kind === 'header') header = entry.header;
    if (entry.kind === 'table') rows.set(entry.table.name, []);
    if (entry.kind === 'row') rows.get(entry.table.name)!.push(entry.row);
  }
  return { header: header!, rows };
}

/** A table's rows in the database, printed the way a backup prints them. */
async function databaseContent(db: Database, table: string, columns: string[]): Promise<Row[]> {
  return db.transaction(async (tx) => {
    await applySessionSettings(tx);
    const client = tx as unknown as pg.PoolClient;
    const result = await client.query<Row>({
      text: `SELECT ${columns.map(quoteIdent).join(', ')} FROM ${qualified(table)}`, rowMode: 'array', types: RAW_TEXT,
    });
    return result.rows;
  });
}

const sortRows = (rows: Row[]) => rows.map((row) => JSON.stringify(row)).sort();

/** A fingerprint of each table, computed by PostgreSQL itself from its own record output. */
async function fingerprints(db: Database): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const table of await listTables(db)) {
    const { rows } = await db.query(`SELECT count(*) AS n, md5(string_agg(t::text, '|' ORDER BY t::text)) AS md5 FROM ${qualified(table.name)} t`);
    result[table.name] = `${rows[0].n}:${rows[0].md5}`;
  }
  return result;
}

async function sequenceValues(db: Database): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const name of await listSequences(db)) {
    const { rows } = await db.query(`SELECT last_value::text AS v, is_called FROM ${qualified(name)}`);
    result[name] = `${rows[0].v}/${rows[0].is_called}`;
  }
  return result;
}

async function publicTableCount(db: Database): Promise<number> {
  const { rows } = await db.query("SELECT count(*) AS n FROM pg_tables WHERE schemaname = 'public'");
  return rows[0].n;
}

let source: Database;
let targetServer: Server;
let workDir: string;
let liveFile: string;
let quietFile: string;
const lines: string[] = [];
const log = (line: string) => lines.push(line);

beforeAll(async () => {
  const [sourceServer, secondServer] = await Promise.all([startServer(), startServer()]);
  servers.push(sourceServer, secondServer);
  targetServer = secondServer;
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jingmin-backup-files-'));
  tempDirs.push(workDir);
  source = await newDatabase(sourceServer, 'jm_backup_source', 10);
  await migrate(source);
  await seed(source);
});

afterAll(async () => {
  for (const db of databases) await db.close().catch(() => undefined);
  for (const server of servers) await server.stop();
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('backup while the server runs, restore into a new data directory', () => {
  it('takes one consistent snapshot while writers keep appending', async () => {
    const writers = startWriters(source, 3);
    try {
      while (writers.iterations < 20) await new Promise((resolve) => setTimeout(resolve, 10));
      liveFile = path.join(workDir, 'live.jmbak');
      const before = writers.iterations;
      const started = performance.now();
      const result = await createBackup(source, liveFile, log);
      const ms = performance.now() - started;
      const during = writers.iterations - before;
      console.log(`backup (live): ${result.tables} tables, ${result.rows} rows, ${fs.statSync(liveFile).size} bytes, ${ms.toFixed(0)} ms; writer iterations during backup: ${during}`);
      expect(during).toBeGreaterThan(0);
      expect(result.file).toBe(liveFile);
      expect(fs.existsSync(`${liveFile}.partial`)).toBe(false);
    } finally {
      await writers.stop();
    }
    expect(lines.some((line) => line.includes('vault.key') && line.includes('JINGMIN_VAULT_KEY'))).toBe(true);

    const { header, rows } = await backupContent(liveFile);
    expect(header.tables.map((t) => t.name)).toContain('schema_migrations');
    expect(header.schemaVersion).toBe(MIGRATION_COUNT);
    const col = (table: string, name: string) => header.tables.find((t) => t.name === table)!.columns.findIndex((c) => c.name === name);

    // The snapshot stopped somewhere in the middle of the writes...
    const liveMatters = rows.get('matters')!.length;
    const { rows: [now] } = await source.query('SELECT count(*) AS n FROM matters');
    expect(liveMatters).toBeGreaterThan(SEEDED_MATTERS);
    expect(liveMatters).toBeLessThan(now.n);

    // ...and is consistent across tables: every event's matter is there, and each matter's head is its last event.
    const [mj, mid, mseq, mhash] = [col('matters', 'jurisdiction_id'), col('matters', 'id'), col('matters', 'last_event_seq'), col('matters', 'last_event_hash')];
    const heads = new Map(rows.get('matters')!.map((r) => [`${r[mj]}/${r[mid]}`, { seq: Number(r[mseq]), hash: r[mhash], max: 0, maxHash: null as string | null }]));
    const [ej, emid, eseq, ehash] = [col('matter_events', 'jurisdiction_id'), col('matter_events', 'matter_id'), col('matter_events', 'seq'), col('matter_events', 'hash')];
    for (const event of rows.get('matter_events')!) {
      const head = heads.get(`${event[ej]}/${event[emid]}`);
      expect(head, `event of missing matter ${event[ej]}/${event[emid]}`).toBeDefined();
      if (Number(event[eseq]) > head!.max) { head!.max = Number(event[eseq]); head!.maxHash = event[ehash]; }
    }
    for (const [key, head] of heads) {
      expect(head.max, `matter ${key}`).toBe(head.seq);
      expect(head.maxHash, `matter ${key}`).toBe(head.hash);
    }
    const unitMatter = [col('matter_units', 'jurisdiction_id'), col('matter_units', 'matter_id')];
    for (const row of rows.get('matter_units')!) expect(heads.has(`${row[unitMatter[0]]}/${row[unitMatter[1]]}`)).toBe(true);
    // The audit chain in the snapshot is an unbroken prefix.
    const [aid, aprev, ahash] = [col('audit_events', 'id'), col('audit_events', 'prev_hash'), col('audit_events', 'hash')];
    const audit = [...rows.get('audit_events')!].sort((a, b) => Number(a[aid]) - Number(b[aid]));
    audit.forEach((row, i) => expect(row[aprev]).toBe(i === 0 ? '\\x' : audit[i - 1][ahash]));
  });

  it('restores the live backup into a new server with every row as the snapshot had it', async () => {
    const target = await newDatabase(targetServer, 'jm_backup_live');
    const started = performance.now();
    const result = await restoreBackup(target, liveFile, log);
    console.log(`restore (live): ${result.tables} tables, ${result.rows} rows, ${(performance.now() - started).toFixed(0)} ms`);

    const { header, rows } = await backupContent(liveFile);
    expect(result).toEqual({ tables: header.tables.length, rows: header.tables.reduce((sum, t) => sum + t.rowCount, 0) });
    for (const table of header.tables) {
      const restored = await databaseContent(target, table.name, table.columns.map((c) => c.name));
      expect(restored.length, table.name).toBe(table.rowCount);
      expect(sortRows(restored), table.name).toEqual(sortRows(rows.get(table.name)!));
    }
    const report = await verifyIntegrity(target);
    expect(report.problems).toEqual([]);
    expect(report.matters).toBe(rows.get('matters')!.length);
    expect(lines.some((line) => line.includes('matters：') && line.includes(`/${rows.get('matters')!.length}`))).toBe(true);
  });

  it('restores a quiet backup equal to the source, table by table, with sequences that continue', async () => {
    quietFile = path.join(workDir, 'quiet.jmbak');
    const started = performance.now();
    const backup = await createBackup(source, quietFile, log);
    console.log(`backup (quiet): ${backup.rows} rows, ${fs.statSync(quietFile).size} bytes, ${(performance.now() - started).toFixed(0)} ms`);

    // A new database that has been started once: migrated, with rows of its own in reference tables.
    const target = await newDatabase(targetServer, 'jm_backup_quiet');
    await migrate(target);
    await target.query(`INSERT INTO calendar_years (year, source, notice) VALUES (2025, '自带', '{}')`);
    await target.query(`SELECT append_audit_event(NULL, 'login', 'failure', '10.0.0.1', 'nobody', '{}')`);
    await restoreBackup(target, quietFile, log);
    expect(lines.some((line) => line.includes('清除目标库 matter_kinds'))).toBe(true);

    expect(await fingerprints(target)).toEqual(await fingerprints(source));
    expect(await sequenceValues(target)).toEqual(await sequenceValues(source));
    expect((await verifyIntegrity(target)).problems).toEqual([]);

    const max = async (sql: string) => Number((await target.query(sql)).rows[0].n);
    const unit = await target.query(`INSERT INTO units (code, name, kind, jurisdiction_id, scope) VALUES ('new', '新单位', 'department', 1, 'county') RETURNING id`);
    expect(unit.rows[0].id).toBeGreaterThan(await max('SELECT max(id) AS n FROM units WHERE code <> \'new\''));
    const matterId = await max("SELECT nextval('matter_ids') AS n");
    expect(matterId).toBeGreaterThan(await max('SELECT max(id) AS n FROM matters'));
    const auditMax = await max('SELECT max(id) AS n FROM audit_events');
    const auditId = await max(`SELECT append_audit_event(NULL, 'after_restore', 'success', NULL, NULL, '{}') AS n`);
    expect(auditId).toBeGreaterThan(auditMax);
    const transfer = await target.query(`INSERT INTO matter_transfers (jurisdiction_id, matter_id, from_unit_id, to_unit_id, reason, from_state, sent_at)
      SELECT jurisdiction_id, id, 2, 3, '恢复后', 'handling', now() FROM matters WHERE id = 1 RETURNING id`);
    expect(transfer.rows[0].id).toBeGreaterThan(await max('SELECT max(id) AS n FROM matter_transfers WHERE reason <> \'恢复后\''));
    expect((await verifyIntegrity(target)).problems).toEqual([]);

    // The restored database is now in use: a second restore into it is refused.
    await expect(restoreBackup(target, quietFile, log)).rejects.toThrow(/已有业务数据.*拒绝恢复/);
    await expect(createBackup(source, quietFile, log)).rejects.toThrow(/已存在/);
  });

  it('refuses a truncated or corrupted file and leaves the target untouched', async () => {
    const target = await newDatabase(targetServer, 'jm_backup_refuse');
    const good = fs.readFileSync(quietFile);
    const flipped = Buffer.from(good);
    flipped[Math.floor(good.length / 2)] ^= 0xff;
    const variants: Record<string, Buffer> = {
      truncated: good.subarray(0, Math.floor(good.length * 0.6)),
      'cut at the end': good.subarray(0, good.length - 9),
      'flipped byte': flipped,
      'edited content': zlib.gzipSync(zlib.gunzipSync(good).toString('utf8').replace('路灯不亮', '路灯很亮')),
      'row removed': zlib.gzipSync(zlib.gunzipSync(good).toString('utf8').replace(/\n\[[^\n]*\n/, '\n')),
      'trailer lost': zlib.gzipSync(zlib.gunzipSync(good).toString('utf8').replace(/\{"end":[^\n]*\n$/, '')),
      'not a backup': zlib.gzipSync('hello\n'),
      'not gzip': Buffer.from('plain text'),
    };
    for (const [name, bytes] of Object.entries(variants)) {
      const file = path.join(workDir, `${name.replace(/ /g, '-')}.jmbak`);
      fs.writeFileSync(file, bytes);
      await expect(restoreBackup(target, file, () => {}), name).rejects.toThrow(/备份文件不完整或已损坏，已拒绝恢复/);
      expect(await publicTableCount(target), name).toBe(0);
    }
    await expect(restoreBackup(target, path.join(workDir, 'missing.jmbak'), () => {})).rejects.toThrow(/备份文件不存在/);
    expect(await publicTableCount(target)).toBe(0);
  });

  /** A well-formed backup file with the quiet backup's rows, changed by the caller. */
  async function rewritten(name: string, change: (header: BackupHeader, rows: Map<string, Row[]>) => BackupHeader): Promise<string> {
    const original = await backupContent(quietFile);
    const header = change(original.header, original.rows);
    const out = new BackupLines();
    async function* content() {
      yield out.header(header);
      for (const table of header.tables) {
        yield out.table(table.name);
        yield out.rows(table.name, original.rows.get(table.name)!);
      }
      yield out.trailer();
    }
    const file = path.join(workDir, `${name}.jmbak`);
    await writeBackupFile(file, content());
    return file;
  }

  it('loads all or nothing: a row the database rejects rolls the whole load back', async () => {
    const target = await newDatabase(targetServer, 'jm_backup_atomic');
    const file = await rewritten('bad-row', (header, rows) => {
      // The last table in the file gets a row that breaks a CHECK constraint, after all others loaded.
      const units = header.tables.find((t) => t.name === 'units')!;
      const row = [...rows.get('units')![0]];
      row[units.columns.findIndex((c) => c.name === 'id')] = '999';
      row[units.columns.findIndex((c) => c.name === 'code')] = 'broken';
      row[units.columns.findIndex((c) => c.name === 'kind')] = 'no_such_kind';
      rows.get('units')!.push(row);
      return { ...header, tables: header.tables.map((t) => (t.name === 'units' ? { ...t, rowCount: t.rowCount + 1 } : t)) };
    });
    await expect(restoreBackup(target, file, () => {})).rejects.toThrow(/units_kind_check/);
    // Left as the migrations alone leave a new database (the schema's own rows: kinds, rules), nothing more.
    const rowCounts = async (db: Database) => Object.fromEntries(await Promise.all((await listTables(db)).map(async (table) =>
      [table.name, (await db.query(`SELECT count(*) AS n FROM ${qualified(table.name)}`)).rows[0].n] as const)));
    const pristine = await newDatabase(targetServer, 'jm_backup_pristine');
    await migrate(pristine, () => {});
    const migratedOnly = await rowCounts(pristine);
    await pristine.close();
    expect(migratedOnly.matters).toBe(0);
    expect(await rowCounts(target)).toEqual(migratedOnly);
    // The same database takes the good backup afterwards.
    await restoreBackup(target, quietFile, () => {});
    expect(await fingerprints(target)).toEqual(await fingerprints(source));
  });

  it('refuses a backup from a newer schema than this code knows', async () => {
    const target = await newDatabase(targetServer, 'jm_backup_newer');
    const file = await rewritten('newer', (header) => ({
      ...header, schemaVersion: 9999, migrations: [...header.migrations, { version: 9999, name: '9999_future', checksum: 'x' }],
    }));
    await expect(restoreBackup(target, file, () => {})).rejects.toThrow(new RegExp(`结构版本为 9999，比本程序的 ${MIGRATION_COUNT} 新`));
    expect(await publicTableCount(target)).toBe(0);
  });
});
