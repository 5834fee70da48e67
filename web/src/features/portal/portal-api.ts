/** The portal's API calls and the shapes it reads (see common/contracts/matters.ts and portal.routes.ts). */
import type { PublicStatus } from '../../../../common/workflow';
import { api } from '../../lib/api-client';

export type Stage = { stage: string; amount: number; unit: string };
export type PublicKind = { code: string; nameZh: string; nameEn: string; stages: Stage[] };
export type Jurisdiction = { code: string; name: string; kind: string };
export type SubmissionResult = { trackingCode: string; caseNo: string; receivedAt: string };
export type PortalMatter = {
  trackingCode: string; caseNo: string; kind: string; kindName: string;
  status: PublicStatus; statusLabel: string; receivedAt: string; content: string; handlingUnit: string;
  dueAt: string | null; request: string | null; reply: { at: string; text: string } | null;
  canReopenUntil: string | null; timeline: { at: string; type: string; text: string }[];
};

export const portalApi = {
  kinds: () => api<PublicKind[]>('GET', '/api/v1/portal/kinds'),
  jurisdictions: () => api<Jurisdiction[]>('GET', '/api/v1/portal/jurisdictions'),
  submit: (body: unknown, idempotencyKey: string) =>
    api<SubmissionResult>('POST', '/api/v1/portal/matters', { body, headers: { 'idempotency-key': idempotencyKey } }),
  matter: (code: string) => api<PortalMatter>('GET', `/api/v1/portal/matters/${encodeURIComponent(code)}`),
  supplement: (code: string, text: string) =>
    api<void>('POST', `/api/v1/portal/matters/${encodeURIComponent(code)}/supplements`, { body: { text } }),
  reopen: (code: string, reason: string) =>
    api<void>('POST', `/api/v1/portal/matters/${encodeURIComponent(code)}/reopen`, { body: { reason } }),
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
