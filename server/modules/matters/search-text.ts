import * as OpenCC from 'opencc-js';
import type { Queryable } from '../../platform/db/database.js';

// OpenCC's generic traditional set ('t') to mainland simplified ('cn'): 構建 → 构建, 臺灣 → 台湾.
// Simplified input passes through unchanged, so both sides of a search meet in simplified.
const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });

/**
 * The form in which matter text is stored for search and in which a search term is compared:
 * NFKC first (full-width digits and letters to half-width, compatibility ideographs to unified),
 * then traditional to simplified, then lower case, so a plain LIKE finds 構建 for 构建, １２３ for 123.
 */
export function normaliseSearch(text: string): string {
  return toSimplified(text.normalize('NFKC')).toLowerCase();
}

/** What a matter contributes to search: its content and location address (the case number is added in SQL). */
export function matterSearchText(content: string, locationAddress: string | null | undefined): string {
  return normaliseSearch([content, locationAddress ?? ''].join('\n'));
}

/** A LIKE pattern that finds the normalised term anywhere, with the term's own % _ \ taken literally. */
export function containsPattern(term: string): string {
  return `%${normaliseSearch(term).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Fills search_text for matters stored before migration 0002 (or by anything that bypassed
 * insertMatter), in batches; idempotent, and cheap when there is nothing to do. The text is derived
 * data, not a change to the matter, so no timeline event and no version bump.
 */
export async function backfillMatterSearchText(db: Queryable, batchSize = 500): Promise<number> {
  let done = 0;
  for (;;) {
    const { rows } = await db.query<{ jurisdiction_id: number; id: string; case_no: string; content: string; location_address: string | null }>(
      `SELECT jurisdiction_id, id, case_no, content, location_address FROM matters
        WHERE search_text IS NULL ORDER BY jurisdiction_id, id LIMIT $1`, [batchSize]);
    if (rows.length === 0) return done;
    await db.query(
      `UPDATE matters m SET search_text = lower(m.case_no) || E'\\n' || v.text
         FROM unnest($1::smallint[], $2::bigint[], $3::text[]) AS v(jurisdiction_id, id, text)
        WHERE m.jurisdiction_id = v.jurisdiction_id AND m.id = v.id AND m.search_text IS NULL`,
      [rows.map((r) => r.jurisdiction_id), rows.map((r) => r.id), rows.map((r) => matterSearchText(r.content, r.location_address))]);
    done += rows.length;
  }
}
