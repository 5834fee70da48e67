/** The console's calls for 建议提案 (server/modules/proposals) and the strings in the UI language. */
import type { Static } from 'typebox';
import type { ProposalFigures, ProposalSummary, ProposalView } from '../../../../common/contracts/proposals';
import { useI18n } from '../../app/i18n';
import { proposalsEn } from '../../locales/proposals.en';
import { proposalsZh } from '../../locales/proposals.zh-CN';
import { staff } from '../console/console-api';

export type Proposal = ProposalView;
export type ProposalRow = Static<typeof ProposalSummary>;
export type Figures = Static<typeof ProposalFigures>;
type Done = { id: number; version: number };
const m = (id: number, rest: string) => `/api/v1/staff/matters/${id}/proposal${rest}`;

export const proposalsApi = {
  list: (query: URLSearchParams) => staff<{ items: ProposalRow[]; total: number; page: number; pageSize: number; figures: Figures }>('GET', `/api/v1/staff/proposals?${query}`),
  register: (body: Record<string, unknown>) => staff<{ id: number; caseNo: string; trackingCode: string }>('POST', '/api/v1/staff/proposals', body),
  ofMatter: (id: number) => staff<Proposal>('GET', m(id, '')),
  contact: (id: number, body: Record<string, unknown>) => staff<Done>('POST', m(id, '/contact'), body),
  opinion: (id: number, body: Record<string, unknown>) => staff<Done>('POST', m(id, '/opinions'), body),
  reply: (id: number, body: Record<string, unknown>) => staff<Done>('POST', m(id, '/reply'), body),
  redo: (id: number, body: Record<string, unknown>) => staff<Done>('POST', m(id, '/redo'), body),
};

export function useProposalsText() {
  const { locale } = useI18n();
  return locale === 'en' ? proposalsEn : proposalsZh;
}

export const CLASS_COLORS: Record<string, string> = { A: 'green', B: 'blue', C: 'orange', D: 'default' };
export const RATING_TAG: Record<string, string> = { satisfied: 'success', basically_satisfied: 'processing', dissatisfied: 'error' };
