/** The staff console's API calls and the shapes it reads (see common/contracts/matters.ts and the staff routes). */
import type { Rating } from '../../../../common/contracts/ratings';
import type { Role } from '../../../../common/access';
import type { MatterAction, MatterState } from '../../../../common/workflow';
import { api, ApiError, download } from '../../lib/api-client';

export type StaffSession = {
  csrfToken: string;
  staff: { id: number; username: string; name: string; roles: Role[]; unit: { id: number; name: string; scope: string; kind: string } };
  idleTimeoutMinutes: number;
};
type Ref = { id: number; name: string };
export type MatterSummary = {
  id: number; caseNo: string; kind: string; channel: string; state: MatterState; summary: string; receivedAt: string;
  jurisdiction: string; handlerUnit: Ref; handlerOfficer: Ref | null; nextDueAt: string | null; overdue: boolean; version: number;
};
export type Deadline = {
  stage: string; cycle: number; dueAt: string; status: string; metAt: string | null;
  paused: boolean; overdue: boolean; extended: boolean; provisional: boolean;
};
export type StaffRating = {
  cycle: number; rating: Rating; comment: string | null; source: 'citizen' | 'follow_up'; via: 'portal' | 'sms_link' | 'call'; ratedAt: string;
  handlerUnit: Ref; handlerOfficer: Ref | null;
};
export type Contact = { name: string | null; phone: string | null; idNumber: string | null; address: string | null };
/** What a reveal returns: the contact and the tracking code (masked in the matter view: it is the citizen's key to rate). */
export type Revealed = Contact & { trackingCode: string };
export type MatterView = MatterSummary & {
  trackingCode: string; content: string; pauseReason: string | null;
  location: { address: string | null; lng: number | null; lat: number | null };
  contact: Contact; firstUnit: Ref; firstOfficer: Ref | null;
  pendingTransfer: { id: number; toUnit: Ref; toOfficer: Ref | null; reason: string; sentAt: string } | null;
  attachments: StaffAttachment[];
  deadlines: Deadline[]; allowedActions: MatterAction[]; supervisionOrders: MatterSupervisionOrder[];
  ratings: StaffRating[];
  timeline: { seq: number; at: string; type: string; visibility: string; actor: string | null; reason: string | null; payload: Record<string, unknown> }[];
};
export type StaffAttachment = { id: number; name: string; type: string; size: number; addedAt: string; addedBy: 'citizen' | 'staff'; addedByName: string | null };
export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };
export type WorkbenchCounts = { mine: number; toAccept: number; dueSoon: number; overdue: number; supervisionOrders: number };
export type Kind = { code: string; nameZh: string; nameEn: string };
export type Unit = { id: number; name: string; kind: string; active: boolean };
export type Jurisdiction = { id: number; code: string; name: string; kind: string };
export type SupervisionOrder = {
  id: number; matterId: number; caseNo: string; issuedBy: string; issuedAt: string; toUnit: string; toOfficer: string | null; instructions: string;
  dueAt: string; status: string; overdue: boolean; answer: string | null; answeredBy: string | null; answeredAt: string | null;
};
export type MatterSupervisionOrder = SupervisionOrder & { toUnitId: number; canAnswer: boolean };
export type AccountabilityRecord = {
  id: number; matterId: number; caseNo: string; kind: string; subject: string; cycle: number; unit: string; officer: string | null;
  dueAt: string; recordedAt: string;
};
export type CalendarState = { years: { year: number; source: string; loadedAt: string }[]; alerts: { year: number; firstNeededAt: string }[] };
export type View = 'mine' | 'toAccept' | 'dueSoon' | 'overdue' | 'all';

let onUnauthorized: (() => void) | undefined;
/** The session provider registers what a 401 from any staff call does (back to the login page). */
export function setUnauthorizedHandler(handler: (() => void) | undefined) {
  onUnauthorized = handler;
}

/** Runs a staff request: a 401 (the session expired) sends the user back to the login page. */
async function expiring<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) onUnauthorized?.();
    throw error;
  }
}

/** A staff API call: a 401 sends the user back to the login page. */
export function staff<T>(method: string, path: string, body?: unknown): Promise<T> {
  return expiring(() => api<T>(method, path, body === undefined ? {} : { body }));
}

/** A staff file download (an export), with the same handling of a 401 as staff(). */
export function staffDownload(path: string, fallbackName: string): Promise<void> {
  return expiring(() => download(path, fallbackName));
}

const m = (id: number, rest = '') => `/api/v1/staff/matters/${id}${rest}`;

export const consoleApi = {
  // Login and the session probe go straight to api(): their 401 is an answer, not an expiry.
  login: (username: string, password: string) => api<StaffSession>('POST', '/api/v1/staff/session', { body: { username, password } }),
  session: () => api<StaffSession>('GET', '/api/v1/staff/session'),
  logout: () => api<void>('DELETE', '/api/v1/staff/session'),
  workbench: () => staff<WorkbenchCounts>('GET', '/api/v1/staff/workbench'),
  dashboard: (range: { from: string; to: string }) => staff<import('../../../../common/contracts/stats').Dashboard>('GET', `/api/v1/staff/stats/dashboard?${new URLSearchParams(range)}`),
  matters: (view: View, page: number, pageSize: number) =>
    staff<Page<MatterSummary>>('GET', `/api/v1/staff/matters?${new URLSearchParams({ view, page: String(page), pageSize: String(pageSize) })}`),
  matter: (id: number) => staff<MatterView>('GET', m(id)),
  attachmentUrl: (id: number, attachmentId: number) => m(id, `/attachments/${attachmentId}`),
  addAttachments: (id: number, files: File[]) => {
    const form = new FormData();
    for (const file of files) form.append('files', file, file.name);
    return staff<{ id: number; version: number; attachments: StaffAttachment[] }>('POST', m(id, '/attachments'), form);
  },
  kinds: () => staff<Kind[]>('GET', '/api/v1/staff/kinds'),
  units: () => staff<Unit[]>('GET', '/api/v1/staff/units'),
  unitStaff: (unitId: number) => staff<Ref[]>('GET', `/api/v1/staff/units/${unitId}/staff`),
  jurisdictions: () => staff<Jurisdiction[]>('GET', '/api/v1/staff/jurisdictions'),
  register: (body: Record<string, unknown>) => staff<{ id: number; caseNo: string; trackingCode: string }>('POST', '/api/v1/staff/matters', body),
  supervisionOrders: (page: number, pageSize: number, filter: { addressedToMe?: boolean; open?: boolean } = {}) =>
    staff<Page<SupervisionOrder>>('GET', `/api/v1/staff/supervision-orders?${new URLSearchParams({
      page: String(page), pageSize: String(pageSize), ...(filter.addressedToMe ? { addressedToMe: 'true' } : {}), ...(filter.open ? { open: 'true' } : {}),
    })}`),
  answerSupervision: (id: number, orderId: number, answer: string) =>
    staff<{ id: number; version: number }>('POST', m(id, `/supervision-orders/${orderId}/answer`), { answer }),
  /** The matter list with the list page's query string (filters, page, size, sort), as the URL carries it. */
  matterList: (query: URLSearchParams) => staff<Page<MatterSummary>>('GET', `/api/v1/staff/matters?${query}`),
  accountabilityRecords: (page: number, pageSize: number) =>
    staff<Page<AccountabilityRecord>>('GET', `/api/v1/staff/accountability-records?page=${page}&pageSize=${pageSize}`),
  calendar: () => staff<CalendarState>('GET', '/api/v1/staff/admin/calendar'),
  loadCalendar: (body: { year: number; text: string; source?: string }) =>
    staff<{ year: number; holidays: number; adjustedWorkdays: number; recomputedDeadlines: number }>('POST', '/api/v1/staff/admin/calendar', body),
  reveal: (id: number, reason: string) => staff<Revealed>('POST', m(id, '/personal-data/reveal'), { reason }),
  act: (id: number, action: MatterAction, body: Record<string, unknown>) => staff<{ id: number; version: number }>('POST', m(id, ACTION_PATHS[action]), body),
};

export const ACTION_PATHS: Record<MatterAction, string> = {
  accept: '/accept', transfer: '/transfers', acceptTransfer: '/transfer/accept', returnTransfer: '/transfer/return',
  requestInfo: '/info-requests', pause: '/pause', resume: '/resume', reply: '/reply', close: '/close', reject: '/reject',
  extend: '/extension', note: '/notes', supervise: '/supervision-orders',
};

/** The .xlsx export of the matter list with the list's filters. */
export const exportMatters = (filters: URLSearchParams, fallbackName: string) =>
  staffDownload(`/api/v1/staff/matters/export.xlsx${filters.size ? `?${filters}` : ''}`, fallbackName);

/** The dashboard's numbers for a date range as .xlsx. */
export const exportDashboard = (range: { from: string; to: string }) =>
  staffDownload(`/api/v1/staff/stats/dashboard.xlsx?${new URLSearchParams(range)}`, `dashboard-${range.from}-${range.to}.xlsx`);
