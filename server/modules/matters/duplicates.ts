import type { AppContext } from '../../app-context.js';
import type { Queryable } from '../../platform/db/database.js';
import { shanghaiMinute } from '../../platform/calendar/civil-date.js';
import { AppError } from '../../platform/http/errors.js';
import { normaliseSearch } from './search-text.js';

const WINDOW_MS = 24 * 3_600_000;

/** Text compared as the same whatever its script, width, spacing and punctuation: 構建，１２３ = 构建123. */
function sameTextKey(text: string): string {
  return normaliseSearch(text).replace(/[\s\p{P}\p{S}]+/gu, '');
}

/**
 * A public form's guard against sending the same thing twice (a double tap, a retry without its key, an
 * impatient repeat): the same phone number with the same content received within the last 24 hours is
 * refused with DUPLICATE_SUSPECTED unless the sender confirms that they mean it. Retries that carry their
 * idempotency key never reach this: they replay the first answer before a matter is made.
 */
export async function assertNotDuplicate(
  ctx: AppContext, db: Queryable, input: { phone: string | null | undefined; content: string; confirmed: boolean | undefined },
): Promise<void> {
  if (input.confirmed || !input.phone) return;
  const since = new Date(ctx.clock().getTime() - WINDOW_MS);
  const { rows } = await db.query<{ content: string; received_at: Date }>(
    `SELECT content, received_at FROM matters WHERE contact_phone_index = $1 AND received_at >= $2 ORDER BY received_at DESC LIMIT 50`,
    [ctx.vault.blindIndex(input.phone), since]);
  const key = sameTextKey(input.content);
  const earlier = rows.find((row) => sameTextKey(row.content) === key);
  // Only the time is said: the earlier tracking code stays with whoever received it.
  if (earlier) throw new AppError('DUPLICATE_SUSPECTED', { at: shanghaiMinute(earlier.received_at) });
}
