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
    satisfaction: 'Satisfaction rate = (satisfied + basically satisfied) / valid ratings (unweighted). Ratings given in the period (portal, follow-up message, follow-up call), counted for the unit and officer that handled the matter when rated; a rating whose appeal a supervisor upheld stays on record but is not counted.',
    followUp: 'Follow-up rate = followed up / (closings − no contact − reopened first): each closing is followed up within 24 hours through a channel the handler does not control (a one-time link by SMS, or a call by the command centre); matters without contact are counted apart. Answer rate = rated / followed up. Closed first time = first closings not reopened / first closings. Rectifications: owed to the citizen after a dissatisfied rating, counted now.',
  },
  cols: {
    date: 'Date', unit: 'Unit', kind: 'Kind', received: 'Received', closed: 'Closed', onTime: 'On time', breached: 'Breached',
    onTimeRate: 'On-time rate', overdueNow: 'Overdue now', deadlineBreaches: 'Breaches (time limits)', supervisionBreaches: 'Breaches (supervision)',
    satisfied: 'Satisfied', basicallySatisfied: 'Basically satisfied', dissatisfied: 'Dissatisfied', total: 'Total', satisfactionRate: 'Satisfaction',
  },
  followUp: {
    title: 'Follow-up and rectification', byOfficer: 'Satisfaction by officer', officer: 'Officer',
    coverageRate: 'Follow-up rate', answerRate: 'Answer rate', firstTimeRate: 'Closed first time', rectificationsOpen: 'Rectifications open', rectificationsOverdue: 'Rectifications overdue',
    coverageHint: 'Followed up {followedUp} of {eligible}; within 24 h {inTime}; no contact {noChannel}',
    answerHint: 'Rated {answered} of {followedUp} followed up; unreachable {unreachable}, declined {declined}',
    firstTimeHint: 'Not reopened {firstTime} of {firstClosed} first closings',
    rectHint: 'Owed after a dissatisfied rating; overdue {overdue}',
    appealedAway: 'Ratings taken out of the figures by an upheld appeal: {n}',
    cols: { closed: 'Closings', noChannel: 'No contact', superseded: 'Reopened', followedUp: 'Followed up', inTime: 'Within 24 h', answered: 'Rated', unreachable: 'Unreachable', declined: 'Declined' },
  },
  noRate: '—',
};
