import type { AppContext } from '../../app-context.js';
import { runSweep } from '../../modules/matters/index.js';
import type { Random } from './random.js';

/**
 * Simulated time. Each matter's history is planned as a list of steps at instants in the past; all
 * steps of all matters then run in time order against one context whose clock shows the step's
 * instant, with the deadline sweep run at regular instants in between, so that warnings, breaches
 * and accountability records carry the times they would have had.
 */
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
const SHANGHAI_OFFSET = 8 * HOUR; // China keeps UTC+8 all year

/** The hour of day in Asia/Shanghai. */
export const shanghaiHour = (t: number) => Math.floor((((t + SHANGHAI_OFFSET) % DAY) + DAY) % DAY / HOUR);

/** Midnight (Asia/Shanghai) of the day that contains t. */
export const shanghaiMidnight = (t: number) => t - ((((t + SHANGHAI_OFFSET) % DAY) + DAY) % DAY);

/** Office hours for staff outside the command centre: an action due at night happens the next morning. */
export function onDuty(t: number, rng: Random): number {
  const hour = shanghaiHour(t);
  if (hour >= 8 && hour < 21) return t;
  const nextMorning = shanghaiMidnight(t) + (hour >= 21 ? DAY : 0) + 8 * HOUR;
  // Spread over the next working day rather than piling everything up at eight o'clock.
  return nextMorning + rng.weighted([[rng.int(0, 120), 3], [rng.int(120, 600), 2]] as const) * MINUTE;
}

export type Step = { at: number; label: string; run: (ctx: AppContext) => Promise<unknown> };

/** One matter's history: steps at strictly increasing instants. */
export class Plan {
  readonly steps: Step[] = [];
  private t: number;

  constructor(readonly index: number, start: number, private readonly rng: Random) {
    this.t = start;
  }

  get time() {
    return this.t;
  }

  /**
   * Adds a step `delay` ms after the previous one (at least a minute after it; the first step may be at
   * the start itself); a staff step is moved into office hours unless `anyHour`.
   */
  after(delay: number, label: string, run: Step['run'], options: { anyHour?: boolean } = {}): this {
    // Whole minutes: timelines read like a duty log.
    let at = Math.round((this.t + Math.max(delay, this.steps.length === 0 ? 0 : MINUTE)) / MINUTE) * MINUTE;
    if (!options.anyHour) at = onDuty(at, this.rng);
    this.t = at;
    this.steps.push({ at, label, run });
    return this;
  }
}

/** Sweep instants (Asia/Shanghai): just after midnight, when day-based deadlines run out; just after 18:00, when supervision orders fall due; and during the day. */
const SWEEP_HOURS = [0.1, 8, 12, 16, 18.1, 21];

function sweepInstants(from: number, to: number): number[] {
  const instants: number[] = [];
  for (let day = shanghaiMidnight(from); day <= to; day += DAY) {
    for (const hour of SWEEP_HOURS) {
      const at = day + hour * HOUR;
      if (at >= from && at <= to) instants.push(at);
    }
  }
  return instants;
}

/**
 * Runs every step up to `now` in time order (ties in plan order), sweeping in between when
 * `sweepHistory` is set. Steps planned after `now` have not happened yet and are left out, which is
 * what leaves recent matters open.
 */
export async function runPlans(
  ctx: AppContext, plans: Plan[], now: number, options: { sweepHistory: boolean; onStep?: (step: Step) => void },
): Promise<{ steps: number }> {
  let simulated = now;
  const simulatedCtx: AppContext = { ...ctx, clock: () => new Date(simulated) };
  const steps = plans
    .flatMap((plan) => plan.steps.map((step, order) => ({ step, plan: plan.index, order })))
    .filter(({ step }) => step.at <= now)
    .sort((a, b) => a.step.at - b.step.at || a.plan - b.plan || a.order - b.order);
  const sweeps = options.sweepHistory && steps.length > 0 ? sweepInstants(steps[0].step.at, now) : [];
  let nextSweep = 0;
  for (const { step, plan } of steps) {
    while (nextSweep < sweeps.length && sweeps[nextSweep] <= step.at) {
      await runSweep(ctx.db, new Date(sweeps[nextSweep++]));
    }
    simulated = step.at;
    try {
      await step.run(simulatedCtx);
    } catch (error) {
      const message = `demo matter #${plan}: step "${step.label}" at ${new Date(step.at).toISOString()} failed: ${(error as Error).message}`;
      throw Object.assign(new Error(message), { cause: error });
    }
    options.onStep?.(step);
  }
  while (nextSweep < sweeps.length) await runSweep(ctx.db, new Date(sweeps[nextSweep++]));
  return { steps: steps.length };
}
