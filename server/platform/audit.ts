import type { Queryable } from './db/database.js';

export type AuditEntry = {
  actorStaffId: number | null;
  action: string;
  outcome: 'success' | 'failure';
  ip?: string | null;
  subject?: string | null;
  detail?: Record<string, unknown>;
};

/** Appends to the hash-chained audit log, inside the caller's transaction when given one. */
export async function recordAudit(db: Queryable, entry: AuditEntry): Promise<void> {
  await db.query('SELECT append_audit_event($1, $2, $3, $4, $5, $6)', [
    entry.actorStaffId, entry.action, entry.outcome, entry.ip ?? null, entry.subject ?? null, entry.detail ?? {},
  ]);
}
