/** The administration pages' API calls (see common/contracts/admin.ts and kinds.ts, server/modules/admin). */
import type { Static } from 'typebox';
import type { Role } from '../../../../common/access';
import type {
  AdminJurisdiction, AdminStaff as AdminStaffShape, AdminUnit, JurisdictionUpdateBody, PasswordResetResult, StaffCreateBody, StaffListQuery,
  StaffUpdateBody, STAFF_STATUSES, UnitCreateBody, UnitUpdateBody,
} from '../../../../common/contracts/admin';
import type { KindUpdateBody, KindView } from '../../../../common/contracts/kinds';
import { staff, type Page } from '../console/console-api';

export type { AdminJurisdiction, AdminUnit };
/** As the contract, with roles and status narrowed to the values the server writes (ROLES, STAFF_STATUSES). */
export type AdminStaff = Omit<AdminStaffShape, 'roles' | 'status'> & { roles: Role[]; status: (typeof STAFF_STATUSES)[number] };
export type StaffFilters = Omit<StaffListQuery, 'page' | 'pageSize'>;
export type Kind = KindView;

const A = '/api/v1/staff/admin';

export const adminApi = {
  units: () => staff<AdminUnit[]>('GET', `${A}/units`),
  createUnit: (body: UnitCreateBody) => staff<{ id: number }>('POST', `${A}/units`, body),
  updateUnit: (id: number, body: UnitUpdateBody) => staff<{ id: number }>('PATCH', `${A}/units/${id}`, body),
  jurisdictions: () => staff<AdminJurisdiction[]>('GET', `${A}/jurisdictions`),
  updateJurisdiction: (id: number, body: JurisdictionUpdateBody) => staff<{ id: number }>('PATCH', `${A}/jurisdictions/${id}`, body),
  staffPage: (page: number, pageSize: number, filters: StaffFilters) => {
    const query = new URLSearchParams({ page: String(page), pageSize: String(pageSize) });
    for (const [key, value] of Object.entries(filters)) if (value !== undefined && value !== '') query.set(key, String(value));
    return staff<Page<AdminStaff>>('GET', `${A}/staff?${query}`);
  },
  createStaff: (body: StaffCreateBody) => staff<{ id: number }>('POST', `${A}/staff`, body),
  updateStaff: (id: number, body: StaffUpdateBody) => staff<{ id: number }>('PATCH', `${A}/staff/${id}`, body),
  resetPassword: (id: number, password?: string) =>
    staff<Static<typeof PasswordResetResult>>('POST', `${A}/staff/${id}/password`, password === undefined ? {} : { password }),
  kinds: () => staff<Kind[]>('GET', `${A}/kinds`),
  updateKind: (code: string, body: KindUpdateBody) => staff<{ code: string; version: number }>('PUT', `${A}/kinds/${code}`, body),
};
