/** The portal's API calls and the shapes it reads (see common/contracts/matters.ts and portal.routes.ts). */
import type { PublicStatus } from '../../../../common/workflow';
import type { Rating } from '../../../../common/contracts/ratings';
import { api } from '../../lib/api-client';

export type Stage = { stage: string; amount: number; unit: string };
export type PublicKind = { code: string; nameZh: string; nameEn: string; stages: Stage[] };
export type Jurisdiction = { code: string; name: string; kind: string; boundary: [number, number][] | null };
export type PortalRating = { rating: Rating; ratingLabel: string; comment: string | null; ratedAt: string };
export type SubmissionResult = { trackingCode: string; caseNo: string; receivedAt: string };
export type PortalMatter = {
  trackingCode: string; caseNo: string; kind: string; kindName: string;
  status: PublicStatus; statusLabel: string; receivedAt: string; content: string; handlingUnit: string;
  dueAt: string | null; request: string | null; reply: { at: string; text: string } | null;
  canReopenUntil: string | null; timeline: { at: string; type: string; text: string }[];
  rating: PortalRating | null; mayRate: boolean;
  attachments: { id: number; name: string; type: string; size: number }[];
};

/** JSON alone, or (with files) multipart: the JSON in the form field `field`, then the files. */
function withFiles(field: string, body: unknown, files: File[]): unknown {
  if (files.length === 0) return body;
  const form = new FormData();
  form.append(field, JSON.stringify(body));
  for (const file of files) form.append('files', file, file.name);
  return form;
}

export const portalApi = {
  kinds: () => api<PublicKind[]>('GET', '/api/v1/portal/kinds'),
  jurisdictions: () => api<Jurisdiction[]>('GET', '/api/v1/portal/jurisdictions'),
  submit: (body: unknown, idempotencyKey: string, files: File[] = []) =>
    api<SubmissionResult>('POST', '/api/v1/portal/matters', { body: withFiles('submission', body, files), headers: { 'idempotency-key': idempotencyKey } }),
  matter: (code: string) => api<PortalMatter>('GET', `/api/v1/portal/matters/${encodeURIComponent(code)}`),
  supplement: (code: string, text: string, files: File[] = []) =>
    api<void>('POST', `/api/v1/portal/matters/${encodeURIComponent(code)}/supplements`, { body: withFiles('supplement', { text }, files) }),
  attachmentUrl: (code: string, id: number) => `/api/v1/portal/matters/${encodeURIComponent(code)}/attachments/${id}`,
  reopen: (code: string, reason: string) =>
    api<void>('POST', `/api/v1/portal/matters/${encodeURIComponent(code)}/reopen`, { body: { reason } }),
  rate: (code: string, body: { rating: Rating; comment?: string }) =>
    api<void>('POST', `/api/v1/portal/matters/${encodeURIComponent(code)}/rating`, { body }),
};

/** "1 个工作日" / "15 日" / "24 小时" / "2 个月"; in English "1 working days" reads wrong, so singular is handled. */
export function formatLimit(stage: Stage, units: Record<string, string>, locale: string): string {
  const unit = units[stage.unit] ?? stage.unit;
  if (locale === 'en') return `${stage.amount} ${stage.amount === 1 ? unit.replace(/s$/, '') : unit}`;
  return `${stage.amount} ${unit}`;
}

export function kindName(kind: PublicKind, locale: string) {
  return locale === 'en' ? kind.nameEn : kind.nameZh;
}
