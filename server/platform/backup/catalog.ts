import type pg from 'pg';
import type { Queryable } from '../db/database.js';
import type { ColumnSpec } from './format.js';

export { MIGRATION_LOCK } from '../db/migrate.js';

/** The tables whose rows make a database "in use": a restore only goes into a database without them. */
export const GUARD_TABLES = ['jurisdictions', 'units', 'staff', 'matters'];

/**
 * Fixed output and input settings, so that every value is printed and parsed the same way whatever
 * the server's or the role's defaults: ISO dates with offsets, postgres-style intervals (which parse
 * back the same only under the same style), hex bytea and shortest exact floats.
 */
export const SESSION_SETTINGS = [
  "SET LOCAL statement_timeout = 0",
  "SET LOCAL DateStyle = 'ISO, YMD'",
  "SET LOCAL IntervalStyle = 'postgres'",
  "SET LOCAL TimeZone = 'UTC'",
  "SET LOCAL extra_float_digits = 1",
  "SET LOCAL bytea_output = 'hex'",
];

export async function applySessionSettings(client: Queryable): Promise<void> {
  for (const statement of SESSION_SETTINGS) await client.query(statement);
}

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
export const qualified = (name: string) => `public.${quoteIdent(name)}`;

/** Every value as the text PostgreSQL's output function prints for it, never parsed by the driver. */
export const RAW_TEXT: pg.CustomTypesConfig = {
  getTypeParser: (() => (value: string) => value) as unknown as pg.CustomTypesConfig['getTypeParser'],
};

export type CatalogTable = { name: string; partitioned: boolean };

/** The ordinary and partitioned tables of the public schema (partitions are read through their parent). */
export async function listTables(client: Queryable): Promise<CatalogTable[]> {
  const { rows } = await client.query<{ name: string; kind: string }>(
    `SELECT c.relname AS name, c.relkind::text AS kind
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
      ORDER BY c.relname COLLATE "C"`);
  return rows.map((row) => ({ name: row.name, partitioned: row.kind === 'p' }));
}

export type CatalogColumn = ColumnSpec & { identity: '' | 'a' | 'd' };

/** A table's stored columns in order; generated columns are left out (they are computed again). */
export async function listColumns(client: Queryable, table: string): Promise<CatalogColumn[]> {
  const { rows } = await client.query<CatalogColumn>(
    `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attidentity::text AS identity
       FROM pg_attribute a
      WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      ORDER BY a.attnum`, [qualified(table)]);
  return rows;
}

export async function listSequences(client: Queryable): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'S' ORDER BY c.relname COLLATE "C"`);
  return rows.map((row) => row.name);
}

export async function tableExists(client: Queryable, table: string): Promise<boolean> {
  const { rows } = await client.query<{ oid: string | null }>('SELECT to_regclass($1)::text AS oid', [qualified(table)]);
  return rows[0].oid !== null;
}
