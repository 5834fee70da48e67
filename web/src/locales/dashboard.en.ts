import type { DashboardMessages } from './dashboard.zh-CN';

/** Strings of the dashboard, English. */
export const dashboardEn: DashboardMessages = {
  title: 'Statistics',
  menu: 'Statistics',
  range: 'Period',
  presets: { last7: 'Last 7 days', last30: 'Last 30 days', thisMonth: 'This month', thisYear: 'This year' },
  export: 'Export to Excel',
  exporting: 'Exporting…',
  refresh: 'Refresh',
  retry: 'Retry',
  scopeHint: 'Counted within what you may see; dates are China time, both ends included.',
  empty: 'No data in this period',
  chart: 'Chart',
  table: 'Table',
  generatedAt: 'As of {time}',
  cards: {
    received: 'Received', closed: 'Closed', onTimeRate: 'On-time rate', overdueNow: 'Overdue now', satisfactionRate: 'Satisfaction',
  },
  cardHints: {
    received: 'Matters received in the period',
    closed: 'Closings in the period (a reopened matter closed again counts again)',
    onTimeRate: '{onTime} on time of {all} time limits met or due',
    overdueNow: 'Open matters with a time limit past due right now',
    satisfactionRate: '(satisfied + basically satisfied) / {total} ratings',
  },
  charts: {
    volume: 'Matters per day',
    onTime: 'On-time rate by unit',
    overdue: 'Overdue by unit',
    satisfactionByUnit: 'Satisfaction by unit',
    satisfactionByKind: 'Satisfaction by kind of matter',
  },
  definitions: {
    volume: 'Received: matters received that day; closed: closings that day (a reopened matter closed again counts again).',
    onTime: 'On-time rate = on time / (on time + breached). Every time limit (acceptance, handling; each reopening again) met or falling due in the period: met by its due time is on time; past its due time unmet is breached (and stays breached if met, extended or cancelled later). On time counts for the unit that met it, a breach for the unit answerable then (as in the accountability record).',
    overdue: 'Overdue now: open matters with a time limit past due at this moment, by current handling unit. Breaches in the period: accountability records made in the period (time limits, supervision orders), by the unit held to account.',
    satisfaction: 'Satisfaction rate = (satisfied + basically satisfied) / all ratings. Ratings given in the period, counted for the unit that handled the matter when rated.',
  },
  cols: {
    date: 'Date', unit: 'Unit', kind: 'Kind', received: 'Received', closed: 'Closed', onTime: 'On time', breached: 'Breached',
    onTimeRate: 'On-time rate', overdueNow: 'Overdue now', deadlineBreaches: 'Breaches (time limits)', supervisionBreaches: 'Breaches (supervision)',
    satisfied: 'Satisfied', basicallySatisfied: 'Basically satisfied', dissatisfied: 'Dissatisfied', total: 'Total', satisfactionRate: 'Satisfaction',
  },
  noRate: '—',
};
