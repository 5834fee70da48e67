import { maskAddress, maskIdNumber, maskName, maskPhone } from '../../../common/masking.js';
import { openMasked } from '../../platform/vault.js';
import {
  ALLOWED_FROM, MATTER_ACTIONS, ownedByProcedure, PAUSE_REASON_LABELS, PUBLIC_STATUS_LABELS, publicStatusOf, type MatterAction, type PauseReason,
} from '../../../common/workflow.js';
import { mayMatter, type MatterPermission } from '../../../common/access.js';
import type { Locale } from '../../../common/errors.js';
import type { AppContext } from '../../app-context.js';
import type { Actor } from '../../platform/auth/sessions.js';
import type { Queryable } from '../../platform/db/database.js';
import { relationsOf } from './matter-access.js';
import { loadDeadlines, loadTimeline, type DeadlineRow, type MatterRow, type TimelineRow } from './matters.repo.js';
import { loadMatterOrders } from './supervision.js';
import { loadRatings, portalRatingOf, presentStaffRatings, ratedText, rectificationAnsweredText, rectificationOpenedText } from './ratings.js';
import { formatTrackingCode, maskTrackingCode } from './tracking-code.js';
import { listAttachments, presentAttachment } from '../attachments/index.js';

const PERMISSION_FOR: Record<MatterAction, MatterPermission> = {
  accept: 'matter.accept', transfer: 'matter.transfer', acceptTransfer: 'matter.acceptTransfer',
  returnTransfer: 'matter.returnTransfer', requestInfo: 'matter.handle', pause: 'matter.handle', resume: 'matter.handle',
  reply: 'matter.handle', close: 'matter.handle', reject: 'matter.reject', extend: 'matter.extend',
  supervise: 'matter.supervise', note: 'matter.note',
};

/** The actions this actor may take on the matter right now (state and access both allow them). */
export function allowedActions(actor: Actor, matter: MatterRow): MatterAction[] {
  const relations = relationsOf(actor, matter);
  return MATTER_ACTIONS.filter((action) => ALLOWED_FROM[action].includes(matter.state) && !ownedByProcedure(matter.kind_code, action)
    && mayMatter(actor.roles, relations, PERMISSION_FOR[action]));
}

async function staffNames(db: Queryable, ids: (number | null)[]): Promise<Map<number, string>> {
  const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
  if (wanted.length === 0) return new Map();
  const { rows } = await db.query<{ id: number; display_name: string }>('SELECT id, display_name FROM staff WHERE id = ANY($1)', [wanted]);
  return new Map(rows.map((row) => [row.id, row.display_name]));
}

function presentDeadline(row: DeadlineRow, now: Date) {
  return {
    stage: row.stage, cycle: row.cycle, dueAt: row.due_at.toISOString(), status: row.status,
    metAt: row.met_at?.toISOString() ?? null, paused: row.paused_at !== null,
    overdue: row.breached_at !== null || (row.status === 'met' && row.met_at !== null && row.met_at > row.due_at)
      || (row.status === 'active' && row.paused_at === null && row.due_at < now),
    extended: row.extended, provisional: row.provisional_years.length > 0,
  };
}

export async function presentStaffMatter(ctx: AppContext, actor: Actor, matter: MatterRow) {
  const [deadlines, timeline, jurisdiction, supervisionOrders, attachments, ratings] = await Promise.all([
    loadDeadlines(ctx.db, matter.jurisdiction_id, matter.id),
    loadTimeline(ctx.db, matter.jurisdiction_id, matter.id, false),
    ctx.org.jurisdiction(matter.jurisdiction_id),
    loadMatterOrders(ctx.db, actor, ctx.clock(), matter.jurisdiction_id, matter.id),
    listAttachments(ctx.db, matter.jurisdiction_id, matter.id),
    loadRatings(ctx.db, matter.jurisdiction_id, matter.id),
  ]);
  // One query names everyone the view shows: the matter's officers, who added files, whom each rating counts for.
  const names = await staffNames(ctx.db, [
    matter.handler_officer_id, matter.first_officer_id, matter.transfer_to_officer_id,
    ...attachments.map((a) => a.addedByStaffId), ...ratings.map((r) => r.handler_officer_id),
  ]);
  const unit = async (id: number) => ({ id, name: (await ctx.org.unit(id))?.name ?? String(id) });
  const person = (id: number | null) => (id === null ? null : { id, name: names.get(id) ?? String(id) });
  const now = ctx.clock();
  const active = deadlines.filter((d) => d.status === 'active');
  return {
    id: matter.id,
    caseNo: matter.case_no,
    trackingCode: maskTrackingCode(matter.tracking_code),
    kind: matter.kind_code,
    channel: matter.channel,
    state: matter.state,
    pauseReason: matter.pause_reason,
    summary: matter.content.slice(0, 60),
    content: matter.content,
    receivedAt: matter.received_at.toISOString(),
    jurisdiction: jurisdiction?.name ?? String(matter.jurisdiction_id),
    location: { address: matter.location_address, lng: matter.location_lng, lat: matter.location_lat },
    // A reporter's identity is sealed (举报人保密, decision 0015): not even its masked form; unsealing is audited.
    contact: matter.kind_code === 'report' ? { name: null, phone: null, idNumber: null, address: null } : {
      name: openMasked(ctx.vault, matter.contact_name_enc, maskName),
      phone: openMasked(ctx.vault, matter.contact_phone_enc, maskPhone),
      idNumber: openMasked(ctx.vault, matter.contact_id_no_enc, maskIdNumber),
      address: openMasked(ctx.vault, matter.contact_address_enc, maskAddress),
    },
    firstUnit: await unit(matter.first_unit_id),
    firstOfficer: person(matter.first_officer_id),
    handlerUnit: await unit(matter.handler_unit_id),
    handlerOfficer: person(matter.handler_officer_id),
    pendingTransfer: matter.transfer_id === null ? null : {
      id: matter.transfer_id, toUnit: await unit(matter.transfer_to_unit_id!), toOfficer: person(matter.transfer_to_officer_id),
      reason: matter.transfer_reason!, sentAt: matter.transfer_sent_at!.toISOString(),
    },
    nextDueAt: active.length ? active.map((d) => d.due_at).sort((a, b) => a.getTime() - b.getTime())[0].toISOString() : null,
    overdue: active.some((d) => d.breached_at !== null || (d.paused_at === null && d.due_at < now)),
    deadlines: deadlines.map((d) => presentDeadline(d, now)),
    allowedActions: allowedActions(actor, matter),
    attachments: attachments.map((a) => presentAttachment(a, a.addedByStaffId === null ? null : names.get(a.addedByStaffId) ?? null)),
    ratings: await presentStaffRatings(ctx, ratings, names),
    supervisionOrders,
    version: matter.version,
    timeline: timeline.map((e) => ({
      seq: e.seq, at: e.occurred_at.toISOString(), type: e.type, visibility: e.visibility,
      actor: e.actor_kind === 'staff' ? `${e.actor_unit_name ?? ''} ${e.actor_name ?? ''}`.trim() : e.actor_kind === 'citizen' ? '群众' : '系统',
      reason: e.reason, payload: e.payload,
    })),
  };
}

const PUBLIC_TEXT: Record<string, (e: TimelineRow, locale: Locale) => string> = {
  'matter.submitted': (_, l) => (l === 'en' ? 'Your submission was received' : '您的诉求已提交，我们已收到'),
  'matter.registered': (_, l) => (l === 'en' ? 'Registered by the bureau' : '已登记受理'),
  'matter.accepted': (e, l) => (l === 'en' ? `Taken up by ${e.payload.unitName}` : `${e.payload.unitName}已签收，开始办理`),
  'matter.transferred': (e, l) => (l === 'en' ? `Sent to ${e.payload.toUnitName}` : `已转交${e.payload.toUnitName}办理`),
  'matter.transferAccepted': (e, l) => (l === 'en' ? `Accepted by ${e.payload.unitName}` : `${e.payload.unitName}已接收`),
  'matter.infoRequested': (e, l) => (l === 'en' ? `We asked you for: ${e.payload.request}` : `需要您补充：${e.payload.request}`),
  'citizen.supplemented': (e, l) => (l === 'en' ? `You added: ${e.payload.text}` : `您补充了：${e.payload.text}`),
  'matter.paused': (e, l) => {
    const label = PAUSE_REASON_LABELS[e.payload.pauseReason as PauseReason];
    return l === 'en' ? `Time limit paused (${label?.en})` : `办理期限暂停计时（${label?.zh}）`;
  },
  'matter.resumed': (_, l) => (l === 'en' ? 'Time limit running again' : '恢复计时'),
  'matter.extended': (e, l) => (l === 'en' ? `Time limit extended: ${e.reason}` : `经批准延长办理期限，理由：${e.reason}`),
  'matter.replied': (e, l) => (l === 'en' ? `Answer: ${e.payload.text}` : `答复：${e.payload.text}`),
  'matter.closed': (_, l) => (l === 'en' ? 'Closed' : '已办结'),
  'matter.rejected': (e, l) => (l === 'en' ? `Not accepted: ${e.reason}` : `不予受理：${e.reason}`),
  'matter.reopened': (e, l) => (l === 'en' ? `Reopened at your request: ${e.reason}` : `应您的申请重新办理：${e.reason}`),
  'citizen.rated': ratedText,
  'rectification.opened': rectificationOpenedText,
  'rectification.answered': rectificationAnsweredText,
};

/** A module's own public event (信访's 复查 request, say) carries its text for the citizen, in both languages, as payload.publicText. */
function ownPublicText(e: TimelineRow, locale: Locale): string {
  const text = e.payload.publicText as { zh?: unknown; en?: unknown } | undefined;
  const chosen = locale === 'en' ? text?.en : text?.zh;
  return typeof chosen === 'string' ? chosen : e.type;
}

/** What the citizen sees with the tracking code: status, public events, the reply. No personal data, no internal notes. */
export async function presentPublicMatter(ctx: AppContext, matter: MatterRow, locale: Locale) {
  const [timeline, deadlines, kind, unit, rating, attachments] = await Promise.all([
    loadTimeline(ctx.db, matter.jurisdiction_id, matter.id, true),
    loadDeadlines(ctx.db, matter.jurisdiction_id, matter.id),
    ctx.kinds.get(matter.kind_code),
    ctx.org.unit(matter.handler_unit_id),
    portalRatingOf(ctx.db, matter, locale),
    // The citizen's own files only; what staff added stays internal.
    listAttachments(ctx.db, matter.jurisdiction_id, matter.id, true),
  ]);
  const status = publicStatusOf(matter.state, matter.pause_reason);
  const lastReply = [...timeline].reverse().find((e) => e.type === 'matter.replied');
  const lastRequest = [...timeline].reverse().find((e) => e.type === 'matter.infoRequested');
  const handling = deadlines.filter((d) => d.status === 'active' && d.rule.endsOn === 'replied');
  const reopenUntil = matter.state === 'closed' && matter.closed_at && kind && !ownedByProcedure(matter.kind_code, 'reopen')
    ? new Date(matter.closed_at.getTime() + kind.reopenWindowDays * 86_400_000) : null;
  return {
    trackingCode: formatTrackingCode(matter.tracking_code),
    caseNo: matter.case_no,
    kind: matter.kind_code,
    kindName: (locale === 'en' ? kind?.nameEn : kind?.nameZh) ?? matter.kind_code,
    status,
    statusLabel: locale === 'en' ? PUBLIC_STATUS_LABELS[status].en : PUBLIC_STATUS_LABELS[status].zh,
    receivedAt: matter.received_at.toISOString(),
    content: matter.content,
    handlingUnit: unit?.name ?? '',
    dueAt: handling[0]?.due_at.toISOString() ?? null,
    request: status === 'awaiting_citizen' && lastRequest ? String(lastRequest.payload.request) : null,
    reply: lastReply && (matter.state === 'replied' || matter.state === 'closed')
      ? { at: lastReply.occurred_at.toISOString(), text: String(lastReply.payload.text) } : null,
    canReopenUntil: reopenUntil && reopenUntil > ctx.clock() ? reopenUntil.toISOString() : null,
    ...rating,
    attachments: attachments.map(({ id, name, type, size }) => ({ id, name, type, size })),
    timeline: timeline.map((e) => ({
      at: e.occurred_at.toISOString(), type: e.type, text: (PUBLIC_TEXT[e.type] ?? ownPublicText)(e, locale),
    })),
  };
}
