/** 群众信箱, 网上留言 and 留言审核: the API calls and shapes (see common/contracts/posts.ts). */
import type { PublicStatus } from '../../../../common/workflow';
import type { PostChannel, RefusalReason } from '../../../../common/contracts/posts';
import { useI18n } from '../../app/i18n';
import { api } from '../../lib/api-client';
import { staff } from '../console/console-api';
import { postsEn } from '../../locales/posts.en';
import { postsZh } from '../../locales/posts.zh-CN';

export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };
export type PublicPost = {
  postNo: number; channel: PostChannel; kind: string; kindName: string; title: string; text: string; author: string; area: string;
  postedAt: string; status: PublicStatus; statusLabel: string; answer: { at: string; text: string; unit: string } | null;
};
export type Moderation = 'pending' | 'approved' | 'refused' | 'private';
export type Refusal = { reasons: { code: string; label: string }[]; note: string | null; at: string };
export type OwnPost = {
  channel: PostChannel; title: string; postNo: number; moderation: Moderation; consent: boolean; publishedAt: string | null; refusal: Refusal | null;
};
export type StaffPost = {
  matterId: number; caseNo: string; postNo: number; channel: PostChannel; kind: string; title: string; content: string; area: string;
  postedAt: string; consent: boolean; moderation: Moderation; publishedTitle: string | null; publishedText: string | null;
  suggestedText: string; refusal: Refusal | null; moderatedBy: string | null; moderatedAt: string | null; matterState: string; version: number;
};
export type PostResult = { trackingCode: string; caseNo: string; receivedAt: string; moderation: 'pending' | 'private' };
export type ModerationDecision =
  | { version: number; decision: 'approve'; title?: string; text?: string }
  | { version: number; decision: 'refuse'; reasons: RefusalReason[]; note?: string };

const query = (params: Record<string, string | number | boolean | undefined>) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
};

export const postsApi = {
  send: (channel: PostChannel, body: unknown, idempotencyKey: string) =>
    api<PostResult>('POST', channel === 'mailbox' ? '/api/v1/portal/mailbox' : '/api/v1/portal/board', { body, headers: { 'idempotency-key': idempotencyKey } }),
  published: (params: { channel: PostChannel; q?: string; answered?: boolean; page: number; pageSize: number }) =>
    api<Page<PublicPost>>('GET', `/api/v1/portal/posts${query(params)}`),
  own: (code: string) => api<OwnPost>('GET', `/api/v1/portal/matters/${encodeURIComponent(code)}/post`),
  queue: (params: { moderation: string; channel?: string; page: number; pageSize: number }) =>
    staff<Page<StaffPost>>('GET', `/api/v1/staff/posts${query(params)}`),
  ofMatter: (matterId: number) => staff<StaffPost>('GET', `/api/v1/staff/posts/${matterId}`),
  moderate: (matterId: number, body: ModerationDecision) => staff<StaffPost>('POST', `/api/v1/staff/posts/${matterId}/moderation`, body),
};

/** This feature's strings in the UI's language (kept beside the app's own, so that the app's locale files stay as they are). */
export function usePostsText() {
  const { locale } = useI18n();
  return locale === 'en' ? postsEn : postsZh;
}
