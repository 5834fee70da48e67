import type { AppContext } from '../../app-context.js';
import { dispatchFollowUps } from './follow-ups.js';
import { breachRectifications } from './rectifications.js';

export type FollowUpWork = { linksSent: number; queuedForCall: number; rectificationsBreached: number };

/** One round of the follow-up work at `now`: links out, unanswered links to the call queue, late rectifications marked. */
export async function runFollowUpWork(ctx: AppContext, now: Date): Promise<FollowUpWork> {
  const dispatched = await dispatchFollowUps(ctx, now);
  return { ...dispatched, rectificationsBreached: await breachRectifications(ctx.db, now) };
}

/** Runs the follow-up work every intervalMs in this process (as the sweeper does); returns a function that stops it. */
export function startFollowUpWorker(ctx: AppContext, intervalMs: number, log: (msg: string, detail?: object) => void) {
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      const result = await runFollowUpWork(ctx, ctx.clock());
      if (result.linksSent + result.queuedForCall + result.rectificationsBreached > 0) log('follow-up', result);
    } catch (error) {
      log('follow-up failed', { error: (error as Error).message });
    } finally {
      running = false;
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
