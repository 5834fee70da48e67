/** The staff console's API calls and the shapes it reads (see common/contracts/matters.ts and the staff routes). */
import type { Role } from '../../../../common/access';
import type { MatterAction, MatterState } from '../../../../common/workflow';
import { api, ApiError } from '../../lib/api-client';

export type StaffSession = {
  csrfToken: string;
  staff: { id: number; username: string; name: string; roles: Role[]; unit: { id: number; name: string; scope: string } };
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
export type Contact = { name: string | null; phone: string | null; idNumber: string | null; address: string | null };
export type MatterView = MatterSummary & {
  trackingCode: string; content: string; pauseReason: string | null;
  location: { address: string | null; lng: number | null; lat: number | null };
  contact: Contact; firstUnit: Ref; firstOfficer: Ref | null;
  pendingTransfer: { id: number; toUnit: Ref; toOfficer: Ref | null; reason: string; sentAt: string } | null;
  deadlines: Deadline[]; allowedActions: MatterAction[];
  timeline: { seq: number; at: string; type: string; visibility: string; actor: string | null; reason: string | null; payload: Record<string, unknown> }[];
};
export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };
export type WorkbenchCounts = { mine: number; toAccept: number; dueSoon: number; overdue: number; supervisionOrders: number };
export type Kind = { code: string; nameZh: string; nameEn: string };
export type Unit = { id: number; name: string; kind: string; active: boolean };
export type Jurisdiction = { id: number; code: string; name: string; kind: string };
export type SupervisionOrder = {
  id: number; matterId: number; caseNo: string; issuedBy: string; issuedAt: string; toUnit: string; instructions: string;
  dueAt: string; status: string; overdue: boolean; answer: string | null; answeredAt: string | null;
};
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

async function staff<T>(method: string, path: string, body?: unknown): Promise<T> {
  try {
    return await api<T>(method, path, body === undefined ? {} : { body });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) onUnauthorized?.();
    throw error;
  }
}

const m = (id: number, rest = '') => `/api/v1/staff/matters/${id}${rest}`;

export const consoleApi = {
  // Login and the session probe go straight to api(): their 401 is an answer, not an expiry.
  login: (username: string, password: string) => api<StaffSession>('POST', '/api/v1/staff/session', { body: { username, password } }),
  session: () => api<StaffSession>('GET', '/api/v1/staff/session'),
  logout: () => api<void>('DELETE', '/api/v1/staff/session'),
  workbench: () => staff<WorkbenchCounts>('GET', '/api/v1/staff/workbench'),
  matters: (view: View, page: number, pageSize: number) =>
    staff<Page<MatterSummary>>('GET', `/api/v1/staff/matters?${new URLSearchParams({ view, page: String(page), pageSize: String(pageSize) })}`),
  matter: (id: number) => staff<MatterView>('GET', m(id)),
  kinds: () => staff<Kind[]>('GET', '/api/v1/staff/kinds'),
  units: () => staff<Unit[]>('GET', '/api/v1/staff/units'),
  unitStaff: (unitId: number) => staff<Ref[]>('GET', `/api/v1/staff/units/${unitId}/staff`),
  jurisdictions: () => staff<Jurisdiction[]>('GET', '/api/v1/staff/jurisdictions'),
  register: (body: Record<string, unknown>) => staff<{ id: number; caseNo: string; trackingCode: string }>('POST', '/api/v1/staff/matters', body),
  supervisionOrders: (page: number, pageSize: number) =>
    staff<Page<SupervisionOrder>>('GET', `/api/v1/staff/supervision-orders?page=${page}&pageSize=${pageSize}`),
  accountabilityRecords: (page: number, pageSize: number) =>
    staff<Page<AccountabilityRecord>>('GET', `/api/v1/staff/accountability-records?page=${page}&pageSize=${pageSize}`),
  calendar: () => staff<CalendarState>('GET', '/api/v1/staff/admin/calendar'),
  loadCalendar: (body: { year: number; text: string; source?: string }) =>
    staff<{ year: number; holidays: number; adjustedWorkdays: number; recomputedDeadlines: number }>('POST', '/api/v1/staff/admin/calendar', body),
  reveal: (id: number, reason: string) => staff<Contact>('POST', m(id, '/personal-data/reveal'), { reason }),
  act: (id: number, action: MatterAction, body: Record<string, unknown>) => staff<{ id: number; version: number }>('POST', m(id, ACTION_PATHS[action]), body),
};

export const ACTION_PATHS: Record<MatterAction, string> = {
  accept: '/accept', transfer: '/transfers', acceptTransfer: '/transfer/accept', returnTransfer: '/transfer/return',
  requestInfo: '/info-requests', pause: '/pause', resume: '/resume', reply: '/reply', close: '/close', reject: '/reject',
  extend: '/extension', note: '/notes', supervise: '/supervision-orders',
};
