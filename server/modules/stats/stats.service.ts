import { STATS_DEFAULT_DAYS, STATS_MAX_DAYS, type Dashboard, type StatsQuery } from '../../../common/contracts/stats.js';
import type { AppContext } from '../../app-context.js';
import type { Actor } from '../../platform/auth/sessions.js';
import { addDays, daysBetween, shanghaiDate, startOfShanghaiDay } from '../../platform/calendar/civil-date.js';
import { AppError } from '../../platform/http/errors.js';
import { listKinds } from '../matters/index.js';
import * as repo from './stats.repo.js';

export type Range = { from: string; to: string; days: number; start: Date; end: Date };

/** The inclusive China-time date range asked for; by default the last 30 days ending today. */
export function resolveRange(query: StatsQuery, now: Date): Range {
  const to = query.to ?? shanghaiDate(now);
  const from = query.from ?? addDays(to, -(STATS_DEFAULT_DAYS - 1));
  const days = daysBetween(from, to) + 1;
  if (days < 1) throw new AppError('STATS_RANGE_REVERSED');
  if (days > STATS_MAX_DAYS) throw new AppError('STATS_RANGE_TOO_LONG', { max: STATS_MAX_DAYS });
  return { from, to, days, start: startOfShanghaiDay(from), end: startOfShanghaiDay(addDays(to, 1)) };
}

/** numerator / denominator, or null when there is nothing to divide. */
export const rate = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

type Counts = { satisfied: number; basicallySatisfied: number; dissatisfied: number };
/**
 * 满意率 = (满意 + 基本满意) / valid ratings: the plain formula (china-rules §2.4 and decision 0013). Some
 * bureaus weigh 基本满意 as a half; the counts are all in the answer, so either can be computed from them.
 * A rating whose appeal was upheld is not valid and is not counted (it stays on record).
 */
function ratingCounts(c: Counts) {
  const total = c.satisfied + c.basicallySatisfied + c.dissatisfied;
  return { ...c, total, satisfactionRate: rate(c.satisfied + c.basicallySatisfied, total) };
}

/** Everything the dashboard shows, for the matters the actor may see. */
export async function buildDashboard(ctx: AppContext, actor: Actor, query: StatsQuery): Promise<Dashboard> {
  const now = ctx.clock();
  const range = resolveRange(query, now);
  const w: repo.Window = { start: range.start, end: range.end, now };
  const [received, closed, onTime, overdueNow, breaches, ratings, byOfficer, appealedAway, followUps, rectifications, units, kinds] = await Promise.all([
    repo.receivedPerDay(ctx.db, actor, w), repo.closedPerDay(ctx.db, actor, w), repo.onTimeByUnit(ctx.db, actor, w),
    repo.overdueNowByUnit(ctx.db, actor, w), repo.breachesByUnit(ctx.db, actor, w), repo.ratings(ctx.db, actor, w),
    repo.ratingsByOfficer(ctx.db, actor, w), repo.ratingsAppealedAway(ctx.db, actor, w), repo.followUps(ctx.db, actor, w),
    repo.openRectifications(ctx.db, actor, w),
    // The kinds' catalogue (a few rows) gives their names and its order, so charts list kinds as the catalogue does.
    ctx.org.units(), listKinds(ctx.db),
  ]);

  const receivedOn = new Map(received.map((r) => [r.day, r.n]));
  const closedOn = new Map(closed.map((r) => [r.day, r.n]));
  const daily = Array.from({ length: range.days }, (_, i) => {
    const date = addDays(range.from, i);
    return { date, received: receivedOn.get(date) ?? 0, closed: closedOn.get(date) ?? 0 };
  });

  const order = new Map(units.map((u, i) => [u.id, i]));
  const unitNames = new Map(units.map((u) => [u.id, u.name]));
  const unitRef = (id: number) => ({ unitId: id, unitName: unitNames.get(id) ?? `#${id}` });
  const byUnitOrder = <T extends { unitId: number }>(rows: T[]) =>
    rows.sort((a, b) => (order.get(a.unitId) ?? 1e9) - (order.get(b.unitId) ?? 1e9) || a.unitId - b.unitId);

  const onTimeByUnit = byUnitOrder(onTime.map((r) => ({
    ...unitRef(r.unit_id), onTime: r.on_time, breached: r.breached, onTimeRate: rate(r.on_time, r.on_time + r.breached),
  })));

  const overdue = new Map<number, { overdueNow: number; deadlineBreaches: number; supervisionBreaches: number }>();
  const overdueOf = (id: number) => overdue.get(id) ?? overdue.set(id, { overdueNow: 0, deadlineBreaches: 0, supervisionBreaches: 0 }).get(id)!;
  for (const r of overdueNow) overdueOf(r.unit_id).overdueNow = r.n;
  for (const r of breaches) Object.assign(overdueOf(r.unit_id), { deadlineBreaches: r.deadline, supervisionBreaches: r.supervision });
  const overdueByUnit = byUnitOrder([...overdue].map(([id, counts]) => ({ ...unitRef(id), ...counts })));

  const counts = (r: repo.RatingRow): Counts => ({ satisfied: r.satisfied, basicallySatisfied: r.basically_satisfied, dissatisfied: r.dissatisfied });
  const satisfactionByUnit = byUnitOrder(ratings.filter((r) => r.unit_id !== null)
    .map((r) => ({ ...unitRef(r.unit_id!), ...ratingCounts(counts(r)) })));
  const kindAt = new Map(kinds.map((kind, i) => [kind.code, { kind, i }]));
  const place = (code: string) => kindAt.get(code)?.i ?? kinds.length;
  const satisfactionByKind = ratings.filter((r) => r.kind !== null).map((r) => {
    const kind = kindAt.get(r.kind!)?.kind;
    return { kind: r.kind!, kindNameZh: kind?.nameZh ?? r.kind!, kindNameEn: kind?.nameEn ?? r.kind!, ...ratingCounts(counts(r)) };
  }).sort((a, b) => place(a.kind) - place(b.kind));

  const sum = <T>(rows: T[], pick: (row: T) => number) => rows.reduce((n, row) => n + pick(row), 0);
  const satisfactionByOfficer = byOfficer.map((r) => ({
    officerId: r.officer_id, officerName: r.officer_name, ...unitRef(r.unit_id), ...ratingCounts(counts({ ...r, kind: null })),
  })).sort((a, b) => (order.get(a.unitId) ?? 1e9) - (order.get(b.unitId) ?? 1e9) || a.officerName.localeCompare(b.officerName, 'zh-CN') || a.officerId - b.officerId);

  const followUpUnits = new Map<number, repo.FollowUpRow & repo.RectificationRow>();
  const blank = (id: number) => ({ unit_id: id, closed: 0, no_channel: 0, superseded: 0, followed_up: 0, in_time: 0, answered: 0,
    unreachable: 0, declined: 0, first_closed: 0, first_time: 0, open: 0, overdue: 0 });
  for (const r of followUps) followUpUnits.set(r.unit_id, { ...blank(r.unit_id), ...r });
  for (const r of rectifications) followUpUnits.set(r.unit_id, { ...(followUpUnits.get(r.unit_id) ?? blank(r.unit_id)), open: r.open, overdue: r.overdue });
  const followUpCounts = (r: repo.FollowUpRow & repo.RectificationRow) => ({
    closed: r.closed, noChannel: r.no_channel, superseded: r.superseded, followedUp: r.followed_up, followedUpInTime: r.in_time,
    answered: r.answered, unreachable: r.unreachable, declined: r.declined,
    coverageRate: rate(r.followed_up, r.closed - r.no_channel - r.superseded), answerRate: rate(r.answered, r.followed_up),
    firstClosed: r.first_closed, firstTime: r.first_time, firstTimeRate: rate(r.first_time, r.first_closed),
    rectificationsOpen: r.open, rectificationsOverdue: r.overdue,
  });
  const followUpRows = [...followUpUnits.values()];
  const followUpTotal = followUpRows.reduce((t, r) => {
    for (const key of Object.keys(t) as (keyof typeof t)[]) if (key !== 'unit_id') t[key] += r[key];
    return t;
  }, blank(0));
  const onTimeTotal = sum(onTimeByUnit, (r) => r.onTime);
  const breachedTotal = sum(onTimeByUnit, (r) => r.breached);
  return {
    from: range.from, to: range.to, generatedAt: now.toISOString(),
    totals: {
      received: sum(daily, (d) => d.received), closed: sum(daily, (d) => d.closed),
      onTime: onTimeTotal, breached: breachedTotal, onTimeRate: rate(onTimeTotal, onTimeTotal + breachedTotal),
      overdueNow: sum(overdueNow, (r) => r.n),
      ...ratingCounts({
        satisfied: sum(satisfactionByUnit, (r) => r.satisfied), basicallySatisfied: sum(satisfactionByUnit, (r) => r.basicallySatisfied),
        dissatisfied: sum(satisfactionByUnit, (r) => r.dissatisfied),
      }),
    },
    daily, onTimeByUnit, overdueByUnit, satisfactionByUnit, satisfactionByKind, satisfactionByOfficer,
    followUp: {
      totals: { ...followUpCounts(followUpTotal), appealedAway },
      byUnit: byUnitOrder(followUpRows.map((r) => ({ ...unitRef(r.unit_id), ...followUpCounts(r) }))),
    },
  };
}
