/** The administrator's SQL on the org module's tables: units, jurisdictions, staff accounts (系统管理). */
import type { AdminJurisdiction, StaffListQuery } from '../../../common/contracts/admin.js';
import type { Queryable } from '../../platform/db/database.js';
import { activeStaffCountOf, JURISDICTION_COLUMNS, JURISDICTION_ORDER, UNIT_COLUMNS, unitFromRow, type Unit } from './org.repo.js';

export type AdminUnitRow = Unit & { staffCount: number };

/** Every unit, inactive ones included, with its number of active staff. */
export async function listUnitsForAdmin(db: Queryable): Promise<AdminUnitRow[]> {
  const { rows } = await db.query(
    `SELECT ${UNIT_COLUMNS}, ${activeStaffCountOf('u.id')} AS staff_count FROM units u ORDER BY u.jurisdiction_id, u.id`);
  return rows.map((r) => ({ ...unitFromRow(r), staffCount: r.staff_count }));
}

/** Locks the unit's row for the rest of the transaction. */
export async function lockUnit(db: Queryable, id: number) {
  const { rows } = await db.query<{ id: number; name: string; active: boolean; receives_portal: boolean; parent_id: number | null }>(
    'SELECT id, name, active, receives_portal, parent_id FROM units WHERE id = $1 FOR UPDATE', [id]);
  return rows[0];
}

export async function activeStaffCount(db: Queryable, unitId: number): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`SELECT ${activeStaffCountOf('$1')} AS n`, [unitId]);
  return rows[0].n;
}

export async function unitExists(db: Queryable, id: number): Promise<boolean> {
  return (await db.query('SELECT 1 FROM units WHERE id = $1', [id])).rows.length > 0;
}

/** Whether `candidate` is `unitId` itself or one of its descendants (a parent there would make a cycle). */
export async function isSelfOrDescendant(db: Queryable, unitId: number, candidate: number): Promise<boolean> {
  const { rows } = await db.query(`
    WITH RECURSIVE below AS (
      SELECT id FROM units WHERE id = $1
      UNION SELECT u.id FROM units u JOIN below b ON u.parent_id = b.id
    ) SELECT 1 FROM below WHERE id = $2`, [unitId, candidate]);
  return rows.length > 0;
}

export async function insertUnit(db: Queryable, unit: {
  code: string; name: string; kind: string; parentId: number | null; jurisdictionId: number; scope: string; phone: string | null; address: string | null;
}): Promise<number | undefined> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO units (code, name, kind, parent_id, jurisdiction_id, scope, phone, address) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (code) DO NOTHING RETURNING id`,
    [unit.code, unit.name, unit.kind, unit.parentId, unit.jurisdictionId, unit.scope, unit.phone, unit.address]);
  return rows[0]?.id;
}

/** Sets the given columns only; `undefined` leaves a column as it is, `null` clears it. */
export async function updateUnit(db: Queryable, id: number, change: {
  name?: string; phone?: string | null; address?: string | null; parentId?: number | null; active?: boolean;
}) {
  const columns: [string, unknown][] = [];
  if (change.name !== undefined) columns.push(['name', change.name]);
  if (change.phone !== undefined) columns.push(['phone', change.phone]);
  if (change.address !== undefined) columns.push(['address', change.address]);
  if (change.parentId !== undefined) columns.push(['parent_id', change.parentId]);
  if (change.active !== undefined) columns.push(['active', change.active]);
  if (columns.length === 0) return;
  // Column names come from the fixed list above, never from the request.
  await db.query(`UPDATE units SET ${columns.map(([name], i) => `${name} = $${i + 2}`).join(', ')} WHERE id = $1`,
    [id, ...columns.map(([, value]) => value)]);
}

export async function listJurisdictionsForAdmin(db: Queryable): Promise<AdminJurisdiction[]> {
  const { rows } = await db.query(`
    SELECT ${JURISDICTION_COLUMNS}, (SELECT count(*)::int FROM units u WHERE u.jurisdiction_id = j.id) AS "unitCount"
      FROM jurisdictions j ORDER BY ${JURISDICTION_ORDER}`);
  return rows;
}

export async function updateJurisdiction(db: Queryable, id: number, change: { name?: string; boundary?: [number, number][] }) {
  const { rowCount } = await db.query(
    'UPDATE jurisdictions SET name = coalesce($2, name), boundary = coalesce($3::jsonb, boundary) WHERE id = $1',
    [id, change.name ?? null, change.boundary === undefined ? null : JSON.stringify(change.boundary)]);
  return (rowCount ?? 0) > 0;
}

const STAFF_COLUMNS = `s.id, s.username, s.display_name, s.badge_no, s.unit_id, u.name AS unit_name, s.roles, s.status, s.locked_until,
  s.password_changed_at, s.created_at`;

/** One page of staff accounts, filtered; the password hash is never selected. */
export async function listStaffForAdmin(db: Queryable, query: StaffListQuery) {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const where: string[] = [];
  const params: unknown[] = [];
  const p = (value: unknown) => { params.push(value); return `$${params.length}`; };
  if (query.q) {
    // The search text is a parameter; LIKE's own wildcards in it are escaped so that they match literally.
    const like = p(`%${query.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(`(s.display_name ILIKE ${like} OR s.username ILIKE ${like} OR coalesce(s.badge_no, '') ILIKE ${like})`);
  }
  if (query.unitId !== undefined) where.push(`s.unit_id = ${p(query.unitId)}`);
  if (query.role !== undefined) where.push(`${p(query.role)} = ANY (s.roles)`);
  if (query.status !== undefined) where.push(`s.status = ${p(query.status)}`);
  const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const [items, total] = await Promise.all([
    db.query(`SELECT ${STAFF_COLUMNS} FROM staff s JOIN units u ON u.id = s.unit_id ${filter}
               ORDER BY s.unit_id, s.id LIMIT ${p(pageSize)} OFFSET ${p((page - 1) * pageSize)}`, params),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM staff s ${filter}`, params.slice(0, params.length - 2)),
  ]);
  return {
    items: items.rows.map((r) => ({
      id: r.id, username: r.username, name: r.display_name, badgeNo: r.badge_no, unitId: r.unit_id, unitName: r.unit_name, roles: r.roles,
      status: r.status, lockedUntil: r.locked_until?.toISOString() ?? null, passwordChangedAt: r.password_changed_at.toISOString(),
      createdAt: r.created_at.toISOString(),
    })),
    total: total.rows[0].n, page, pageSize,
  };
}

/** The new account's id, or undefined when the username is taken. */
export async function insertStaff(db: Queryable, staff: {
  username: string; name: string; badgeNo: string | null; unitId: number; roles: string[]; passwordHash: string;
}): Promise<number | undefined> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO staff (username, display_name, badge_no, unit_id, roles, password_hash) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (username) DO NOTHING RETURNING id`,
    [staff.username, staff.name, staff.badgeNo, staff.unitId, staff.roles, staff.passwordHash]);
  return rows[0]?.id;
}

export async function staffExists(db: Queryable, id: number): Promise<boolean> {
  return (await db.query('SELECT 1 FROM staff WHERE id = $1', [id])).rows.length > 0;
}

export async function lockStaff(db: Queryable, id: number) {
  const { rows } = await db.query<{ id: number; roles: string[]; status: string; unit_id: number }>(
    'SELECT id, roles, status, unit_id FROM staff WHERE id = $1 FOR UPDATE', [id]);
  return rows[0];
}

/** How many other active accounts hold a role (so that the last administrator is not locked out). */
export async function otherActiveWithRole(db: Queryable, staffId: number, role: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM staff WHERE id <> $1 AND status = 'active' AND $2 = ANY (roles)", [staffId, role]);
  return rows[0].n;
}

export async function updateStaff(db: Queryable, id: number, change: {
  status?: string; roles?: string[]; unitId?: number; name?: string; badgeNo?: string | null;
}) {
  await db.query(
    `UPDATE staff SET status = coalesce($2, status), roles = coalesce($3, roles), unit_id = coalesce($4, unit_id),
            display_name = coalesce($5, display_name), badge_no = CASE WHEN $6 THEN $7 ELSE badge_no END, version = version + 1
      WHERE id = $1`,
    [id, change.status ?? null, change.roles ?? null, change.unitId ?? null, change.name ?? null, change.badgeNo !== undefined, change.badgeNo ?? null]);
}

/** A new password: clears the failed-login count and any lock. */
export async function setStaffPassword(db: Queryable, id: number, passwordHash: string, now: Date) {
  await db.query(
    `UPDATE staff SET password_hash = $2, password_changed_at = $3, failed_logins = 0, locked_until = NULL, version = version + 1 WHERE id = $1`,
    [id, passwordHash, now]);
}
