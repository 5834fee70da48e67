import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../app-context.js';
import {
  answerRectification, appealRating, decideAppeal, hashToken, LINK_VALID_DAYS, rateByLink, recordCall, runFollowUpWork,
} from '../../modules/feedback/index.js';
import { seededRandom } from './random.js';
import { ratingFor } from './ratings.js';
import type { SeededStaff } from './staff.js';
import type { KindCode } from './texts.js';
import { HOUR, MINUTE } from './timeline.js';

/**
 * 回访 in the demo county, through the feedback module's services on a simulated clock: the closings of
 * the past (each got its follow-up from the closing) are settled as they would have been — most by the
 * command centre's call or the citizen's link, some unreachable, a few declined; most 不满意 were
 * rectified within days, a few are still open or overdue; one appeal is decided and one waits. The last
 * day's closings stay pending, so the running server sends only their few messages at start.
 */
export async function seedFollowUps(ctx: AppContext, staff: SeededStaff[], now: number, log: (line: string) => void) {
  const rng = seededRandom(2026_0404);
  const callers = staff.filter((s) => s.unitKind === 'command_centre' && s.roles.includes('call_taker'));
  const at = (t: number): AppContext => ({ ...ctx, clock: () => new Date(t) });
  const { rows } = await ctx.db.query<{ matter_id: number; cycle: number; closed_at: Date; unit_id: number; unit_code: string; unit_kind: string; kind: KindCode; version: number }>(
    `SELECT f.matter_id, f.cycle, f.closed_at, f.handler_unit_id AS unit_id, u.code AS unit_code, u.kind AS unit_kind, m.kind_code AS kind, f.version
       FROM follow_ups f JOIN units u ON u.id = f.handler_unit_id JOIN matters m ON m.jurisdiction_id = f.jurisdiction_id AND m.id = f.matter_id
      WHERE f.status = 'pending' AND f.closed_at < $1 AND m.state = 'closed' AND m.cycle = f.cycle ORDER BY f.closed_at`,
    [new Date(now - 24 * HOUR)]);
  let settled = 0;
  for (const f of rows) {
    const start = f.closed_at.getTime() + rng.int(10, 120) * MINUTE;
    const caller = rng.pick(callers);
    // The command centre does not follow up what it handled itself: those go by the link only.
    const byLink = f.unit_kind === 'command_centre' || rng.chance(0.3);
    if (byLink) {
      const token = randomBytes(24).toString('base64url');
      await ctx.db.query(
        `UPDATE follow_ups SET status = 'link_sent', link_token_hash = $3, link_sent_at = $4, link_expires_at = $5, first_attempt_at = $4, version = version + 1
          WHERE matter_id = $1 AND cycle = $2`, [f.matter_id, f.cycle, hashToken(token), new Date(start), new Date(start + LINK_VALID_DAYS * 24 * HOUR)]);
      if (rng.chance(0.75)) await rateByLink(at(start + rng.int(5, 300) * MINUTE), token, ratingFor(rng, f.unit_code, f.kind));
      else if (f.unit_kind !== 'command_centre') await callUntilDone(f);
      settled += 1;
      continue;
    }
    await ctx.db.query("UPDATE follow_ups SET status = 'calling', next_call_at = $3, version = version + 1 WHERE matter_id = $1 AND cycle = $2",
      [f.matter_id, f.cycle, new Date(start)]);
    await callUntilDone(f);
    settled += 1;

    async function callUntilDone(row: typeof f) {
      let t = start + 8 * HOUR;
      for (let attempt = 1; attempt <= 3; attempt++) {
        const { rows: [current] } = await ctx.db.query<{ version: number }>('SELECT version FROM follow_ups WHERE matter_id = $1 AND cycle = $2', [row.matter_id, row.cycle]);
        const roll = rng.next();
        const outcome = roll < 0.62 ? 'answered' : roll < 0.66 ? 'declined' : 'unreachable';
        await recordCall(at(t), caller, row.matter_id, {
          cycle: row.cycle, version: current.version, outcome,
          ...(outcome === 'answered' ? ratingFor(rng, row.unit_code, row.kind) : {}),
          ...(outcome === 'unreachable' ? { note: '无人接听' } : outcome === 'declined' ? { note: '群众表示不愿评价' } : {}),
        });
        if (outcome !== 'unreachable') return;
        t += 2 * HOUR + rng.int(0, 60) * MINUTE;
      }
    }
  }

  // Rectifications: most answered by the rated unit's leader within a few working days; the recent ones wait.
  const { rows: rects } = await ctx.db.query<{ matter_id: number; cycle: number; unit_id: number; opened_at: Date }>(
    "SELECT matter_id, cycle, unit_id, opened_at FROM rectifications WHERE status = 'open' ORDER BY opened_at");
  let rectified = 0;
  for (const r of rects) {
    const leader = staff.find((s) => s.unitId === r.unit_id && s.roles.includes('unit_leader')) ?? staff.find((s) => s.unitId === r.unit_id);
    const answerAt = r.opened_at.getTime() + rng.between(0.5, 6) * 24 * HOUR;
    if (!leader || answerAt > now || rng.chance(0.15)) continue;
    await answerRectification(at(answerAt), leader, r.matter_id, r.cycle, {
      actionTaken: rng.pick(['所领导带队回访群众，当面说明情况并道歉', '重新核实现场，联系相关部门落实解决', '对承办民警进行批评教育，责令重新办理']),
      feedback: rng.pick([
        '我所已重新核实并联系相关部门解决，对给您带来的不便深表歉意，欢迎继续监督。',
        '所领导已对承办民警提出批评，问题已重新办理完毕，感谢您的监督。',
        '经重新核实，已落实整改措施，后续如有问题请随时与我所联系。',
      ]),
    });
    rectified += 1;
  }
  await runFollowUpWork({ ...ctx, clock: () => new Date(now) }, new Date(now)).catch(() => undefined);

  // Two appeals against 不满意: one decided (upheld) by the supervision office, one waiting.
  const supervisor = staff.find((s) => s.roles.includes('supervisor'));
  const { rows: bad } = await ctx.db.query<{ matter_id: number; cycle: number; unit_id: number; rated_at: Date }>(
    `SELECT matter_id, cycle, handler_unit_id AS unit_id, rated_at FROM matter_ratings r
      WHERE rating = 'dissatisfied' AND rated_at < $1 AND EXISTS (SELECT 1 FROM units u WHERE u.id = r.handler_unit_id AND u.kind = 'station')
      ORDER BY rated_at DESC LIMIT 2`, [new Date(now - 2 * 24 * HOUR)]);
  for (const [i, b] of bad.entries()) {
    const appellant = staff.find((s) => s.unitId === b.unit_id && s.roles.includes('officer'));
    if (!appellant || !supervisor) continue;
    await appealRating(at(b.rated_at.getTime() + 3 * HOUR), appellant, b.matter_id, b.cycle,
      i === 0 ? '群众反映的问题属供电部门职责，我所已及时联系协调，评价与承办情况不符' : '群众对法律规定的办理时限有误解，已当面解释');
    if (i === 0) {
      await decideAppeal(at(b.rated_at.getTime() + 26 * HOUR), supervisor, b.matter_id, b.cycle,
        { decision: 'upheld', reason: '经核实，该事项不属公安机关职责，承办民警已尽告知和协调义务' });
    }
  }
  log(`回访 ${settled} 次，整改反馈 ${rectified} 件，评价申诉 ${bad.length} 件`);
}
