/** The administration pages' API calls (see common/contracts/admin.ts and kinds.ts, server/modules/admin). */
import type { Role } from '../../../../common/access';
import type { KindUpdateBody, KindView } from '../../../../common/contracts/kinds';
import { staff, type Page } from '../console/console-api';

export type AdminUnit = {
  id: number; code: string; name: string; kind: string; parentId: number | null; jurisdictionId: number; scope: string;
  receivesPortal: boolean; phone: string | null; address: string | null; active: boolean; staffCount: number; openMatters: number;
};
export type AdminJurisdiction = { id: number; code: string; name: string; kind: string; boundary: number[][] | null; unitCount: number };
export type AdminStaff = {
  id: number; username: string; name: string; badgeNo: string | null; unitId: number; unitName: string; roles: Role[];
  status: 'active' | 'disabled'; lockedUntil: string | null; passwordChangedAt: string; createdAt: string;
};
export type StaffFilters = { q?: string; unitId?: number; role?: Role; status?: 'active' | 'disabled' };
export type UnitCreate = {
  code: string; name: string; kind: string; parentId?: number | null; jurisdictionId: number; scope: string; phone?: string; address?: string;
};
export type UnitChange = { name?: string; phone?: string; address?: string; parentId?: number | null; active?: boolean };
export type StaffCreate = { username: string; name: string; badgeNo?: string; unitId: number; roles: Role[]; password: string };
export type StaffChange = { name?: string; badgeNo?: string | null; unitId?: number; roles?: Role[]; status?: 'active' | 'disabled' };
export type Kind = KindView;

const A = '/api/v1/staff/admin';

export const adminApi = {
  units: () => staff<AdminUnit[]>('GET', `${A}/units`),
  createUnit: (body: UnitCreate) => staff<{ id: number }>('POST', `${A}/units`, body),
  updateUnit: (id: number, body: UnitChange) => staff<{ id: number }>('PATCH', `${A}/units/${id}`, body),
  jurisdictions: () => staff<AdminJurisdiction[]>('GET', `${A}/jurisdictions`),
  updateJurisdiction: (id: number, body: { name?: string; boundary?: [number, number][] }) =>
    staff<{ id: number }>('PATCH', `${A}/jurisdictions/${id}`, body),
  staffPage: (page: number, pageSize: number, filters: StaffFilters) => {
    const query = new URLSearchParams({ page: String(page), pageSize: String(pageSize) });
    for (const [key, value] of Object.entries(filters)) if (value !== undefined && value !== '') query.set(key, String(value));
    return staff<Page<AdminStaff>>('GET', `${A}/staff?${query}`);
  },
  createStaff: (body: StaffCreate) => staff<{ id: number }>('POST', `${A}/staff`, body),
  updateStaff: (id: number, body: StaffChange) => staff<{ id: number }>('PATCH', `${A}/staff/${id}`, body),
  resetPassword: (id: number, password?: string) =>
    staff<{ id: number; temporaryPassword: string | null }>('POST', `${A}/staff/${id}/password`, password === undefined ? {} : { password }),
  kinds: () => staff<Kind[]>('GET', `${A}/kinds`),
  updateKind: (code: string, body: KindUpdateBody) => staff<{ code: string; version: number }>('PUT', `${A}/kinds/${code}`, body),
};
