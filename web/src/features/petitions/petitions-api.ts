/** The petition module's API calls (server/modules/petitions/petitions.routes.ts; shapes in common/contracts/petitions.ts). */
import type { Static } from 'typebox';
import type {
  EarlierPetition, PetitionFigures, PetitionSummaryRow, PortalPetitionView, RegisterPetitionBody, StaffPetitionView, OnlinePetitionBody,
} from '../../../../common/contracts/petitions';
import { api } from '../../lib/api-client';
import { staff } from '../console/console-api';

export type StaffPetition = Static<typeof StaffPetitionView>;
export type PortalPetition = Static<typeof PortalPetitionView>;
export type PetitionRow = Static<typeof PetitionSummaryRow>;
export type Figures = Static<typeof PetitionFigures>;
export type Earlier = Static<typeof EarlierPetition>;
type Done = { id: number; version: number };
const enc = encodeURIComponent;

export const petitionsApi = {
  list: (query: Record<string, string | number | boolean | undefined>) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(key, String(value));
    return staff<{ items: PetitionRow[]; total: number; page: number; pageSize: number }>('GET', `/api/v1/staff/petitions?${params}`);
  },
  figures: (from: string, to: string) => staff<Figures>('GET', `/api/v1/staff/petitions/figures?from=${from}&to=${to}`),
  register: (body: RegisterPetitionBody) =>
    staff<{ id: number; caseNo: string; trackingCode: string; notAccepted: boolean }>('POST', '/api/v1/staff/petitions', body),
  earlier: (person: { phone?: string; idNumber?: string }) => staff<Earlier[]>('POST', '/api/v1/staff/petitions/earlier', person),
  get: (id: number) => staff<StaffPetition>('GET', `/api/v1/staff/petitions/${id}`),
  acceptance: (id: number, body: { version: number; decision: 'accept' | 'not_accept'; reasons: string }) =>
    staff<Done>('POST', `/api/v1/staff/petitions/${id}/acceptance`, body),
  opinion: (id: number, body: { version: number; result: string; basis: string; opinion: string }) =>
    staff<Done>('POST', `/api/v1/staff/petitions/${id}/opinion`, body),
  extend: (id: number, body: { version: number; reason: string }) => staff<Done>('POST', `/api/v1/staff/petitions/${id}/extension`, body),
  link: (id: number, body: { version: number; repeatOf: number }) => staff<Done>('POST', `/api/v1/staff/petitions/${id}/repeat-link`, body),
  planVisit: (id: number, body: { plannedFor: string; visitors: string }) => staff<Done>('POST', `/api/v1/staff/petitions/${id}/visits`, body),
  recordVisit: (id: number, visitId: number, body: { visitedBy: string; findings: string; attitude: string; settled: boolean }) =>
    staff<Done>('POST', `/api/v1/staff/petitions/${id}/visits/${visitId}/record`, body),
  // The petitioner's side.
  submit: (body: OnlinePetitionBody, idempotencyKey: string) =>
    api<{ trackingCode: string; caseNo: string; receivedAt: string }>('POST', '/api/v1/portal/petitions', { body, headers: { 'idempotency-key': idempotencyKey } }),
  portal: (code: string) => api<PortalPetition>('GET', `/api/v1/portal/petitions/${enc(code)}`),
  requestReview: (code: string, reason: string) => api<{ level: string; cycle: number }>('POST', `/api/v1/portal/petitions/${enc(code)}/review-requests`, { body: { reason } }),
};
