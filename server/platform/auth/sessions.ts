import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Role } from '../../../common/access.js';
import type { Queryable } from '../db/database.js';

// 等保 2.0 三级: log out after at most 30 idle minutes.
export const IDLE_TIMEOUT_MS = 30 * 60_000;
// Writing last_seen_at on every request would turn reads into writes; a minute's slack is harmless.
const TOUCH_AFTER_MS = 60_000;

export type Actor = {
  staffId: number;
  name: string;
  username: string;
  roles: Role[];
  unitId: number;
  unitName: string;
  unitScope: 'county' | 'jurisdiction';
  unitJurisdictionId: number;
  csrfToken: string;
  sessionHash: Buffer;
};

const hashToken = (token: string) => createHash('sha256').update(token).digest();

export async function createSession(db: Queryable, staffId: number, now: Date, ip: string, userAgent: string | undefined) {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await db.query(
    `INSERT INTO staff_sessions (token_hash, staff_id, csrf_token, created_at, last_seen_at, ip, user_agent)
     VALUES ($1, $2, $3, $4, $4, $5, $6)`,
    [hashToken(token), staffId, csrfToken, now, ip, userAgent?.slice(0, 300) ?? null],
  );
  return { token, csrfToken };
}

const FIND_SESSION = `
  SELECT s.token_hash, s.csrf_token, s.last_seen_at, st.id AS staff_id, st.username, st.display_name, st.roles,
         st.status, u.id AS unit_id, u.name AS unit_name, u.scope, u.jurisdiction_id
    FROM staff_sessions s JOIN staff st ON st.id = s.staff_id JOIN units u ON u.id = st.unit_id
   WHERE s.token_hash = $1`;

export type SessionLookup = { actor: Actor } | { expired: true } | undefined;

/** Finds a live session; an idle or disabled one is deleted and reported as expired. */
export async function findSession(db: Queryable, token: string, now: Date): Promise<SessionLookup> {
  const tokenHash = hashToken(token);
  const { rows } = await db.query(FIND_SESSION, [tokenHash]);
  const row = rows[0];
  if (!row) return undefined;
  const idleMs = now.getTime() - new Date(row.last_seen_at).getTime();
  if (row.status !== 'active' || idleMs > IDLE_TIMEOUT_MS) {
    await db.query('DELETE FROM staff_sessions WHERE token_hash = $1', [tokenHash]);
    return { expired: true };
  }
  if (idleMs > TOUCH_AFTER_MS) {
    await db.query('UPDATE staff_sessions SET last_seen_at = $2 WHERE token_hash = $1', [tokenHash, now]);
  }
  return {
    actor: {
      staffId: row.staff_id,
      name: row.display_name,
      username: row.username,
      roles: row.roles,
      unitId: row.unit_id,
      unitName: row.unit_name,
      unitScope: row.scope,
      unitJurisdictionId: row.jurisdiction_id,
      csrfToken: row.csrf_token,
      sessionHash: tokenHash,
    },
  };
}

export async function endSession(db: Queryable, sessionHash: Buffer) {
  await db.query('DELETE FROM staff_sessions WHERE token_hash = $1', [sessionHash]);
}

export async function endAllSessions(db: Queryable, staffId: number) {
  await db.query('DELETE FROM staff_sessions WHERE staff_id = $1', [staffId]);
}

export function csrfMatches(expected: string, presented: string | undefined): boolean {
  if (!presented) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}
