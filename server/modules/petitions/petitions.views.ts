/** What staff and the petitioner see of a petition: the card, the documents with their dates, the list and the 四率. */
import { mayGeneral, mayMatter } from '../../../common/access.js';
import type { Locale } from '../../../common/errors.js';
import { maskName } from '../../../common/masking.js';
import {
  OPINION_LEVEL_LABELS, OPINION_RESULT_LABELS, PETITION_STAGE_LABELS, type PetitionAction, type PetitionDocumentType,
  type PetitionListQuery,
} from '../../../common/contracts/petitions.js';
import type { AppContext } from '../../app-context.js';
import type { Actor } from '../../platform/auth/sessions.js';
import { shanghaiDate } from '../../platform/calendar/civil-date.js';
import { AppError } from '../../platform/http/errors.js';
import { openMasked } from '../../platform/vault.js';
import {
  assertMay, findMatterById, loadDeadlines, loadTimeline, matterService, overdueClockCondition, relationsOf, visibleMattersCondition,
  type DeadlineRow, type MatterRow,
} from '../matters/index.js';
import {
  findPetitionsOfPerson, loadOpinions, loadPetition, loadVisits, STAGE_SQL, stageOf, type OpinionRow, type PetitionRow,
} from './petitions.repo.js';
import { reviewWindow } from './petitions.service.js';

type TimelineEvent = Awaited<ReturnType<typeof loadTimeline>>[number];

const DOCUMENT_TITLES: Record<PetitionDocumentType, { zh: string; en: string }> = {
  registered: { zh: '信访登记', en: 'Registration' },
  acceptance_notice: { zh: '受理告知书', en: 'Notice of acceptance' },
  non_acceptance_notice: { zh: '不予受理告知书', en: 'Notice of non-acceptance' },
  extension_notice: { zh: '延期办理告知书', en: 'Notice of extension' },
  opinion: OPINION_LEVEL_LABELS.opinion,
  review_request: { zh: '复查申请', en: 'Request for review' },
  review: OPINION_LEVEL_LABELS.review,
  re_review_request: { zh: '复核申请', en: 'Request for re-review' },
  re_review: OPINION_LEVEL_LABELS.re_review,
};

const pick = (label: { zh: string; en: string }, locale: Locale) => (locale === 'en' ? label.en : label.zh);

/**
 * The documents given to the petitioner, each with its date (信访事项网上办理工作规程), read from the timeline and the
 * opinions: so a decision taken through the matter's own actions (a transfer accepted by a station, say) shows too.
 */
function documentsOf(matter: MatterRow, petition: PetitionRow, opinions: OpinionRow[], timeline: TimelineEvent[], locale: Locale) {
  const docs: { type: PetitionDocumentType; at: Date; text: string | null; result?: OpinionRow['result']; basis?: string | null }[] = [
    { type: 'registered', at: matter.registered_at, text: null },
  ];
  const accepted = timeline.find((e) => e.type === 'matter.accepted' || e.type === 'matter.transferAccepted');
  if (accepted) docs.push({ type: 'acceptance_notice', at: accepted.occurred_at, text: petition.acceptance === 'accepted' ? petition.acceptance_reasons : null });
  const rejected = timeline.find((e) => e.type === 'matter.rejected');
  if (rejected) docs.push({ type: 'non_acceptance_notice', at: rejected.occurred_at, text: rejected.reason });
  for (const e of timeline.filter((ev) => ev.type === 'matter.extended')) {
    const until = typeof e.payload.dueAt === 'string' ? shanghaiDate(new Date(e.payload.dueAt)) : '';
    docs.push({ type: 'extension_notice', at: e.occurred_at, text: locale === 'en' ? `Extended to ${until}: ${e.reason}` : `办理期限延长至 ${until}，理由：${e.reason}` });
  }
  for (const o of opinions) {
    if (o.requested_at) docs.push({ type: o.level === 'review' ? 'review_request' : 're_review_request', at: o.requested_at, text: o.request_reason });
    if (o.issued_at) docs.push({ type: o.level, at: o.issued_at, text: o.opinion, result: o.result, basis: o.basis });
  }
  return docs.sort((a, b) => a.at.getTime() - b.at.getTime()).map((d) => ({
    type: d.type, title: pick(DOCUMENT_TITLES[d.type], locale), at: d.at.toISOString(), text: d.text,
    result: d.result ?? null, resultLabel: d.result ? pick(OPINION_RESULT_LABELS[d.result], locale) : null, basis: d.basis ?? null,
  }));
}

const awaiting = (deadlines: DeadlineRow[]) => deadlines.some((d) => d.rule.endsOn === 'accepted' && d.status === 'active');

async function petitionMatter(ctx: AppContext, matter: MatterRow) {
  const petition = matter.kind_code === 'petition' ? await loadPetition(ctx.db, matter.jurisdiction_id, matter.id) : undefined;
  if (!petition) throw new AppError('PETITION_NOT_FOUND');
  return petition;
}

/** The petitioner's view through the tracking code: stage, documents, and the 复查/复核 window if one is open. */
export async function portalPetitionView(ctx: AppContext, trackingCode: string, locale: Locale) {
  const matter = await matterService.matterByTrackingCode(ctx, ctx.db, trackingCode);
  const petition = await petitionMatter(ctx, matter);
  const [opinions, timeline, deadlines] = await Promise.all([
    loadOpinions(ctx.db, matter.jurisdiction_id, matter.id),
    loadTimeline(ctx.db, matter.jurisdiction_id, matter.id, true),
    loadDeadlines(ctx.db, matter.jurisdiction_id, matter.id),
  ]);
  const stage = stageOf(matter.state, matter.cycle, awaiting(deadlines));
  const window = await reviewWindow(ctx, ctx.db, matter);
  return {
    stage, stageLabel: pick(PETITION_STAGE_LABELS[stage], locale),
    documents: documentsOf(matter, petition, opinions, timeline, locale),
    window: window instanceof AppError ? null : { level: window.level, until: window.until.toISOString() },
    final: petition.final_at !== null,
  };
}

/** The card on the console's matter page. */
export async function staffPetitionView(ctx: AppContext, actor: Actor, id: number) {
  const matter = await findMatterById(ctx.db, id);
  assertMay(actor, matter, 'matter.read');
  const petition = await petitionMatter(ctx, matter);
  const [opinions, visits, timeline, deadlines, repeats] = await Promise.all([
    loadOpinions(ctx.db, matter.jurisdiction_id, matter.id),
    loadVisits(ctx.db, matter.jurisdiction_id, matter.id),
    loadTimeline(ctx.db, matter.jurisdiction_id, matter.id, false),
    loadDeadlines(ctx.db, matter.jurisdiction_id, matter.id),
    ctx.db.query<{ id: number; case_no: string; received_at: Date }>(
      `SELECT m.id, m.case_no, m.received_at FROM petitions p JOIN matters m ON m.jurisdiction_id = p.jurisdiction_id AND m.id = p.matter_id
        WHERE p.jurisdiction_id = $1 AND p.repeat_of = $2 ORDER BY m.received_at`, [matter.jurisdiction_id, matter.id]),
  ]);
  const phone = matter.contact_phone_enc ? ctx.vault.decrypt(matter.contact_phone_enc) : null;
  const same = await findPetitionsOfPerson(ctx.db, { phoneIndex: phone ? ctx.vault.blindIndex(phone) : null, idNoIndex: petition.id_no_index },
    (p) => visibleMattersCondition(actor, p), matter.id);
  const repeatOf = petition.repeat_of === null ? null : await findMatterById(ctx.db, petition.repeat_of);
  const stage = stageOf(matter.state, matter.cycle, awaiting(deadlines));
  const window = await reviewWindow(ctx, ctx.db, matter);
  const relations = relationsOf(actor, matter);
  const manager = mayGeneral(actor.roles, 'petition.manage');
  const may = (p: Parameters<typeof mayMatter>[2]) => mayMatter(actor.roles, relations, p);
  const handling = deadlines.find((d) => d.status === 'active' && d.rule.extension !== undefined && !d.extended);
  const actions: PetitionAction[] = [];
  if (manager && may('matter.accept') && matter.state === 'received') actions.push('accept', 'notAccept');
  if (may('matter.handle') && matter.state === 'handling') actions.push('opinion');
  if (may('matter.extend') && (matter.state === 'handling' || matter.state === 'paused') && handling) actions.push('extend');
  if (manager && may('matter.note')) {
    if (petition.repeat_of === null && same.some((e) => e.jurisdiction_id === matter.jurisdiction_id)) actions.push('link');
    if (opinions.some((o) => o.issued_at)) actions.push('planVisit');
    if (visits.some((v) => !v.visited_at)) actions.push('recordVisit');
  }
  const decider = petition.decided_by === null ? null
    : (await ctx.db.query<{ display_name: string }>('SELECT display_name FROM staff WHERE id = $1', [petition.decided_by])).rows[0]?.display_name ?? '';
  return {
    id: matter.id, caseNo: matter.case_no, version: matter.version, form: petition.form, stage,
    request: petition.request, facts: petition.facts, reasons: petition.reasons, groupSize: petition.group_size,
    representatives: petition.representatives_enc ? (JSON.parse(ctx.vault.decrypt(petition.representatives_enc)) as string[]).map(maskName) : [],
    acceptance: petition.acceptance === null ? null : {
      decision: petition.acceptance, reasons: petition.acceptance_reasons ?? '', at: petition.decided_at!.toISOString(), by: decider ?? '',
      ground: petition.not_accepted_ground,
    },
    opinions: opinions.map((o) => ({
      level: o.level, requestedAt: o.requested_at?.toISOString() ?? null, requestReason: o.request_reason, result: o.result, basis: o.basis,
      opinion: o.opinion, issuedAt: o.issued_at?.toISOString() ?? null, issuedBy: o.issued_by_name,
    })),
    window: window instanceof AppError ? null : { level: window.level, until: window.until.toISOString() },
    finalAt: petition.final_at?.toISOString() ?? null,
    repeatOf: repeatOf ? { id: repeatOf.id, caseNo: repeatOf.case_no } : null,
    repeats: repeats.rows.map((r) => ({ id: r.id, caseNo: r.case_no, receivedAt: r.received_at.toISOString() })),
    suggestions: same.map(earlierView),
    visits: visits.map((v) => ({
      id: Number(v.id), plannedFor: v.planned_for, visitors: v.visitors, plannedAt: v.planned_at.toISOString(), plannedBy: v.planned_by_name,
      visitedAt: v.visited_at?.toISOString() ?? null, visitedBy: v.visited_by, findings: v.findings, attitude: v.attitude, settled: v.settled,
    })),
    documents: documentsOf(matter, petition, opinions, timeline.filter((e) => e.visibility === 'public'), 'zh-CN'),
    allowedActions: actions,
  };
}

export function earlierView(row: Awaited<ReturnType<typeof findPetitionsOfPerson>>[number]) {
  return {
    id: Number(row.id), caseNo: row.case_no, receivedAt: row.received_at.toISOString(), stage: row.stage, summary: row.content.slice(0, 60),
    finalAt: row.final_at?.toISOString() ?? null, open: !['closed', 'not_accepted'].includes(row.state),
  };
}

/** The petition list: stage and next deadline; repeats are left out unless asked for (they are not new petitions). */
export async function listPetitions(ctx: AppContext, actor: Actor, query: PetitionListQuery) {
  const params: unknown[] = [];
  const p = (value: unknown) => { params.push(value); return `$${params.length}`; };
  const now = p(ctx.clock());
  const where = [`m.kind_code = 'petition'`, visibleMattersCondition(actor, p)];
  if (query.stage) where.push(`${STAGE_SQL} = ${p(query.stage)}`);
  if (query.form) where.push(`pt.form = ${p(query.form)}`);
  const repeats = query.repeats ?? 'exclude';
  if (repeats === 'exclude') where.push('pt.repeat_of IS NULL');
  if (repeats === 'only') where.push('pt.repeat_of IS NOT NULL');
  if (query.overdue !== undefined) {
    where.push(`${query.overdue ? '' : 'NOT '}EXISTS (SELECT 1 FROM matter_deadlines od WHERE od.jurisdiction_id = m.jurisdiction_id
      AND od.matter_id = m.id AND ${overdueClockCondition('od', now)})`);
  }
  const pageSize = query.pageSize ?? 20;
  const page = query.page ?? 1;
  const { rows } = await ctx.db.query<{
    id: number; case_no: string; form: string; stage: string; received_at: Date; contact_name_enc: Buffer | null; content: string;
    handler_unit_id: number; next_stage: string | null; next_due: Date | null; overdue: boolean; repeat_of: number | null;
    repeat_case_no: string | null; repeats: number; total: number;
  }>(
    `SELECT m.id, m.case_no, pt.form, ${STAGE_SQL} AS stage, m.received_at, m.contact_name_enc, m.content, m.handler_unit_id,
            nd.stage AS next_stage, nd.due_at AS next_due,
            EXISTS (SELECT 1 FROM matter_deadlines od WHERE od.jurisdiction_id = m.jurisdiction_id AND od.matter_id = m.id
                      AND ${overdueClockCondition('od', now)}) AS overdue,
            pt.repeat_of, rm.case_no AS repeat_case_no,
            (SELECT count(*)::int FROM petitions rp WHERE rp.jurisdiction_id = m.jurisdiction_id AND rp.repeat_of = m.id) AS repeats,
            count(*) OVER ()::int AS total
       FROM matters m
       JOIN petitions pt ON pt.jurisdiction_id = m.jurisdiction_id AND pt.matter_id = m.id
       LEFT JOIN matters rm ON rm.jurisdiction_id = pt.jurisdiction_id AND rm.id = pt.repeat_of
       LEFT JOIN LATERAL (SELECT d.stage, d.due_at FROM matter_deadlines d
                           WHERE d.jurisdiction_id = m.jurisdiction_id AND d.matter_id = m.id AND d.status = 'active'
                           ORDER BY d.due_at LIMIT 1) nd ON true
      WHERE ${where.join(' AND ')}
      ORDER BY m.received_at DESC, m.id DESC LIMIT ${p(pageSize)} OFFSET ${p((page - 1) * pageSize)}`, params);
  const items = await Promise.all(rows.map(async (r) => ({
    id: Number(r.id), caseNo: r.case_no, form: r.form, stage: r.stage, receivedAt: r.received_at.toISOString(),
    petitioner: openMasked(ctx.vault, r.contact_name_enc, maskName) ?? '',
    summary: r.content.replace(/^请求：/, '').slice(0, 60), handlerUnit: (await ctx.org.unit(r.handler_unit_id))?.name ?? '',
    nextDue: r.next_due ? { stage: r.next_stage!, dueAt: r.next_due.toISOString() } : null, overdue: r.overdue,
    repeatOf: r.repeat_of === null ? null : { id: Number(r.repeat_of), caseNo: r.repeat_case_no ?? '' }, repeats: r.repeats,
  })));
  return { items, total: rows[0]?.total ?? 0, page, pageSize };
}

const rate = (part: number, whole: number) => (whole === 0 ? null : part / whole);

/**
 * 四率 over petitions received in [from, to] (China dates) within the actor's scope:
 * 及时受理率 = acceptance decisions made within their 15 days / decisions made;
 * 按期办结率 = written opinions (handling, 复查, 复核) given within their clock / opinions given;
 * 参评率 = rated cycles / cycles closed with an opinion; 满意率 = (满意 + 基本满意) / rated, as the dashboard counts it.
 * Repeats are counted apart and are not new petitions.
 */
export async function petitionFigures(ctx: AppContext, actor: Actor, range: { from: string; to: string }) {
  if (range.from > range.to) throw new AppError('STATS_RANGE_REVERSED');
  const params: unknown[] = [];
  const p = (value: unknown) => { params.push(value); return `$${params.length}`; };
  const scope = `m.kind_code = 'petition' AND ${visibleMattersCondition(actor, p)}
    AND m.received_at >= (${p(range.from)}::date::timestamp AT TIME ZONE 'Asia/Shanghai')
    AND m.received_at < ((${p(range.to)}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`;
  const { rows } = await ctx.db.query(
    `WITH pm AS (
       SELECT m.jurisdiction_id, m.id, m.state, pt.repeat_of FROM matters m
         LEFT JOIN petitions pt ON pt.jurisdiction_id = m.jurisdiction_id AND pt.matter_id = m.id WHERE ${scope}
     ), clocks AS (
       SELECT d.* FROM matter_deadlines d JOIN pm ON pm.jurisdiction_id = d.jurisdiction_id AND pm.id = d.matter_id WHERE d.status = 'met'
     ), opinions AS (
       SELECT o.* FROM petition_opinions o JOIN pm ON pm.jurisdiction_id = o.jurisdiction_id AND pm.id = o.matter_id
     ), rated AS (
       SELECT r.rating FROM matter_ratings r JOIN opinions o ON o.jurisdiction_id = r.jurisdiction_id AND o.matter_id = r.matter_id
          AND o.cycle = r.cycle AND o.issued_at IS NOT NULL
     ), visits AS (
       SELECT v.* FROM petition_visits v JOIN pm ON pm.jurisdiction_id = v.jurisdiction_id AND pm.id = v.matter_id WHERE v.visited_at IS NOT NULL
     )
     SELECT (SELECT count(*) FROM pm WHERE repeat_of IS NULL)::int AS received,
            (SELECT count(*) FROM pm WHERE repeat_of IS NOT NULL)::int AS repeats,
            (SELECT count(*) FROM pm WHERE state = 'not_accepted')::int AS not_accepted,
            (SELECT count(*) FROM clocks WHERE rule->>'endsOn' = 'accepted' AND cycle = 0)::int AS decided,
            (SELECT count(*) FROM clocks WHERE rule->>'endsOn' = 'accepted' AND cycle = 0 AND met_at <= due_at)::int AS decided_in_time,
            (SELECT count(*) FROM clocks WHERE rule->>'endsOn' = 'replied')::int AS concluded,
            (SELECT count(*) FROM clocks WHERE rule->>'endsOn' = 'replied' AND met_at <= due_at)::int AS concluded_in_time,
            (SELECT count(*) FROM opinions WHERE issued_at IS NOT NULL)::int AS opinions,
            (SELECT count(*) FROM rated)::int AS rated,
            (SELECT count(*) FROM rated WHERE rating IN ('satisfied', 'basically_satisfied'))::int AS satisfied,
            (SELECT count(*) FROM opinions WHERE level = 'review')::int AS reviews,
            (SELECT count(*) FROM opinions WHERE level = 're_review')::int AS re_reviews,
            (SELECT count(*) FROM visits)::int AS visits,
            (SELECT count(*) FROM visits WHERE settled)::int AS settled`, params);
  const r = rows[0];
  return {
    received: r.received, repeats: r.repeats, accepted: r.decided - r.not_accepted, notAccepted: r.not_accepted,
    decided: r.decided, decidedInTime: r.decided_in_time, timelyAcceptanceRate: rate(r.decided_in_time, r.decided),
    concluded: r.concluded, concludedInTime: r.concluded_in_time, onTimeRate: rate(r.concluded_in_time, r.concluded),
    rated: r.rated, participationRate: rate(r.rated, r.opinions), satisfied: r.satisfied, satisfactionRate: rate(r.satisfied, r.rated),
    reviews: r.reviews, reReviews: r.re_reviews, visits: r.visits, settled: r.settled,
  };
}

