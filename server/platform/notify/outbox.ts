import { maskPhone } from '../../../common/masking.js';
import type { Database, Queryable } from '../db/database.js';
import type { Vault } from '../vault.js';
import type { SmsGateway } from './sms-gateway.js';

export type QueuedSms = {
  /** What the message is for ('follow_up_link', 'moderation_refused', …), a lower-case code. */
  purpose: string;
  /** The number in clear, or as the vault sealed it on the matter (the caller need not decrypt it). */
  to: { phone: string } | { phoneEnc: Buffer };
  text: string;
  matter?: { jurisdictionId: number; id: number };
  at: Date;
};

/**
 * Queues a text message in the caller's transaction: it is sent if and only if that transaction commits.
 * Returns the message id.
 */
export async function queueSms(tx: Queryable, vault: Vault, message: QueuedSms): Promise<number> {
  const phone = 'phone' in message.to ? message.to.phone : vault.decrypt(message.to.phoneEnc);
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO outbound_messages (purpose, jurisdiction_id, matter_id, to_phone_enc, to_phone_masked, body_enc, next_attempt_at, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id`,
    [message.purpose, message.matter?.jurisdictionId ?? null, message.matter?.id ?? null, vault.encrypt(phone), maskPhone(phone),
     vault.encrypt(message.text), message.at]);
  return Number(rows[0].id);
}

/** A failed attempt is retried after 1, 2, 4 … minutes, at most an hour apart; after this many it is given up. */
export const MAX_ATTEMPTS = 8;
const LEASE_MS = 5 * 60_000;
const BATCH = 20;

export type DeliveryResult = { sent: number; retried: number; failed: number };

/**
 * Delivers the queued messages that are due. Each batch is claimed by moving its next attempt a lease
 * ahead (SKIP LOCKED), so several processes never send one message twice while all are alive; a process
 * that dies mid-send leaves its claim to expire and the message is sent again (at least once: the
 * gateway gets our id as `reference` to drop the repeat).
 */
export async function deliverQueuedMessages(db: Database, vault: Vault, gateway: SmsGateway, now: Date): Promise<DeliveryResult> {
  const result: DeliveryResult = { sent: 0, retried: 0, failed: 0 };
  for (;;) {
    const { rows } = await db.query<{ id: number; to_phone_enc: Buffer; body_enc: Buffer; attempts: number }>(
      `UPDATE outbound_messages SET next_attempt_at = $2::timestamptz + $3 * interval '1 millisecond'
        WHERE id IN (SELECT id FROM outbound_messages WHERE status = 'queued' AND next_attempt_at <= $2
                      ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
        RETURNING id, to_phone_enc, body_enc, attempts`, [BATCH, now, LEASE_MS]);
    if (rows.length === 0) return result;
    for (const row of rows) {
      const attempts = row.attempts + 1;
      try {
        const { gatewayMessageId } = await gateway.send({ to: vault.decrypt(row.to_phone_enc), text: vault.decrypt(row.body_enc), reference: String(row.id) });
        await db.query(
          `UPDATE outbound_messages SET status = 'sent', attempts = $2, sent_at = $3, gateway = $4, gateway_message_id = $5, last_error = NULL
            WHERE id = $1`, [row.id, attempts, now, gateway.name, gatewayMessageId]);
        result.sent += 1;
      } catch (error) {
        const giveUp = attempts >= MAX_ATTEMPTS;
        const retryInMs = Math.min(60, 2 ** (attempts - 1)) * 60_000;
        await db.query(
          `UPDATE outbound_messages SET status = $2, attempts = $3, last_error = $4, gateway = $5,
                  next_attempt_at = $6::timestamptz + $7 * interval '1 millisecond' WHERE id = $1`,
          [row.id, giveUp ? 'failed' : 'queued', attempts, (error as Error).message.slice(0, 500), gateway.name, now, retryInMs]);
        if (giveUp) result.failed += 1;
        else result.retried += 1;
      }
    }
  }
}

/** Delivers queued messages every intervalMs in this process; returns a function that stops it. */
export function startMessageDelivery(
  db: Database, vault: Vault, gateway: SmsGateway, clock: () => Date, intervalMs: number, log: (msg: string, detail?: object) => void,
) {
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      const result = await deliverQueuedMessages(db, vault, gateway, clock());
      if (result.sent + result.retried + result.failed > 0) log('sms delivery', result);
    } catch (error) {
      log('sms delivery failed', { error: (error as Error).message });
    } finally {
      running = false;
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
