import type { PostChannel } from '../../../common/contracts/posts.js';
import type { Queryable } from '../../platform/db/database.js';

export type Moderation = 'pending' | 'approved' | 'refused' | 'private';

export type PostRow = {
  jurisdiction_id: number; matter_id: number; post_no: number; channel: PostChannel; title: string; consent: boolean;
  moderation: Moderation; published_title: string | null; published_text: string | null; refusal_reasons: string[];
  refusal_note: string | null; moderated_at: Date | null; moderated_by: number | null; moderator_name: string | null;
  published_at: Date | null; posted_at: Date; version: number;
};

/** A post with what the staff views show of its matter (never the contact). */
export type StaffPostRow = PostRow & { case_no: string; kind_code: string; content: string; state: string };

export async function insertPost(tx: Queryable, post: {
  jurisdictionId: number; matterId: number; channel: PostChannel; title: string; consent: boolean; moderation: Moderation; postedAt: Date;
}) {
  await tx.query(
    `INSERT INTO public_posts (jurisdiction_id, matter_id, channel, title, consent, moderation, posted_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [post.jurisdictionId, post.matterId, post.channel, post.title, post.consent, post.moderation, post.postedAt]);
}

const POST_COLUMNS = `p.jurisdiction_id, p.matter_id, p.post_no, p.channel, p.title, p.consent, p.moderation, p.published_title,
  p.published_text, p.refusal_reasons, p.refusal_note, p.moderated_at, p.moderated_by, s.display_name AS moderator_name,
  p.published_at, p.posted_at, p.version`;

export async function findPost(db: Queryable, jurisdictionId: number, matterId: number, forUpdate = false): Promise<PostRow | undefined> {
  const { rows } = await db.query<PostRow>(
    `SELECT ${POST_COLUMNS} FROM public_posts p LEFT JOIN staff s ON s.id = p.moderated_by
      WHERE p.jurisdiction_id = $1 AND p.matter_id = $2 ${forUpdate ? 'FOR UPDATE OF p' : ''}`, [jurisdictionId, matterId]);
  return rows[0];
}

export async function saveDecision(tx: Queryable, post: PostRow, change: {
  moderation: 'approved' | 'refused'; publishedTitle: string | null; publishedText: string | null; searchText: string | null;
  reasons: string[]; note: string | null; at: Date; by: number;
}) {
  await tx.query(
    `UPDATE public_posts
        SET moderation = $3, published_title = $4, published_text = $5, search_text = $6, refusal_reasons = $7, refusal_note = $8,
            moderated_at = $9, moderated_by = $10,
            -- A post taken down and approved again is dated by its new publication.
            published_at = CASE WHEN $3 = 'approved' THEN $9::timestamptz END,
            version = version + 1
      WHERE jurisdiction_id = $1 AND matter_id = $2`,
    [post.jurisdiction_id, post.matter_id, change.moderation, change.publishedTitle, change.publishedText, change.searchText,
     change.reasons, change.note, change.at, change.by]);
}

/** The staff list (moderation queue) and the matter page's card, within the actor's sight (`visible` on alias m). */
export async function listStaffPosts(db: Queryable, where: string[], params: unknown[], window: { limit: number; offset: number } | null, order: string) {
  const { rows } = await db.query<StaffPostRow & { total: string }>(
    `SELECT ${POST_COLUMNS}, m.case_no, m.kind_code, m.content, m.state, count(*) OVER () AS total
       FROM public_posts p
       JOIN matters m ON m.jurisdiction_id = p.jurisdiction_id AND m.id = p.matter_id
       LEFT JOIN staff s ON s.id = p.moderated_by
      WHERE ${where.join(' AND ')}
      ORDER BY ${order}
      ${window ? `LIMIT $${params.length + 1} OFFSET $${params.length + 2}` : ''}`, window ? [...params, window.limit, window.offset] : params);
  return { rows, total: rows.length ? Number(rows[0].total) : 0 };
}

export type PublicPostRow = {
  post_no: number; channel: PostChannel; kind_code: string; published_title: string; published_text: string; received_at: Date;
  state: string; pause_reason: string | null; jurisdiction_id: number;
  answer_at: Date | null; answer_text: string | null; answer_unit_id: number | null; total: string;
};

/**
 * Approved posts, newest publication first, with the matter's latest answer. Only published columns and
 * the matter's state are read: the original text and the contact never leave the database on this path.
 */
export async function listPublicPosts(db: Queryable, filter: { channel: PostChannel; pattern?: string; answered?: boolean }, window: { limit: number; offset: number }) {
  const params: unknown[] = [filter.channel];
  const where = [`p.moderation = 'approved'`, 'p.channel = $1'];
  if (filter.pattern !== undefined) {
    params.push(filter.pattern);
    where.push(`p.search_text LIKE $${params.length}`);
  }
  // An answer is public once given: the matter stands replied or closed (as on the citizen's own track page).
  if (filter.answered !== undefined) where.push(`${filter.answered ? '' : 'NOT '}(m.state IN ('replied', 'closed'))`);
  params.push(window.limit, window.offset);
  const { rows } = await db.query<PublicPostRow>(
    `SELECT p.post_no, p.channel, m.kind_code, p.published_title, p.published_text, m.received_at, m.state, m.pause_reason,
            m.jurisdiction_id, a.occurred_at AS answer_at, a.payload->>'text' AS answer_text, a.actor_unit_id AS answer_unit_id,
            count(*) OVER () AS total
       FROM public_posts p
       JOIN matters m ON m.jurisdiction_id = p.jurisdiction_id AND m.id = p.matter_id
       LEFT JOIN LATERAL (
         SELECT e.occurred_at, e.payload, e.actor_unit_id FROM matter_events e
          WHERE e.jurisdiction_id = m.jurisdiction_id AND e.matter_id = m.id AND e.type = 'matter.replied'
            AND m.state IN ('replied', 'closed')
          ORDER BY e.seq DESC LIMIT 1) a ON true
      WHERE ${where.join(' AND ')}
      ORDER BY p.published_at DESC, p.post_no DESC
      LIMIT $${params.length - 1} OFFSET $${params.length}`, params);
  return { rows, total: rows.length ? Number(rows[0].total) : 0 };
}
