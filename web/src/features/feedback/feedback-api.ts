/** The follow-up (回访), rectification and appeal calls; shapes from common/contracts/feedback.ts. */
import type {
  AppealListItem, CallQueueItem, FollowUpLinkView, MatterFeedbackView, PortalRectificationView,
} from '../../../../common/contracts/feedback';
import type { Rating } from '../../../../common/contracts/ratings';
import { api } from '../../lib/api-client';
import { staff } from '../console/console-api';

export type { AppealListItem, CallQueueItem, FollowUpLinkView, MatterFeedbackView, PortalRectificationView };

const m = (id: number, rest: string) => `/api/v1/staff/matters/${id}${rest}`;

export const feedbackApi = {
  link: (token: string) => api<FollowUpLinkView>('GET', `/api/v1/portal/follow-ups/${encodeURIComponent(token)}`),
  rateLink: (token: string, body: { rating: Rating; comment?: string }) =>
    api<void>('POST', `/api/v1/portal/follow-ups/${encodeURIComponent(token)}`, { body }),
  portalRectifications: (code: string) =>
    api<PortalRectificationView[]>('GET', `/api/v1/portal/matters/${encodeURIComponent(code)}/rectifications`),

  matter: (id: number) => staff<MatterFeedbackView>('GET', m(id, '/feedback')),
  rectify: (id: number, cycle: number, body: { actionTaken: string; feedback: string }) => staff<void>('POST', m(id, `/rectifications/${cycle}`), body),
  appeal: (id: number, cycle: number, reason: string) => staff<void>('POST', m(id, `/ratings/${cycle}/appeal`), { reason }),
  decide: (id: number, cycle: number, body: { decision: 'upheld' | 'rejected'; reason: string }) =>
    staff<void>('POST', m(id, `/ratings/${cycle}/appeal/decision`), body),
  appeals: (status: 'pending' | 'decided') => staff<AppealListItem[]>('GET', `/api/v1/staff/rating-appeals?status=${status}`),
  queue: (status: 'calling' | 'link_sent' | 'done') => staff<CallQueueItem[]>('GET', `/api/v1/staff/follow-ups?status=${status}`),
  call: (id: number, body: { cycle: number; version: number; outcome: string; rating?: Rating; comment?: string; note?: string }) =>
    staff<{ status: string; version: number }>('POST', `/api/v1/staff/follow-ups/${id}/calls`, body),
  reveal: (id: number, reason: string) => staff<{ name: string | null; phone: string | null }>('POST', `/api/v1/staff/follow-ups/${id}/reveal`, { reason }),
};
