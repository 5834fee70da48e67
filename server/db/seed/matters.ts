import type { Role } from '../../../common/access.js';
import type { AppContext } from '../../app-context.js';
// The seed acts as staff and citizens would, through the same service functions as the HTTP routes.
import { matterService } from '../../modules/matters/index.js';
import { AREAS, pointIn } from './org.js';
import { homeAddress, idNumber, mobile, person } from './people.js';
import type { Random } from './random.js';
import type { SeededStaff } from './staff.js';
import {
  CHANNEL_PREFIX, GENERIC_NOTES, GENERIC_REOPEN, GENERIC_REQUEST, HEARING_PAUSE, PETITION_EXTENSION, REOPEN_REPLY, SUPERVISION,
  TOPICS, TRANSFER_REASONS, fill, placeVars, type KindCode, type Topic,
} from './texts.js';

const {
  acceptMatter, acceptTransfer, addNote, answerSupervision, closeMatter, extendMatter, pauseMatter, registerMatter,
  rejectMatter, reopenByCitizen, replyToCitizen, requestInfo, resumeMatter, returnTransfer, submitFromPortal,
  superviseMatter, supplementFromCitizen, transferMatter,
} = matterService;
import { DAY, HOUR, MINUTE, Plan, shanghaiMidnight } from './timeline.js';
import { planRating } from './ratings.js';

type Channel = 'portal' | 'window' | 'phone' | 'letter' | 'visit';

/**
 * What becomes of a matter, decided up front. Most are handled in time; a few are handled late, sit
 * unsigned or untaken (so the demo has overdue work), wait for an answer the citizen never sends, or
 * are not accepted. Steps planned after "now" simply have not happened yet, which is what leaves the
 * recent matters open.
 */
type Fate = 'normal' | 'late' | 'unsigned' | 'untaken' | 'waiting' | 'rejected';

const FATES: [Fate, number][] = [['normal', 83], ['late', 5], ['unsigned', 3], ['untaken', 3], ['waiting', 2], ['rejected', 4]];
const KINDS: [KindCode, number][] = [['consult', 22], ['help', 22], ['complaint', 16], ['report', 13], ['suggestion', 11], ['petition', 9]];
const CHANNELS: Record<KindCode, [Channel, number][]> = {
  consult: [['portal', 42], ['phone', 33], ['window', 20], ['visit', 5]],
  help: [['phone', 42], ['portal', 25], ['window', 16], ['visit', 17]],
  complaint: [['portal', 40], ['phone', 28], ['letter', 14], ['visit', 12], ['window', 6]],
  report: [['portal', 42], ['phone', 33], ['letter', 20], ['visit', 5]],
  suggestion: [['portal', 50], ['letter', 25], ['window', 10], ['phone', 10], ['visit', 5]],
  petition: [['letter', 50], ['visit', 50]],
};
// The county town has most of the people and most of the matters.
const AREA_WEIGHTS: Record<string, number> = { '01': 35, '02': 18, '03': 12, '04': 15, '05': 9, '06': 11 };
/** How long handlers take to answer, in days. */
const HANDLING_DAYS: Record<KindCode, [number, number]> = {
  consult: [0.05, 1], help: [0.5, 7], complaint: [2, 12], report: [2, 13], suggestion: [1, 8], petition: [15, 45],
};

/** Who is who in the demo county, as the scenarios need them. */
export class Directory {
  constructor(readonly staff: SeededStaff[]) {}

  private inUnit(unit: string) {
    const members = this.staff.filter((s) => s.unitCode === unit);
    if (members.length === 0) throw new Error(`no demo staff in unit ${unit}`);
    return members;
  }

  private has(s: SeededStaff, role: Role) {
    return s.roles.includes(role);
  }

  leader(unit: string): SeededStaff {
    const members = this.inUnit(unit);
    return members.find((s) => this.has(s, 'unit_leader')) ?? members[0];
  }

  /** Officers who handle matters (the leader only when the unit has nobody else). */
  officers(unit: string): SeededStaff[] {
    const members = this.inUnit(unit).filter((s) => this.has(s, 'officer') && !this.has(s, 'unit_leader'));
    return members.length > 0 ? members : [this.leader(unit)];
  }

  clerks(unit: string): SeededStaff[] {
    const members = this.inUnit(unit).filter((s) => (this.has(s, 'clerk') || this.has(s, 'call_taker')) && !this.has(s, 'unit_leader'));
    return members.length > 0 ? members : this.officers(unit);
  }

  get supervisors() {
    return this.staff.filter((s) => this.has(s, 'supervisor') && !this.has(s, 'officer'));
  }

  get leaders() {
    return this.staff.filter((s) => this.has(s, 'leader'));
  }

  unitId(unit: string) {
    return this.inUnit(unit)[0].unitId;
  }

  unitName(unit: string) {
    return this.inUnit(unit)[0].unitName;
  }
}

/** A matter as the steps know it once it exists. */
type Live = { id: number; trackingCode: string };

async function versionOf(ctx: AppContext, id: number): Promise<number> {
  const { rows } = await ctx.db.query<{ version: number }>('SELECT version FROM matters WHERE id = $1', [id]);
  return rows[0].version;
}

async function idOf(ctx: AppContext, trackingCode: string): Promise<number> {
  const { rows } = await ctx.db.query<{ id: number }>('SELECT id FROM matters WHERE tracking_code = $1', [trackingCode]);
  return rows[0].id;
}

const between = (rng: Random, [min, max]: [number, number]) => rng.between(min, max);
const commandCentre = (s: SeededStaff) => s.unitKind === 'command_centre';

/** When the matter reached the bureau: within the last 90 days, at an hour that suits the channel. */
function receivedAt(rng: Random, channel: Channel, fate: Fate, now: number): number {
  const daysAgo = fate === 'unsigned' || fate === 'untaken' || fate === 'waiting' ? rng.between(0.5, 15) : rng.between(0, 90);
  const day = shanghaiMidnight(now - daysAgo * DAY);
  const hour = channel === 'letter' ? rng.between(8.5, 11)
    : channel === 'window' || channel === 'visit' ? rng.between(8.5, 17.5)
    : rng.weighted([[rng.between(0, 7), 1], [rng.between(7, 12), 4], [rng.between(12, 18), 4], [rng.between(18, 24), 3]]);
  const at = day + Math.round(hour * 60) * MINUTE;
  // A letter is registered some hours after it arrives: it must have been registered by now.
  return at > now - (channel === 'letter' ? 5 * HOUR : 10 * MINUTE) ? at - DAY : at;
}

/** Plans the whole history of one demo matter. */
export function planMatter(
  index: number, random: { content: Random; timing: Random; feedback: Random }, dir: Directory, now: number, onCreated: () => void,
): Plan {
  // What happens comes from one stream; the jitter of office hours, which depends on the time of
  // day "now" falls at, from another, so the same matters come out whenever the demo is loaded.
  const rng = random.content;
  const fate = rng.weighted(FATES);
  // Most refusals are of things outside police work; a few are petitions on settled cases.
  const rejectable = TOPICS.filter((t) => t.reject).map((t) => [t, t.kind === 'petition' ? 1 : 3] as const);
  const topic: Topic = fate === 'rejected' ? rng.weighted(rejectable) : (() => {
    const kind = rng.weighted(KINDS);
    return rng.pick(TOPICS.filter((t) => t.kind === kind));
  })();
  const kind = topic.kind;
  let channel = rng.weighted(CHANNELS[kind]);
  // Nobody complains about a station's officers at that station's own window.
  if (topic.route === 'conduct' && channel === 'window') channel = 'visit';
  const areaCode = rng.weighted(Object.entries(AREA_WEIGHTS));
  const area = AREAS.find((a) => a.code === areaCode)!;
  const vars = placeVars(rng, area.places, area.station);
  const text = (template: string) => fill(template, vars);

  const who = person(rng);
  const contact = {
    name: who.name,
    phone: rng.chance(0.94) ? mobile(rng) : `0730-56${rng.int(10_000, 99_999)}`,
    ...(rng.chance(topic.idNumber ?? 0.1) ? { idNumber: idNumber(rng, who, new Date(now)) } : {}),
    ...(rng.chance(0.35) ? { address: homeAddress(rng, area.places) } : {}),
  };
  const content = CHANNEL_PREFIX[channel] + text(rng.pick(topic.contents));
  const location = topic.place
    ? { address: `青山县${area.places.town}${text(topic.place)}`, ...(rng.chance(channel === 'portal' ? 0.7 : 0.5) ? pointIn(area, rng.next(), rng.next()) : {}) }
    : undefined;

  const t0 = receivedAt(rng, channel, fate, now);
  const plan = new Plan(index, t0, random.timing);
  const live: Live = { id: 0, trackingCode: '' };
  const version = (ctx: AppContext) => versionOf(ctx, live.id);

  // ---- received: through the portal, or registered by whoever took the call, letter or visit ----
  let holder: { unit: string; actor: SeededStaff | null };
  if (channel === 'portal') {
    // A citizen who names the area reaches that station directly; otherwise the command centre receives it.
    const named = topic.route !== 'conduct' && rng.chance(0.55);
    plan.after(0, 'submit', async (ctx) => {
      const result = await submitFromPortal(ctx, { kind: kind as Exclude<KindCode, 'petition'>, content, location,
        jurisdictionCode: named ? area.code : undefined, contact }, undefined);
      live.trackingCode = result.trackingCode;
      live.id = await idOf(ctx, result.trackingCode);
      onCreated();
    }, { anyHour: true });
    // A point dropped on the map routes it to the station whose area contains it, as if the area were named.
    const pinned = location !== undefined && 'lng' in location;
    holder = { unit: named || pinned ? area.unitCode : 'command', actor: null };
  } else {
    const atPetitionOffice = channel === 'letter' || kind === 'petition' || topic.route === 'conduct'
      || (channel === 'visit' && rng.chance(0.35));
    const unit = channel === 'phone' ? 'command' : atPetitionOffice ? 'petition' : area.unitCode;
    const registrar = rng.pick(dir.clerks(unit));
    // The command centre files county-wide enquiries under the county; everything else under its area.
    const jurisdictionCode = unit === area.unitCode || (topic.route === 'direct' && unit === 'command' && rng.chance(0.5))
      ? undefined : area.code;
    const delay = channel === 'letter' ? rng.between(0.5, 4) * HOUR : rng.int(2, 8) * MINUTE;
    plan.after(delay, 'register', async (ctx) => {
      const result = await registerMatter(ctx, registrar, {
        kind, channel: channel as Exclude<Channel, 'portal'>, receivedAt: new Date(t0).toISOString(), content, location, jurisdictionCode, contact,
      });
      live.id = result.id;
      live.trackingCode = result.trackingCode;
      onCreated();
    }, { anyHour: commandCentre(registrar) });
    holder = { unit, actor: registrar };
  }
  if (fate === 'unsigned') return plan;

  // ---- not accepted: the leader of the receiving unit decides, with the reason ----
  if (fate === 'rejected') {
    const leader = dir.leader(holder.unit);
    plan.after(rng.between(1, 30) * HOUR, 'reject', async (ctx) => {
      await rejectMatter(ctx, leader, live.id, { version: await version(ctx), reason: topic.reject! });
    }, { anyHour: commandCentre(leader) });
    return plan;
  }

  // ---- routed to whoever answers for it (首问负责: the first receiver owns it until a transfer is accepted) ----
  const target = topic.route === 'direct' ? holder.unit
    : topic.route === 'conduct' ? 'supervision'
    : topic.route === 'mediation' ? (rng.chance(0.6) ? 'mediation' : area.unitCode)
    : topic.route === 'public_order' ? (rng.chance(0.5) ? 'public_order' : area.unitCode)
    : area.unitCode;

  if (kind === 'petition') {
    // 信访工作条例 第二十三条: the petition office tells the petitioner within 15 days whether it is accepted.
    const clerk = holder.actor!;
    plan.after(rng.between(1, 6) * DAY, 'accept petition', async (ctx) => acceptMatter(ctx, clerk, live.id, await version(ctx)));
  }

  let handler: SeededStaff;
  if (target === holder.unit) {
    const registrar = holder.actor;
    if (registrar && registrar.unitKind === 'station' && topic.route !== 'direct') {
      // The window assigns it to one of the station's officers.
      const officer = rng.pick(dir.officers(target));
      plan.after(rng.int(5, 40) * MINUTE, 'assign', async (ctx) => {
        await transferMatter(ctx, registrar, live.id, { version: await version(ctx), toUnitId: officer.unitId, toOfficerId: officer.staffId,
          reason: TRANSFER_REASONS.inside(officer.name) });
      });
      if (fate === 'untaken') return plan;
      plan.after(rng.between(0.5, 6) * HOUR, 'take assignment', async (ctx) => acceptTransfer(ctx, officer, live.id, await version(ctx)));
      handler = officer;
    } else if (registrar) {
      if (kind !== 'petition') {
        plan.after(rng.int(1, 15) * MINUTE, 'accept', async (ctx) => acceptMatter(ctx, registrar, live.id, await version(ctx)),
          { anyHour: commandCentre(registrar) });
      }
      handler = registrar;
    } else {
      // A portal matter waiting at the unit: whoever is on duty signs for it.
      const signer = topic.route === 'direct' && holder.unit !== 'command' && rng.chance(0.6) ? rng.pick(dir.clerks(holder.unit))
        : rng.chance(0.2) ? dir.leader(holder.unit) : rng.pick(holder.unit === 'command' ? dir.clerks('command') : dir.officers(holder.unit));
      const delay = rng.chance(0.1) ? rng.between(1, 3) * DAY : rng.between(0.3, 18) * HOUR;
      if (fate === 'untaken') return plan;
      plan.after(delay, 'accept', async (ctx) => acceptMatter(ctx, signer, live.id, await version(ctx)), { anyHour: commandCentre(signer) });
      handler = signer;
    }
  } else {
    const sender = holder.actor ?? (holder.unit === 'command' ? rng.pick(dir.clerks('command')) : rng.pick(dir.officers(holder.unit)));
    const anyHour = commandCentre(sender);
    const reason = target === 'supervision' ? TRANSFER_REASONS.conduct
      : target === 'mediation' ? TRANSFER_REASONS.mediation
      : target === 'public_order' ? TRANSFER_REASONS.publicOrder
      : kind === 'petition' ? TRANSFER_REASONS.petition(dir.unitName(target))
      : TRANSFER_REASONS.toStation(area.station);
    // Now and then the command centre sends it to the wrong station first, which sends it back.
    if (target === area.unitCode && holder.unit === 'command' && rng.chance(0.12)) {
      const wrong = rng.pick(AREAS.filter((a) => a.code !== area.code));
      const refuser = rng.chance(0.5) ? dir.leader(wrong.unitCode) : rng.pick(dir.officers(wrong.unitCode));
      plan.after(rng.between(0.2, 2) * HOUR, 'transfer to the wrong station', async (ctx) => {
        await transferMatter(ctx, sender, live.id, { version: await version(ctx), toUnitId: dir.unitId(wrong.unitCode),
          reason: TRANSFER_REASONS.wrongStation(wrong.station) });
      }, { anyHour });
      plan.after(rng.between(1, 20) * HOUR, 'return transfer', async (ctx) => {
        await returnTransfer(ctx, refuser, live.id, { version: await version(ctx), reason: TRANSFER_REASONS.returned(area.station) });
      });
    }
    const named = target === 'supervision' || rng.chance(0.4) ? rng.pick(dir.officers(target)) : undefined;
    plan.after(rng.between(0.2, 3) * HOUR, 'transfer', async (ctx) => {
      await transferMatter(ctx, sender, live.id, { version: await version(ctx), toUnitId: dir.unitId(target), toOfficerId: named?.staffId, reason });
    }, { anyHour });
    if (fate === 'untaken') return plan;
    const receiver = named ?? (rng.chance(0.3) ? dir.leader(target) : rng.pick(dir.officers(target)));
    const delay = rng.chance(0.1) ? rng.between(1, 3) * DAY : rng.between(0.5, 20) * HOUR;
    plan.after(delay, 'accept transfer', async (ctx) => acceptTransfer(ctx, receiver, live.id, await version(ctx)));
    handler = receiver;
  }

  planHandling(plan, rng, dir, { live, version, text, topic, fate, handler, quick: channel === 'phone' && topic.route === 'direct',
    portal: channel === 'portal', feedback: random.feedback });
  return plan;
}

type HandlingInput = {
  live: Live; version: (ctx: AppContext) => Promise<number>; text: (template: string) => string; topic: Topic; fate: Fate;
  handler: SeededStaff;
  /** An enquiry answered on the phone while the caller is still on the line. */
  quick: boolean;
  /** Submitted through the portal (its citizens rate more often), and the stream the ratings are drawn from. */
  portal: boolean; feedback: Random;
};

/** From acceptance to the answer: notes, requests to the citizen, hearings, supervision, extension, reply, closing, reopening. */
function planHandling(plan: Plan, rng: Random, dir: Directory, { live, version, text, topic, fate, handler, quick, portal, feedback }: HandlingInput) {
  const kind = topic.kind;
  const anyHour = commandCentre(handler);
  const accepted = plan.time;
  const extended = kind === 'petition' && rng.chance(0.3);
  let replyAt = quick ? accepted + rng.int(3, 30) * MINUTE
    : accepted + between(rng, topic.days ?? HANDLING_DAYS[kind]) * DAY * (fate === 'late' ? rng.between(2.5, 4) : 1) + (extended ? rng.between(25, 40) * DAY : 0);
  const note = (label: string, body: string) => plan.after(rng.between(1, 20) * HOUR, label, async (ctx) => addNote(ctx, handler, live.id, body), { anyHour });

  if (!quick && rng.chance(0.45)) note('note', text(rng.pick(topic.notes ?? GENERIC_NOTES)));

  // Only what happened somewhere gets the generic question about where and when.
  const asks = rng.chance(topic.request ? 0.4 : topic.place ? 0.1 : 0);
  if (!quick && (asks || fate === 'waiting')) {
    const [ask, answer] = topic.request ?? GENERIC_REQUEST;
    plan.after(rng.between(2, 30) * HOUR, 'request info', async (ctx) => requestInfo(ctx, handler, live.id, { version: await version(ctx), request: text(ask) }), { anyHour });
    // Some citizens never send what was asked for: the clock stays stopped and the matter waits for them.
    if (rng.chance(0.3) || fate === 'waiting') return;
    const asked = plan.time;
    plan.after(rng.between(0.3, 4) * DAY, 'supplement', async (ctx) => supplementFromCitizen(ctx, live.trackingCode, text(answer)), { anyHour: true });
    replyAt += plan.time - asked;
  }

  if (kind === 'petition' && rng.chance(0.2)) {
    // 信访工作条例 第三十六条: time spent on a hearing is not counted.
    const [why, done] = HEARING_PAUSE;
    plan.after(rng.between(3, 10) * DAY, 'hearing', async (ctx) => pauseMatter(ctx, handler, live.id, { version: await version(ctx), pauseReason: 'hearing', reason: why }));
    const paused = plan.time;
    plan.after(rng.between(5, 12) * DAY, 'hearing done', async (ctx) => resumeMatter(ctx, handler, live.id, { version: await version(ctx), reason: done }));
    replyAt += plan.time - paused;
  }

  const supervised = fate === 'late' ? 0.8 : kind === 'complaint' ? 0.2 : kind === 'petition' ? 0.35 : 0.04;
  // The 督察大队 does not supervise the complaints it handles itself.
  if (!quick && handler.unitKind !== 'supervision_office' && rng.chance(supervised)) {
    const supervisor = rng.pick(dir.supervisors.length > 0 ? dir.supervisors : dir.leaders);
    const instructions = fate === 'late' ? SUPERVISION.late : rng.pick(SUPERVISION.instructions);
    const issueAt = plan.time + Math.max(0.5 * DAY, (replyAt - plan.time) * rng.between(0.3, 0.7));
    let orderId = 0;
    plan.after(issueAt - plan.time, 'supervise', async (ctx) => {
      // 限三日内反馈: by six in the evening of the third day.
      const dueAt = new Date(shanghaiMidnight(ctx.clock().getTime()) + 3 * DAY + 18 * HOUR);
      ({ orderId } = (await superviseMatter(ctx, supervisor, live.id, { instructions, dueAt: dueAt.toISOString() })).value);
    });
    // Most orders are answered in time; a few run past their own deadline and are recorded as breached.
    if (rng.chance(0.8)) {
      const answer = rng.pick(SUPERVISION.answers);
      plan.after(rng.between(0.3, rng.chance(0.85) ? 2.5 : 5) * DAY, 'answer supervision',
        async (ctx) => answerSupervision(ctx, handler, live.id, orderId, answer), { anyHour });
    }
  }

  if (extended) {
    const leader = rng.pick(dir.leaders);
    const at = Math.max(plan.time + HOUR, accepted + rng.between(40, 55) * DAY);
    plan.after(at - plan.time, 'extend', async (ctx) => extendMatter(ctx, leader, live.id, { version: await version(ctx), reason: PETITION_EXTENSION }));
  }

  if (!quick && rng.chance(0.2)) note('second note', rng.pick(GENERIC_NOTES));

  const closeWithReply = rng.chance(kind === 'consult' ? 0.8 : 0.4);
  const reply = text(rng.pick(topic.replies));
  plan.after(Math.max(30 * MINUTE, replyAt - plan.time), 'reply', async (ctx) => {
    await replyToCitizen(ctx, handler, live.id, { version: await version(ctx), text: reply, close: closeWithReply });
  }, { anyHour });
  // After the reply comes the follow-up call; most are closed within the week, a few wait longer.
  if (!closeWithReply) {
    if (rng.chance(0.1)) return;
    plan.after(rng.between(1, 7) * DAY, 'close', async (ctx) => closeMatter(ctx, handler, live.id, await version(ctx)), { anyHour });
  }

  const reopens = rng.chance(topic.reopen ? 0.3 : 0.03);
  // The citizen's rating comes from its own random stream, so that adding it moved no other draw.
  const rating = { handler, kind, late: fate === 'late', portal };
  planRating(plan, feedback, () => live.trackingCode, { ...rating, reopens });
  if (reopens) {
    const why = text(topic.reopen ?? GENERIC_REOPEN);
    plan.after(rng.between(1, 10) * DAY, 'reopen', async (ctx) => reopenByCitizen(ctx, live.trackingCode, why), { anyHour: true });
    plan.after(rng.between(1, 5) * DAY, 'reply again', async (ctx) => {
      await replyToCitizen(ctx, handler, live.id, { version: await version(ctx), text: REOPEN_REPLY, close: true });
    }, { anyHour });
    planRating(plan, feedback, () => live.trackingCode, { ...rating, reopens: false });
  }
}

