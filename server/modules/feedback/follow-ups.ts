import { createHash, randomBytes } from 'node:crypto';
import { mayGeneral } from '../../../common/access.js';
import {
  FOLLOW_UP_STATUS_LABELS, MAX_CALL_ATTEMPTS, type CallOutcomeBody, type CallQueueItem, type FollowUpLinkView, type FollowUpStatus,
} from '../../../common/contracts/feedback.js';
import type { RatingBody } from '../../../common/contracts/ratings.js';
import type { Locale } from '../../../common/errors.js';
import { maskPhone } from '../../../common/masking.js';
import type { AppContext } from '../../app-context.js';
import type { Actor } from '../../platform/auth/sessions.js';
import type { Queryable } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { openMasked } from '../../platform/vault.js';
import { queueSms } from '../../platform/notify/index.js';
import { appendEvent, assertMay, findMatterById, matterService, recordRating, visibleMattersCondition } from '../matters/index.js';

/**
 * 回访: every closed handling cycle gets a follow-up (created by the closing transaction, migration 0006),
 * due 24 hours after the closing. It goes by a channel the handler does not control: a one-time link by
 * text message to a mobile number, or a call by the command centre (a landline, or a link not answered in
 * time). The handler can neither record nor change the rating: the call is refused to their unit.
 */

/** A link works for this many days after it is sent, and once. */
export const LINK_VALID_DAYS = 7;
/**
 * A link still unanswered this long after it was sent puts the follow-up in the call queue as well, so
 * that the centre can still call within the 24 hours after closing (the link keeps working until used).
 */
export const LINK_FALLBACK_HOURS = 8;
/** An unanswered call is tried again this much later. */
export const CALL_RETRY_HOURS = 2;

const HOUR = 3_600_000;
const DISPATCH_BATCH = 50;
const MOBILE = /^1[3-9][0-9]{9}$/;

export const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest();
export const linkOf = (ctx: AppContext, token: string) => `${ctx.publicBaseUrl}/f/${token}`;

export type FollowUpRow = {
  jurisdiction_id: number; matter_id: number; cycle: number; closed_at: Date; due_at: Date; handler_unit_id: number;
  handler_officer_id: number | null; status: FollowUpStatus; link_sent_at: Date | null; link_expires_at: Date | null;
  link_used_at: Date | null; call_attempts: number; next_call_at: Date | null; answered_via: string | null;
  finished_at: Date | null; version: number;
};
const COLUMNS = `jurisdiction_id, matter_id, cycle, closed_at, due_at, handler_unit_id, handler_officer_id, status, link_sent_at,
  link_expires_at, link_used_at, call_attempts, next_call_at, answered_via, finished_at, version`;

/**
 * Sends what is due: each new follow-up gets its link (a mobile number) or goes to the call queue (a
 * landline); a link unanswered for LINK_FALLBACK_HOURS is queued for a call too. Safe in several
 * processes at once: rows are claimed with SKIP LOCKED. Returns how many follow-ups moved.
 */
export async function dispatchFollowUps(ctx: AppContext, now: Date): Promise<{ linksSent: number; queuedForCall: number }> {
  const result = { linksSent: 0, queuedForCall: 0 };
  for (;;) {
    const moved = await ctx.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ jurisdiction_id: number; matter_id: number; cycle: number; phone_enc: Buffer; kind_code: string }>(
        `SELECT f.jurisdiction_id, f.matter_id, f.cycle, m.contact_phone_enc AS phone_enc, m.kind_code
           FROM follow_ups f JOIN matters m ON m.jurisdiction_id = f.jurisdiction_id AND m.id = f.matter_id
          WHERE f.status = 'pending' ORDER BY f.closed_at LIMIT $1 FOR UPDATE OF m, f SKIP LOCKED`, [DISPATCH_BATCH]);
      for (const row of rows) {
        const phone = ctx.vault.decrypt(row.phone_enc);
        const key = [row.jurisdiction_id, row.matter_id, row.cycle];
        if (MOBILE.test(phone)) {
          const token = randomBytes(24).toString('base64url');
          const expiresAt = new Date(now.getTime() + LINK_VALID_DAYS * 24 * HOUR);
          await tx.query(
            `UPDATE follow_ups SET status = 'link_sent', link_token_hash = $4, link_sent_at = $5, link_expires_at = $6,
                    first_attempt_at = $5, version = version + 1
              WHERE jurisdiction_id = $1 AND matter_id = $2 AND cycle = $3`, [...key, hashToken(token), now, expiresAt]);
          // Nothing about the matter, not even its kind: a phone's lock screen shows the text, and "举报" there
          // would say who reported (decision 0015). The page behind the link says what it is about.
          await queueSms(tx, ctx.vault, {
            purpose: 'follow_up_link', to: { phone }, at: now, matter: { jurisdictionId: row.jurisdiction_id, id: row.matter_id },
            text: `【警民通】您反映的事项已办结，请对办理结果评价：${linkOf(ctx, token)} （${LINK_VALID_DAYS}日内有效，仅可使用一次）`,
          });
          await appendEvent(tx, row.jurisdiction_id, row.matter_id, {
            type: 'followUp.linkSent', actorKind: 'system', visibility: 'internal', at: now,
            payload: { cycle: row.cycle, expiresAt: expiresAt.toISOString() },
          });
          result.linksSent += 1;
        } else if (row.kind_code === 'report') {
          // A reporter's number is sealed from the command centre (decision 0015): no call, no channel.
          await tx.query(
            `UPDATE follow_ups SET status = 'no_channel', version = version + 1
              WHERE jurisdiction_id = $1 AND matter_id = $2 AND cycle = $3`, key);
        } else {
          // A landline cannot receive a text message: the command centre calls.
          await tx.query(
            `UPDATE follow_ups SET status = 'calling', next_call_at = $4, version = version + 1
              WHERE jurisdiction_id = $1 AND matter_id = $2 AND cycle = $3`, [...key, now]);
          await appendEvent(tx, row.jurisdiction_id, row.matter_id, {
            type: 'followUp.queuedForCall', actorKind: 'system', visibility: 'internal', at: now, payload: { cycle: row.cycle, why: 'landline' },
          });
          result.queuedForCall += 1;
        }
      }
      const { rows: fallen } = await tx.query<{ jurisdiction_id: number; matter_id: number; cycle: number }>(
        `WITH due AS (
           SELECT f.jurisdiction_id, f.matter_id, f.cycle FROM follow_ups f
             JOIN matters m ON m.jurisdiction_id = f.jurisdiction_id AND m.id = f.matter_id
            WHERE f.status = 'link_sent' AND f.link_sent_at <= $1::timestamptz - $2 * interval '1 hour'
              AND m.kind_code <> 'report' -- a reporter keeps only the link: the number is sealed from callers
            ORDER BY f.link_sent_at LIMIT $3 FOR UPDATE OF m, f SKIP LOCKED)
         UPDATE follow_ups f SET status = 'calling', next_call_at = $1, version = f.version + 1 FROM due
          WHERE f.jurisdiction_id = due.jurisdiction_id AND f.matter_id = due.matter_id AND f.cycle = due.cycle
         RETURNING f.jurisdiction_id, f.matter_id, f.cycle`, [now, LINK_FALLBACK_HOURS, DISPATCH_BATCH]);
      for (const row of fallen) {
        await appendEvent(tx, row.jurisdiction_id, row.matter_id, {
          type: 'followUp.queuedForCall', actorKind: 'system', visibility: 'internal', at: now, payload: { cycle: row.cycle, why: 'link_unanswered' },
        });
      }
      result.queuedForCall += fallen.length;
      return rows.length + fallen.length;
    });
    if (moved === 0) return result;
  }
}

// ---- the one-time link ----

type LinkedFollowUp = FollowUpRow & { link_token_hash: Buffer };

async function followUpByToken(db: Queryable, token: string, forUpdate = false): Promise<LinkedFollowUp | undefined> {
  const { rows } = await db.query<LinkedFollowUp>(
    `SELECT ${COLUMNS}, link_token_hash FROM follow_ups WHERE link_token_hash = $1 ${forUpdate ? 'FOR UPDATE' : ''}`, [hashToken(token)]);
  return rows[0];
}

/** Why a link cannot be used now; undefined when it can. Used, answered otherwise, or expired: each says so. */
function linkRefusal(f: LinkedFollowUp | undefined, now: Date): AppError | undefined {
  if (!f) return new AppError('FOLLOW_UP_LINK_INVALID');
  if (f.link_used_at || f.status === 'answered') return new AppError('FOLLOW_UP_LINK_USED');
  if (f.status === 'cancelled') return new AppError('RATING_NOT_OPEN', { status: { zh: '重新办理中', en: 'Being handled again' } });
  if (!f.link_expires_at || f.link_expires_at <= now) return new AppError('FOLLOW_UP_LINK_EXPIRED', { days: LINK_VALID_DAYS });
  return undefined;
}

/** What the link's page shows: the kind, the unit and the answer; nothing that identifies the citizen. */
export async function viewLink(ctx: AppContext, token: string, locale: Locale): Promise<FollowUpLinkView> {
  const f = await followUpByToken(ctx.db, token);
  const refusal = linkRefusal(f, ctx.clock());
  if (refusal) throw refusal;
  const matter = (await findMatterById(ctx.db, f!.matter_id))!;
  const [kind, unit, reply] = await Promise.all([
    ctx.kinds.get(matter.kind_code), ctx.org.unit(f!.handler_unit_id), lastReply(ctx.db, matter.jurisdiction_id, matter.id, f!.closed_at),
  ]);
  return {
    kindName: (locale === 'en' ? kind?.nameEn : kind?.nameZh) ?? matter.kind_code, unitName: unit?.name ?? '',
    receivedAt: matter.received_at.toISOString(), closedAt: f!.closed_at.toISOString(), reply, expiresAt: f!.link_expires_at!.toISOString(),
  };
}

/** The last answer given to the citizen up to the closing (the cycle's reply). */
async function lastReply(db: Queryable, jurisdictionId: number, matterId: number, until: Date): Promise<string | null> {
  const { rows } = await db.query<{ text: string }>(
    `SELECT payload->>'text' AS text FROM matter_events
      WHERE jurisdiction_id = $1 AND matter_id = $2 AND type = 'matter.replied' AND occurred_at <= $3 ORDER BY seq DESC LIMIT 1`,
    [jurisdictionId, matterId, until]);
  return rows[0]?.text ?? null;
}

/** The rating sent through the link; the link dies with it. */
export async function rateByLink(ctx: AppContext, token: string, body: RatingBody) {
  const first = await followUpByToken(ctx.db, token);
  const early = linkRefusal(first, ctx.clock());
  if (early) throw early;
  await ctx.db.transaction(async (tx) => {
    // The matter's row first, as every action on the matter locks it, then the follow-up, re-read under the lock.
    const matter = (await findMatterById(tx, first!.matter_id, true))!;
    const now = ctx.clock();
    const f = await followUpByToken(tx, token, true);
    const refusal = linkRefusal(f, now);
    if (refusal) throw refusal;
    if (matter.cycle !== f!.cycle) throw new AppError('FOLLOW_UP_LINK_USED');
    await recordRating(ctx, tx, matter, { ...body, via: 'sms_link' }, now);
  });
}

// ---- the command centre's call queue ----

/** Follow-up calls are made by the command centre's call-takers and leaders (followUp.call), never by the handler. */
async function assertMayCall(ctx: AppContext, actor: Actor) {
  if (!mayGeneral(actor.roles, 'followUp.call')) throw new AppError('FORBIDDEN');
  if ((await ctx.org.unit(actor.unitId))?.kind !== 'command_centre') throw new AppError('FOLLOW_UP_COMMAND_CENTRE_ONLY');
}

const recused = (actor: Actor, f: { handler_unit_id: number; handler_officer_id: number | null }) =>
  f.handler_unit_id === actor.unitId || f.handler_officer_id === actor.staffId;

export async function callQueue(ctx: AppContext, actor: Actor, status: 'calling' | 'link_sent' | 'done' = 'calling'): Promise<CallQueueItem[]> {
  await assertMayCall(ctx, actor);
  const now = ctx.clock();
  const params: unknown[] = [];
  const p = (value: unknown) => `$${params.push(value)}`;
  const which = status === 'done'
    ? `f.status IN ('answered', 'unreachable', 'declined') AND f.finished_at >= ${p(new Date(now.getTime() - 7 * 24 * HOUR))}`
    : `f.status = ${p(status)}`;
  const { rows } = await ctx.db.query<FollowUpRow & { case_no: string; kind_code: string; phone_enc: Buffer | null; officer_name: string | null; reply: string | null }>(
    `SELECT ${COLUMNS.split(',').map((c) => `f.${c.trim()}`).join(', ')}, m.case_no, m.kind_code, m.contact_phone_enc AS phone_enc,
            s.display_name AS officer_name,
            (SELECT e.payload->>'text' FROM matter_events e WHERE e.jurisdiction_id = f.jurisdiction_id AND e.matter_id = f.matter_id
                AND e.type = 'matter.replied' AND e.occurred_at <= f.closed_at ORDER BY e.seq DESC LIMIT 1) AS reply
       FROM follow_ups f JOIN matters m ON m.jurisdiction_id = f.jurisdiction_id AND m.id = f.matter_id
       LEFT JOIN staff s ON s.id = f.handler_officer_id
      WHERE ${which} AND ${visibleMattersCondition(actor, p)}
      ORDER BY ${status === 'done' ? 'f.finished_at DESC' : 'coalesce(f.next_call_at, f.due_at), f.due_at'} LIMIT 200`, params);
  return Promise.all(rows.map(async (f) => ({
    matterId: Number(f.matter_id), caseNo: f.case_no, cycle: f.cycle, kind: f.kind_code,
    handlerUnit: { id: f.handler_unit_id, name: (await ctx.org.unit(f.handler_unit_id))?.name ?? '' },
    handlerOfficer: f.handler_officer_id === null ? null : { id: f.handler_officer_id, name: f.officer_name ?? '' },
    closedAt: f.closed_at.toISOString(), dueAt: f.due_at.toISOString(), overdue: f.due_at < now && ['link_sent', 'calling'].includes(f.status),
    status: f.status, callAttempts: f.call_attempts, nextCallAt: f.next_call_at?.toISOString() ?? null,
    // A reporter's phone is sealed, not masked (decision 0015): a phone tail identifies a reporter in a small place.
    phoneMasked: f.kind_code === 'report' ? null : openMasked(ctx.vault, f.phone_enc, maskPhone), reply: f.reply,
    recused: recused(actor, f), version: f.version,
  })));
}

async function lockFollowUp(tx: Queryable, jurisdictionId: number, matterId: number, cycle: number) {
  const { rows } = await tx.query<FollowUpRow>(
    `SELECT ${COLUMNS} FROM follow_ups WHERE jurisdiction_id = $1 AND matter_id = $2 AND cycle = $3 FOR UPDATE`, [jurisdictionId, matterId, cycle]);
  return rows[0];
}

type Outcome = { status: FollowUpStatus; version: number; call_attempts: number };
const OUTCOME = 'status, version, call_attempts';
const statusParams = (status: FollowUpStatus) => ({ status: FOLLOW_UP_STATUS_LABELS[status] });

/**
 * The outcome of a follow-up call: answered (the citizen's rating, recorded for them), unreachable (tried
 * again after CALL_RETRY_HOURS; the third unanswered call closes it) or declined.
 */
export async function recordCall(ctx: AppContext, actor: Actor, matterId: number, body: CallOutcomeBody) {
  await assertMayCall(ctx, actor);
  const misplaced = body.outcome === 'answered'
    ? (body.rating ? [] : [{ path: 'rating', zh: '接通并评价时须选择评价', en: 'Choose the rating the citizen gave' }])
    : [...(body.rating ? [{ path: 'rating', zh: '未接通或拒绝评价时不能记录评价', en: 'No rating can be recorded when the call was not answered or was declined' }] : []),
       ...(body.comment ? [{ path: 'comment', zh: '未接通或拒绝评价时不能记录评价意见', en: 'No comment can be recorded when the call was not answered or was declined' }] : [])];
  if (misplaced.length > 0) throw new AppError('VALIDATION_FAILED', {}, misplaced);
  const acted = await matterService.act(ctx, actor, matterId, 'matter.read', undefined, undefined, async ({ tx, matter, now, event }) => {
    const f = await lockFollowUp(tx, matter.jurisdiction_id, matter.id, body.cycle);
    if (!f) throw new AppError('FOLLOW_UP_NOT_FOUND');
    // 回避: whoever handled the matter, or works in the unit that did, does not ask the citizen about it.
    if (recused(actor, f)) throw new AppError('FOLLOW_UP_RECUSED');
    if (f.version !== body.version) throw new AppError('FOLLOW_UP_CHANGED');
    if (f.status !== 'calling' && f.status !== 'link_sent') throw new AppError('FOLLOW_UP_NOT_CALLABLE', statusParams(f.status));
    const note = body.note?.trim() || null;
    const key = [matter.jurisdiction_id, matter.id, body.cycle];
    if (body.outcome === 'answered') {
      await recordRating(ctx, tx, matter, { rating: body.rating!, comment: body.comment, via: 'call', recordedBy: { staffId: actor.staffId, unitId: actor.unitId } }, now);
      const { rows } = await tx.query<Outcome>(
        `UPDATE follow_ups SET call_attempts = call_attempts + 1, first_attempt_at = coalesce(first_attempt_at, $4), note = $5
          WHERE jurisdiction_id = $1 AND matter_id = $2 AND cycle = $3 RETURNING ${OUTCOME}`, [...key, now, note]);
      return rows[0];
    }
    const attempts = f.call_attempts + 1;
    const finished = body.outcome === 'declined' || attempts >= MAX_CALL_ATTEMPTS;
    const status: FollowUpStatus = body.outcome === 'declined' ? 'declined' : finished ? 'unreachable' : 'calling';
    const { rows } = await tx.query<Outcome>(
      `UPDATE follow_ups SET status = $4, call_attempts = $5, first_attempt_at = coalesce(first_attempt_at, $6), note = coalesce($7, note),
              next_call_at = $8, finished_at = $9, finished_by = $10, version = version + 1
        WHERE jurisdiction_id = $1 AND matter_id = $2 AND cycle = $3 RETURNING ${OUTCOME}`,
      [...key, status, attempts, now, note, finished ? null : new Date(now.getTime() + CALL_RETRY_HOURS * HOUR),
       finished ? now : null, finished ? actor.staffId : null]);
    await event({ type: body.outcome === 'declined' ? 'followUp.declined' : 'followUp.unreachable', visibility: 'internal',
      payload: { cycle: body.cycle, attempt: attempts, finished, ...(note ? { note } : {}) } });
    return rows[0];
  });
  return { status: acted.value.status, version: acted.value.version, callAttempts: acted.value.call_attempts };
}

/**
 * The citizen's number in full, to dial it: the matter's own audited reveal (a timeline event with the
 * reason), offered only to a caller who may make this call.
 */
export async function revealForCall(ctx: AppContext, actor: Actor, matterId: number, reason: string) {
  await assertMayCall(ctx, actor);
  const matter = await findMatterById(ctx.db, matterId);
  // The matter's access check comes first: a matter the caller may not see stays a 404.
  assertMay(actor, matter, 'matter.reveal');
  const { rows } = await ctx.db.query<FollowUpRow>(
    `SELECT ${COLUMNS} FROM follow_ups WHERE jurisdiction_id = $1 AND matter_id = $2 ORDER BY cycle DESC LIMIT 1`,
    [matter.jurisdiction_id, matter.id]);
  if (!rows[0]) throw new AppError('FOLLOW_UP_NOT_FOUND');
  if (recused(actor, rows[0])) throw new AppError('FOLLOW_UP_RECUSED');
  const { value } = await matterService.revealPersonalData(ctx, actor, matterId, reason);
  return { name: value.name, phone: value.phone };
}

/** Every cycle's follow-up of a matter, for the matter page. */
export async function followUpsOf(db: Queryable, jurisdictionId: number, matterId: number): Promise<FollowUpRow[]> {
  const { rows } = await db.query<FollowUpRow>(
    `SELECT ${COLUMNS} FROM follow_ups WHERE jurisdiction_id = $1 AND matter_id = $2 ORDER BY cycle`, [jurisdictionId, matterId]);
  return rows;
}
