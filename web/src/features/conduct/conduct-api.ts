import type { Static } from 'typebox';
import type {
  ConductCardView, ConductMatterSummary, ObservationView, OfficerOption, OfficerRecord, ReporterView, Finding,
} from '../../../../common/contracts/conduct';
import { useI18n } from '../../app/i18n';
import { conductEn } from '../../locales/conduct.en';
import { conductZh } from '../../locales/conduct.zh-CN';
import { staff, type Page } from '../console/console-api';

export type ConductCard = Static<typeof ConductCardView>;
export type ConductSummary = Static<typeof ConductMatterSummary>;
export type Officer = Static<typeof OfficerOption>;
export type Record_ = Static<typeof OfficerRecord>;
export type Observation = Static<typeof ObservationView>;
export type Reporter = Static<typeof ReporterView>;
type Done = { id: number; version: number };

const base = '/api/v1/staff/conduct';

export const conductApi = {
  card: (id: number) => staff<ConductCard>('GET', `${base}/matters/${id}`),
  list: (query: URLSearchParams) => staff<Page<ConductSummary>>('GET', `${base}/matters?${query}`),
  link: (id: number, version: number, officerId: number) => staff<Done>('POST', `${base}/matters/${id}/officers`, { version, officerId }),
  unlink: (id: number, version: number, officerId: number, reason: string) =>
    staff<Done>('POST', `${base}/matters/${id}/officers/${officerId}/unlink`, { version, reason }),
  finding: (id: number, version: number, officerId: number, finding: Finding) =>
    staff<Done>('POST', `${base}/matters/${id}/officers/${officerId}/finding`, { version, finding }),
  unseal: (id: number, reason: string) => staff<Reporter>('POST', `${base}/matters/${id}/reporter`, { reason }),
  officers: (q: string) => staff<Officer[]>('GET', `${base}/officers?q=${encodeURIComponent(q)}`),
  records: () => staff<Record_[]>('GET', `${base}/officer-records`),
  observe: (body: { content: string; namedOfficer?: string }) => staff<{ id: number; caseNo: string }>('POST', `${base}/observations`, body),
  mine: () => staff<Observation[]>('GET', `${base}/observations`),
};

/** This feature's strings in the UI language; they ship with its own chunks rather than the app's first screen. */
export function useConductMessages() {
  const { locale } = useI18n();
  return locale === 'en' ? conductEn : conductZh;
}
