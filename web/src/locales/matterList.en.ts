import type { MatterListMessages } from './matterList.zh-CN';

/** Strings of the matter list page and the workbench's supervision tab (English). */
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
};
