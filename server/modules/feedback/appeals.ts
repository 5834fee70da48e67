import { mayGeneral } from '../../../common/access.js';
import type { AppealListItem, MatterFeedbackView } from '../../../common/contracts/feedback.js';
import type { Rating, RatingVia } from '../../../common/contracts/ratings.js';
import type { AppContext } from '../../app-context.js';
import type { Actor } from '../../platform/auth/sessions.js';
import type { Queryable } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { assertMay, findMatterById, loadRatings, matterService, visibleMattersCondition } from '../matters/index.js';
import { followUpsOf } from './follow-ups.js';

/**
 * 评价申诉: staff of the rated unit may appeal a rating they think unfair, once, with a reason; a supervisor
 * who is neither the appellant nor in the rated unit upholds or rejects it, with a reason. Both stay on
 * record, and so does the rating: an upheld appeal only takes it out of the satisfaction figures.
 */

type AppealRow = {
  appealed_by: number; appellant_name: string; appellant_unit_id: number; appealed_at: Date; reason: string;
  status: 'pending' | 'upheld' | 'rejected'; decided_by: number | null; decider_name: string | null; decided_at: Date | null;
  decision_reason: string | null;
};
const APPEAL_COLUMNS = `a.appealed_by, sa.display_name AS appellant_name, a.appellant_unit_id, a.appealed_at, a.reason, a.status,
  a.decided_by, sd.display_name AS decider_name, a.decided_at, a.decision_reason`;
const APPEAL_JOINS = 'LEFT JOIN staff sa ON sa.id = a.appealed_by LEFT JOIN staff sd ON sd.id = a.decided_by';

const presentAppeal = (a: AppealRow) => ({
  appealedBy: a.appellant_name, appealedAt: a.appealed_at.toISOString(), reason: a.reason, status: a.status,
  decidedBy: a.decider_name, decidedAt: a.decided_at?.toISOString() ?? null, decisionReason: a.decision_reason,
});

const mayDecide = (actor: Actor, ratedUnitId: number, appeal: AppealRow) =>
  mayGeneral(actor.roles, 'rating.decideAppeal') && appeal.status === 'pending' && appeal.appealed_by !== actor.staffId && actor.unitId !== ratedUnitId;

export async function appealRating(ctx: AppContext, actor: Actor, matterId: number, cycle: number, reason: string) {
  if (!mayGeneral(actor.roles, 'rating.appeal')) throw new AppError('FORBIDDEN');
  const text = reason.trim();
  if (text.length < 2) throw new AppError('VALIDATION_FAILED', {}, [{ path: 'reason', zh: '请填写申诉理由（至少 2 个字）', en: 'Give the reason (at least 2 characters)' }]);
  return matterService.act(ctx, actor, matterId, 'matter.read', undefined, undefined, async ({ tx, matter, now, event }) => {
    const [rating] = await loadRatings(tx, matter.jurisdiction_id, matter.id, cycle);
    if (!rating) throw new AppError('RATING_NOT_FOUND');
    if (rating.handler_unit_id !== actor.unitId) throw new AppError('APPEAL_NOT_YOUR_UNIT');
    const { rows } = await tx.query(
      `INSERT INTO rating_appeals (jurisdiction_id, matter_id, cycle, appealed_by, appellant_unit_id, appealed_at, reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING cycle`,
      [matter.jurisdiction_id, matter.id, cycle, actor.staffId, actor.unitId, now, text]);
    if (rows.length === 0) throw new AppError('APPEAL_EXISTS');
    await event({ type: 'rating.appealed', visibility: 'internal', reason: text, payload: { cycle } });
    return { cycle };
  });
}

export async function decideAppeal(ctx: AppContext, actor: Actor, matterId: number, cycle: number, body: { decision: 'upheld' | 'rejected'; reason: string }) {
  if (!mayGeneral(actor.roles, 'rating.decideAppeal')) throw new AppError('FORBIDDEN');
  const text = body.reason.trim();
  if (text.length < 2) throw new AppError('VALIDATION_FAILED', {}, [{ path: 'reason', zh: '请填写裁决理由（至少 2 个字）', en: 'Give the reason (at least 2 characters)' }]);
  return matterService.act(ctx, actor, matterId, 'matter.read', undefined, undefined, async ({ tx, matter, now, event }) => {
    const { rows } = await tx.query<AppealRow & { rated_unit_id: number }>(
      `SELECT ${APPEAL_COLUMNS}, r.handler_unit_id AS rated_unit_id FROM rating_appeals a ${APPEAL_JOINS}
         JOIN matter_ratings r ON r.jurisdiction_id = a.jurisdiction_id AND r.matter_id = a.matter_id AND r.cycle = a.cycle
        WHERE a.jurisdiction_id = $1 AND a.matter_id = $2 AND a.cycle = $3 FOR UPDATE OF a`, [matter.jurisdiction_id, matter.id, cycle]);
    const appeal = rows[0];
    if (!appeal) throw new AppError('APPEAL_NOT_FOUND');
    if (appeal.appealed_by === actor.staffId || actor.unitId === appeal.rated_unit_id) throw new AppError('APPEAL_CONFLICT_OF_INTEREST');
    if (appeal.status !== 'pending') throw new AppError('APPEAL_DECIDED');
    await tx.query(
      `UPDATE rating_appeals SET status = $4, decided_by = $5, decided_at = $6, decision_reason = $7
        WHERE jurisdiction_id = $1 AND matter_id = $2 AND cycle = $3`,
      [matter.jurisdiction_id, matter.id, cycle, body.decision, actor.staffId, now, text]);
    await event({ type: 'rating.appealDecided', visibility: 'internal', reason: text, payload: { cycle, decision: body.decision } });
    return { cycle, decision: body.decision };
  });
}

/** Appeals in the supervisor's scope: pending ones oldest first, or the decided ones newest first. */
export async function listAppeals(ctx: AppContext, actor: Actor, status: 'pending' | 'decided' = 'pending'): Promise<AppealListItem[]> {
  if (!mayGeneral(actor.roles, 'rating.decideAppeal')) throw new AppError('FORBIDDEN');
  const params: unknown[] = [];
  const p = (value: unknown) => `$${params.push(value)}`;
  const { rows } = await ctx.db.query<AppealRow & {
    matter_id: number; case_no: string; cycle: number; kind_code: string; rating: Rating; comment: string | null; rated_at: Date;
    handler_unit_id: number; handler_officer_id: number | null; officer_name: string | null;
  }>(
    `SELECT ${APPEAL_COLUMNS}, a.matter_id, m.case_no, a.cycle, m.kind_code, r.rating, r.comment, r.rated_at, r.handler_unit_id,
            r.handler_officer_id, so.display_name AS officer_name
       FROM rating_appeals a ${APPEAL_JOINS}
       JOIN matter_ratings r ON r.jurisdiction_id = a.jurisdiction_id AND r.matter_id = a.matter_id AND r.cycle = a.cycle
       JOIN matters m ON m.jurisdiction_id = a.jurisdiction_id AND m.id = a.matter_id
       LEFT JOIN staff so ON so.id = r.handler_officer_id
      WHERE ${status === 'pending' ? "a.status = 'pending'" : "a.status <> 'pending'"} AND ${visibleMattersCondition(actor, p)}
      ORDER BY ${status === 'pending' ? 'a.appealed_at' : 'a.decided_at DESC'} LIMIT 200`, params);
  return Promise.all(rows.map(async (r) => ({
    matterId: Number(r.matter_id), caseNo: r.case_no, cycle: r.cycle, kind: r.kind_code, rating: r.rating, comment: r.comment,
    ratedAt: r.rated_at.toISOString(),
    unit: { id: r.handler_unit_id, name: (await ctx.org.unit(r.handler_unit_id))?.name ?? '' },
    officer: r.handler_officer_id === null ? null : { id: r.handler_officer_id, name: r.officer_name ?? '' },
    appeal: presentAppeal(r), mayDecide: mayDecide(actor, r.handler_unit_id, r),
  })));
}

async function appealsOf(db: Queryable, jurisdictionId: number, matterId: number) {
  const { rows } = await db.query<AppealRow & { cycle: number }>(
    `SELECT a.cycle, ${APPEAL_COLUMNS} FROM rating_appeals a ${APPEAL_JOINS} WHERE a.jurisdiction_id = $1 AND a.matter_id = $2`,
    [jurisdictionId, matterId]);
  return new Map(rows.map((r) => [r.cycle, r]));
}

/** The matter page's follow-up card: each cycle's follow-up, rating (with its appeal) and rectification, and what the viewer may do. */
export async function matterFeedback(ctx: AppContext, actor: Actor, matterId: number): Promise<MatterFeedbackView> {
  const matter = await findMatterById(ctx.db, matterId);
  assertMay(actor, matter, 'matter.read');
  const [followUps, ratings, appeals, rects, names] = await Promise.all([
    followUpsOf(ctx.db, matter.jurisdiction_id, matter.id),
    loadRatings(ctx.db, matter.jurisdiction_id, matter.id),
    appealsOf(ctx.db, matter.jurisdiction_id, matter.id),
    ctx.db.query<{ cycle: number; unit_id: number; opened_at: Date; due_at: Date; status: 'open' | 'done'; action_taken: string | null;
      feedback: string | null; done_at: Date | null; done_by_name: string | null }>(
      `SELECT r.cycle, r.unit_id, r.opened_at, r.due_at, r.status, r.action_taken, r.feedback, r.done_at, s.display_name AS done_by_name
         FROM rectifications r LEFT JOIN staff s ON s.id = r.done_by WHERE r.jurisdiction_id = $1 AND r.matter_id = $2 ORDER BY r.cycle`,
      [matter.jurisdiction_id, matter.id]).then((r) => r.rows),
    ctx.db.query<{ id: number; display_name: string }>(
      `SELECT s.id, s.display_name FROM staff s WHERE s.id IN (SELECT handler_officer_id FROM matter_ratings WHERE jurisdiction_id = $1 AND matter_id = $2)`,
      [matter.jurisdiction_id, matter.id]).then((r) => new Map(r.rows.map((s) => [s.id, s.display_name]))),
  ]);
  const now = ctx.clock();
  const unitRef = async (id: number) => ({ id, name: (await ctx.org.unit(id))?.name ?? '' });
  const handles = ['officer', 'unit_leader', 'clerk', 'call_taker'].some((role) => actor.roles.includes(role as Actor['roles'][number]));
  return {
    followUps: followUps.map((f) => ({
      cycle: f.cycle, status: f.status, closedAt: f.closed_at.toISOString(), dueAt: f.due_at.toISOString(),
      linkSentAt: f.link_sent_at?.toISOString() ?? null, callAttempts: f.call_attempts,
      answeredVia: (f.answered_via as RatingVia | null) ?? null, finishedAt: f.finished_at?.toISOString() ?? null,
    })),
    ratings: await Promise.all(ratings.map(async (r) => {
      const appeal = appeals.get(r.cycle);
      return {
        cycle: r.cycle, rating: r.rating, comment: r.comment, via: r.via, ratedAt: r.rated_at.toISOString(),
        unit: await unitRef(r.handler_unit_id),
        officer: r.handler_officer_id === null ? null : { id: r.handler_officer_id, name: names.get(r.handler_officer_id) ?? '' },
        appeal: appeal ? presentAppeal(appeal) : null,
        mayAppeal: !appeal && mayGeneral(actor.roles, 'rating.appeal') && actor.unitId === r.handler_unit_id,
        mayDecide: appeal ? mayDecide(actor, r.handler_unit_id, appeal) : false,
      };
    })),
    rectifications: await Promise.all(rects.map(async (r) => ({
      cycle: r.cycle, unit: await unitRef(r.unit_id), openedAt: r.opened_at.toISOString(), dueAt: r.due_at.toISOString(),
      overdue: r.status === 'open' && r.due_at < now, status: r.status, actionTaken: r.action_taken, feedback: r.feedback,
      doneAt: r.done_at?.toISOString() ?? null, doneBy: r.done_by_name,
      mayAnswer: r.status === 'open' && r.unit_id === actor.unitId && handles,
    }))),
  };
}

/** The citizen's view of the rectifications of their matter (tracking code): when it is due and what they were told. */
export async function portalRectifications(ctx: AppContext, trackingCode: string) {
  const matter = await matterService.matterByTrackingCode(ctx, ctx.db, trackingCode);
  const { rows } = await ctx.db.query<{ cycle: number; unit_id: number; opened_at: Date; due_at: Date; status: 'open' | 'done'; feedback: string | null; done_at: Date | null }>(
    `SELECT cycle, unit_id, opened_at, due_at, status, feedback, done_at FROM rectifications
      WHERE jurisdiction_id = $1 AND matter_id = $2 ORDER BY cycle`, [matter.jurisdiction_id, matter.id]);
  return Promise.all(rows.map(async (r) => ({
    cycle: r.cycle, openedAt: r.opened_at.toISOString(), dueAt: r.due_at.toISOString(), status: r.status,
    unitName: (await ctx.org.unit(r.unit_id))?.name ?? '', feedback: r.feedback, doneAt: r.done_at?.toISOString() ?? null,
  })));
}
