import { mayGeneral } from '../../../common/access.js';
import type { Locale } from '../../../common/errors.js';
import {
  REFUSAL_REASON_LABELS, type BoardPostBody, type MailboxLetterBody, type ModerationBody, type ModerationQuery, type PostChannel,
  type PublicPostQuery, type RefusalReason,
} from '../../../common/contracts/posts.js';
import type { PortalSubmissionBody } from '../../../common/contracts/matters.js';
import { PUBLIC_STATUS_LABELS, publicStatusOf, type MatterState } from '../../../common/workflow.js';
import type { AppContext } from '../../app-context.js';
import type { Actor } from '../../platform/auth/sessions.js';
import { AppError } from '../../platform/http/errors.js';
import { queueSms } from '../../platform/notify/index.js';
import { containsPattern, formatTrackingCode, matterService, normaliseSearch, visibleMattersCondition } from '../matters/index.js';
import { mailboxRules } from './mailbox-rules.js';
import { findPost, insertPost, listPublicPosts, listStaffPosts, saveDecision, type Moderation, type PostRow, type StaffPostRow } from './posts.repo.js';
import { redactPersonalData } from './redact.js';

const CHANNEL_NAMES: Record<PostChannel, string> = { mailbox: '局长信箱来信', message_board: '网上留言' };

/**
 * A letter to the 局长信箱 or a post on the 网上留言 board: a matter made by the portal's own submission path
 * (kinds, routing of complaints, the duplicate guard, idempotency), with the post's row in the same transaction.
 * On the board the poster asks for a public answer, so consent is implied; in the mailbox it is asked.
 * A 举报 is never published: the reporter is owed confidentiality.
 */
export async function submitPost(ctx: AppContext, channel: PostChannel, body: MailboxLetterBody | BoardPostBody, idempotencyKey: string | undefined) {
  const consent = 'consent' in body ? body.consent : true;
  const moderation: Moderation = consent && body.kind !== 'report' ? 'pending' : 'private';
  const title = body.title.trim();
  const submission: PortalSubmissionBody = {
    kind: body.kind, content: body.content, contact: body.contact,
    ...(body.jurisdictionCode ? { jurisdictionCode: body.jurisdictionCode } : {}),
    ...(body.confirmDuplicate ? { confirmDuplicate: true } : {}),
  };
  const result = await matterService.submitFromPortal(ctx, submission, idempotencyKey, [], {
    channel, fields: { title, consent },
    rules: channel === 'mailbox' ? mailboxRules : undefined,
    record: (tx, matter) => insertPost(tx, {
      jurisdictionId: matter.jurisdictionId, matterId: matter.id, channel, title, consent, moderation, postedAt: matter.receivedAt,
    }),
  });
  return { ...result, moderation: moderation as 'pending' | 'private' };
}

function refusalOf(post: PostRow, locale: Locale) {
  if (post.moderation !== 'refused' || !post.moderated_at) return null;
  return {
    reasons: post.refusal_reasons.map((code) => {
      const label = REFUSAL_REASON_LABELS[code as RefusalReason];
      return { code, label: label ? (locale === 'en' ? label.en : label.zh) : code };
    }),
    note: post.refusal_note,
    at: post.moderated_at.toISOString(),
  };
}

/** The poster's own view of their post, by tracking code. */
export async function ownPost(ctx: AppContext, trackingCode: string, locale: Locale) {
  const matter = await matterService.matterByTrackingCode(ctx, ctx.db, trackingCode);
  const post = await findPost(ctx.db, matter.jurisdiction_id, matter.id);
  if (!post) throw new AppError('POST_NOT_FOUND');
  return {
    channel: post.channel, title: post.title, postNo: Number(post.post_no), moderation: post.moderation, consent: post.consent,
    publishedAt: post.published_at?.toISOString() ?? null, refusal: refusalOf(post, locale),
  };
}

/** The public board and the mailbox's published letters. Personal data: none (see listPublicPosts). */
export async function publicPosts(ctx: AppContext, query: PublicPostQuery, locale: Locale) {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const { rows, total } = await listPublicPosts(ctx.db, {
    channel: query.channel ?? 'message_board',
    pattern: query.q === undefined ? undefined : containsPattern(query.q),
    answered: query.answered,
  }, { limit: pageSize, offset: (page - 1) * pageSize });
  const items = await Promise.all(rows.map(async (row) => {
    const [kind, area, unit] = await Promise.all([
      ctx.kinds.get(row.kind_code), ctx.org.jurisdiction(row.jurisdiction_id),
      row.answer_unit_id === null ? undefined : ctx.org.unit(row.answer_unit_id),
    ]);
    const status = publicStatusOf(row.state as MatterState, row.pause_reason);
    return {
      postNo: Number(row.post_no), channel: row.channel, kind: row.kind_code,
      kindName: (locale === 'en' ? kind?.nameEn : kind?.nameZh) ?? row.kind_code,
      title: row.published_title, text: row.published_text,
      author: locale === 'en' ? 'A member of the public' : '网友',
      area: area?.name ?? '',
      postedAt: row.received_at.toISOString(),
      status, statusLabel: locale === 'en' ? PUBLIC_STATUS_LABELS[status].en : PUBLIC_STATUS_LABELS[status].zh,
      // The officer wrote the answer to the poster; what no reader should see is removed as from the post.
      answer: row.answer_at && row.answer_text !== null
        ? { at: row.answer_at.toISOString(), text: redactPersonalData(row.answer_text), unit: unit?.name ?? '' } : null,
    };
  }));
  return { items, total, page, pageSize };
}

async function presentStaffPost(ctx: AppContext, row: StaffPostRow, locale: Locale) {
  const area = await ctx.org.jurisdiction(row.jurisdiction_id);
  return {
    matterId: Number(row.matter_id), caseNo: row.case_no, postNo: Number(row.post_no), channel: row.channel, kind: row.kind_code,
    title: row.title, content: row.content, area: area?.name ?? '', postedAt: row.posted_at.toISOString(), consent: row.consent,
    moderation: row.moderation, publishedTitle: row.published_title, publishedText: row.published_text,
    suggestedText: redactPersonalData(row.content), refusal: refusalOf(row, locale),
    moderatedBy: row.moderator_name, moderatedAt: row.moderated_at?.toISOString() ?? null, matterState: row.state, version: row.version,
  };
}

function scoped(actor: Actor) {
  const params: unknown[] = [];
  const p = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  return { params, p, where: [visibleMattersCondition(actor, p)] };
}

/** 留言审核: the queue (oldest waiting first) or the decided posts (latest decision first), within the actor's sight. */
export async function moderationList(ctx: AppContext, actor: Actor, query: ModerationQuery, locale: Locale) {
  if (!mayGeneral(actor.roles, 'posts.moderate')) throw new AppError('FORBIDDEN');
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const moderation = query.moderation ?? 'pending';
  const { params, p, where } = scoped(actor);
  where.push(`p.moderation = ${p(moderation)}`);
  if (query.channel) where.push(`p.channel = ${p(query.channel)}`);
  const order = moderation === 'pending' ? 'p.posted_at, p.post_no' : 'p.moderated_at DESC, p.post_no DESC';
  const { rows, total } = await listStaffPosts(ctx.db, where, params, { limit: pageSize, offset: (page - 1) * pageSize }, order);
  return { items: await Promise.all(rows.map((row) => presentStaffPost(ctx, row, locale))), total, page, pageSize };
}

/** The post of one matter, for its page in the console; 404 when the matter has none or is out of sight. */
export async function staffPost(ctx: AppContext, actor: Actor, matterId: number, locale: Locale) {
  if (!mayGeneral(actor.roles, 'matter.list')) throw new AppError('FORBIDDEN');
  const { params, p, where } = scoped(actor);
  where.push(`m.id = ${p(matterId)}`);
  const { rows } = await listStaffPosts(ctx.db, where, params, null, 'p.post_no');
  if (!rows[0]) throw new AppError('POST_NOT_FOUND');
  return presentStaffPost(ctx, rows[0], locale);
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/**
 * 审核: publish (the moderator may edit the title and text to remove personal data; the automatic redaction
 * runs on whatever is published) or refuse with reasons from the list, sent to the poster by SMS. A decision
 * is about publication only: the matter goes on being handled either way. Repeating the decision already
 * recorded changes nothing and sends nothing (a double click, a retry); a different decision needs the
 * version that was read (a moderator may take down what was published, or publish what was refused).
 */
export async function moderate(ctx: AppContext, actor: Actor, matterId: number, body: ModerationBody, locale: Locale) {
  if (!mayGeneral(actor.roles, 'posts.moderate')) throw new AppError('FORBIDDEN');
  const reasons = body.reasons ?? [];
  const note = body.note?.trim() || null;
  if (body.decision === 'refuse' && reasons.length === 0) {
    throw new AppError('VALIDATION_FAILED', {}, [{ path: 'reasons', zh: '请至少选择一项不公开的理由', en: 'Choose at least one reason for not publishing' }]);
  }
  if (body.decision === 'refuse' && reasons.includes('other') && !note) {
    throw new AppError('VALIDATION_FAILED', {}, [{ path: 'note', zh: '选择“其他”时请写明理由', en: 'Explain the reason when choosing "Other"' }]);
  }
  // The matter's own lock and access check (404 out of sight): one decision at a time, never beside a hidden matter.
  await matterService.act(ctx, actor, matterId, 'matter.read', undefined, undefined, async ({ tx, matter, now, event }) => {
    const post = await findPost(tx, matter.jurisdiction_id, matter.id, true);
    if (!post) throw new AppError('POST_NOT_FOUND');
    if (post.moderation === 'private') throw new AppError('POST_NOT_FOR_PUBLICATION');
    if (body.decision === 'approve') {
      const title = redactPersonalData((body.title ?? post.title).trim());
      const text = redactPersonalData((body.text ?? matter.content).trim());
      if (post.moderation === 'approved' && post.published_title === title && post.published_text === text) return;
      if (body.version !== post.version) throw new AppError('POST_VERSION_CONFLICT');
      await saveDecision(tx, post, {
        moderation: 'approved', publishedTitle: title, publishedText: text, searchText: normaliseSearch(`${title}\n${text}`),
        reasons: [], note: null, at: now, by: actor.staffId,
      });
      await event({ type: 'post.approved', visibility: 'internal',
        payload: { postNo: Number(post.post_no), edited: title !== post.title || text !== matter.content.trim() } });
    } else {
      if (post.moderation === 'refused' && sameSet(post.refusal_reasons, reasons) && post.refusal_note === note) return;
      if (body.version !== post.version) throw new AppError('POST_VERSION_CONFLICT');
      await saveDecision(tx, post, {
        moderation: 'refused', publishedTitle: null, publishedText: null, searchText: null, reasons, note, at: now, by: actor.staffId,
      });
      const labels = reasons.map((code) => REFUSAL_REASON_LABELS[code].zh).join('、');
      await event({ type: post.moderation === 'approved' ? 'post.withdrawn' : 'post.refused', visibility: 'internal',
        reason: [labels, note].filter(Boolean).join('：'), payload: { postNo: Number(post.post_no), reasons, note } });
      // The poster is told why, by text message, in this transaction (sent if and only if the decision commits).
      if (matter.contact_phone_enc) {
        await queueSms(tx, ctx.vault, {
          purpose: 'moderation_refused', to: { phoneEnc: matter.contact_phone_enc }, matter: { jurisdictionId: matter.jurisdiction_id, id: matter.id }, at: now,
          text: `您提交的${CHANNEL_NAMES[post.channel]}“${post.title}”经审核不予公开，理由：${labels}${note ? `（${note}）` : ''}。`
            + `您反映的事项仍在办理，可凭查询码查看进度和答复：${ctx.publicBaseUrl}/track/${formatTrackingCode(matter.tracking_code)}`,
        });
      }
    }
  });
  return staffPost(ctx, actor, matterId, locale);
}
