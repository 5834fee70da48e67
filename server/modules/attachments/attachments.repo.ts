import type { AttachmentType } from '../../../common/attachments.js';
import type { Queryable } from '../../platform/db/database.js';
import type { Upload } from './uploads.js';

/** What a list shows of an attachment; never the content. */
export type AttachmentInfo = { id: number; name: string; type: AttachmentType; size: number };
/** The staff member who added a file is an id: the caller names them (the staff table belongs to the org module). */
export type AttachmentListing = AttachmentInfo & {
  addedAt: Date; addedByKind: 'citizen' | 'staff'; addedByStaffId: number | null; eventSeq: number | null;
};

/**
 * Takes ids for attachments about to be stored, so that the timeline event that brings them can
 * list them (the event is hashed into the chain when it is written; it cannot be amended after).
 */
export async function reserveAttachmentIds(db: Queryable, count: number): Promise<number[]> {
  const { rows } = await db.query<{ id: number }>(
    "SELECT nextval(pg_get_serial_sequence('matter_attachments', 'id')) AS id FROM generate_series(1, $1)", [count]);
  return rows.map((row) => row.id);
}

/** The uploads with their reserved ids, as listed in the event's payload. */
export function describeUploads(uploads: Upload[], ids: number[]): AttachmentInfo[] {
  return uploads.map((upload, i) => ({ id: ids[i], name: upload.name, type: upload.type, size: upload.size }));
}

/** One statement per file: the content goes to the server as a binary parameter, not as text in an array. */
export async function insertAttachments(
  db: Queryable, jurisdictionId: number, matterId: number, uploads: Upload[], ids: number[],
  by: { kind: 'citizen' } | { kind: 'staff'; staffId: number }, at: Date, eventSeq: number,
) {
  for (const [i, upload] of uploads.entries()) {
    await db.query(
      `INSERT INTO matter_attachments (jurisdiction_id, matter_id, id, file_name, media_type, size_bytes, sha256, content,
                                       added_at, added_by_kind, added_by_staff_id, event_seq)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [jurisdictionId, matterId, ids[i], upload.name, upload.type, upload.size, upload.sha256, upload.content,
       at, by.kind, by.kind === 'staff' ? by.staffId : null, eventSeq]);
  }
}

/** The matter's attachments, oldest first; the content column is not read (it lives out of line in TOAST). */
export async function listAttachments(db: Queryable, jurisdictionId: number, matterId: number, citizenOnly = false): Promise<AttachmentListing[]> {
  const { rows } = await db.query<AttachmentListing>(
    `SELECT id, file_name AS name, media_type AS type, size_bytes AS size, added_at AS "addedAt",
            added_by_kind AS "addedByKind", added_by_staff_id AS "addedByStaffId", event_seq AS "eventSeq"
       FROM matter_attachments
      WHERE jurisdiction_id = $1 AND matter_id = $2 ${citizenOnly ? "AND added_by_kind = 'citizen'" : ''}
      ORDER BY id`,
    [jurisdictionId, matterId]);
  return rows;
}

export async function readAttachment(db: Queryable, jurisdictionId: number, matterId: number, id: number, citizenOnly = false) {
  const { rows } = await db.query<{ name: string; type: AttachmentType; size: number; content: Buffer }>(
    `SELECT file_name AS name, media_type AS type, size_bytes AS size, content
       FROM matter_attachments
      WHERE jurisdiction_id = $1 AND matter_id = $2 AND id = $3 ${citizenOnly ? "AND added_by_kind = 'citizen'" : ''}`,
    [jurisdictionId, matterId, id]);
  return rows[0];
}
