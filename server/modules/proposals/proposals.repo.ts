import type { ProposalListQuery } from '../../../common/contracts/proposals.js';
import type { Actor } from '../../platform/auth/sessions.js';
import type { Queryable } from '../../platform/db/database.js';
import { visibleMattersCondition } from '../matters/index.js';

export type LimitRule = { amount: number; unit: 'hour' | 'calendar_day' | 'working_day' | 'month'; rollForwardIfHoliday: boolean };

export type ProposalRow = {
  jurisdiction_id: number; matter_id: number; proposer_type: 'npc_deputy' | 'cppcc_member'; session: string; number: number;
  title: string; lead_unit_id: number; contacted_at: Date | null; contact_manner: string | null; contact_note: string | null;
};

/** The county's local rules (first contact, co-units' opinions) and the kind's rule for a redo (rectification_rule, migration 0006). */
export async function loadRules(db: Queryable): Promise<{ firstContact: LimitRule; coOpinion: LimitRule; redo: LimitRule }> {
  const { rows } = await db.query<{ first_contact: LimitRule; co_opinion: LimitRule; redo: LimitRule }>(
    `SELECT r.first_contact, r.co_opinion, k.rectification_rule AS redo
       FROM proposal_rules r CROSS JOIN matter_kinds k WHERE k.code = 'proposal'`);
  return { firstContact: rows[0].first_contact, coOpinion: rows[0].co_opinion, redo: rows[0].redo };
}

export async function findProposal(db: Queryable, jurisdictionId: number, matterId: number, forUpdate = false) {
  const { rows } = await db.query<ProposalRow>(
    `SELECT * FROM proposals WHERE jurisdiction_id = $1 AND matter_id = $2 ${forUpdate ? 'FOR UPDATE' : ''}`, [jurisdictionId, matterId]);
  return rows[0];
}

export type CoUnitRow = {
  unit_id: number; due_at: Date; opinion: string | null; submitted_at: Date | null; submitted_by: number | null; submitted_by_name: string | null;
};

export async function loadCoUnits(db: Queryable, jurisdictionId: number, matterId: number) {
  const { rows } = await db.query<CoUnitRow>(
    `SELECT c.unit_id, c.due_at, c.opinion, c.submitted_at, c.submitted_by, s.display_name AS submitted_by_name
       FROM proposal_co_units c LEFT JOIN staff s ON s.id = c.submitted_by
      WHERE c.jurisdiction_id = $1 AND c.matter_id = $2 ORDER BY c.unit_id`, [jurisdictionId, matterId]);
  return rows;
}

export type ReplyRow = {
  cycle: number; class: 'A' | 'B' | 'C' | 'D'; text: string; commitment: string | null; commitment_due: string | null;
  replied_at: Date; replied_by_name: string; unit_id: number;
};

export async function loadReplies(db: Queryable, jurisdictionId: number, matterId: number) {
  const { rows } = await db.query<ReplyRow>(
    `SELECT r.cycle, r.class, r.text, r.commitment, to_char(r.commitment_due, 'YYYY-MM-DD') AS commitment_due, r.replied_at,
            s.display_name AS replied_by_name, r.unit_id
       FROM proposal_replies r JOIN staff s ON s.id = r.replied_by
      WHERE r.jurisdiction_id = $1 AND r.matter_id = $2 ORDER BY r.cycle`, [jurisdictionId, matterId]);
  return rows;
}

/** The proposals the actor may see (the matters' own visibility rule), with the list's filters, as one CTE. */
function visibleProposals(actor: Actor, query: ProposalListQuery, now: Date) {
  const values: unknown[] = [];
  const param = (value: unknown) => { values.push(value); return `$${values.length}`; };
  const where = [visibleMattersCondition(actor, param)];
  if (query.session) where.push(`p.session = ${param(query.session)}`);
  if (query.proposerType) where.push(`p.proposer_type = ${param(query.proposerType)}`);
  if (query.leadUnitId) where.push(`p.lead_unit_id = ${param(query.leadUnitId)}`);
  const at = param(now);
  const sql = `
    SELECT p.jurisdiction_id, p.matter_id, p.proposer_type, p.session, p.number, p.title, p.lead_unit_id, p.contacted_at,
           m.case_no, m.state, m.cycle, m.received_at, m.contact_name_enc,
           (SELECT min(d.due_at) FROM matter_deadlines d
             WHERE d.jurisdiction_id = m.jurisdiction_id AND d.matter_id = m.id AND d.status = 'active') AS due_at,
           EXISTS (SELECT 1 FROM matter_deadlines d
                    WHERE d.jurisdiction_id = m.jurisdiction_id AND d.matter_id = m.id AND d.status = 'active' AND d.paused_at IS NULL
                      AND (d.breached_at IS NOT NULL OR d.due_at < ${at})) AS overdue,
           (SELECT r.class FROM proposal_replies r WHERE r.jurisdiction_id = p.jurisdiction_id AND r.matter_id = p.matter_id
             ORDER BY r.cycle DESC LIMIT 1) AS reply_class,
           (SELECT mr.rating FROM matter_ratings mr WHERE mr.jurisdiction_id = p.jurisdiction_id AND mr.matter_id = p.matter_id
             ORDER BY mr.cycle DESC LIMIT 1) AS rating
      FROM proposals p JOIN matters m ON m.jurisdiction_id = p.jurisdiction_id AND m.id = p.matter_id
     WHERE ${where.join(' AND ')}`;
  return { sql, values, param };
}

export type ListedProposal = {
  jurisdiction_id: number; matter_id: number; proposer_type: 'npc_deputy' | 'cppcc_member'; session: string; number: number; title: string;
  lead_unit_id: number; contacted_at: Date | null; case_no: string; state: string; cycle: number; received_at: Date;
  contact_name_enc: Buffer | null; due_at: Date | null; overdue: boolean; reply_class: 'A' | 'B' | 'C' | 'D' | null;
  rating: 'satisfied' | 'basically_satisfied' | 'dissatisfied' | null;
};

export async function listProposals(db: Queryable, actor: Actor, query: ProposalListQuery, now: Date) {
  const { sql, values, param } = visibleProposals(actor, query, now);
  const filters: string[] = [];
  if (query.status === 'open') filters.push(`state NOT IN ('closed', 'not_accepted')`);
  if (query.status === 'replied') filters.push(`state = 'closed'`);
  if (query.status === 'overdue') filters.push('overdue');
  if (query.replyClass) filters.push(`reply_class = ${param(query.replyClass)}`);
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const { rows } = await db.query<ListedProposal & { total: number }>(
    `WITH v AS (${sql}) SELECT v.*, count(*) OVER () AS total FROM v ${filters.length ? `WHERE ${filters.join(' AND ')}` : ''}
      ORDER BY session DESC, proposer_type, number LIMIT ${param(pageSize)} OFFSET ${param((page - 1) * pageSize)}`, values);
  return { rows, total: rows.length ? Number(rows[0].total) : 0, page, pageSize };
}

/**
 * The figures 人大 and 政协 offices report (china-rules §4.2): 办复率 (replied / all), 见面率 (contacted / all),
 * 满意率 counting 基本满意 (each proposal's latest evaluation), the A/B/C/D shares of each proposal's latest reply,
 * and the proposals overdue now. Over the same filters as the list, except its status and class.
 */
export async function proposalFigures(db: Queryable, actor: Actor, query: ProposalListQuery, now: Date) {
  const { sql, values } = visibleProposals(actor, query, now);
  const { rows } = await db.query<Record<string, string>>(
    `WITH v AS (${sql})
     SELECT count(*) AS total, count(*) FILTER (WHERE reply_class IS NOT NULL) AS replied,
            count(*) FILTER (WHERE contacted_at IS NOT NULL) AS contacted,
            count(*) FILTER (WHERE rating = 'satisfied') AS satisfied,
            count(*) FILTER (WHERE rating = 'basically_satisfied') AS basically_satisfied,
            count(*) FILTER (WHERE rating = 'dissatisfied') AS dissatisfied,
            count(*) FILTER (WHERE reply_class = 'A') AS a, count(*) FILTER (WHERE reply_class = 'B') AS b,
            count(*) FILTER (WHERE reply_class = 'C') AS c, count(*) FILTER (WHERE reply_class = 'D') AS d,
            count(*) FILTER (WHERE overdue) AS overdue
       FROM v`, values);
  const n = (key: string) => Number(rows[0][key]);
  const rate = (part: number, whole: number) => (whole > 0 ? part / whole : null);
  const rated = n('satisfied') + n('basically_satisfied') + n('dissatisfied');
  return {
    total: n('total'), replied: n('replied'), replyRate: rate(n('replied'), n('total')),
    contacted: n('contacted'), contactRate: rate(n('contacted'), n('total')),
    rated, satisfied: n('satisfied'), basicallySatisfied: n('basically_satisfied'), dissatisfied: n('dissatisfied'),
    satisfactionRate: rate(n('satisfied') + n('basically_satisfied'), rated),
    classes: { A: n('a'), B: n('b'), C: n('c'), D: n('d') },
    overdue: n('overdue'),
  };
}
