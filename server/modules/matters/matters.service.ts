import { createHash } from 'node:crypto';
import type { RegisterMatterBody, PortalSubmissionBody } from '../../../common/contracts/matters.js';
import type { KindView } from '../../../common/contracts/kinds.js';
import { mayGeneral } from '../../../common/access.js';
import { jurisdictionAt } from '../../../common/geo.js';
import { canTransition, ownedByProcedure, STATE_LABELS, type MatterAction, type MatterState } from '../../../common/workflow.js';
import type { AppContext } from '../../app-context.js';
import type { Actor } from '../../platform/auth/sessions.js';
import type { Queryable } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import {
  cancelClocks, clocksStartingOn, extendClock, pauseClocks, resumeClocks, startClocks, startReopenCycle, stopClocksEndingOn,
} from './deadlines.js';
import { assertMay } from './matter-access.js';
import { checkIntake, goesToSupervision, intakePayload, supervisionOffice } from './complaint-intake.js';
import { assertNotRecusedTarget } from './recusal.js';
import {
  addInvolvedUnit, appendEvent, findMatterById, findMatterByTrackingCode, findPortalSubmission, insertMatter,
  updateMatter, type EventInput, type MatterRow,
} from './matters.repo.js';
import { formatTrackingCode, newTrackingCode, normalizeTrackingCode } from './tracking-code.js';
import { assertNotDuplicate } from './duplicates.js';
import { lockOrderForAnswer } from './supervision.js';
import type { MatterPermission } from '../../../common/access.js';
import {
  describeUploads, insertAttachments, reserveAttachmentIds, type AttachmentInfo, type Upload,
} from '../attachments/index.js';

type Contact = NonNullable<PortalSubmissionBody['contact']>;

/** GB 11643: the last character of an identity number is a checksum of the first 17. */
export function isValidIdNumber(id: string): boolean {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((total, weight, i) => total + weight * Number(id[i]), 0);
  return '10X98765432'[sum % 11] === id[17].toUpperCase();
}

/** The contact, encrypted; none at all for an anonymous report (complaint-intake.ts checks when that is allowed). */
function sealContact(ctx: AppContext, contact: Contact | undefined) {
  if (!contact) return { nameEnc: null, phoneEnc: null, idNoEnc: null, addressEnc: null, phoneIndex: null };
  if (contact.idNumber && !isValidIdNumber(contact.idNumber)) {
    throw new AppError('VALIDATION_FAILED', {}, [
      { path: 'contact.idNumber', zh: '身份证号校验位不正确，请核对', en: 'The check digit of the identity number is wrong' },
    ]);
  }
  return {
    nameEnc: ctx.vault.encrypt(contact.name.trim()),
    phoneEnc: ctx.vault.encrypt(contact.phone),
    idNoEnc: contact.idNumber ? ctx.vault.encrypt(contact.idNumber.toUpperCase()) : null,
    addressEnc: contact.address ? ctx.vault.encrypt(contact.address) : null,
    phoneIndex: ctx.vault.blindIndex(contact.phone),
  };
}

async function resolveJurisdiction(ctx: AppContext, code: string | undefined) {
  if (code === undefined) {
    await ctx.org.jurisdictions();
    const county = ctx.org.countyJurisdiction();
    if (!county) throw new Error('no county jurisdiction configured');
    return county;
  }
  const jurisdiction = await ctx.org.jurisdictionByCode(code);
  if (!jurisdiction) throw new AppError('UNKNOWN_JURISDICTION');
  return jurisdiction;
}

/** The code of the station area drawn around the submission's point, if it has one and it falls in one. */
async function jurisdictionOfPoint(ctx: AppContext, location: PortalSubmissionBody['location']) {
  if (location?.lng === undefined || location.lat === undefined) return undefined;
  return jurisdictionAt(await ctx.org.jurisdictions(), [location.lng, location.lat])?.code;
}

/** Canonical JSON (sorted keys) so that the same submission hashes the same whatever the key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export type SubmissionResult = { trackingCode: string; caseNo: string; receivedAt: Date; replayed: boolean };

/**
 * A public form other than the portal's own that makes its matter through this same path (群众信箱 and
 * 网上留言, server/modules/posts): its channel, its own fields (hashed with the body, so a retry must repeat
 * them), the clocks as the channel promises them, and its own row, written in the matter's transaction.
 */
export type PublicChannel = {
  channel: 'mailbox' | 'message_board';
  fields: Record<string, unknown>;
  rules?: (kind: KindView) => KindView;
  record: (tx: Queryable, matter: { jurisdictionId: number; id: number; receivedAt: Date }) => Promise<void>;
};

/** A citizen's submission from the portal. With an idempotency key, a retry returns the first result. */
export async function submitFromPortal(
  ctx: AppContext, body: PortalSubmissionBody, idempotencyKey: string | undefined, uploads: Upload[] = [], via?: PublicChannel,
): Promise<SubmissionResult> {
  // With files, the hash covers them too: a retry with the same files replays, another set is a different request.
  const hashed = createHash('sha256').update(canonical(body));
  if (uploads.length > 0) hashed.update(canonical(uploads.map((u) => ({ name: u.name, sha256: u.sha256.toString('hex') }))));
  if (via) hashed.update(canonical({ channel: via.channel, ...via.fields }));
  const requestHash = hashed.digest();
  const kind = await ctx.kinds.get(body.kind);
  if (!kind || !kind.publicSubmission) throw new AppError('UNKNOWN_KIND');
  // A retry with its key replays the first answer; only a new submission is checked for being a repeat.
  if (idempotencyKey) {
    const earlier = await replayOf(ctx, idempotencyKey, requestHash);
    if (earlier) return earlier;
  }
  checkIntake(body);
  try {
    // An anonymous report has no phone to compare; the same text from nobody cannot be told from another's.
    if (body.contact) await assertNotDuplicate(ctx, ctx.db, { phone: body.contact.phone, content: body.content, confirmed: body.confirmDuplicate });
  } catch (error) {
    // A concurrent twin with the same key that committed a moment ago is this request's first result, not a repeat.
    const twin = idempotencyKey ? await replayOf(ctx, idempotencyKey, requestHash) : undefined;
    if (twin) return twin;
    throw error;
  }
  // A point on the map but no station area chosen: the area drawn around the point receives it (辖区图).
  // A complaint about officers (or a report naming one) goes to the supervision office, in the county's name.
  const toSupervision = goesToSupervision(body);
  const areaCode = toSupervision ? undefined : body.jurisdictionCode ?? (await jurisdictionOfPoint(ctx, body.location));
  const jurisdiction = await resolveJurisdiction(ctx, areaCode);
  const receiver = toSupervision ? await supervisionOffice(ctx) : await ctx.org.portalReceiver(areaCode === undefined ? undefined : jurisdiction.id);
  if (!receiver) throw new Error('no unit receives portal submissions');
  const now = ctx.clock();
  const deadlines = clocksStartingOn(via?.rules ? via.rules(kind) : kind, 'received', now, ctx.calendar);
  const channel = via?.channel ?? 'portal';
  const insert = (db: Queryable, attachments?: AttachmentInfo[]) => insertMatter(db, {
    jurisdictionId: jurisdiction.id, trackingCode: newTrackingCode(jurisdiction.code), kind: kind.code, channel,
    content: body.content.trim(), locationAddress: body.location?.address ?? null, lng: body.location?.lng ?? null,
    lat: body.location?.lat ?? null, ...sealContact(ctx, body.contact), receivedAt: now, registeredAt: now, registeredBy: null,
    firstUnitId: receiver.id, firstOfficerId: null, deadlines,
    event: { type: 'matter.submitted', actorKind: 'citizen', actorStaffId: null, actorUnitId: null,
      payload: { channel, receiverUnitId: receiver.id, ...intakePayload(body), ...(attachments ? { attachments } : {}) } },
    idempotency: idempotencyKey ? { key: idempotencyKey, requestHash } : undefined,
  });
  // Without files: one statement, as before. With files: the matter and its files commit together or not at all.
  const created = uploads.length === 0 && !via ? await insert(ctx.db) : await ctx.db.transaction(async (tx) => {
    const ids = uploads.length > 0 ? await reserveAttachmentIds(tx, uploads.length) : [];
    const matter = await insert(tx, uploads.length > 0 ? describeUploads(uploads, ids) : undefined);
    if (matter && uploads.length > 0) await insertAttachments(tx, jurisdiction.id, matter.id, uploads, ids, { kind: 'citizen' }, now, 1);
    if (matter && via) await via.record(tx, { jurisdictionId: jurisdiction.id, id: matter.id, receivedAt: now });
    return matter;
  });
  if (!created) {
    // The key was used before (a retry, or a concurrent twin that committed first): answer with that result.
    const earlier = await replayOf(ctx, idempotencyKey!, requestHash);
    if (earlier) return earlier;
    throw new Error('idempotent insert returned nothing and no earlier submission exists');
  }
  const missing = [...new Set(deadlines.flatMap((d) => d.provisionalYears))];
  if (missing.length > 0) await ctx.calendar.raiseAlerts(ctx.db, missing);
  return { trackingCode: created.tracking_code, caseNo: created.case_no, receivedAt: created.received_at, replayed: false };
}

async function replayOf(ctx: AppContext, key: string, requestHash: Buffer): Promise<SubmissionResult | undefined> {
  const earlier = await findPortalSubmission(ctx.db, key);
  if (!earlier) return undefined;
  if (!earlier.request_hash.equals(requestHash)) throw new AppError('IDEMPOTENCY_KEY_REUSED');
  const { rows } = await ctx.db.query<{ case_no: string; received_at: Date }>(
    'SELECT case_no, received_at FROM matters WHERE jurisdiction_id = $1 AND id = $2', [earlier.jurisdiction_id, earlier.matter_id]);
  return { trackingCode: earlier.tracking_code, caseNo: rows[0].case_no, receivedAt: rows[0].received_at, replayed: true };
}

/** A matter received at the window, by phone, by letter or on a visit, registered by staff on the citizen's behalf. */
export async function registerMatter(
  ctx: AppContext, actor: Actor, body: RegisterMatterBody,
  /** Work of another module in the same transaction (linking the officers a complaint concerns, server/modules/conduct). */
  afterInsert?: (tx: Queryable, matterId: number) => Promise<void>,
) {
  if (!mayGeneral(actor.roles, 'matter.register')) throw new AppError('FORBIDDEN');
  checkIntake(body);
  // The registering officer stays its first receiver (首问负责制); a complaint is handled by the supervision office.
  const toSupervision = goesToSupervision(body);
  const now = ctx.clock();
  const receivedAt = new Date(body.receivedAt);
  if (receivedAt.getTime() > now.getTime()) throw new AppError('RECEIVED_IN_FUTURE');
  const kind = await ctx.kinds.get(body.kind);
  if (!kind) throw new AppError('UNKNOWN_KIND');
  const jurisdiction = toSupervision ? await resolveJurisdiction(ctx, undefined) : body.jurisdictionCode === undefined
    ? await ctx.org.jurisdiction(actor.unitJurisdictionId)
    : await resolveJurisdiction(ctx, body.jurisdictionCode);
  const handlerUnitId = toSupervision ? (await supervisionOffice(ctx)).id : undefined;
  if (!jurisdiction) throw new AppError('UNKNOWN_JURISDICTION');
  const deadlines = clocksStartingOn(kind, 'received', receivedAt, ctx.calendar);
  return ctx.db.transaction(async (tx) => {
    const created = await insertMatter(tx, {
      jurisdictionId: jurisdiction.id, trackingCode: newTrackingCode(jurisdiction.code), kind: kind.code, channel: body.channel,
      content: body.content.trim(), locationAddress: body.location?.address ?? null, lng: body.location?.lng ?? null,
      lat: body.location?.lat ?? null, ...sealContact(ctx, body.contact), receivedAt, registeredAt: now, registeredBy: actor.staffId,
      // 首问负责制: the officer who receives the matter is its owner of record from this moment.
      firstUnitId: actor.unitId, firstOfficerId: actor.staffId, handlerUnitId, deadlines,
      event: { type: 'matter.registered', actorKind: 'staff', actorStaffId: actor.staffId, actorUnitId: actor.unitId,
        payload: { channel: body.channel, receivedAt: receivedAt.toISOString(), ...intakePayload(body) } },
    });
    await ctx.calendar.raiseAlerts(tx, [...new Set(deadlines.flatMap((d) => d.provisionalYears))]);
    if (afterInsert) await afterInsert(tx, created.id);
    return { id: created.id, caseNo: created.case_no, trackingCode: created.tracking_code };
  });
}

/**
 * A matter made by a channel module with its own procedure (issue 4: 建议提案, 局长接访日), inside that module's
 * transaction so that the matter and the module's own row commit together. The registering officer is its first
 * officer (首问负责制) unless `owner` names another (a leader who takes a case himself, 包案); `handlerUnitId`
 * sends it straight to another unit (建议提案's 交办 to the lead unit); `takeOn` has the owner take it up at once.
 */
export async function createChannelMatter(ctx: AppContext, tx: Queryable, spec: {
  actor: Actor; jurisdictionId: number; kind: string; channel: 'reception' | 'proposal'; content: string;
  contact: Contact; receivedAt: Date; owner?: { unitId: number; staffId: number }; handlerUnitId?: number; takeOn?: boolean;
  payload?: Record<string, unknown>;
}): Promise<{ id: number; caseNo: string; trackingCode: string }> {
  const kind = await ctx.kinds.get(spec.kind);
  if (!kind) throw new AppError('UNKNOWN_KIND');
  const jurisdiction = await ctx.org.jurisdiction(spec.jurisdictionId);
  if (!jurisdiction) throw new AppError('UNKNOWN_JURISDICTION');
  const now = ctx.clock();
  const owner = spec.owner ?? { unitId: spec.actor.unitId, staffId: spec.actor.staffId };
  const deadlines = clocksStartingOn(kind, 'received', spec.receivedAt, ctx.calendar);
  const created = await insertMatter(tx, {
    jurisdictionId: jurisdiction.id, trackingCode: newTrackingCode(jurisdiction.code), kind: kind.code, channel: spec.channel,
    content: spec.content.trim(), locationAddress: null, lng: null, lat: null, ...sealContact(ctx, spec.contact),
    receivedAt: spec.receivedAt, registeredAt: now, registeredBy: spec.actor.staffId,
    firstUnitId: owner.unitId, firstOfficerId: owner.staffId, handlerUnitId: spec.handlerUnitId, deadlines,
    event: { type: 'matter.registered', actorKind: 'staff', actorStaffId: spec.actor.staffId, actorUnitId: spec.actor.unitId,
      payload: { channel: spec.channel, receivedAt: spec.receivedAt.toISOString(), ...spec.payload } },
  });
  await ctx.calendar.raiseAlerts(tx, [...new Set(deadlines.flatMap((d) => d.provisionalYears))]);
  const matter = await findMatterById(tx, created.id, true);
  if (!matter) throw new Error('the matter just inserted is missing');
  if (spec.handlerUnitId !== undefined) await addInvolvedUnit(tx, matter, spec.handlerUnitId);
  if (spec.takeOn) {
    await updateMatter(tx, matter, { state: 'handling' }, now);
    await stopClocksEndingOn(tx, matter, 'accepted', now);
    await startClocks(tx, matter, kind, 'accepted', now, ctx.calendar);
    const unit = await ctx.org.unit(owner.unitId);
    await appendEvent(tx, matter.jurisdiction_id, matter.id, { type: 'matter.accepted', actorKind: 'staff', actorStaffId: owner.staffId,
      actorUnitId: owner.unitId, visibility: 'public', payload: { unitName: unit?.name ?? '' }, at: now });
  }
  return { id: created.id, caseNo: created.case_no, trackingCode: created.tracking_code };
}

type ActionContext = {
  tx: Queryable; matter: MatterRow; now: Date;
  /** Changes the matter's columns and bumps its version. */
  update: (changes: Record<string, unknown>) => Promise<void>;
  event: (e: Omit<EventInput, 'at' | 'actorKind'>) => Promise<number>;
};

/** What an action leaves: the matter's id and version (for the next request) and the action's own result. */
export type Acted<T> = { id: number; version: number; value: T };

/**
 * Every staff action on a matter: lock the row, check access (404 / 403), the version (409) and the
 * state (409), then apply the change and its timeline events in the same transaction.
 */
export async function act<T>(
  ctx: AppContext, actor: Actor, id: number, permission: MatterPermission, action: MatterAction | undefined,
  version: number | undefined, work: (a: ActionContext) => Promise<T>,
): Promise<Acted<T>> {
  return ctx.db.transaction(async (tx) => {
    const matter = await findMatterById(tx, id, true);
    assertMay(actor, matter, permission);
    if (version !== undefined && version !== matter.version) throw new AppError('VERSION_CONFLICT');
    if (action && !canTransition(action, matter.state)) {
      throw new AppError('INVALID_TRANSITION', { state: STATE_LABELS[matter.state] });
    }
    const now = ctx.clock();
    const event = (e: Omit<EventInput, 'at' | 'actorKind'>) =>
      appendEvent(tx, matter.jurisdiction_id, matter.id, { actorStaffId: actor.staffId, actorUnitId: actor.unitId, ...e, actorKind: 'staff', at: now });
    let newVersion = matter.version;
    const update = async (changes: Record<string, unknown>) => {
      await updateMatter(tx, matter, changes, now);
      newVersion = matter.version + 1;
    };
    const value = await work({ tx, matter, now, update, event });
    return { id: matter.id, version: newVersion, value };
  });
}

async function kindOf(ctx: AppContext, matter: MatterRow) {
  const kind = await ctx.kinds.get(matter.kind_code);
  if (!kind) throw new Error(`matter kind ${matter.kind_code} is missing`);
  return kind;
}

/** The first receiver of a portal matter becomes its owner of record when someone there first acts on it. */
function firstOfficerChange(actor: Actor, matter: MatterRow) {
  return matter.first_officer_id === null && matter.first_unit_id === actor.unitId ? { first_officer_id: actor.staffId } : {};
}

export async function acceptMatter(ctx: AppContext, actor: Actor, id: number, version: number) {
  return act(ctx, actor, id, 'matter.accept', 'accept', version, async ({ tx, matter, now, update, event }) => {
    await update({ state: 'handling', handler_officer_id: actor.staffId, ...firstOfficerChange(actor, matter) });
    // 信访工作条例 第二十二条: deciding a petition itself is the office's routing of it, as a transfer would be.
    await stopClocksEndingOn(tx, matter, 'routed', now);
    await stopClocksEndingOn(tx, matter, 'accepted', now);
    await startClocks(tx, matter, await kindOf(ctx, matter), 'accepted', now, ctx.calendar);
    await event({ type: 'matter.accepted', visibility: 'public', payload: { unitName: actor.unitName } });
  });
}

export async function transferMatter(ctx: AppContext, actor: Actor, id: number, body: { version: number; toUnitId: number; toOfficerId?: number; reason: string }) {
  const unit = await ctx.org.unit(body.toUnitId);
  if (!unit || !unit.active) throw new AppError('UNKNOWN_UNIT');
  return act(ctx, actor, id, 'matter.transfer', 'transfer', body.version, async ({ tx, matter, now, update, event }) => {
    if (body.toOfficerId !== undefined) {
      const { rows } = await tx.query("SELECT 1 FROM staff WHERE id = $1 AND unit_id = $2 AND status = 'active'", [body.toOfficerId, unit.id]);
      if (rows.length === 0) throw new AppError('UNKNOWN_OFFICER');
    }
    if (unit.id === matter.handler_unit_id && (body.toOfficerId ?? null) === matter.handler_officer_id) throw new AppError('TRANSFER_TO_SELF');
    // 信访工作条例 第二十八条 (回避) and 第三十条: a complaint is never passed to the officer it concerns or their chain of command.
    assertNotRecusedTarget(matter, unit.id, body.toOfficerId);
    await tx.query(
      `INSERT INTO matter_transfers (jurisdiction_id, matter_id, from_unit_id, from_officer_id, to_unit_id, to_officer_id, reason, from_state, sent_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [matter.jurisdiction_id, matter.id, matter.handler_unit_id, matter.handler_officer_id, unit.id, body.toOfficerId ?? null,
       body.reason, matter.state, now]);
    await addInvolvedUnit(tx, matter, unit.id);
    // 信访工作条例 第二十二条: a petition is routed (转送、交办) within 15 days of receipt.
    await stopClocksEndingOn(tx, matter, 'routed', now);
    // Until the receiver accepts, the sender still answers for the matter: the handler does not change yet.
    await update({ state: 'transferring', ...firstOfficerChange(actor, matter) });
    await event({ type: 'matter.transferred', visibility: 'public', reason: body.reason,
      payload: { toUnitId: unit.id, toUnitName: unit.name, toOfficerId: body.toOfficerId ?? null } });
  });
}

export async function acceptTransfer(ctx: AppContext, actor: Actor, id: number, version: number) {
  return act(ctx, actor, id, 'matter.acceptTransfer', 'acceptTransfer', version, async ({ tx, matter, now, update, event }) => {
    await tx.query(
      `UPDATE matter_transfers SET status = 'accepted', decided_at = $3, decided_by = $4
        WHERE jurisdiction_id = $1 AND id = $2`, [matter.jurisdiction_id, matter.transfer_id, now, actor.staffId]);
    await update({
      state: 'handling', handler_unit_id: matter.transfer_to_unit_id, handler_officer_id: matter.transfer_to_officer_id ?? actor.staffId,
    });
    await stopClocksEndingOn(tx, matter, 'accepted', now);
    await startClocks(tx, matter, await kindOf(ctx, matter), 'accepted', now, ctx.calendar);
    await event({ type: 'matter.transferAccepted', visibility: 'public', payload: { unitName: actor.unitName } });
  });
}

export async function returnTransfer(ctx: AppContext, actor: Actor, id: number, body: { version: number; reason: string }) {
  return act(ctx, actor, id, 'matter.returnTransfer', 'returnTransfer', body.version, async ({ tx, matter, now, update, event }) => {
    await tx.query(
      `UPDATE matter_transfers SET status = 'returned', decided_at = $3, decided_by = $4, decision_reason = $5
        WHERE jurisdiction_id = $1 AND id = $2`, [matter.jurisdiction_id, matter.transfer_id, now, actor.staffId, body.reason]);
    await update({ state: matter.transfer_from_state as MatterState });
    await event({ type: 'matter.transferReturned', visibility: 'internal', reason: body.reason, payload: { transferId: matter.transfer_id } });
  });
}

export async function requestInfo(ctx: AppContext, actor: Actor, id: number, body: { version: number; request: string }) {
  return act(ctx, actor, id, 'matter.handle', 'requestInfo', body.version, async ({ tx, matter, now, update, event }) => {
    await update({ state: 'paused', pause_reason: 'awaiting_citizen' });
    await pauseClocks(tx, matter, now);
    await event({ type: 'matter.infoRequested', visibility: 'public', payload: { request: body.request } });
  });
}

export async function pauseMatter(ctx: AppContext, actor: Actor, id: number, body: { version: number; pauseReason: string; reason: string }) {
  return act(ctx, actor, id, 'matter.handle', 'pause', body.version, async ({ tx, matter, now, update, event }) => {
    const kind = await kindOf(ctx, matter);
    if (!kind.pauseReasons.includes(body.pauseReason)) throw new AppError('PAUSE_REASON_NOT_ALLOWED');
    await update({ state: 'paused', pause_reason: body.pauseReason });
    await pauseClocks(tx, matter, now);
    await event({ type: 'matter.paused', visibility: 'public', reason: body.reason, payload: { pauseReason: body.pauseReason } });
  });
}

export async function resumeMatter(ctx: AppContext, actor: Actor, id: number, body: { version: number; reason: string }) {
  return act(ctx, actor, id, 'matter.handle', 'resume', body.version, async ({ tx, matter, now, update, event }) => {
    await update({ state: 'handling', pause_reason: null });
    await resumeClocks(tx, matter, now, ctx.calendar);
    await event({ type: 'matter.resumed', visibility: 'public', reason: body.reason, payload: {} });
  });
}

export async function replyToCitizen(ctx: AppContext, actor: Actor, id: number, body: { version: number; text: string; close?: boolean }) {
  return act(ctx, actor, id, 'matter.handle', 'reply', body.version, async ({ tx, matter, now, update, event }) => {
    await update(body.close
      ? { state: 'closed', replied_at: now, closed_at: now } : { state: 'replied', replied_at: now });
    await stopClocksEndingOn(tx, matter, 'replied', now);
    await event({ type: 'matter.replied', visibility: 'public', payload: { text: body.text } });
    if (body.close) await event({ type: 'matter.closed', visibility: 'public', payload: {} });
  });
}

export async function closeMatter(ctx: AppContext, actor: Actor, id: number, version: number) {
  return act(ctx, actor, id, 'matter.handle', 'close', version, async ({ tx, matter, now, update, event }) => {
    await update({ state: 'closed', closed_at: now });
    await event({ type: 'matter.closed', visibility: 'public', payload: {} });
  });
}

export async function rejectMatter(ctx: AppContext, actor: Actor, id: number, body: { version: number; reason: string }) {
  return act(ctx, actor, id, 'matter.reject', 'reject', body.version, async ({ tx, matter, now, update, event }) => {
    await update({ state: 'not_accepted', closed_at: now });
    // Deciding not to accept answers the acceptance clock (and a petition's routing); nothing else is owed.
    await stopClocksEndingOn(tx, matter, 'routed', now);
    await stopClocksEndingOn(tx, matter, 'accepted', now);
    await cancelClocks(tx, matter);
    await event({ type: 'matter.rejected', visibility: 'public', reason: body.reason, payload: {} });
  });
}

export async function extendMatter(ctx: AppContext, actor: Actor, id: number, body: { version: number; reason: string }) {
  return act(ctx, actor, id, 'matter.extend', 'extend', body.version, async ({ tx, matter, now, update, event }) => {
    const extended = await extendClock(tx, matter, ctx.calendar);
    if (!extended) throw new AppError('EXTENSION_NOT_ALLOWED');
    await update({});
    // 信访工作条例 第三十四条: the petitioner is told the reason for an extension.
    await event({ type: 'matter.extended', visibility: 'public', reason: body.reason,
      payload: { stage: extended.stage, dueAt: extended.dueAt.toISOString(), approvedBy: actor.name } });
  });
}

export async function addNote(ctx: AppContext, actor: Actor, id: number, text: string) {
  return act(ctx, actor, id, 'matter.note', 'note', undefined, async ({ event }) => {
    await event({ type: 'note.added', visibility: 'internal', payload: { text } });
  });
}

export async function superviseMatter(ctx: AppContext, actor: Actor, id: number, body: { toUnitId?: number; instructions: string; dueAt: string }) {
  const dueAt = new Date(body.dueAt);
  if (dueAt.getTime() <= ctx.clock().getTime()) {
    throw new AppError('VALIDATION_FAILED', {}, [
      { path: 'dueAt', zh: '督办期限必须晚于当前时间', en: 'The supervision deadline must be in the future' },
    ]);
  }
  return act(ctx, actor, id, 'matter.supervise', 'supervise', undefined, async ({ tx, matter, now, update, event }) => {
    const toUnitId = body.toUnitId ?? matter.handler_unit_id;
    if (!(await ctx.org.unit(toUnitId))) throw new AppError('UNKNOWN_UNIT');
    assertNotRecusedTarget(matter, toUnitId);
    const toOfficerId = toUnitId === matter.handler_unit_id ? matter.handler_officer_id : null;
    const { rows } = await tx.query<{ id: number }>(
      `INSERT INTO supervision_orders (jurisdiction_id, matter_id, issued_by, issued_at, to_unit_id, to_officer_id, instructions, due_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [matter.jurisdiction_id, matter.id, actor.staffId, now, toUnitId, toOfficerId, body.instructions, dueAt]);
    await addInvolvedUnit(tx, matter, toUnitId);
    await event({ type: 'supervision.issued', visibility: 'internal',
      payload: { orderId: rows[0].id, toUnitId, instructions: body.instructions, dueAt: dueAt.toISOString() } });
    return { orderId: rows[0].id };
  });
}

export async function answerSupervision(ctx: AppContext, actor: Actor, id: number, orderId: number, answer: string) {
  const text = answer.trim();
  if (text.length < 2) {
    throw new AppError('VALIDATION_FAILED', {}, [{ path: 'answer', zh: '请填写督办反馈（至少 2 个字）', en: 'Write an answer (at least 2 characters)' }]);
  }
  // Whoever may see the matter learns whether the order exists; only the addressed unit may answer it.
  return act(ctx, actor, id, 'matter.read', undefined, undefined, async ({ tx, matter, now, event }) => {
    await lockOrderForAnswer(tx, actor, matter.jurisdiction_id, matter.id, orderId);
    await tx.query(
      `UPDATE supervision_orders SET status = 'answered', answered_at = $4, answered_by = $5, answer = $6
        WHERE jurisdiction_id = $1 AND matter_id = $2 AND id = $3`,
      [matter.jurisdiction_id, matter.id, orderId, now, actor.staffId, text]);
    await event({ type: 'supervision.answered', visibility: 'internal', payload: { orderId, answer: text } });
  });
}

/** The full personal data, for a stated reason; the viewing itself goes on the timeline (the audit trail). */
export async function revealPersonalData(ctx: AppContext, actor: Actor, id: number, reason: string) {
  return act(ctx, actor, id, 'matter.reveal', undefined, undefined, async ({ matter, event }) => {
    // A reporter's identity is sealed (举报人保密); only the conduct module's unsealing, by the roles that must, opens it.
    if (matter.kind_code === 'report') throw new AppError('REPORTER_SEALED');
    const open = (sealed: Buffer | null) => (sealed ? ctx.vault.decrypt(sealed) : null);
    await event({ type: 'personalData.revealed', visibility: 'internal', reason, payload: { fields: ['name', 'phone', 'idNumber', 'address', 'trackingCode'] } });
    return {
      trackingCode: formatTrackingCode(matter.tracking_code),
      name: open(matter.contact_name_enc), phone: open(matter.contact_phone_enc),
      idNumber: open(matter.contact_id_no_enc), address: open(matter.contact_address_enc),
    };
  });
}

// ---- the citizen's own actions, authorised by the tracking code ----

/**
 * The matter of a tracking code, as the citizen typed it; TRACKING_CODE_NOT_FOUND for a malformed code,
 * an unknown jurisdiction prefix or no such matter alike (the answer never says which).
 */
export async function matterByTrackingCode(ctx: AppContext, db: Queryable, trackingCode: string, forUpdate = false): Promise<MatterRow> {
  const code = normalizeTrackingCode(trackingCode);
  const jurisdiction = code ? await ctx.org.jurisdictionByCode(code.slice(0, 2)) : undefined;
  const matter = code && jurisdiction ? await findMatterByTrackingCode(db, jurisdiction.id, code, forUpdate) : undefined;
  if (!matter) throw new AppError('TRACKING_CODE_NOT_FOUND');
  return matter;
}

/** A citizen's action: the matter found by its tracking code and locked for the transaction (ratings.ts uses it too). */
export async function citizenAct<T>(ctx: AppContext, trackingCode: string, work: (a: { tx: Queryable; matter: MatterRow; now: Date }) => Promise<T>) {
  return ctx.db.transaction(async (tx) => work({ tx, matter: await matterByTrackingCode(ctx, tx, trackingCode, true), now: ctx.clock() }));
}

export async function supplementFromCitizen(ctx: AppContext, trackingCode: string, text: string, uploads: Upload[] = []) {
  return citizenAct(ctx, trackingCode, async ({ tx, matter, now }) => {
    if (matter.state !== 'paused' || matter.pause_reason !== 'awaiting_citizen') throw new AppError('NOTHING_REQUESTED');
    await updateMatter(tx, matter, { state: 'handling', pause_reason: null }, now);
    await resumeClocks(tx, matter, now, ctx.calendar);
    const ids = uploads.length > 0 ? await reserveAttachmentIds(tx, uploads.length) : [];
    const payload = uploads.length > 0 ? { text, attachments: describeUploads(uploads, ids) } : { text };
    const seq = await appendEvent(tx, matter.jurisdiction_id, matter.id, { type: 'citizen.supplemented', actorKind: 'citizen', visibility: 'public', payload, at: now });
    if (uploads.length > 0) await insertAttachments(tx, matter.jurisdiction_id, matter.id, uploads, ids, { kind: 'citizen' }, now, seq);
  });
}

export async function reopenByCitizen(ctx: AppContext, trackingCode: string, reason: string) {
  return citizenAct(ctx, trackingCode, async ({ tx, matter, now }) => {
    const kind = await kindOf(ctx, matter);
    if (ownedByProcedure(matter.kind_code, 'reopen')) throw new AppError('ACTION_OWNED_BY_PROCEDURE');
    if (matter.state !== 'closed' || !matter.closed_at) throw new AppError('INVALID_TRANSITION', { state: STATE_LABELS[matter.state] });
    const deadline = matter.closed_at.getTime() + kind.reopenWindowDays * 86_400_000;
    if (now.getTime() > deadline) throw new AppError('REOPEN_WINDOW_CLOSED', { days: kind.reopenWindowDays });
    const cycle = matter.cycle + 1;
    await updateMatter(tx, matter, { state: 'handling', cycle, closed_at: null, replied_at: null }, now);
    await startReopenCycle(tx, matter, kind, cycle, now, ctx.calendar);
    await appendEvent(tx, matter.jurisdiction_id, matter.id, { type: 'matter.reopened', actorKind: 'citizen', visibility: 'public', reason, payload: { cycle }, at: now });
  });
}
