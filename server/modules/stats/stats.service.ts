import { STATS_DEFAULT_DAYS, STATS_MAX_DAYS, type Dashboard, type StatsQuery } from '../../../common/contracts/stats.js';
import type { AppContext } from '../../app-context.js';
import type { Actor } from '../../platform/auth/sessions.js';
import { AppError } from '../../platform/http/errors.js';
import * as repo from './stats.repo.js';

const DAY_MS = 86_400_000;
// China keeps UTC+8 all year (no daylight saving), so a China-time date's midnight is a fixed offset.
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** Today's date in China time (YYYY-MM-DD). */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The instant a China-time date begins. */
export function chinaMidnight(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - CHINA_OFFSET_MS);
}

export type Range = { from: string; to: string; days: number; start: Date; end: Date };

/** The inclusive China-time date range asked for; by default the last 30 days ending today. */
export function resolveRange(query: StatsQuery, now: Date): Range {
  const to = query.to ?? chinaDate(now);
  const from = query.from ?? addDays(to, -(STATS_DEFAULT_DAYS - 1));
  const days = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
  if (days < 1) throw new AppError('STATS_RANGE_REVERSED');
  if (days > STATS_MAX_DAYS) throw new AppError('STATS_RANGE_TOO_LONG', { max: STATS_MAX_DAYS });
  return { from, to, days, start: chinaMidnight(from), end: chinaMidnight(addDays(to, 1)) };
}

/** numerator / denominator, or null when there is nothing to divide. */
export const rate = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

type Counts = { satisfied: number; basicallySatisfied: number; dissatisfied: number };
/** 满意率 = (满意 + 基本满意) / all ratings. */
function ratingCounts(c: Counts) {
  const total = c.satisfied + c.basicallySatisfied + c.dissatisfied;
  return { ...c, total, satisfactionRate: rate(c.satisfied + c.basicallySatisfied, total) };
}

/** Everything the dashboard shows, for the matters the actor may see. */
export async function buildDashboard(ctx: AppContext, actor: Actor, query: StatsQuery): Promise<Dashboard> {
  const now = ctx.clock();
  const range = resolveRange(query, now);
  const w: repo.Window = { start: range.start, end: range.end, now };
  const [received, closed, onTime, overdueNow, breaches, ratings] = await Promise.all([
    repo.receivedPerDay(ctx.db, actor, w), repo.closedPerDay(ctx.db, actor, w), repo.onTimeByUnit(ctx.db, actor, w),
    repo.overdueNowByUnit(ctx.db, actor, w), repo.breachesByUnit(ctx.db, actor, w), repo.ratings(ctx.db, actor, w),
  ]);

  const receivedOn = new Map(received.map((r) => [r.day, r.n]));
  const closedOn = new Map(closed.map((r) => [r.day, r.n]));
  const daily = Array.from({ length: range.days }, (_, i) => {
    const date = addDays(range.from, i);
    return { date, received: receivedOn.get(date) ?? 0, closed: closedOn.get(date) ?? 0 };
  });

  const units = await ctx.org.units();
  const order = new Map(units.map((u, i) => [u.id, i]));
  const unitRef = (id: number) => ({ unitId: id, unitName: units.find((u) => u.id === id)?.name ?? `#${id}` });
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
  const kindOrder = await repo.kindOrder(ctx.db);
  const place = (code: string) => (kindOrder.includes(code) ? kindOrder.indexOf(code) : kindOrder.length);
  const satisfactionByKind = (await Promise.all(ratings.filter((r) => r.kind !== null).map(async (r) => {
    const kind = await ctx.kinds.get(r.kind!);
    return { kind: r.kind!, kindNameZh: kind?.nameZh ?? r.kind!, kindNameEn: kind?.nameEn ?? r.kind!, ...ratingCounts(counts(r)) };
  }))).sort((a, b) => place(a.kind) - place(b.kind));

  const sum = <T>(rows: T[], pick: (row: T) => number) => rows.reduce((n, row) => n + pick(row), 0);
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
    daily, onTimeByUnit, overdueByUnit, satisfactionByUnit, satisfactionByKind,
  };
}
