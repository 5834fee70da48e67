import type { Actor } from '../../platform/auth/sessions.js';
import type { AppContext } from '../../app-context.js';
import type { MATTER_SORTS, MatterExportQuery, MatterListQuery } from '../../../common/contracts/matters.js';
import { visibleMattersCondition } from './matter-access.js';
import { containsPattern } from './search-text.js';
import { countOrdersAddressedTo } from './supervision.js';

export type ListQuery = MatterListQuery;

type Param = (value: unknown) => string;
type MatterSort = (typeof MATTER_SORTS)[number];

const VIEW_CONDITIONS: Record<string, (actor: Actor, p: Param) => string> = {
  all: () => 'true',
  mine: (a, p) => `(m.handler_officer_id = ${p(a.staffId)}
                    OR (m.handler_unit_id = ${p(a.unitId)} AND m.handler_officer_id IS NULL AND m.state IN ('received', 'handling')))`,
  // The same rule as the 'handler' and 'receiver' relations in matter-access.ts.
  toAccept: (a, p) => {
    const leads = a.roles.includes('unit_leader');
    const mine = (column: string) => (leads ? 'true' : `(${column} IS NULL OR ${column} = ${p(a.staffId)})`);
    return `((m.state = 'received' AND m.handler_unit_id = ${p(a.unitId)} AND ${mine('m.handler_officer_id')})
             OR EXISTS (SELECT 1 FROM matter_transfers t
               WHERE t.jurisdiction_id = m.jurisdiction_id AND t.matter_id = m.id AND t.status = 'pending'
                 AND t.to_unit_id = ${p(a.unitId)} AND ${mine('t.to_officer_id')}))`;
  },
  dueSoon: () => `EXISTS (SELECT 1 FROM matter_deadlines d WHERE d.jurisdiction_id = m.jurisdiction_id AND d.matter_id = m.id
               AND d.status = 'active' AND d.warned_at IS NOT NULL AND d.breached_at IS NULL)`,
  overdue: () => `EXISTS (SELECT 1 FROM matter_deadlines d WHERE d.jurisdiction_id = m.jurisdiction_id AND d.matter_id = m.id
               AND d.status = 'active' AND d.breached_at IS NOT NULL)`,
};

/**
 * An active stage clock (matter_deadlines alias `d`) is overdue once breached, or past due while running (the sweep
 * may not have marked it yet): the list's filter and the dashboard's 当前超期 (stats module). The redundant
 * `breached_at IS NULL` lets each branch use its partial index (matter_deadlines_active_breached, _to_breach).
 */
export const overdueClockCondition = (d: string, now: string) => `${d}.status = 'active' AND (${d}.breached_at IS NOT NULL
  OR (${d}.breached_at IS NULL AND ${d}.paused_at IS NULL AND ${d}.due_at < ${now}))`;
const overdueCondition = (now: string) => `EXISTS (SELECT 1 FROM matter_deadlines od WHERE od.jurisdiction_id = m.jurisdiction_id
  AND od.matter_id = m.id AND ${overdueClockCondition('od', now)})`;

/** The WHERE conditions for the list's filters on alias m; the access scope comes first and is never optional. */
function filterConditions(ctx: AppContext, actor: Actor, query: MatterExportQuery, p: Param): string[] {
  const where = [visibleMattersCondition(actor, p), VIEW_CONDITIONS[query.view ?? 'all'](actor, p)];
  if (query.state !== undefined) where.push(`m.state = ${p(query.state)}`);
  if (query.kind !== undefined) where.push(`m.kind_code = ${p(query.kind)}`);
  if (query.channel !== undefined) where.push(`m.channel = ${p(query.channel)}`);
  if (query.handlerUnitId !== undefined) where.push(`m.handler_unit_id = ${p(query.handlerUnitId)}`);
  if (query.handlerOfficerId !== undefined) where.push(`m.handler_officer_id = ${p(query.handlerOfficerId)}`);
  if (query.receivedFrom !== undefined) where.push(`m.received_at >= ${p(query.receivedFrom)}::timestamptz`);
  if (query.receivedTo !== undefined) where.push(`m.received_at <= ${p(query.receivedTo)}::timestamptz`);
  if (query.overdue !== undefined) where.push(`${query.overdue ? '' : 'NOT '}${overdueCondition(p(ctx.clock()))}`);
  // LIKE on the normalised text; the trigram index (migration 0002) serves it for terms of 3+ characters.
  if (query.q !== undefined) where.push(`m.search_text LIKE ${p(containsPattern(query.q))}`);
  return where;
}

type Window = { limit: number; offset: number };

/** Whitelisted ORDER BY clauses (never built from the query); the id breaks ties so pages do not overlap. */
const ORDER_BY: Record<MatterSort, string> = {
  '-receivedAt': 'm.received_at DESC, m.id DESC',
  receivedAt: 'm.received_at ASC, m.id ASC',
  dueAt: 'd.next_due_at ASC NULLS LAST, m.id ASC',
  '-dueAt': 'd.next_due_at DESC NULLS LAST, m.id DESC',
};

async function selectMatters(ctx: AppContext, actor: Actor, query: MatterExportQuery, window: Window) {
  const params: unknown[] = [];
  const p: Param = (value) => `$${params.push(value)}`;
  const where = filterConditions(ctx, actor, query, p);
  const { rows } = await ctx.db.query(
    `SELECT m.id, m.case_no, m.kind_code, m.channel, m.state, left(m.content, 60) AS summary, m.received_at,
            m.jurisdiction_id, m.handler_unit_id, m.handler_officer_id, s.display_name AS handler_name, m.version,
            d.next_due_at, coalesce(d.overdue, false) AS overdue, count(*) OVER () AS total
       FROM matters m
       LEFT JOIN staff s ON s.id = m.handler_officer_id
       LEFT JOIN LATERAL (
         SELECT min(due_at) AS next_due_at,
                bool_or(breached_at IS NOT NULL OR (paused_at IS NULL AND due_at < ${p(ctx.clock())})) AS overdue
           FROM matter_deadlines d WHERE d.jurisdiction_id = m.jurisdiction_id AND d.matter_id = m.id AND d.status = 'active'
       ) d ON true
      WHERE ${where.join(' AND ')}
      ORDER BY ${ORDER_BY[query.sort ?? '-receivedAt']}
      LIMIT ${p(window.limit)} OFFSET ${p(window.offset)}`,
    params,
  );
  const items = await Promise.all(rows.map(async (row) => ({
    id: row.id, caseNo: row.case_no as string, kind: row.kind_code as string, channel: row.channel as string, state: row.state as string,
    summary: row.summary as string,
    receivedAt: (row.received_at as Date).toISOString(),
    jurisdiction: (await ctx.org.jurisdiction(row.jurisdiction_id))?.name ?? '',
    handlerUnit: { id: row.handler_unit_id as number, name: (await ctx.org.unit(row.handler_unit_id))?.name ?? '' },
    handlerOfficer: row.handler_officer_id ? { id: row.handler_officer_id as number, name: row.handler_name as string } : null,
    nextDueAt: (row.next_due_at as Date | null)?.toISOString() ?? null, overdue: row.overdue as boolean, version: row.version as number,
  })));
  return { items, total: Number(rows[0]?.total ?? 0) };
}

/** One page of the matters the actor may see, newest first, filtered on the server. */
export async function listMatters(ctx: AppContext, actor: Actor, query: ListQuery) {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const { items, total } = await selectMatters(ctx, actor, query, { limit: pageSize, offset: (page - 1) * pageSize });
  return { items, total, page, pageSize };
}

/**
 * All matters matching the filters, for an export; `undefined` when there are more than `max`
 * (one row more is fetched to tell, rather than counting first).
 */
export async function listMattersForExport(ctx: AppContext, actor: Actor, query: MatterExportQuery, max: number) {
  const { items } = await selectMatters(ctx, actor, query, { limit: max + 1, offset: 0 });
  return items.length > max ? undefined : items;
}

/** The workbench tabs' counts, in one pass over the matters the actor may see. */
export async function workbenchCounts(ctx: AppContext, actor: Actor) {
  const params: unknown[] = [];
  const p: Param = (value) => `$${params.push(value)}`;
  const views = ['mine', 'toAccept', 'dueSoon', 'overdue'] as const;
  const counts = views.map((view) => `count(*) FILTER (WHERE ${VIEW_CONDITIONS[view](actor, p)})::int AS "${view}"`);
  const { rows } = await ctx.db.query(
    `SELECT ${counts.join(', ')} FROM matters m
      WHERE ${visibleMattersCondition(actor, p)} AND m.state NOT IN ('closed', 'not_accepted')`, params);
  const supervisionOrders = await countOrdersAddressedTo(ctx.db, actor);
  return { ...rows[0], supervisionOrders } as Record<(typeof views)[number] | 'supervisionOrders', number>;
}
