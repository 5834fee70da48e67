/** Strings of the dashboard (统计分析), zh-CN. `dashboard.en.ts` has the same keys. */
export const dashboardZh = {
  title: '统计分析',
  menu: '统计分析',
  range: '统计时间',
  presets: { last7: '近7天', last30: '近30天', thisMonth: '本月', thisYear: '本年' },
  export: '导出Excel',
  exporting: '正在导出…',
  refresh: '刷新',
  retry: '重试',
  scopeHint: '按您的权限范围统计；日期为北京时间，含首尾两天。',
  empty: '所选时间段内没有数据',
  chart: '图表',
  table: '表格',
  generatedAt: '统计时刻：{time}',
  cards: {
    received: '接收事项', closed: '办结', onTimeRate: '按期办结率', overdueNow: '当前超期', satisfactionRate: '满意率',
  },
  cardHints: {
    received: '期间内接收的事项数',
    closed: '期间内的办结次数（重办后再次办结另计一次）',
    onTimeRate: '按期 {onTime} / 已到期或已完成的时限 {all}',
    overdueNow: '此刻未办结且有时限已过期的事项',
    satisfactionRate: '(满意 + 基本满意) / 评价 {total} 条',
  },
  charts: {
    volume: '每日办理量',
    onTime: '各单位按期办结率',
    overdue: '各单位超期情况',
    satisfactionByUnit: '各单位满意度',
    satisfactionByKind: '各类事项满意度',
  },
  definitions: {
    volume: '接收：当日接收的事项数；办结：当日的办结次数（重办后再次办结另计一次）。',
    onTime: '按期办结率 = 按期 / (按期 + 超期)。统计期间内完成或到期的每个时限（受理、办理，每次重办另计）：在期限内（含到期时刻）完成为按期；超过期限仍未完成为超期（此后完成、延期或撤销仍计为超期）。按期计入完成它的单位，超期计入当时的承办单位（与责任追究记录一致）。',
    overdue: '当前超期：此刻未办结、且有时限已过期的事项数，按当前承办单位统计；期间超期：统计期间内记录的责任追究（办理时限超期、督办超期），按被追究的单位统计。',
    satisfaction: '满意率 = (满意 + 基本满意) / 全部评价。统计期间内群众作出的评价，计入被评价时的承办单位。',
  },
  cols: {
    date: '日期', unit: '单位', kind: '事项类型', received: '接收', closed: '办结', onTime: '按期', breached: '超期',
    onTimeRate: '按期办结率', overdueNow: '当前超期', deadlineBreaches: '期间超期（办理时限）', supervisionBreaches: '期间超期（督办）',
    satisfied: '满意', basicallySatisfied: '基本满意', dissatisfied: '不满意', total: '合计', satisfactionRate: '满意率',
  },
  noRate: '—',
};
export type DashboardMessages = typeof dashboardZh;
