import type { Actor } from '../../platform/auth/sessions.js';
import type { Queryable } from '../../platform/db/database.js';
import { overdueClockCondition, visibleMattersCondition } from '../matters/index.js';

/**
 * The dashboard's SQL. Every query aggregates in the database, starts from an indexed range
 * (matters_received, matter_events_type_time and the indexes of migration 0004) and looks the matter
 * up by its primary key only to apply the actor's scope — the same condition as the matter list.
 * The window is [start, end): China-time midnights (Asia/Shanghai has no daylight saving).
 */
export type Window = { start: Date; end: Date; now: Date };

type Param = (value: unknown) => string;

function builder(actor: Actor) {
  const params: unknown[] = [];
  const p: Param = (value) => `$${params.push(value)}`;
  /**
   * The matter of row `from`, if the actor may see it: one primary-key look-up per row of the range.
   * OFFSET 0 keeps the planner from flattening this into a hash join over every matter with the scope
   * filter evaluated on each (a station's scope has an EXISTS per matter): the cost follows the rows
   * in the range, never the size of the matters table.
   */
  const visibleMatter = (from: string) => `JOIN LATERAL (
         SELECT m.handler_unit_id, m.kind_code, m.state, m.cycle FROM matters m
          WHERE m.jurisdiction_id = ${from}.jurisdiction_id AND m.id = ${from}.matter_id AND ${visibleMattersCondition(actor, p)}
         OFFSET 0) m ON true`;
  return { params, p, scope: () => visibleMattersCondition(actor, p), visibleMatter };
}

const day = (column: string) => `to_char((${column} AT TIME ZONE 'Asia/Shanghai')::date, 'YYYY-MM-DD')`;

export type DayCount = { day: string; n: number };

/** Matters received per China-time day. */
export async function receivedPerDay(db: Queryable, actor: Actor, w: Window): Promise<DayCount[]> {
  const { params, p, scope } = builder(actor);
  const { rows } = await db.query<DayCount>(
    `SELECT ${day('m.received_at')} AS day, count(*)::int AS n
       FROM matters m
      WHERE m.received_at >= ${p(w.start)} AND m.received_at < ${p(w.end)} AND ${scope()}
      GROUP BY 1`, params);
  return rows;
}

/**
 * Closings per China-time day, counted from the timeline (each 'matter.closed' event): a matter reopened
 * and closed again counts on both days, as each closing ends a handling cycle that is rated on its own.
 */
export async function closedPerDay(db: Queryable, actor: Actor, w: Window): Promise<DayCount[]> {
  const { params, p, visibleMatter } = builder(actor);
  const { rows } = await db.query<DayCount>(
    `SELECT ${day('e.occurred_at')} AS day, count(*)::int AS n
       FROM matter_events e
       ${visibleMatter('e')}
      WHERE e.type = 'matter.closed' AND e.occurred_at >= ${p(w.start)} AND e.occurred_at < ${p(w.end)}
      GROUP BY 1`, params);
  return rows;
}

export type OnTimeRow = { unit_id: number; on_time: number; breached: number };

/**
 * 按期办结率 per unit. Each stage clock (matter_deadlines row: one per stage and handling cycle) is
 * counted once, in the range holding the moment it was settled:
 * - on time: met (status 'met', never breached) on or before its due time — counted at met_at, for
 *   the unit whose member met it (the last timeline event of that instant: the one written in the same
 *   transaction);
 * - breached: it ran past its due time unmet — counted in the range holding its due time, whether or not
 *   the sweep has marked it yet, so that a day's count does not change when the sweep runs (it may run
 *   after midnight, or late after a stop). Marked: for the unit of its accountability record (whoever
 *   answered for the matter then; the record keeps the due time it breached); not marked (the sweep has
 *   not run yet, or the clock was met late in between): for the current handling unit, as the sweep would.
 *   A breach stays a breach when the clock is later met, extended or cancelled.
 * Clocks still running before their due time, paused clocks not yet breached, and clocks cancelled
 * without a breach (the matter was not accepted) are not counted.
 */
export async function onTimeByUnit(db: Queryable, actor: Actor, w: Window): Promise<OnTimeRow[]> {
  const { params, p, visibleMatter } = builder(actor);
  const start = p(w.start);
  const end = p(w.end);
  const now = p(w.now);
  const { rows } = await db.query<OnTimeRow>(
    `WITH settled AS (
       -- met on or before the due time
       SELECT d.jurisdiction_id, d.matter_id, d.met_at, true AS on_time, NULL::integer AS unit_id
         FROM matter_deadlines d
        WHERE d.status = 'met' AND d.met_at >= ${start} AND d.met_at < ${end} AND d.met_at <= d.due_at AND d.breached_at IS NULL
       UNION ALL
       -- breaches the sweep recorded: one accountability record per breached clock, with the clock's due time
       SELECT ar.jurisdiction_id, ar.matter_id, NULL, false, ar.unit_id
         FROM accountability_records ar
        WHERE ar.kind = 'deadline_breached' AND ar.due_at >= ${start} AND ar.due_at < ${end}
       UNION ALL
       -- met late before the sweep marked it (it marks running clocks only): a breach on its due day
       SELECT d.jurisdiction_id, d.matter_id, NULL, false, NULL
         FROM matter_deadlines d
        WHERE d.status = 'met' AND d.breached_at IS NULL AND d.met_at > d.due_at AND d.due_at >= ${start} AND d.due_at < ${end}
       UNION ALL
       -- running clocks past due that the sweep has not reached yet
       SELECT d.jurisdiction_id, d.matter_id, NULL, false, NULL
         FROM matter_deadlines d
        WHERE d.status = 'active' AND d.breached_at IS NULL AND d.paused_at IS NULL
          AND d.due_at >= ${start} AND d.due_at < ${end} AND d.due_at < ${now}
     )
     SELECT coalesce(s.unit_id, ev.unit_id, m.handler_unit_id) AS unit_id,
            count(*) FILTER (WHERE s.on_time)::int AS on_time, count(*) FILTER (WHERE NOT s.on_time)::int AS breached
       FROM settled s
       ${visibleMatter('s')}
       LEFT JOIN LATERAL (
         SELECT e.actor_unit_id AS unit_id FROM matter_events e
          WHERE e.jurisdiction_id = s.jurisdiction_id AND e.matter_id = s.matter_id AND e.occurred_at = s.met_at
            AND e.actor_unit_id IS NOT NULL
          ORDER BY e.seq DESC LIMIT 1) ev ON s.on_time
      GROUP BY 1`, params);
  return rows;
}

export type OverdueNowRow = { unit_id: number; n: number };

/**
 * 当前超期: open matters with an overdue stage clock — the matter list's 'overdue' rule, the same SQL — per
 * current handling unit. Driven from the active clocks (each branch of the rule's OR has its partial index,
 * matter_deadlines_active_breached and matter_deadlines_to_breach), so its cost follows open matters, not all matters.
 */
export async function overdueNowByUnit(db: Queryable, actor: Actor, w: Window): Promise<OverdueNowRow[]> {
  const { params, p, visibleMatter } = builder(actor);
  const { rows } = await db.query<OverdueNowRow>(
    `WITH overdue AS (
       SELECT DISTINCT d.jurisdiction_id, d.matter_id FROM matter_deadlines d WHERE ${overdueClockCondition('d', p(w.now))}
     )
     SELECT m.handler_unit_id AS unit_id, count(*)::int AS n
       FROM overdue o
       ${visibleMatter('o')}
      WHERE m.state NOT IN ('closed', 'not_accepted')
      GROUP BY 1`, params);
  return rows;
}

export type BreachRow = { unit_id: number; deadline: number; supervision: number };

/**
 * 责任追究: accountability records of breaches that fell due in the range (as 按期办结率 counts them, so a
 * breach counts on the same day in both tables, whenever the sweep recorded it), per unit recorded against.
 */
export async function breachesByUnit(db: Queryable, actor: Actor, w: Window): Promise<BreachRow[]> {
  const { params, p, visibleMatter } = builder(actor);
  const { rows } = await db.query<BreachRow>(
    `SELECT ar.unit_id, count(*) FILTER (WHERE ar.kind = 'deadline_breached')::int AS deadline,
            count(*) FILTER (WHERE ar.kind = 'supervision_breached')::int AS supervision
       FROM accountability_records ar
       ${visibleMatter('ar')}
      WHERE ar.due_at >= ${p(w.start)} AND ar.due_at < ${p(w.end)}
      GROUP BY 1`, params);
  return rows;
}

export type RatingRow = {
  unit_id: number | null; kind: string | null; satisfied: number; basically_satisfied: number; dissatisfied: number;
};

/** A rating whose appeal a supervisor upheld counts in no satisfaction figure (it stays on record). */
const NOT_APPEALED_AWAY = `NOT EXISTS (SELECT 1 FROM rating_appeals a WHERE a.jurisdiction_id = r.jurisdiction_id AND a.matter_id = r.matter_id
                                   AND a.cycle = r.cycle AND a.status = 'upheld')`;

/** Ratings given in the range, per rated unit and per kind of matter, in one pass (GROUPING SETS); upheld appeals excluded. */
export async function ratings(db: Queryable, actor: Actor, w: Window): Promise<RatingRow[]> {
  const { params, p, visibleMatter } = builder(actor);
  const { rows } = await db.query<RatingRow>(
    `SELECT r.handler_unit_id AS unit_id, m.kind_code AS kind,
            count(*) FILTER (WHERE r.rating = 'satisfied')::int AS satisfied,
            count(*) FILTER (WHERE r.rating = 'basically_satisfied')::int AS basically_satisfied,
            count(*) FILTER (WHERE r.rating = 'dissatisfied')::int AS dissatisfied
       FROM matter_ratings r
       ${visibleMatter('r')}
      WHERE r.rated_at >= ${p(w.start)} AND r.rated_at < ${p(w.end)} AND ${NOT_APPEALED_AWAY}
      GROUP BY GROUPING SETS ((r.handler_unit_id), (m.kind_code))`, params);
  return rows;
}

export type OfficerRatingRow = {
  officer_id: number; officer_name: string; unit_id: number; satisfied: number; basically_satisfied: number; dissatisfied: number;
};

/** Ratings given in the range per officer rated (and the unit they were rated in); upheld appeals excluded. */
export async function ratingsByOfficer(db: Queryable, actor: Actor, w: Window): Promise<OfficerRatingRow[]> {
  const { params, p, visibleMatter } = builder(actor);
  const { rows } = await db.query<OfficerRatingRow>(
    `SELECT r.handler_officer_id AS officer_id, s.display_name AS officer_name, r.handler_unit_id AS unit_id,
            count(*) FILTER (WHERE r.rating = 'satisfied')::int AS satisfied,
            count(*) FILTER (WHERE r.rating = 'basically_satisfied')::int AS basically_satisfied,
            count(*) FILTER (WHERE r.rating = 'dissatisfied')::int AS dissatisfied
       FROM matter_ratings r
       ${visibleMatter('r')}
       JOIN staff s ON s.id = r.handler_officer_id
      WHERE r.rated_at >= ${p(w.start)} AND r.rated_at < ${p(w.end)} AND ${NOT_APPEALED_AWAY}
      GROUP BY 1, 2, 3`, params);
  return rows;
}

/** Ratings given in the range that an upheld appeal took out of the figures. */
export async function ratingsAppealedAway(db: Queryable, actor: Actor, w: Window): Promise<number> {
  const { params, p, visibleMatter } = builder(actor);
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM matter_ratings r ${visibleMatter('r')}
      WHERE r.rated_at >= ${p(w.start)} AND r.rated_at < ${p(w.end)} AND NOT ${NOT_APPEALED_AWAY}`, params);
  return rows[0].n;
}

export type FollowUpRow = {
  unit_id: number; closed: number; no_channel: number; superseded: number; followed_up: number; in_time: number; answered: number;
  unreachable: number; declined: number; first_closed: number; first_time: number;
};

/**
 * 回访 per unit followed up, over the handling cycles closed in the range (one follow-up each, created
 * by the closing). Followed up: a link was sent, a call was made, or the citizen rated first on their own;
 * a follow-up cancelled because the citizen reopened the matter counts for neither side. 一次办结: a first
 * closing (cycle 0) of a matter that has not been reopened since.
 */
export async function followUps(db: Queryable, actor: Actor, w: Window): Promise<FollowUpRow[]> {
  const { params, p, visibleMatter } = builder(actor);
  const { rows } = await db.query<FollowUpRow>(
    `SELECT f.handler_unit_id AS unit_id, count(*)::int AS closed,
            count(*) FILTER (WHERE f.status = 'no_channel')::int AS no_channel,
            count(*) FILTER (WHERE f.status = 'cancelled')::int AS superseded,
            count(*) FILTER (WHERE f.first_attempt_at IS NOT NULL AND f.status <> 'cancelled')::int AS followed_up,
            count(*) FILTER (WHERE f.first_attempt_at <= f.due_at AND f.status <> 'cancelled')::int AS in_time,
            count(*) FILTER (WHERE f.status = 'answered')::int AS answered,
            count(*) FILTER (WHERE f.status = 'unreachable')::int AS unreachable,
            count(*) FILTER (WHERE f.status = 'declined')::int AS declined,
            count(*) FILTER (WHERE f.cycle = 0)::int AS first_closed,
            count(*) FILTER (WHERE f.cycle = 0 AND m.cycle = 0)::int AS first_time
       FROM follow_ups f
       ${visibleMatter('f')}
      WHERE f.closed_at >= ${p(w.start)} AND f.closed_at < ${p(w.end)}
      GROUP BY 1`, params);
  return rows;
}

export type RectificationRow = { unit_id: number; open: number; overdue: number };

/** Rectifications still open now, and those of them past due, per unit rated. */
export async function openRectifications(db: Queryable, actor: Actor, w: Window): Promise<RectificationRow[]> {
  const { params, p, visibleMatter } = builder(actor);
  const { rows } = await db.query<RectificationRow>(
    `SELECT r.unit_id, count(*)::int AS open, count(*) FILTER (WHERE r.due_at < ${p(w.now)})::int AS overdue
       FROM rectifications r
       ${visibleMatter('r')}
      WHERE r.status = 'open'
      GROUP BY 1`, params);
  return rows;
}
