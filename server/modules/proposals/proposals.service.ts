import { mayGeneral, mayMatter } from '../../../common/access.js';
import { maskName, maskPhone } from '../../../common/masking.js';
import {
  CLASSES_WITH_COMMITMENT, PROPOSER_TYPE_LABELS, REPLY_CLASS_LABELS, type ContactProposerBody, type ProposalListQuery,
  type ProposalReplyBody, type ProposalView, type RegisterProposalBody,
} from '../../../common/contracts/proposals.js';
import type { AppContext } from '../../app-context.js';
import type { Actor } from '../../platform/auth/sessions.js';
import { shanghaiDate } from '../../platform/calendar/civil-date.js';
import type { Queryable } from '../../platform/db/database.js';
import { AppError, type LocalizedFieldError } from '../../platform/http/errors.js';
import { openMasked } from '../../platform/vault.js';
import {
  addInvolvedUnit, appendEvent, assertMay, formatTrackingCode, findMatterById, loadRatings, matterService, relationsOf, startChannelClock, stopClock, stopClocksEndingOn,
  type MatterRow,
} from '../matters/index.js';
import { settleRectification } from '../feedback/index.js';
import * as repo from './proposals.repo.js';

/**
 * 建议提案. The county's 人大 and 政协 offices assign (交办) suggestions and proposals to the bureau; its office
 * registers each one as a matter of kind 'proposal' whose clocks run from the 交办 date, and sends it to the lead
 * unit (主办), which signs for it like any matter. Co-handling units (协办) give the lead unit their written
 * opinion by a due date; the lead unit contacts the proposer before handling (面商) and replies with a class
 * A/B/C/D, which closes the handling cycle; the follow-up engine then asks the proposer for their evaluation. A
 * 不满意 lets the office order a redo: a new cycle whose reply is due within the kind's rectification rule.
 */

/** The office that registers proposals and orders redos: proposal.manage in a county-wide unit. */
function assertRegistrar(actor: Actor) {
  if (!mayGeneral(actor.roles, 'proposal.manage')) throw new AppError('FORBIDDEN');
  if (actor.unitScope !== 'county') throw new AppError('PROPOSAL_REGISTRAR_ONLY');
}

async function assertUsableUnit(ctx: AppContext, id: number) {
  const unit = await ctx.org.unit(id);
  if (!unit || !unit.active || unit.kind === 'external') throw new AppError('PROPOSAL_UNIT_INVALID');
  return unit;
}

export async function registerProposal(ctx: AppContext, actor: Actor, body: RegisterProposalBody) {
  assertRegistrar(actor);
  const now = ctx.clock();
  const assignedAt = new Date(body.assignedAt);
  if (assignedAt.getTime() > now.getTime()) throw new AppError('RECEIVED_IN_FUTURE');
  if (body.coUnitIds.includes(body.leadUnitId)) throw new AppError('PROPOSAL_UNIT_INVALID');
  const lead = await assertUsableUnit(ctx, body.leadUnitId);
  for (const id of body.coUnitIds) await assertUsableUnit(ctx, id);
  const rules = await repo.loadRules(ctx.db);
  const session = body.session.trim();
  return ctx.db.transaction(async (tx) => {
    const created = await matterService.createChannelMatter(ctx, tx, {
      actor, jurisdictionId: actor.unitJurisdictionId, kind: 'proposal', channel: 'proposal', content: body.content,
      contact: body.proposer, receivedAt: assignedAt, handlerUnitId: lead.id,
      payload: { proposerType: body.proposerType, session, number: body.number },
    });
    const { rowCount } = await tx.query(
      `INSERT INTO proposals (jurisdiction_id, matter_id, proposer_type, session, number, title, lead_unit_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (jurisdiction_id, session, proposer_type, number) DO NOTHING`,
      [actor.unitJurisdictionId, created.id, body.proposerType, session, body.number, body.title.trim(), lead.id]);
    // The whole registration, matter included, is rolled back: one number of one session is one proposal.
    if (rowCount === 0) {
      throw new AppError('PROPOSAL_NUMBER_TAKEN', { session, number: body.number, type: PROPOSER_TYPE_LABELS[body.proposerType] });
    }
    const matter = (await findMatterById(tx, created.id, true))!;
    const coUnits = [];
    for (const unitId of body.coUnitIds) {
      // The co-units' opinions are due a set time after 交办 (山东 1 个月; proposal_rules.co_opinion).
      const due = ctx.calendar.due(assignedAt, rules.coOpinion);
      await tx.query('INSERT INTO proposal_co_units (jurisdiction_id, matter_id, unit_id, due_at) VALUES ($1, $2, $3, $4)',
        [matter.jurisdiction_id, matter.id, unitId, due.dueAt]);
      await ctx.calendar.raiseAlerts(tx, due.missingYears);
      // A co-unit sees the matter it gives an opinion on.
      await addInvolvedUnit(tx, matter, unitId);
      coUnits.push({ unitId, unitName: (await ctx.org.unit(unitId))?.name ?? String(unitId), dueAt: due.dueAt.toISOString() });
    }
    // 办前面商: the lead unit contacts the proposer within 20 working days of 交办 (重庆 第十八条; proposal_rules.first_contact).
    await startChannelClock(tx, matter, 0, { stage: 'first_contact', ...rules.firstContact, endsOn: 'contacted' }, assignedAt, ctx.calendar);
    await appendAssigned(tx, actor, matter, now, { leadUnitId: lead.id, leadUnitName: lead.name, coUnits, title: body.title.trim() });
    return { ...created, trackingCode: formatTrackingCode(created.trackingCode) };
  });
}

async function appendAssigned(tx: Queryable, actor: Actor, matter: MatterRow, at: Date, payload: object) {
  await appendEvent(tx, matter.jurisdiction_id, matter.id, {
    type: 'proposal.assigned', actorKind: 'staff', actorStaffId: actor.staffId, actorUnitId: actor.unitId, visibility: 'internal', payload, at,
  });
}

async function proposalOf(tx: Queryable, matter: MatterRow) {
  const proposal = await repo.findProposal(tx, matter.jurisdiction_id, matter.id, true);
  if (!proposal) throw new AppError('PROPOSAL_NOT_FOUND');
  return proposal;
}

const OPEN_STATES = ['received', 'transferring', 'handling', 'paused'];

/** 面商: the lead unit records its first contact with the proposer; the first-contact clock stops. */
export async function contactProposer(ctx: AppContext, actor: Actor, id: number, body: ContactProposerBody) {
  return matterService.act(ctx, actor, id, 'matter.handle', undefined, body.version, async ({ tx, matter, now, update, event }) => {
    const proposal = await proposalOf(tx, matter);
    if (proposal.contacted_at) throw new AppError('PROPOSAL_ALREADY_CONTACTED');
    if (!OPEN_STATES.includes(matter.state)) throw new AppError('INVALID_TRANSITION', { state: stateLabel(matter) });
    await tx.query(
      `UPDATE proposals SET contacted_at = $3, contact_manner = $4, contact_note = $5 WHERE jurisdiction_id = $1 AND matter_id = $2`,
      [matter.jurisdiction_id, matter.id, now, body.manner, body.note.trim()]);
    await stopClock(tx, matter, 'first_contact', now);
    await update({});
    await event({ type: 'proposal.contacted', visibility: 'internal', payload: { manner: body.manner, note: body.note.trim() } });
  });
}

function stateLabel(matter: MatterRow) {
  const labels: Record<string, { zh: string; en: string }> = {
    received: { zh: '待签收', en: 'received' }, transferring: { zh: '转办待接收', en: 'awaiting transfer acceptance' },
    handling: { zh: '办理中', en: 'being handled' }, paused: { zh: '暂停计时', en: 'paused' }, replied: { zh: '已答复', en: 'replied' },
    closed: { zh: '已办结', en: 'closed' }, not_accepted: { zh: '不予受理', en: 'not accepted' },
  };
  return labels[matter.state];
}

const CASEWORK_ROLES = ['clerk', 'officer', 'unit_leader', 'call_taker'] as const;

/** A co-handling unit's written opinion to the lead unit: once, by that unit's caseworkers only. */
export async function submitCoOpinion(ctx: AppContext, actor: Actor, id: number, opinion: string) {
  return matterService.act(ctx, actor, id, 'matter.read', undefined, undefined, async ({ tx, matter, now, update, event }) => {
    await proposalOf(tx, matter);
    const { rows } = await tx.query<{ submitted_at: Date | null }>(
      'SELECT submitted_at FROM proposal_co_units WHERE jurisdiction_id = $1 AND matter_id = $2 AND unit_id = $3 FOR UPDATE',
      [matter.jurisdiction_id, matter.id, actor.unitId]);
    if (rows.length === 0 || !actor.roles.some((r) => (CASEWORK_ROLES as readonly string[]).includes(r))) throw new AppError('PROPOSAL_NOT_CO_UNIT');
    if (rows[0].submitted_at) throw new AppError('PROPOSAL_OPINION_GIVEN');
    if (!OPEN_STATES.includes(matter.state)) throw new AppError('INVALID_TRANSITION', { state: stateLabel(matter) });
    const text = opinion.trim();
    await tx.query(
      `UPDATE proposal_co_units SET opinion = $4, submitted_at = $5, submitted_by = $6
        WHERE jurisdiction_id = $1 AND matter_id = $2 AND unit_id = $3`,
      [matter.jurisdiction_id, matter.id, actor.unitId, text, now, actor.staffId]);
    await update({});
    await event({ type: 'proposal.coOpinion', visibility: 'internal', payload: { unitId: actor.unitId, unitName: actor.unitName, opinion: text } });
  });
}

/** Rules of a classed reply the schema cannot say: B and C promise something by a date; A and D promise nothing. */
function checkReply(body: ProposalReplyBody, today: string) {
  const fields: LocalizedFieldError[] = [];
  const needs = CLASSES_WITH_COMMITMENT.includes(body.replyClass);
  if (needs && !body.commitment?.trim()) {
    fields.push({ path: 'commitment', zh: 'B、C 类答复须写明承诺办理的事项', en: 'A class B or C reply must state what is promised' });
  }
  if (needs && !body.commitmentDue) {
    fields.push({ path: 'commitmentDue', zh: 'B、C 类答复须写明承诺办结的日期', en: 'A class B or C reply must give the date the promise is due' });
  }
  if (needs && body.commitmentDue && body.commitmentDue <= today) {
    fields.push({ path: 'commitmentDue', zh: '承诺办结日期须晚于今天', en: 'The promised date must be after today' });
  }
  if (!needs && (body.commitment !== undefined || body.commitmentDue !== undefined)) {
    fields.push({ path: 'commitment', zh: 'A、D 类答复不填承诺事项', en: 'A class A or D reply carries no promise' });
  }
  if (fields.length) throw new AppError('VALIDATION_FAILED', {}, fields);
}

/**
 * The lead unit's classed reply (joint cases: the lead unit replies, 重庆 第二十三条), once every co-unit has given its
 * opinion. It closes the handling cycle, which starts the proposer's evaluation (the follow-up engine).
 */
export async function replyToProposal(ctx: AppContext, actor: Actor, id: number, body: ProposalReplyBody) {
  checkReply(body, shanghaiDate(ctx.clock()));
  return matterService.act(ctx, actor, id, 'matter.handle', 'reply', body.version, async ({ tx, matter, now, update, event }) => {
    await proposalOf(tx, matter);
    const { rows } = await tx.query<{ pending: string }>(
      'SELECT count(*) AS pending FROM proposal_co_units WHERE jurisdiction_id = $1 AND matter_id = $2 AND submitted_at IS NULL',
      [matter.jurisdiction_id, matter.id]);
    if (Number(rows[0].pending) > 0) throw new AppError('PROPOSAL_OPINIONS_PENDING', { count: Number(rows[0].pending) });
    const text = body.text.trim();
    await tx.query(
      `INSERT INTO proposal_replies (jurisdiction_id, matter_id, cycle, class, text, commitment, commitment_due, replied_at, replied_by, unit_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [matter.jurisdiction_id, matter.id, matter.cycle, body.replyClass, text, body.commitment?.trim() ?? null, body.commitmentDue ?? null,
       now, actor.staffId, actor.unitId]);
    await update({ state: 'closed', replied_at: now, closed_at: now });
    // A redo's reply is the answer to the 不满意 that caused it: it settles that cycle's rectification.
    if (matter.cycle > 0) {
      await settleRectification(tx, matter, matter.cycle - 1, {
        actionTaken: `重办答复（${REPLY_CLASS_LABELS[body.replyClass].zh}）`, feedback: text, at: now, by: actor.staffId,
      });
    }
    await stopClocksEndingOn(tx, matter, 'replied', now);
    // A reply without a first contact leaves that clock as it stood: breached if it ran out, no longer owed if not.
    await stopClock(tx, matter, 'first_contact', now, 'cancelled');
    const label = REPLY_CLASS_LABELS[body.replyClass].zh;
    await event({ type: 'matter.replied', visibility: 'public',
      payload: { text: `【${label}】${text}`, replyClass: body.replyClass, commitment: body.commitment ?? null, commitmentDue: body.commitmentDue ?? null } });
    await event({ type: 'matter.closed', visibility: 'public', payload: {} });
  });
}

/**
 * 重办: the proposer rated the cycle's reply 不满意; the office sends it back to the lead unit, whose new reply
 * (with a new class) is due within the kind's rectification rule, one month (浙江 第二十四条, 山东 第二十四条).
 */
export async function orderRedo(ctx: AppContext, actor: Actor, id: number, body: { version: number; reason: string }) {
  assertRegistrar(actor);
  const rules = await repo.loadRules(ctx.db);
  return matterService.act(ctx, actor, id, 'matter.read', undefined, body.version, async ({ tx, matter, now, update, event }) => {
    await proposalOf(tx, matter);
    if (matter.state !== 'closed') throw new AppError('INVALID_TRANSITION', { state: stateLabel(matter) });
    const [rating] = await loadRatings(tx, matter.jurisdiction_id, matter.id, matter.cycle);
    if (rating?.rating !== 'dissatisfied') throw new AppError('PROPOSAL_REDO_NOT_DUE');
    const cycle = matter.cycle + 1;
    await update({ state: 'handling', cycle, closed_at: null, replied_at: null });
    const due = await startChannelClock(tx, matter, cycle, { stage: 'reply', ...rules.redo, endsOn: 'replied' }, now, ctx.calendar);
    await event({ type: 'matter.reopened', visibility: 'public', reason: body.reason.trim(),
      payload: { cycle, redo: true, dueAt: due.dueAt.toISOString() } });
  });
}

/** The proposal's card on the matter page: co-units' opinions, the classed replies and each cycle's evaluation. */
export async function proposalView(ctx: AppContext, actor: Actor, id: number): Promise<ProposalView> {
  const matter = await findMatterById(ctx.db, id);
  assertMay(actor, matter, 'matter.read');
  const proposal = await repo.findProposal(ctx.db, matter.jurisdiction_id, matter.id);
  if (!proposal) throw new AppError('PROPOSAL_NOT_FOUND');
  const [coUnits, replies, ratings] = await Promise.all([
    repo.loadCoUnits(ctx.db, matter.jurisdiction_id, matter.id), repo.loadReplies(ctx.db, matter.jurisdiction_id, matter.id),
    loadRatings(ctx.db, matter.jurisdiction_id, matter.id),
  ]);
  const unitRef = async (unitId: number) => ({ id: unitId, name: (await ctx.org.unit(unitId))?.name ?? String(unitId) });
  const now = ctx.clock();
  const relations = relationsOf(actor, matter);
  const open = OPEN_STATES.includes(matter.state);
  const handles = mayMatter(actor.roles, relations, 'matter.handle');
  const myCoUnit = coUnits.find((c) => c.unit_id === actor.unitId);
  const current = ratings.find((r) => r.cycle === matter.cycle);
  return {
    matterId: matter.id, version: matter.version, state: matter.state, cycle: matter.cycle,
    proposerType: proposal.proposer_type, session: proposal.session, number: proposal.number, title: proposal.title,
    proposer: {
      name: openMasked(ctx.vault, matter.contact_name_enc, maskName) ?? '',
      phone: openMasked(ctx.vault, matter.contact_phone_enc, maskPhone) ?? '',
    },
    leadUnit: await unitRef(proposal.lead_unit_id),
    firstContact: proposal.contacted_at
      ? { at: proposal.contacted_at.toISOString(), manner: proposal.contact_manner!, note: proposal.contact_note ?? '' } : null,
    coUnits: await Promise.all(coUnits.map(async (c) => ({
      unit: await unitRef(c.unit_id), dueAt: c.due_at.toISOString(),
      overdue: c.submitted_at ? c.submitted_at > c.due_at : c.due_at < now,
      opinion: c.opinion, submittedAt: c.submitted_at?.toISOString() ?? null, submittedBy: c.submitted_by_name,
    }))),
    replies: await Promise.all(replies.map(async (r) => {
      const rating = ratings.find((x) => x.cycle === r.cycle);
      return {
        cycle: r.cycle, replyClass: r.class, text: r.text, commitment: r.commitment, commitmentDue: r.commitment_due,
        repliedAt: r.replied_at.toISOString(), repliedBy: r.replied_by_name, unit: (await unitRef(r.unit_id)).name,
        rating: rating ? { rating: rating.rating, comment: rating.comment, ratedAt: rating.rated_at.toISOString() } : null,
      };
    })),
    may: {
      contact: handles && open && !proposal.contacted_at,
      opinion: open && !!myCoUnit && !myCoUnit.submitted_at && actor.roles.some((r) => (CASEWORK_ROLES as readonly string[]).includes(r)),
      reply: handles && matter.state === 'handling',
      redo: mayGeneral(actor.roles, 'proposal.manage') && actor.unitScope === 'county' && matter.state === 'closed'
        && current?.rating === 'dissatisfied',
    },
  };
}

export async function listProposals(ctx: AppContext, actor: Actor, query: ProposalListQuery) {
  const now = ctx.clock();
  const [list, figures] = await Promise.all([repo.listProposals(ctx.db, actor, query, now), repo.proposalFigures(ctx.db, actor, query, now)]);
  const units = new Map((await ctx.org.units()).map((u) => [u.id, u.name]));
  return {
    items: list.rows.map((r) => ({
      matterId: Number(r.matter_id), caseNo: r.case_no, proposerType: r.proposer_type, session: r.session, number: r.number, title: r.title,
      proposerName: openMasked(ctx.vault, r.contact_name_enc, maskName) ?? '',
      leadUnit: { id: r.lead_unit_id, name: units.get(r.lead_unit_id) ?? String(r.lead_unit_id) },
      state: r.state, cycle: r.cycle, assignedAt: r.received_at.toISOString(), dueAt: r.due_at?.toISOString() ?? null,
      overdue: r.overdue, replyClass: r.reply_class, rating: r.rating,
    })),
    total: list.total, page: list.page, pageSize: list.pageSize, figures,
  };
}
