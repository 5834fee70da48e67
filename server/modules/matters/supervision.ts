/**
 * 督办单 (supervision orders): who they are addressed to, the board's query, a matter's orders, and answering.
 * An order goes to a unit and, when the matter had a named handler in that unit, to that officer. The
 * addressed unit answers it: the named officer or any caseworker of the unit when nobody is named, and
 * the unit leader always (跟踪督办制: the unit answers for its people).
 */
import { mayGeneral } from '../../../common/access.js';
import type { SupervisionOrderQuery, SupervisionOrderView } from '../../../common/contracts/supervision.js';
import type { Actor } from '../../platform/auth/sessions.js';
import type { Queryable } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { notRecusedCondition } from './recusal.js';

type Param = (value: unknown) => string;

/** The SQL condition for orders addressed to the actor, on the alias o (the same rule as `isAddressedTo`). */
function addressedToActorCondition(actor: Actor, p: Param): string {
  const officer = actor.roles.includes('unit_leader') ? 'true' : `(o.to_officer_id IS NULL OR o.to_officer_id = ${p(actor.staffId)})`;
  return `(o.to_unit_id = ${p(actor.unitId)} AND ${officer})`;
}

type OrderRow = { to_unit_id: number; to_officer_id: number | null; status: string };

function isAddressedTo(actor: Actor, order: OrderRow): boolean {
  return order.to_unit_id === actor.unitId
    && (order.to_officer_id === null || order.to_officer_id === actor.staffId || actor.roles.includes('unit_leader'));
}

function mayAnswer(actor: Actor, order: OrderRow): boolean {
  return order.status === 'open' && mayGeneral(actor.roles, 'supervision.answer') && isAddressedTo(actor, order);
}

const SELECT = (now: string) => `
  SELECT o.id, o.matter_id, m.case_no, s.display_name AS issued_by, o.issued_at, o.to_unit_id, o.to_officer_id, u.name AS to_unit,
         ts.display_name AS to_officer, o.instructions, o.due_at, o.status, o.answer, a.display_name AS answered_by, o.answered_at,
         (o.breached_at IS NOT NULL OR (o.status = 'open' AND o.due_at < ${now}) OR o.answered_at > o.due_at) AS overdue,
         count(*) OVER () AS total
    FROM supervision_orders o
    JOIN matters m ON m.jurisdiction_id = o.jurisdiction_id AND m.id = o.matter_id
    JOIN staff s ON s.id = o.issued_by
    JOIN units u ON u.id = o.to_unit_id
    LEFT JOIN staff ts ON ts.id = o.to_officer_id
    LEFT JOIN staff a ON a.id = o.answered_by`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function present(r: any): SupervisionOrderView {
  return {
    id: Number(r.id), matterId: Number(r.matter_id), caseNo: r.case_no, issuedBy: r.issued_by, issuedAt: r.issued_at.toISOString(),
    toUnit: r.to_unit, toOfficer: r.to_officer, instructions: r.instructions, dueAt: r.due_at.toISOString(), status: r.status,
    overdue: r.overdue, answer: r.answer, answeredBy: r.answered_by, answeredAt: r.answered_at?.toISOString() ?? null,
  };
}

/**
 * The board: county units (督察, 局领导) see every order, a unit leader those addressed to their unit;
 * with `addressedToMe`, anyone who may list matters sees the orders addressed to them, open ones first.
 */
export async function listSupervisionOrders(db: Queryable, actor: Actor, now: Date, query: SupervisionOrderQuery) {
  const { page = 1, pageSize = 20, open, addressedToMe } = query;
  const params: unknown[] = [];
  const p: Param = (value) => `$${params.push(value)}`;
  const nowParam = p(now);
  const where = [
    addressedToMe ? addressedToActorCondition(actor, p) : actor.unitScope === 'county' ? 'true' : `o.to_unit_id = ${p(actor.unitId)}`,
    // Orders issued before the officers concerned were linked stay on the board, but not for those who must step aside.
    notRecusedCondition(actor, p),
  ];
  if (open) where.push("o.status = 'open'");
  const order = addressedToMe ? "(o.status = 'open') DESC, o.due_at ASC, o.id" : 'o.due_at DESC, o.id DESC';
  const { rows } = await db.query(
    `${SELECT(nowParam)}
      WHERE ${where.join(' AND ')}
      ORDER BY ${order} LIMIT ${p(pageSize)} OFFSET ${p((page - 1) * pageSize)}`, params);
  return { items: rows.map(present), total: Number(rows[0]?.total ?? 0), page, pageSize };
}

/** The open orders addressed to the actor, for the workbench's count. */
export async function countOrdersAddressedTo(db: Queryable, actor: Actor): Promise<number> {
  const params: unknown[] = [];
  const p: Param = (value) => `$${params.push(value)}`;
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM supervision_orders o JOIN matters m ON m.jurisdiction_id = o.jurisdiction_id AND m.id = o.matter_id
      WHERE o.status = 'open' AND ${addressedToActorCondition(actor, p)} AND ${notRecusedCondition(actor, p)}`, params);
  return rows[0].n;
}

/** A matter's orders, oldest first, each saying whether this actor may answer it. */
export async function loadMatterOrders(db: Queryable, actor: Actor, now: Date, jurisdictionId: number, matterId: number) {
  const { rows } = await db.query(
    `${SELECT('$3')} WHERE o.jurisdiction_id = $1 AND o.matter_id = $2 ORDER BY o.issued_at, o.id`, [jurisdictionId, matterId, now]);
  return rows.map((r) => ({ ...present(r), toUnitId: r.to_unit_id as number, canAnswer: mayAnswer(actor, r) }));
}

/**
 * Locks the order for an answer and checks it: it belongs to this matter (404), is addressed to the
 * actor and the actor's role may answer (403), and is still open (409).
 */
export async function lockOrderForAnswer(tx: Queryable, actor: Actor, jurisdictionId: number, matterId: number, orderId: number) {
  const { rows } = await tx.query<OrderRow>(
    'SELECT to_unit_id, to_officer_id, status FROM supervision_orders WHERE jurisdiction_id = $1 AND matter_id = $2 AND id = $3 FOR UPDATE',
    [jurisdictionId, matterId, orderId]);
  const order = rows[0];
  if (!order) throw new AppError('SUPERVISION_ORDER_NOT_FOUND');
  if (!isAddressedTo(actor, order)) throw new AppError('SUPERVISION_NOT_FOR_YOU');
  if (!mayGeneral(actor.roles, 'supervision.answer')) throw new AppError('FORBIDDEN');
  if (order.status !== 'open') throw new AppError('SUPERVISION_ALREADY_ANSWERED');
}
