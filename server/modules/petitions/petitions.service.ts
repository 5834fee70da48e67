/**
 * 信访 under 信访工作条例 (2022): registration with the fields of Art. 19, the acceptance decision (Art. 22–23),
 * handling and its one extension (Art. 34), the written opinion (Art. 32), 复查 (Art. 35) and 复核 (Art. 36),
 * after which the same facts and reasons are not accepted again, and 带案回访. Every action goes through the
 * matter's act() (or citizenAct() for the petitioner), so its clocks, its timeline and these tables change in
 * one transaction. The matter's handling cycles carry the levels: 0 handling, 1 复查, 2 复核 (decision 0014).
 */
import { createHash } from 'node:crypto';
import { mayGeneral } from '../../../common/access.js';
import {
  MAX_REPRESENTATIVES, OPINION_LEVEL_LABELS, OPINION_RESULT_LABELS, PETITION_STAGE_LABELS, type OnlinePetitionBody, type OpinionLevel,
  type OpinionResult, type RegisterPetitionBody,
} from '../../../common/contracts/petitions.js';
import type { AppContext } from '../../app-context.js';
import type { Actor } from '../../platform/auth/sessions.js';
import { shanghaiDate } from '../../platform/calendar/civil-date.js';
import type { Queryable } from '../../platform/db/database.js';
import { AppError, type LocalizedFieldError } from '../../platform/http/errors.js';
import { queueSms } from '../../platform/notify/index.js';
import {
  appendEvent, assertNotDuplicate, cancelClocks, clocksStartingOn, extendClock, findMatterById, findPortalSubmission, formatTrackingCode,
  insertMatter, matterService, newTrackingCode, startClocks, startNewCycle, stopClocksEndingOn, updateMatter, visibleMattersCondition,
  type MatterRow,
} from '../matters/index.js';
import {
  findPetitionsOfPerson, insertPetition, loadOpinions, loadPetition, recordDecision, stageOf, type EarlierRow, type PetitionRow,
} from './petitions.repo.js';

const LEVELS: OpinionLevel[] = ['opinion', 'review', 're_review'];
/** 信访工作条例 第三十五条 (复查) and 第三十六条 (复核): 30 日 to ask, counted from receipt of the written opinion. */
const REQUEST_WINDOW = { amount: 30, unit: 'calendar_day', rollForwardIfHoliday: false } as const;
const ARTICLE = { review: 35, re_review: 36 } as const;

/** 2026-03-02, China time. */

/** The matter's text: Art. 19's 请求、事实、理由 in one, so that the list, search and duplicate guard see them. */
function composeContent(body: { request: string; facts: string; reasons: string }) {
  return `请求：${body.request.trim()}\n事实：${body.facts.trim()}\n理由：${body.reasons.trim()}`.slice(0, 5000);
}

export async function petitionKind(ctx: AppContext) {
  const kind = await ctx.kinds.get('petition');
  if (!kind) throw new Error('the petition kind is missing');
  return kind;
}

function assertManager(actor: Actor) {
  if (!mayGeneral(actor.roles, 'petition.manage')) throw new AppError('FORBIDDEN');
}

/** The petition of a locked matter; anything else is not a petition. */
async function petitionOf(tx: Queryable, matter: MatterRow): Promise<PetitionRow> {
  const row = matter.kind_code === 'petition' ? await loadPetition(tx, matter.jurisdiction_id, matter.id, true) : undefined;
  if (!row) throw new AppError('PETITION_NOT_FOUND');
  return row;
}

async function awaitingAcceptance(db: Queryable, matter: MatterRow) {
  const { rows } = await db.query(
    `SELECT 1 FROM matter_deadlines WHERE jurisdiction_id = $1 AND matter_id = $2 AND rule->>'endsOn' = 'accepted' AND status = 'active'`,
    [matter.jurisdiction_id, matter.id]);
  return rows.length > 0;
}

export async function stageOfMatter(db: Queryable, matter: MatterRow) {
  return stageOf(matter.state, matter.cycle, matter.state === 'transferring' && (await awaitingAcceptance(db, matter)));
}

async function wrongStage(db: Queryable, matter: MatterRow) {
  return new AppError('PETITION_WRONG_STAGE', { stage: PETITION_STAGE_LABELS[await stageOfMatter(db, matter)] });
}

/** A text to the petitioner's phone, if there is one, sent if and only if the action commits; it carries the tracking link. */
async function tellPetitioner(ctx: AppContext, tx: Queryable, matter: MatterRow, purpose: string, text: string, at: Date) {
  if (!matter.contact_phone_enc) return;
  await queueSms(tx, ctx.vault, {
    purpose, to: { phoneEnc: matter.contact_phone_enc }, matter: { jurisdictionId: matter.jurisdiction_id, id: matter.id }, at,
    text: `【警民通】${text} 查询码 ${formatTrackingCode(matter.tracking_code)}，详见 ${ctx.publicBaseUrl}/track/${formatTrackingCode(matter.tracking_code)}`,
  });
}

// ---- registration ----

function checkGroup(body: RegisterPetitionBody): LocalizedFieldError[] {
  const reps = (body.representatives ?? []).map((r) => r.trim()).filter(Boolean);
  if (body.form !== 'group_visit') {
    return body.groupSize !== undefined || reps.length > 0
      ? [{ path: 'representatives', zh: '只有多人走访才登记来访人数和代表', en: 'Only a group visit has a group size and representatives' }]
      : [];
  }
  const fields: LocalizedFieldError[] = [];
  // 信访工作条例 第二十条: 多人采用走访形式提出共同的信访事项的，应当推选代表，代表人数不超过5人.
  if (reps.length === 0) fields.push({ path: 'representatives', zh: '多人走访应推选代表，请登记代表姓名', en: 'A group visit chooses representatives; enter their names' });
  if (reps.length > MAX_REPRESENTATIVES) {
    fields.push({ path: 'representatives', zh: `多人走访推选的代表不超过 ${MAX_REPRESENTATIVES} 人（《信访工作条例》第二十条），现有 ${reps.length} 人`,
      en: `A group visit may have at most ${MAX_REPRESENTATIVES} representatives (Art. 20 of the Regulation); ${reps.length} were entered` });
  }
  if (body.groupSize === undefined) fields.push({ path: 'groupSize', zh: '请填写来访人数', en: 'Enter how many people came' });
  else if (body.groupSize < reps.length) fields.push({ path: 'groupSize', zh: '来访人数不能少于代表人数', en: 'The group cannot be smaller than its representatives' });
  return fields;
}

function personIndexes(ctx: AppContext, petitioner: { phone?: string; idNumber?: string }) {
  return {
    phoneIndex: petitioner.phone ? ctx.vault.blindIndex(petitioner.phone) : null,
    idNoIndex: petitioner.idNumber ? ctx.vault.blindIndex(petitioner.idNumber.toUpperCase()) : null,
  };
}

/** The same person's earlier petitions that the actor may see. */
export async function earlierPetitions(ctx: AppContext, db: Queryable, actor: Actor, person: { phone?: string; idNumber?: string }, except: number | null = null) {
  return findPetitionsOfPerson(db, personIndexes(ctx, person), (p) => visibleMattersCondition(actor, p), except);
}

function finalOne(rows: EarlierRow[]) {
  return rows.find((row) => row.final_at !== null);
}

/**
 * A letter, visit or group visit, registered by the petition office (or a leader on a reception day). A person
 * whose earlier petition is final after 复核 is stopped with the rule (Art. 36 ¶3) until staff either record a
 * 不予受理 on that ground in this same step or confirm that new facts or reasons are brought.
 */
export async function registerPetition(ctx: AppContext, actor: Actor, body: RegisterPetitionBody) {
  assertManager(actor);
  const unit = await ctx.org.unit(actor.unitId);
  if (unit?.kind !== 'petition_office' && !actor.roles.includes('leader')) throw new AppError('PETITION_OFFICE_ONLY');
  const now = ctx.clock();
  const receivedAt = new Date(body.receivedAt);
  if (receivedAt.getTime() > now.getTime()) throw new AppError('RECEIVED_IN_FUTURE');
  const fields = checkGroup(body);
  if (body.petitioner.idNumber && !matterService.isValidIdNumber(body.petitioner.idNumber)) {
    fields.push({ path: 'petitioner.idNumber', zh: '身份证号校验位不正确，请核对', en: 'The check digit of the identity number is wrong' });
  }
  if (fields.length) throw new AppError('VALIDATION_FAILED', {}, fields);
  const content = composeContent(body);
  await assertNotDuplicate(ctx, ctx.db, { phone: body.petitioner.phone, content, confirmed: body.confirmDuplicate });
  const jurisdiction = await ctx.org.jurisdiction(actor.unitJurisdictionId);
  if (!jurisdiction) throw new AppError('UNKNOWN_JURISDICTION');
  const earlier = await earlierPetitions(ctx, ctx.db, actor, body.petitioner);
  const final = finalOne(earlier);
  if (final && body.earlierFinal === undefined) {
    throw new AppError('PETITION_EARLIER_FINAL', { caseNo: final.case_no, date: shanghaiDate(final.final_at!) });
  }
  if (body.earlierFinal === 'not_accept' && !final) throw new AppError('PETITION_NOTHING_FINAL');
  if (body.repeatOf !== undefined && !earlier.some((e) => e.id === body.repeatOf && e.jurisdiction_id === jurisdiction.id)) {
    throw new AppError('PETITION_REPEAT_INVALID');
  }
  const kind = await petitionKind(ctx);
  const deadlines = clocksStartingOn(kind, 'received', receivedAt, ctx.calendar);
  const reps = (body.representatives ?? []).map((r) => r.trim()).filter(Boolean);
  const person = personIndexes(ctx, body.petitioner);
  return ctx.db.transaction(async (tx) => {
    const created = await insertMatter(tx, {
      jurisdictionId: jurisdiction.id, trackingCode: newTrackingCode(jurisdiction.code), kind: 'petition',
      channel: body.form === 'letter' ? 'letter' : 'visit', content, locationAddress: null, lng: null, lat: null,
      nameEnc: ctx.vault.encrypt(body.petitioner.name.trim()), phoneEnc: body.petitioner.phone ? ctx.vault.encrypt(body.petitioner.phone) : null,
      idNoEnc: body.petitioner.idNumber ? ctx.vault.encrypt(body.petitioner.idNumber.toUpperCase()) : null,
      addressEnc: ctx.vault.encrypt(body.petitioner.address.trim()), phoneIndex: person.phoneIndex,
      receivedAt, registeredAt: now, registeredBy: actor.staffId, firstUnitId: actor.unitId, firstOfficerId: actor.staffId, deadlines,
      event: { type: 'matter.registered', actorKind: 'staff', actorStaffId: actor.staffId, actorUnitId: actor.unitId,
        payload: { channel: body.form === 'letter' ? 'letter' : 'visit', receivedAt: receivedAt.toISOString(), petitionForm: body.form } },
    });
    await ctx.calendar.raiseAlerts(tx, [...new Set(deadlines.flatMap((d) => d.provisionalYears))]);
    await insertPetition(tx, jurisdiction.id, created.id, {
      form: body.form, request: body.request.trim(), facts: body.facts.trim(), reasons: body.reasons.trim(),
      groupSize: body.form === 'group_visit' ? body.groupSize! : null,
      representativesEnc: reps.length ? ctx.vault.encrypt(JSON.stringify(reps)) : null, representativeCount: reps.length, idNoIndex: person.idNoIndex,
    });
    const matter = (await findMatterById(tx, created.id, true))!;
    const event = (type: string, visibility: 'public' | 'internal', payload: object, reason?: string) =>
      appendEvent(tx, matter.jurisdiction_id, matter.id, { type, actorKind: 'staff', actorStaffId: actor.staffId, actorUnitId: actor.unitId, visibility, payload, reason, at: now });
    if (body.repeatOf !== undefined) await linkInTx(ctx, tx, actor, matter, body.repeatOf, now, event);
    let notAccepted = false;
    if (body.earlierFinal === 'not_accept') {
      // 信访工作条例 第三十六条第三款: the same facts and reasons, after 复核, are not accepted again. Told in writing (Art. 23).
      const reasons = `您反映的事项已于 ${shanghaiDate(final!.final_at!)} 复核终结（${final!.case_no}）。依照《信访工作条例》第三十六条，以同一事实和理由提出的投诉请求不再受理。`;
      await notAccept(ctx, tx, actor, matter, reasons, 'final', now, event, (changes) => updateMatter(tx, matter, changes, now));
      notAccepted = true;
    } else if (body.earlierFinal === 'new_facts') {
      await event('petition.newFactsConfirmed', 'internal', { earlierMatterId: final!.id, earlierCaseNo: final!.case_no });
    }
    return { id: created.id, caseNo: created.case_no, trackingCode: formatTrackingCode(created.tracking_code), notAccepted };
  });
}

/** Canonical JSON (sorted keys): the same petition hashes the same whatever the key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export type OnlineResult = { trackingCode: string; caseNo: string; receivedAt: Date; replayed: boolean };

async function replayOf(ctx: AppContext, key: string, requestHash: Buffer): Promise<OnlineResult | undefined> {
  const earlier = await findPortalSubmission(ctx.db, key);
  if (!earlier) return undefined;
  if (!earlier.request_hash.equals(requestHash)) throw new AppError('IDEMPOTENCY_KEY_REUSED');
  const matter = await findMatterById(ctx.db, earlier.matter_id);
  return { trackingCode: formatTrackingCode(earlier.tracking_code), caseNo: matter!.case_no, receivedAt: matter!.received_at, replayed: true };
}

/**
 * 网上信访 (Art. 21): the petitioner's own form, received by the petition office. Idempotent like the portal's
 * submission (the same key replays the first answer; the key row is written in the matter's statement) and
 * guarded against the same text sent twice in a day.
 */
export async function submitOnline(ctx: AppContext, body: OnlinePetitionBody, idempotencyKey: string | undefined): Promise<OnlineResult> {
  const requestHash = createHash('sha256').update(canonical({ petition: body })).digest();
  if (idempotencyKey) {
    const earlier = await replayOf(ctx, idempotencyKey, requestHash);
    if (earlier) return earlier;
  }
  if (body.petitioner.idNumber && !matterService.isValidIdNumber(body.petitioner.idNumber)) {
    throw new AppError('VALIDATION_FAILED', {}, [{ path: 'petitioner.idNumber', zh: '身份证号校验位不正确，请核对', en: 'The check digit of the identity number is wrong' }]);
  }
  const content = composeContent(body);
  try {
    await assertNotDuplicate(ctx, ctx.db, { phone: body.petitioner.phone, content, confirmed: body.confirmDuplicate });
  } catch (error) {
    // A concurrent twin with the same key that committed a moment ago is this request's first result, not a repeat.
    const twin = idempotencyKey ? await replayOf(ctx, idempotencyKey, requestHash) : undefined;
    if (twin) return twin;
    throw error;
  }
  const units = await ctx.org.units();
  const receiver = units.find((u) => u.kind === 'petition_office' && u.active) ?? (await ctx.org.portalReceiver(undefined));
  if (!receiver) throw new Error('no unit receives online petitions');
  const jurisdiction = (await ctx.org.jurisdiction(receiver.jurisdictionId))!;
  const kind = await petitionKind(ctx);
  const now = ctx.clock();
  const deadlines = clocksStartingOn(kind, 'received', now, ctx.calendar);
  const person = personIndexes(ctx, body.petitioner);
  const created = await ctx.db.transaction(async (tx) => {
    const matter = await insertMatter(tx, {
      jurisdictionId: jurisdiction.id, trackingCode: newTrackingCode(jurisdiction.code), kind: 'petition', channel: 'portal', content,
      locationAddress: null, lng: null, lat: null, nameEnc: ctx.vault.encrypt(body.petitioner.name.trim()),
      phoneEnc: ctx.vault.encrypt(body.petitioner.phone), idNoEnc: body.petitioner.idNumber ? ctx.vault.encrypt(body.petitioner.idNumber.toUpperCase()) : null,
      addressEnc: ctx.vault.encrypt(body.petitioner.address.trim()), phoneIndex: person.phoneIndex, receivedAt: now, registeredAt: now,
      registeredBy: null, firstUnitId: receiver.id, firstOfficerId: null, deadlines,
      event: { type: 'matter.submitted', actorKind: 'citizen', actorStaffId: null, actorUnitId: null,
        payload: { channel: 'portal', receiverUnitId: receiver.id, petitionForm: 'online' } },
      idempotency: idempotencyKey ? { key: idempotencyKey, requestHash } : undefined,
    });
    if (matter) {
      await insertPetition(tx, jurisdiction.id, matter.id, {
        form: 'online', request: body.request.trim(), facts: body.facts.trim(), reasons: body.reasons.trim(),
        groupSize: null, representativesEnc: null, representativeCount: 0, idNoIndex: person.idNoIndex,
      });
      await ctx.calendar.raiseAlerts(tx, [...new Set(deadlines.flatMap((d) => d.provisionalYears))]);
    }
    return matter;
  });
  if (!created) {
    const earlier = await replayOf(ctx, idempotencyKey!, requestHash);
    if (earlier) return earlier;
    throw new Error('idempotent insert returned nothing and no earlier submission exists');
  }
  return { trackingCode: formatTrackingCode(created.tracking_code), caseNo: created.case_no, receivedAt: created.received_at, replayed: false };
}

// ---- the office's decisions ----

type Event = (type: string, visibility: 'public' | 'internal', payload: object, reason?: string) => Promise<number>;

async function notAccept(
  ctx: AppContext, tx: Queryable, actor: Actor, matter: MatterRow, reasons: string, ground: 'final' | 'other', now: Date, event: Event,
  update: (changes: Record<string, unknown>) => Promise<void>,
) {
  await update({ state: 'not_accepted', closed_at: now });
  // The decision answers the routing (Art. 22) and acceptance (Art. 23) clocks; nothing else is owed.
  await stopClocksEndingOn(tx, matter, 'routed', now);
  await stopClocksEndingOn(tx, matter, 'accepted', now);
  await cancelClocks(tx, matter);
  await recordDecision(tx, matter.jurisdiction_id, matter.id, { acceptance: 'not_accepted', reasons, ground, at: now, by: actor.staffId });
  await event('matter.rejected', 'public', { ground, petitionDocument: 'non_acceptance_notice' }, reasons);
  await tellPetitioner(ctx, tx, matter, 'petition_not_accepted', '您的信访事项不予受理，不予受理告知书已可在网上查看。', now);
}

/** 受理 or 不予受理, with reasons, in writing within 15 days of receipt (信访工作条例 第二十三条). */
export async function decideAcceptance(ctx: AppContext, actor: Actor, id: number, body: { version: number; decision: 'accept' | 'not_accept'; reasons: string }) {
  assertManager(actor);
  return matterService.act(ctx, actor, id, 'matter.accept', 'accept', body.version, async ({ tx, matter, now, update, event }) => {
    await petitionOf(tx, matter);
    const ev: Event = (type, visibility, payload, reason) => event({ type, visibility, payload, reason });
    const reasons = body.reasons.trim();
    if (body.decision === 'not_accept') {
      await notAccept(ctx, tx, actor, matter, reasons, 'other', now, ev, update);
      return;
    }
    await update({ state: 'handling', handler_officer_id: actor.staffId });
    await stopClocksEndingOn(tx, matter, 'routed', now);
    await stopClocksEndingOn(tx, matter, 'accepted', now);
    // 信访工作条例 第三十四条: the 60 days of handling run from acceptance.
    await startClocks(tx, matter, await petitionKind(ctx), 'accepted', now, ctx.calendar);
    await recordDecision(tx, matter.jurisdiction_id, matter.id, { acceptance: 'accepted', reasons, ground: null, at: now, by: actor.staffId });
    await ev('matter.accepted', 'public', { unitName: actor.unitName, petitionDocument: 'acceptance_notice', reasons });
    await tellPetitioner(ctx, tx, matter, 'petition_accepted', '您的信访事项已受理，受理告知书已可在网上查看。', now);
  });
}

/**
 * The written opinion of the level the matter is at: 处理意见书 (cycle 0), 复查意见书 (1) or 复核意见书 (2), with the
 * result and its legal basis (Art. 32). It answers the level's clock and closes the cycle, which opens the
 * petitioner's 30-day window for the next level and the rating of this one. The 复核 opinion makes it final.
 */
export async function giveOpinion(ctx: AppContext, actor: Actor, id: number, body: { version: number; result: OpinionResult; basis: string; opinion: string }) {
  return matterService.act(ctx, actor, id, 'matter.handle', 'reply', body.version, async ({ tx, matter, now, update, event }) => {
    await petitionOf(tx, matter);
    const level = LEVELS[Math.min(matter.cycle, 2)];
    const text = body.opinion.trim();
    const basis = body.basis.trim();
    if (level === 'opinion') {
      await tx.query(
        `INSERT INTO petition_opinions (jurisdiction_id, matter_id, level, cycle, result, basis, opinion, issued_at, issued_by)
         VALUES ($1, $2, 'opinion', 0, $3, $4, $5, $6, $7)`, [matter.jurisdiction_id, matter.id, body.result, basis, text, now, actor.staffId]);
    } else {
      const { rowCount } = await tx.query(
        `UPDATE petition_opinions SET result = $4, basis = $5, opinion = $6, issued_at = $7, issued_by = $8
          WHERE jurisdiction_id = $1 AND matter_id = $2 AND level = $3 AND issued_at IS NULL`,
        [matter.jurisdiction_id, matter.id, level, body.result, basis, text, now, actor.staffId]);
      if (rowCount !== 1) throw await wrongStage(tx, matter);
    }
    await update({ state: 'closed', replied_at: now, closed_at: now });
    await stopClocksEndingOn(tx, matter, 'replied', now);
    const label = OPINION_LEVEL_LABELS[level];
    await event({ type: 'matter.replied', visibility: 'public', payload: {
      text: `${label.zh}（${OPINION_RESULT_LABELS[body.result].zh}）：${text}\n依据：${basis}`, petitionLevel: level, result: body.result, basis,
    } });
    await event({ type: 'matter.closed', visibility: 'public', payload: {} });
    if (level === 're_review') {
      await tx.query('UPDATE petitions SET final_at = $3 WHERE jurisdiction_id = $1 AND matter_id = $2', [matter.jurisdiction_id, matter.id, now]);
      await event({ type: 'petition.final', visibility: 'public', payload: { publicText: {
        zh: '复核终结：依照《信访工作条例》第三十六条，以同一事实和理由提出的投诉请求不再受理',
        en: 'Final after re-review: under Art. 36 of the Regulation, the same facts and reasons are not accepted again',
      } } });
      await tellPetitioner(ctx, tx, matter, 'petition_opinion', '您的信访事项复核意见书已出具，信访事项复核终结。', now);
    } else {
      const next = level === 'opinion' ? '复查' : '复核';
      const until = shanghaiDate(ctx.calendar.due(now, REQUEST_WINDOW).dueAt);
      await tellPetitioner(ctx, tx, matter, 'petition_opinion', `您的信访事项${label.zh}已出具；如不服，可于 ${until} 前在网上申请${next}。`, now);
    }
  });
}

/** One extension of at most 30 days, approved by a leader; the petitioner is told why (信访工作条例 第三十四条). */
export async function extendPetition(ctx: AppContext, actor: Actor, id: number, body: { version: number; reason: string }) {
  return matterService.act(ctx, actor, id, 'matter.extend', 'extend', body.version, async ({ tx, matter, now, update, event }) => {
    await petitionOf(tx, matter);
    const extended = await extendClock(tx, matter, ctx.calendar);
    if (!extended) throw new AppError('EXTENSION_NOT_ALLOWED');
    await update({});
    await event({ type: 'matter.extended', visibility: 'public', reason: body.reason.trim(),
      payload: { stage: extended.stage, dueAt: extended.dueAt.toISOString(), approvedBy: actor.name, petitionDocument: 'extension_notice' } });
    await tellPetitioner(ctx, tx, matter, 'petition_extension',
      `您的信访事项办理期限经批准延长至 ${shanghaiDate(extended.dueAt)}，理由：${body.reason.trim()}。`, now);
    return { dueAt: extended.dueAt };
  });
}

// ---- the petitioner's 复查 and 复核 ----

/** Which request the petitioner may make now and until when, or why not (an AppError). */
export async function reviewWindow(ctx: AppContext, db: Queryable, matter: MatterRow): Promise<{ level: 'review' | 're_review'; until: Date } | AppError> {
  const stage = await stageOfMatter(db, matter);
  if (stage === 'final') return new AppError('PETITION_FINAL');
  if (stage !== 'answered' && stage !== 'reviewed') return new AppError('PETITION_REVIEW_NOT_OPEN', { stage: PETITION_STAGE_LABELS[stage] });
  const answered = (await loadOpinions(db, matter.jurisdiction_id, matter.id)).find((o) => o.level === LEVELS[matter.cycle] && o.issued_at);
  // Closed without a written opinion (answered outside the procedure): there is nothing to ask a review of.
  if (!answered) return new AppError('PETITION_REVIEW_NOT_OPEN', { stage: PETITION_STAGE_LABELS[stage] });
  const level = stage === 'answered' ? 'review' : 're_review';
  // 30 日 from the written opinion: the day it is issued is not counted, the last day ends at 24:00, and the
  // 条例 gives no roll-forward past a holiday, so none is applied. The issue date stands for the date it is
  // received: the opinion is shown online and sent by SMS the same day.
  const until = ctx.calendar.due(answered.issued_at!, REQUEST_WINDOW).dueAt;
  if (ctx.clock().getTime() > until.getTime()) {
    return new AppError('PETITION_REVIEW_WINDOW_CLOSED', { level: { zh: level === 'review' ? '复查' : '复核', en: level === 'review' ? 'review' : 're-review' },
      until: shanghaiDate(until), article: ARTICLE[level] });
  }
  return { level, until };
}

/**
 * 申请复查 / 申请复核 through the tracking code: a new handling cycle, back with the petition office that
 * registered the matter (which organises the review for the bureau), with its own 30-day clock.
 */
export async function requestReview(ctx: AppContext, trackingCode: string, reason: string) {
  return matterService.citizenAct(ctx, trackingCode, async ({ tx, matter, now }) => {
    await petitionOf(tx, matter);
    const window = await reviewWindow(ctx, tx, matter);
    if (window instanceof AppError) throw window;
    const cycle = matter.cycle + 1;
    await updateMatter(tx, matter, {
      state: 'handling', cycle, closed_at: null, replied_at: null, handler_unit_id: matter.first_unit_id, handler_officer_id: null,
    }, now);
    await tx.query(
      `INSERT INTO petition_opinions (jurisdiction_id, matter_id, level, cycle, requested_at, request_reason) VALUES ($1, $2, $3, $4, $5, $6)`,
      [matter.jurisdiction_id, matter.id, window.level, cycle, now, reason.trim()]);
    await startNewCycle(tx, matter, await petitionKind(ctx), window.level === 'review' ? 'review_requested' : 're_review_requested', cycle, now, ctx.calendar);
    const name = window.level === 'review' ? { zh: '复查', en: 'a review' } : { zh: '复核', en: 'a re-review' };
    await appendEvent(tx, matter.jurisdiction_id, matter.id, {
      type: 'petition.reviewRequested', actorKind: 'citizen', visibility: 'public', reason: reason.trim(), at: now,
      payload: { level: window.level, cycle, publicText: { zh: `您申请了${name.zh}：${reason.trim()}`, en: `You asked for ${name.en}: ${reason.trim()}` } },
    });
    return { level: window.level, cycle };
  });
}

// ---- links and return visits ----

async function linkInTx(ctx: AppContext, tx: Queryable, actor: Actor, matter: MatterRow, repeatOf: number, now: Date, event: Event) {
  const earlier = await findMatterById(tx, repeatOf);
  if (!earlier || earlier.jurisdiction_id !== matter.jurisdiction_id || earlier.kind_code !== 'petition' || earlier.id === matter.id) {
    throw new AppError('PETITION_REPEAT_INVALID');
  }
  await tx.query('UPDATE petitions SET repeat_of = $3, linked_at = $4, linked_by = $5 WHERE jurisdiction_id = $1 AND matter_id = $2',
    [matter.jurisdiction_id, matter.id, repeatOf, now, actor.staffId]);
  await event('petition.linkedAsRepeat', 'internal', { repeatOf, repeatOfCaseNo: earlier.case_no });
  // The earlier matter learns of it too: its handler sees that the person wrote again.
  await appendEvent(tx, earlier.jurisdiction_id, earlier.id, {
    type: 'petition.repeatReceived', actorKind: 'staff', actorStaffId: actor.staffId, actorUnitId: actor.unitId, visibility: 'internal',
    payload: { matterId: matter.id, caseNo: matter.case_no }, at: now,
  });
}

/** Links a petition to the same person's earlier one (staff confirm the suggestion): it is then not counted as new. */
export async function linkRepeat(ctx: AppContext, actor: Actor, id: number, body: { version: number; repeatOf: number }) {
  assertManager(actor);
  return matterService.act(ctx, actor, id, 'matter.note', undefined, body.version, async ({ tx, matter, now, update, event }) => {
    const petition = await petitionOf(tx, matter);
    const phone = matter.contact_phone_enc ? ctx.vault.decrypt(matter.contact_phone_enc) : undefined;
    const same = await findPetitionsOfPerson(tx, { phoneIndex: phone ? ctx.vault.blindIndex(phone) : null, idNoIndex: petition.id_no_index },
      (p) => visibleMattersCondition(actor, p), matter.id);
    if (!same.some((e) => e.id === body.repeatOf)) throw new AppError('PETITION_REPEAT_INVALID');
    await update({});
    await linkInTx(ctx, tx, actor, matter, body.repeatOf, now, (type, visibility, payload, reason) => event({ type, visibility, payload, reason }));
  });
}

/** 带案回访: planned once a written opinion is given. */
export async function planVisit(ctx: AppContext, actor: Actor, id: number, body: { plannedFor: string; visitors: string }) {
  assertManager(actor);
  return matterService.act(ctx, actor, id, 'matter.note', undefined, undefined, async ({ tx, matter, now, update, event }) => {
    await petitionOf(tx, matter);
    const opinions = await loadOpinions(tx, matter.jurisdiction_id, matter.id);
    if (!opinions.some((o) => o.issued_at)) throw new AppError('PETITION_VISIT_NOT_OPEN');
    const { rows } = await tx.query<{ id: number }>(
      `INSERT INTO petition_visits (jurisdiction_id, matter_id, planned_for, visitors, planned_at, planned_by)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, [matter.jurisdiction_id, matter.id, body.plannedFor, body.visitors.trim(), now, actor.staffId]);
    await update({});
    await event({ type: 'petition.visitPlanned', visibility: 'internal', payload: { visitId: Number(rows[0].id), plannedFor: body.plannedFor, visitors: body.visitors.trim() } });
    return { visitId: Number(rows[0].id) };
  });
}

export async function recordVisit(
  ctx: AppContext, actor: Actor, id: number, visitId: number,
  body: { visitedBy: string; findings: string; attitude: 'satisfied' | 'understanding' | 'objecting'; settled: boolean },
) {
  assertManager(actor);
  return matterService.act(ctx, actor, id, 'matter.note', undefined, undefined, async ({ tx, matter, now, update, event }) => {
    await petitionOf(tx, matter);
    const { rows } = await tx.query<{ visited_at: Date | null }>(
      'SELECT visited_at FROM petition_visits WHERE jurisdiction_id = $1 AND matter_id = $2 AND id = $3 FOR UPDATE', [matter.jurisdiction_id, matter.id, visitId]);
    if (!rows[0]) throw new AppError('PETITION_VISIT_NOT_FOUND');
    if (rows[0].visited_at) throw new AppError('PETITION_VISIT_RECORDED');
    await tx.query(
      `UPDATE petition_visits SET visited_at = $4, visited_by = $5, findings = $6, attitude = $7, settled = $8, recorded_by = $9
        WHERE jurisdiction_id = $1 AND matter_id = $2 AND id = $3`,
      [matter.jurisdiction_id, matter.id, visitId, now, body.visitedBy.trim(), body.findings.trim(), body.attitude, body.settled, actor.staffId]);
    await update({});
    await event({ type: 'petition.visitRecorded', visibility: 'internal', payload: {
      visitId, visitedBy: body.visitedBy.trim(), findings: body.findings.trim(), attitude: body.attitude, settled: body.settled,
    } });
  });
}
