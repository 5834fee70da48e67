import { mayGeneral } from '../../../common/access.js';
import type { Finding, ObservationBody, RegisterComplaintBody } from '../../../common/contracts/conduct.js';
import { PUBLIC_STATUS_LABELS, publicStatusOf, STATE_LABELS, type MatterState } from '../../../common/workflow.js';
import type { Locale } from '../../../common/errors.js';
import type { AppContext } from '../../app-context.js';
import type { Actor } from '../../platform/auth/sessions.js';
import { recordAudit } from '../../platform/audit.js';
import type { Queryable } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import {
  appendEvent, applyRecusal, assertMay, clocksStartingOn, findMatterById, insertMatter, matterService, newTrackingCode,
  supervisionOffice, updateMatter, type MatterRow,
} from '../matters/index.js';
import * as repo from './conduct.repo.js';

const CONDUCT_KINDS = new Set(['complaint', 'report', 'observation']);
type EventFn = Parameters<typeof applyRecusal>[0]['event'];
type Change = { tx: Queryable; matter: MatterRow; now: Date; update: (changes: Record<string, unknown>) => Promise<void>; event: EventFn };

/**
 * Who may link officers and record findings: the supervision office handling the matter (complaint.manage) or a
 * bureau leader, who takes the complaints the supervision office must step aside from.
 */
function mayManage(actor: Actor, matter: MatterRow) {
  return mayGeneral(actor.roles, 'complaint.manage') && (matter.handler_unit_id === actor.unitId || actor.roles.includes('leader'));
}

/** Who may unseal a reporter's identity: supervisors and leaders, and the leader of the unit handling the report. */
function mayUnseal(actor: Actor, matter: MatterRow) {
  if (!mayGeneral(actor.roles, 'report.unseal')) return false;
  return actor.roles.includes('supervisor') || actor.roles.includes('leader') || matter.handler_unit_id === actor.unitId;
}

function assertConductMatter(matter: MatterRow) {
  if (!CONDUCT_KINDS.has(matter.kind_code)) throw new AppError('NOT_CONDUCT_MATTER');
}

/** Recomputes who must step aside from every officer now linked (recusal.ts stores it and moves the matter if needed). */
async function recuse(change: Change) {
  const { rows } = await change.tx.query<{ staff_id: number; unit_id: number }>(
    'SELECT staff_id, unit_id FROM complaint_officers WHERE jurisdiction_id = $1 AND matter_id = $2',
    [change.matter.jurisdiction_id, change.matter.id]);
  await applyRecusal(change, rows.map((r) => ({ staffId: r.staff_id, unitId: r.unit_id })));
}

async function link(change: Change, actor: Actor, officerId: number) {
  const officer = await repo.findOfficer(change.tx, officerId);
  if (!officer) throw new AppError('CONCERNED_OFFICER_UNKNOWN');
  const { matter, now } = change;
  // The unit at the time of linking stays on the record, whatever moves come later.
  const added = await repo.insertLink(change.tx, {
    jurisdictionId: matter.jurisdiction_id, matterId: matter.id, staffId: officer.id, unitId: officer.unit_id, at: now, by: actor.staffId,
  });
  if (!added) throw new AppError('OFFICER_ALREADY_LINKED');
  await change.event({ type: 'complaint.officerLinked', visibility: 'internal',
    payload: { officerId: officer.id, officerName: officer.name, unitId: officer.unit_id, unitName: officer.unit } });
}

export async function linkOfficer(ctx: AppContext, actor: Actor, id: number, body: { version: number; officerId: number }) {
  return matterService.act(ctx, actor, id, 'matter.read', undefined, body.version, async (change) => {
    assertConductMatter(change.matter);
    if (!mayManage(actor, change.matter)) throw new AppError('FORBIDDEN');
    await link(change, actor, body.officerId);
    await recuse(change);
  });
}

export async function unlinkOfficer(ctx: AppContext, actor: Actor, id: number, officerId: number, body: { version: number; reason: string }) {
  return matterService.act(ctx, actor, id, 'matter.read', undefined, body.version, async (change) => {
    assertConductMatter(change.matter);
    if (!mayManage(actor, change.matter)) throw new AppError('FORBIDDEN');
    if (!(await repo.deleteLink(change.tx, change.matter.jurisdiction_id, change.matter.id, officerId))) throw new AppError('OFFICER_NOT_LINKED');
    await change.event({ type: 'complaint.officerUnlinked', visibility: 'internal', reason: body.reason, payload: { officerId } });
    await recuse(change);
  });
}

/** The finding for one officer, once the citizen has been answered: it counts in the officer's record. */
export async function recordFinding(ctx: AppContext, actor: Actor, id: number, officerId: number, body: { version: number; finding: Finding }) {
  return matterService.act(ctx, actor, id, 'matter.read', undefined, body.version, async ({ tx, matter, now, update, event }) => {
    assertConductMatter(matter);
    if (!mayManage(actor, matter)) throw new AppError('FORBIDDEN');
    if (matter.state !== 'replied' && matter.state !== 'closed') {
      throw new AppError('FINDING_BEFORE_REPLY', { state: STATE_LABELS[matter.state] });
    }
    if (!(await repo.setFinding(tx, matter.jurisdiction_id, matter.id, officerId, body.finding, now, actor.staffId))) {
      throw new AppError('OFFICER_NOT_LINKED');
    }
    await update({});
    await event({ type: 'complaint.findingRecorded', visibility: 'internal', payload: { officerId, finding: body.finding } });
  });
}

/**
 * The reporter's identity, for a stated reason, to the roles that must see it. Every unsealing goes on the
 * matter's timeline and into the audit log, in the same transaction (举报人保密; GB/T 33358: confidential handling).
 */
export async function unsealReporter(ctx: AppContext, actor: Actor, id: number, reason: string, ip: string) {
  const { value } = await matterService.act(ctx, actor, id, 'matter.read', undefined, undefined, async ({ tx, matter, event }) => {
    if (matter.kind_code !== 'report') throw new AppError('NOT_CONDUCT_MATTER');
    if (!mayUnseal(actor, matter)) throw new AppError('FORBIDDEN');
    if (!matter.contact_name_enc && !matter.contact_phone_enc) throw new AppError('REPORT_ANONYMOUS');
    await event({ type: 'reporter.unsealed', visibility: 'internal', reason, payload: { fields: ['name', 'phone', 'idNumber', 'address'] } });
    await recordAudit(tx, { actorStaffId: actor.staffId, action: 'report.reporter_unsealed', outcome: 'success', ip,
      subject: `matter:${matter.id}`, detail: { caseNo: matter.case_no, reason } });
    const open = (sealed: Buffer | null) => (sealed ? ctx.vault.decrypt(sealed) : null);
    return {
      name: open(matter.contact_name_enc), phone: open(matter.contact_phone_enc),
      idNumber: open(matter.contact_id_no_enc), address: open(matter.contact_address_enc),
    };
  });
  return value;
}

/** The card on the matter page: what the citizen named, the officers linked, and what this actor may do. */
export async function conductCard(ctx: AppContext, actor: Actor, id: number) {
  const matter = await findMatterById(ctx.db, id);
  assertMay(actor, matter, 'matter.read');
  const applies = CONDUCT_KINDS.has(matter.kind_code);
  const [intake, officers] = applies
    ? await Promise.all([repo.intakeOf(ctx.db, matter.jurisdiction_id, matter.id), repo.linkedOfficers(ctx.db, matter.jurisdiction_id, matter.id)])
    : [{ namedOfficer: null, anonymous: false }, []];
  const manage = applies && mayManage(actor, matter);
  const sealed = matter.kind_code === 'report';
  return {
    applies, kind: matter.kind_code, state: matter.state, version: matter.version,
    namedOfficer: intake.namedOfficer, anonymous: sealed && !matter.contact_phone_enc && !matter.contact_name_enc, sealed,
    officers: officers.map((o) => ({
      id: o.staff_id, name: o.name, badgeNo: o.badge_no, unit: o.unit, linkedAt: o.linked_at.toISOString(), finding: o.finding,
    })),
    mayLink: manage,
    mayRecordFinding: manage && (matter.state === 'replied' || matter.state === 'closed'),
    mayUnseal: sealed && mayUnseal(actor, matter) && (matter.contact_phone_enc !== null || matter.contact_name_enc !== null),
  };
}

/** Staff register a complaint or report (at the window, by phone, by letter) and link the officers it concerns. */
export async function registerComplaint(ctx: AppContext, actor: Actor, body: RegisterComplaintBody) {
  const { officerIds, ...matter } = body;
  return matterService.registerMatter(ctx, actor, { ...matter, aboutOfficer: true }, async (tx, matterId) => {
    const now = ctx.clock();
    const row = await findMatterById(tx, matterId, true);
    if (!row) throw new Error('the matter just registered is missing');
    const change: Change = {
      tx, matter: row, now,
      update: async (changes) => { await updateMatter(tx, row, changes, now); },
      event: (e) => appendEvent(tx, row.jurisdiction_id, row.id, { actorStaffId: actor.staffId, actorUnitId: actor.unitId, ...e, actorKind: 'staff', at: now }),
    };
    for (const officerId of officerIds) await link(change, actor, officerId);
    await recuse(change);
  });
}

/**
 * A conduct supervisor's observation enters as a matter addressed to the supervision office. It belongs to the
 * county (not to a station's area, whose staff would see it before the officers are linked) and carries no contact:
 * the supervisor is known by their account, and reads the answer on their own page.
 */
export async function fileObservation(ctx: AppContext, actor: Actor, body: ObservationBody) {
  if (!mayGeneral(actor.roles, 'observation.file')) throw new AppError('FORBIDDEN');
  const kind = await ctx.kinds.get('observation');
  if (!kind) throw new Error('the observation kind is missing (migration 0008)');
  await ctx.org.jurisdictions();
  const county = ctx.org.countyJurisdiction();
  if (!county) throw new Error('no county jurisdiction configured');
  const office = await supervisionOffice(ctx);
  const now = ctx.clock();
  const deadlines = clocksStartingOn(kind, 'received', now, ctx.calendar);
  const namedOfficer = body.namedOfficer?.trim() || undefined;
  return ctx.db.transaction(async (tx) => {
    const created = await insertMatter(tx, {
      jurisdictionId: county.id, trackingCode: newTrackingCode(county.code), kind: kind.code, channel: 'conduct_supervisor',
      content: body.content.trim(), locationAddress: body.location?.address ?? null, lng: body.location?.lng ?? null, lat: body.location?.lat ?? null,
      nameEnc: null, phoneEnc: null, idNoEnc: null, addressEnc: null, phoneIndex: null,
      receivedAt: now, registeredAt: now, registeredBy: actor.staffId, firstUnitId: office.id, firstOfficerId: null, deadlines,
      event: { type: 'observation.filed', actorKind: 'staff', actorStaffId: actor.staffId, actorUnitId: actor.unitId,
        payload: { channel: 'conduct_supervisor', receiverUnitId: office.id, ...(namedOfficer ? { namedOfficer } : {}),
          publicText: { zh: '警风警纪监督意见已提交，督察部门已收到', en: 'The conduct observation was received by the supervision office' } } },
    });
    await ctx.calendar.raiseAlerts(tx, [...new Set(deadlines.flatMap((d) => d.provisionalYears))]);
    return { id: Number(created.id), caseNo: created.case_no, trackingCode: created.tracking_code };
  });
}

export async function myObservations(ctx: AppContext, actor: Actor, locale: Locale) {
  if (!mayGeneral(actor.roles, 'observation.file')) throw new AppError('FORBIDDEN');
  const rows = await repo.observationsFiledBy(ctx.db, actor.staffId);
  return rows.map((r) => {
    const status = publicStatusOf(r.state as MatterState, r.pause_reason);
    return {
      id: Number(r.id), caseNo: r.case_no, content: r.content, namedOfficer: r.named_officer, receivedAt: r.received_at.toISOString(),
      status, statusLabel: PUBLIC_STATUS_LABELS[status][locale === 'en' ? 'en' : 'zh'],
      reply: r.reply === null ? null : { at: r.replied_at.toISOString(), text: r.reply },
    };
  });
}
