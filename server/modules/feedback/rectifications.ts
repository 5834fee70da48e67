import type { Rating, RatingVia } from '../../../common/contracts/ratings.js';
import type { AppContext } from '../../app-context.js';
import type { Actor } from '../../platform/auth/sessions.js';
import type { LimitRule } from '../../platform/calendar/deadline.js';
import type { Database, Queryable } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { queueSms } from '../../platform/notify/index.js';
import { MATTER_ACCESS } from '../../../common/access.js';
import { appendEvent, matterService, type MatterRow } from '../matters/index.js';

/**
 * 差评整改: a 不满意, from any channel, obliges the unit that was rated to contact the citizen, put things
 * right and tell them what it did, within the kind's rectification rule — 5 working days by default
 * (重庆渝中 民调中心 and 德州 practice: "不满意 … 5 个工作日内反馈", china-rules §2.4, §3.2); a kind may
 * carry another rule (matter_kinds.rectification_rule: 建议提案 one month: the redo, 浙江·山东 代表建议办理规定 第二十四条).
 */

export const DEFAULT_RECTIFICATION_RULE: LimitRule = { amount: 5, unit: 'working_day', rollForwardIfHoliday: false };

async function rectificationRuleOf(db: Queryable, kindCode: string): Promise<LimitRule> {
  const { rows } = await db.query<{ rule: LimitRule }>('SELECT rectification_rule AS rule FROM matter_kinds WHERE code = $1', [kindCode]);
  return rows[0]?.rule ?? DEFAULT_RECTIFICATION_RULE;
}

/**
 * What follows a rating, in the rating's transaction (matters' ratings.ts calls it): the cycle's follow-up
 * is answered (its link dies with it), and a 不满意 opens the rectification.
 */
export async function afterRating(
  ctx: AppContext, tx: Queryable, matter: MatterRow, rating: { rating: Rating; via: RatingVia; recordedBy: number | null }, now: Date,
) {
  await tx.query(
    `UPDATE follow_ups SET status = 'answered', answered_via = $4, finished_at = $5, finished_by = $6,
            first_attempt_at = coalesce(first_attempt_at, $5), link_used_at = CASE WHEN $4 = 'sms_link' THEN $5 ELSE link_used_at END,
            version = version + 1
      WHERE jurisdiction_id = $1 AND matter_id = $2 AND cycle = $3`,
    [matter.jurisdiction_id, matter.id, matter.cycle, rating.via, now, rating.recordedBy]);
  if (rating.rating !== 'dissatisfied') return;
  const rule = await rectificationRuleOf(tx, matter.kind_code);
  const due = ctx.calendar.due(now, rule);
  await tx.query(
    `INSERT INTO rectifications (jurisdiction_id, matter_id, cycle, unit_id, officer_id, opened_at, due_at, rule, provisional_years)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [matter.jurisdiction_id, matter.id, matter.cycle, matter.handler_unit_id, matter.handler_officer_id, now, due.dueAt, rule, due.missingYears]);
  await ctx.calendar.raiseAlerts(tx, due.missingYears);
  const unit = await ctx.org.unit(matter.handler_unit_id);
  await appendEvent(tx, matter.jurisdiction_id, matter.id, {
    type: 'rectification.opened', actorKind: 'system', visibility: 'public', at: now,
    payload: { cycle: matter.cycle, unitId: matter.handler_unit_id, unitName: unit?.name ?? '', dueAt: due.dueAt.toISOString() },
  });
}

type RectificationRow = { unit_id: number; status: 'open' | 'done' };

/**
 * The rated unit's answer: what it did (kept for staff) and what it tells the citizen (a public timeline
 * event, and a text message when the matter has a phone number), once.
 */
export async function answerRectification(
  ctx: AppContext, actor: Actor, matterId: number, cycle: number, body: { actionTaken: string; feedback: string },
) {
  const actionTaken = body.actionTaken.trim();
  const feedback = body.feedback.trim();
  const blank = [
    ...(actionTaken.length < 2 ? [{ path: 'actionTaken', zh: '请填写整改措施（至少 2 个字）', en: 'Describe what was done (at least 2 characters)' }] : []),
    ...(feedback.length < 2 ? [{ path: 'feedback', zh: '请填写向群众反馈的内容（至少 2 个字）', en: 'Write what the citizen is told (at least 2 characters)' }] : []),
  ];
  if (blank.length > 0) throw new AppError('VALIDATION_FAILED', {}, blank);
  return matterService.act(ctx, actor, matterId, 'matter.read', undefined, undefined, async ({ tx, matter, now, event }) => {
    const { rows } = await tx.query<RectificationRow>(
      'SELECT unit_id, status FROM rectifications WHERE jurisdiction_id = $1 AND matter_id = $2 AND cycle = $3 FOR UPDATE',
      [matter.jurisdiction_id, matter.id, cycle]);
    const rect = rows[0];
    if (!rect) throw new AppError('RECTIFICATION_NOT_FOUND');
    // The unit that was rated answers for it, by those of its staff who handle matters.
    const handles = (MATTER_ACCESS['matter.handle'].roles as readonly string[]).some((role) => actor.roles.includes(role as Actor['roles'][number]));
    if (rect.unit_id !== actor.unitId || !handles) throw new AppError('RECTIFICATION_NOT_YOUR_UNIT');
    if (rect.status === 'done') throw new AppError('RECTIFICATION_DONE');
    await tx.query(
      `UPDATE rectifications SET status = 'done', action_taken = $4, feedback = $5, done_at = $6, done_by = $7
        WHERE jurisdiction_id = $1 AND matter_id = $2 AND cycle = $3`,
      [matter.jurisdiction_id, matter.id, cycle, actionTaken, feedback, now, actor.staffId]);
    await event({ type: 'rectification.answered', visibility: 'public', payload: { cycle, feedback } });
    if (matter.contact_phone_enc) {
      // No kind named, as in the follow-up link (follow-ups.ts); the feedback is the unit's answer to this person.
      await queueSms(tx, ctx.vault, {
        purpose: 'rectification_feedback', to: { phoneEnc: matter.contact_phone_enc }, at: now,
        matter: { jurisdictionId: matter.jurisdiction_id, id: matter.id },
        text: `【警民通】您对所反映事项的不满意评价，${actor.unitName}已整改：${feedback}`,
      });
    }
    return { cycle };
  });
}

/**
 * A procedure whose own answer to a 不满意 is the rectification (建议提案's 重办: the lead unit's new, classed
 * reply) settles the earlier cycle's rectification with that answer, in the answer's transaction: one answer,
 * counted once, and no breach for a rectification that was in fact answered.
 */
export async function settleRectification(
  tx: Queryable, matter: MatterRow, cycle: number, answer: { actionTaken: string; feedback: string; at: Date; by: number },
) {
  await tx.query(
    `UPDATE rectifications SET status = 'done', action_taken = $4, feedback = $5, done_at = $6, done_by = $7
      WHERE jurisdiction_id = $1 AND matter_id = $2 AND cycle = $3 AND status = 'open'`,
    [matter.jurisdiction_id, matter.id, cycle, answer.actionTaken.slice(0, 1000), answer.feedback.slice(0, 500), answer.at, answer.by]);
}

// Rectifications per transaction when the sweep marks breaches.
const BATCH = 500;

/**
 * A rectification not answered by its due time is a breach: marked once, with an accountability record
 * against the unit (and officer) rated and an internal event, like a breached deadline (sweep.ts).
 */
const BREACH_RECTIFICATIONS = `
WITH due AS (
  SELECT jurisdiction_id, matter_id FROM rectifications
   WHERE status = 'open' AND breached_at IS NULL AND due_at <= $1 ORDER BY due_at LIMIT $2
), locked AS (
  SELECT m.jurisdiction_id, m.id FROM matters m JOIN (SELECT DISTINCT * FROM due) d
      ON d.jurisdiction_id = m.jurisdiction_id AND d.matter_id = m.id
     FOR UPDATE OF m SKIP LOCKED
), breached AS (
  UPDATE rectifications r SET breached_at = $1 FROM locked l
   WHERE r.jurisdiction_id = l.jurisdiction_id AND r.matter_id = l.id AND r.status = 'open' AND r.breached_at IS NULL AND r.due_at <= $1
  RETURNING r.jurisdiction_id, r.matter_id, r.cycle, r.unit_id, r.officer_id, r.due_at
), records AS (
  INSERT INTO accountability_records (jurisdiction_id, matter_id, kind, subject, cycle, unit_id, officer_id, due_at, recorded_at)
  SELECT jurisdiction_id, matter_id, 'rectification_breached', 'rectification', cycle, unit_id, officer_id, due_at, $1 FROM breached
  ON CONFLICT DO NOTHING
)
SELECT b.*, append_matter_event(b.jurisdiction_id, b.matter_id, $1, 'rectification.breached', 'system', NULL, NULL, 'internal', NULL,
         jsonb_build_object('cycle', b.cycle, 'dueAt', b.due_at, 'answerableUnitId', b.unit_id, 'answerableOfficerId', b.officer_id)) AS seq
  FROM breached b`;

export async function breachRectifications(db: Database, now: Date): Promise<number> {
  let total = 0;
  for (;;) {
    const { rowCount } = await db.transaction((tx) => tx.query(BREACH_RECTIFICATIONS, [now, BATCH]));
    total += rowCount ?? 0;
    if ((rowCount ?? 0) === 0) return total;
  }
}
