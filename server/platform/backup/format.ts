import { createHash, type Hash } from 'node:crypto';
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import zlib from 'node:zlib';

/**
 * The Jingmin backup file: gzip-compressed UTF-8 text, one JSON value per line.
 *
 *   line 1     the header (BackupHeader)
 *   then, for each table in the header's order:
 *              {"table": "<name>"}
 *              one JSON array per row: each column's PostgreSQL text representation, or null
 *   last line  the trailer (BackupTrailer): row counts and the sha256 of every byte above it
 *
 * A column value is exactly what PostgreSQL's output function prints (what COPY would write), read
 * under fixed settings (DateStyle ISO, IntervalStyle postgres, bytea hex, shortest exact floats), and
 * it goes back in through the column type's input function, so every type round-trips exactly.
 */
export const BACKUP_FORMAT = 'jingmin-backup';
export const BACKUP_FORMAT_VERSION = 1;

export type ColumnSpec = { name: string; type: string };
export type TableSpec = { name: string; columns: ColumnSpec[]; rowCount: number };
export type SequenceSpec = { name: string; lastValue: string; isCalled: boolean };
export type MigrationSpec = { version: number; name: string; checksum: string };

export type BackupHeader = {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  /** The highest migration applied to the database the backup was taken from. */
  schemaVersion: number;
  migrations: MigrationSpec[];
  createdAt: string;
  postgresVersion: string;
  database: string;
  tables: TableSpec[];
  sequences: SequenceSpec[];
};

export type BackupTrailer = { end: typeof BACKUP_FORMAT; tables: Record<string, number>; rows: number; sha256: string };

export type Row = (string | null)[];

export class BackupFileError extends Error {
  constructor(file: string, detail: string) {
    super(`备份文件不完整或已损坏，已拒绝恢复：${file}：${detail}`);
    this.name = 'BackupFileError';
  }
}

/** Writes the chunks (each a run of whole lines) through gzip into file; returns the file's size. */
export async function writeBackupFile(file: string, chunks: AsyncIterable<string>): Promise<number> {
  async function* buffers() {
    for await (const chunk of chunks) if (chunk) yield Buffer.from(chunk, 'utf8');
  }
  await pipeline(Readable.from(buffers()), zlib.createGzip({ level: 6 }), fs.createWriteStream(file, { mode: 0o600 }));
  return fs.statSync(file).size;
}

/** The decompressed lines of file; a last line without its newline means the file was cut short. */
async function* decompressedLines(file: string, fail: (detail: string) => BackupFileError): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  const source = fs.createReadStream(file);
  const gunzip = zlib.createGunzip();
  source.on('error', (error) => gunzip.destroy(error));
  let pending = '';
  try {
    for await (const chunk of source.pipe(gunzip)) {
      pending += decoder.write(chunk as Buffer);
      let start = 0;
      for (let end = pending.indexOf('\n'); end !== -1; end = pending.indexOf('\n', start)) {
        yield pending.slice(start, end);
        start = end + 1;
      }
      pending = pending.slice(start);
    }
  } catch (error) {
    const code = String((error as { code?: unknown }).code ?? '');
    if (code.startsWith('Z_')) throw fail(`gzip 数据无法解压（${(error as Error).message}），文件可能被截断或损坏`);
    throw error;
  } finally {
    // A reader that stops early (a failed load) must not leave the file open.
    source.destroy();
    gunzip.destroy();
  }
  pending += decoder.end();
  if (pending) throw fail('最后一行不完整（文件被截断）');
}

/** The lines of a backup, header first and trailer last, with the running hash of the content. */
export class BackupLines {
  private readonly hash: Hash = createHash('sha256');
  private readonly counts: Record<string, number> = {};
  private total = 0;

  header(header: BackupHeader): string {
    return this.content(JSON.stringify(header));
  }

  table(name: string): string {
    this.counts[name] = 0;
    return this.content(JSON.stringify({ table: name }));
  }

  rows(table: string, rows: Row[]): string {
    if (rows.length === 0) return '';
    this.counts[table] += rows.length;
    this.total += rows.length;
    return this.content(rows.map((row) => JSON.stringify(row)).join('\n'));
  }

  trailer(): string {
    const trailer: BackupTrailer = { end: BACKUP_FORMAT, tables: this.counts, rows: this.total, sha256: this.hash.digest('hex') };
    return `${JSON.stringify(trailer)}\n`;
  }

  private content(text: string): string {
    const line = `${text}\n`;
    this.hash.update(line, 'utf8');
    return line;
  }
}

export type BackupEntry =
  | { kind: 'header'; header: BackupHeader }
  | { kind: 'table'; table: TableSpec }
  | { kind: 'row'; table: TableSpec; row: Row }
  | { kind: 'end'; trailer: BackupTrailer };

function isHeader(value: unknown): value is BackupHeader {
  const header = value as BackupHeader;
  return typeof header === 'object' && header !== null && header.format === BACKUP_FORMAT
    && Number.isInteger(header.formatVersion) && Number.isInteger(header.schemaVersion)
    && Array.isArray(header.tables) && Array.isArray(header.sequences) && Array.isArray(header.migrations);
}

/**
 * Reads a backup line by line and checks it as it goes: the structure, every row's width, each
 * table's row count against the header, and at the end the trailer's counts and sha256. Anything
 * wrong throws BackupFileError, so a caller that loads inside a transaction rolls it back; the
 * last entry ('end') is yielded only once the whole file has been verified.
 */
export async function* readBackupFile(file: string): AsyncGenerator<BackupEntry> {
  if (!fs.existsSync(file)) throw new Error(`备份文件不存在：${file}`);
  const fail = (detail: string) => new BackupFileError(file, detail);
  const hash = createHash('sha256');
  let lineNo = 0;
  let header: BackupHeader | undefined;
  let tableIndex = -1;
  let table: TableSpec | undefined;
  let tableRows = 0;
  let total = 0;
  let trailer: BackupTrailer | undefined;

  const closeTable = () => {
    if (table && tableRows !== table.rowCount) throw fail(`表 ${table.name} 应有 ${table.rowCount} 行，实际 ${tableRows} 行`);
  };

  for await (const line of decompressedLines(file, fail)) {
    lineNo += 1;
    if (trailer) throw fail('结尾记录之后还有多余内容');
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw fail(lineNo === 1 ? '文件开头不是 Jingmin 备份的文件头' : `第 ${lineNo} 行不是有效的 JSON`);
    }
    const marker = value as { table?: unknown; end?: unknown };
    if (marker?.end === BACKUP_FORMAT && header) {
      closeTable();
      trailer = value as BackupTrailer;
      continue;
    }
    hash.update(`${line}\n`, 'utf8');
    if (!header) {
      if (!isHeader(value)) throw fail('文件开头不是 Jingmin 备份的文件头');
      if (value.formatVersion > BACKUP_FORMAT_VERSION) {
        throw new Error(`备份文件格式版本 ${value.formatVersion} 比本程序支持的版本 ${BACKUP_FORMAT_VERSION} 新，请升级 Jingmin 后再恢复`);
      }
      header = value;
      yield { kind: 'header', header };
    } else if (Array.isArray(value)) {
      if (!table) throw fail(`第 ${lineNo} 行：数据行出现在表标记之前`);
      if (value.length !== table.columns.length || !value.every((v) => v === null || typeof v === 'string')) {
        throw fail(`表 ${table.name} 的第 ${tableRows + 1} 行（文件第 ${lineNo} 行）列数或取值不符`);
      }
      tableRows += 1;
      total += 1;
      if (tableRows > table.rowCount) throw fail(`表 ${table.name} 的行数多于文件头记录的 ${table.rowCount} 行`);
      yield { kind: 'row', table, row: value as Row };
    } else if (typeof marker?.table === 'string') {
      closeTable();
      tableIndex += 1;
      table = header.tables[tableIndex];
      if (!table || table.name !== marker.table) throw fail(`表 ${marker.table} 不在文件头所列的位置`);
      tableRows = 0;
      yield { kind: 'table', table };
    } else {
      throw fail(`第 ${lineNo} 行是无法识别的记录`);
    }
  }

  if (!header) throw fail('文件为空');
  if (!trailer) throw fail('缺少结尾记录（文件被截断）');
  if (tableIndex !== header.tables.length - 1) throw fail(`文件头列出 ${header.tables.length} 张表，只找到 ${tableIndex + 1} 张`);
  if (trailer.rows !== total) throw fail(`结尾记录为 ${trailer.rows} 行，实际 ${total} 行`);
  for (const spec of header.tables) {
    if (trailer.tables?.[spec.name] !== spec.rowCount) throw fail(`表 ${spec.name} 的行数与结尾记录不符`);
  }
  if (trailer.sha256 !== hash.digest('hex')) throw fail('内容校验和（sha256）不符，文件内容被修改或损坏');
  yield { kind: 'end', trailer };
}

/** Reads the whole file and returns its header once every check has passed. */
export async function verifyBackupFile(file: string): Promise<{ header: BackupHeader; trailer: BackupTrailer }> {
  let header: BackupHeader | undefined;
  for await (const entry of readBackupFile(file)) {
    if (entry.kind === 'header') header = entry.header;
    if (entry.kind === 'end') return { header: header!, trailer: entry.trailer };
  }
  throw new BackupFileError(file, '缺少结尾记录（文件被截断）');
}
