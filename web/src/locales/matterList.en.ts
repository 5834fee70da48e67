import type { MatterListMessages } from './matterList.zh-CN';

/** Strings of the matter list page, the workbench's supervision tab and a matter's supervision orders (English). */
export const matterListEn: MatterListMessages = {
  title: 'Matters',
  filters: {
    kind: 'Kind', channel: 'Channel', state: 'State', unit: 'Handling unit', officer: 'Handler', received: 'Received',
    receivedStart: 'From', receivedEnd: 'To', overdueOnly: 'Overdue only', any: 'All', search: 'Search',
    searchPlaceholder: 'Content, case no., address', reset: 'Reset', more: 'Filters', less: 'Hide filters', selectUnitFirst: 'Choose a unit first',
  },
  cols: { channel: 'Channel' },
  total: '{total} in all',
  export: 'Export to Excel',
  exportHint: 'Exports the current filters, at most {max} rows, without personal data',
  exportTooMany: 'More than {max} matters match; narrow the filters to export',
  workbenchTab: 'Supervision for me',
  orders: {
    title: 'Supervision orders', none: 'No supervision orders', issuedBy: 'Issued by', issuedAt: 'Issued', toUnit: 'Addressed to',
    instructions: 'Instructions', dueAt: 'Due', status: 'Status', open: 'Awaiting answer', answered: 'Answered', answer: 'Answer',
    answeredBy: 'Answered by', answeredAt: 'Answered', answerButton: 'Answer', answerTitle: 'Answer the supervision order: {caseNo}',
    answerLabel: 'Answer', answerHint: 'Say what was done and the result; an answer cannot be changed.', answered_ok: 'Answered',
    left: '{time} left', overdueBy: 'Overdue by {time}', late: 'Answered late', matter: 'Case no.',
  },
};
