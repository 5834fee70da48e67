/** 局长接访日: the portal's and the console's calls (server/modules/reception) and the strings in the UI language. */
import type { Static } from 'typebox';
import type { PublicBooking, PublicReceptionDay, StaffBooking, StaffReceptionDay } from '../../../../common/contracts/reception';
import { useI18n } from '../../app/i18n';
import { api } from '../../lib/api-client';
import { staff } from '../console/console-api';
import { receptionEn } from '../../locales/reception.en';
import { receptionZh } from '../../locales/reception.zh-CN';

export type PublicDay = Static<typeof PublicReceptionDay>;
export type Booking = Static<typeof PublicBooking>;
export type StaffDay = Static<typeof StaffReceptionDay>;
export type StaffBookingRow = Static<typeof StaffBooking>;

const enc = encodeURIComponent;
export const receptionPortalApi = {
  days: () => api<PublicDay[]>('GET', '/api/v1/portal/reception/days'),
  book: (body: Record<string, unknown>) =>
    api<{ code: string; day: string; slotStartsAt: string; leaderName: string; place: string }>('POST', '/api/v1/portal/reception/bookings', { body }),
  booking: (code: string) => api<Booking>('GET', `/api/v1/portal/reception/bookings/${enc(code)}`),
  cancel: (code: string) => api<void>('POST', `/api/v1/portal/reception/bookings/${enc(code)}/cancel`, { body: {} }),
};

export function useReceptionText() {
  const { locale } = useI18n();
  return locale === 'en' ? receptionEn : receptionZh;
}

export const receptionStaffApi = {
  days: () => staff<StaffDay[]>('GET', '/api/v1/staff/reception/days'),
  leaders: () => staff<{ id: number; name: string }[]>('GET', '/api/v1/staff/reception/leaders'),
  publish: (body: Record<string, unknown>) => staff<{ id: number }>('POST', '/api/v1/staff/reception/days', body),
  bookings: (dayId: number) => staff<StaffBookingRow[]>('GET', `/api/v1/staff/reception/days/${dayId}/bookings`),
  record: (bookingId: number, body: Record<string, unknown>) => staff<void>('POST', `/api/v1/staff/reception/bookings/${bookingId}/meeting`, body),
  matter: (bookingId: number, body: Record<string, unknown>) =>
    staff<{ id: number; caseNo: string; trackingCode: string }>('POST', `/api/v1/staff/reception/bookings/${bookingId}/matters`, body),
};
