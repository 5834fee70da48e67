/** The dashboard's chart options, built from the API's numbers (see common/contracts/stats.ts). */
import type { Dashboard } from '../../../../common/contracts/stats';
import type { DashboardMessages } from '../../locales/dashboard.zh-CN';
import type { ChartOption } from './EChart';

const COLORS = { received: '#1d4e89', closed: '#52c41a', onTime: '#1d4e89', breached: '#f5222d', overdue: '#fa8c16',
  satisfied: '#52c41a', basicallySatisfied: '#91caff', dissatisfied: '#f5222d', supervision: '#722ed1' };

/** Tooltip formatters return HTML: names typed by administrators are escaped. */
const esc = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A rate (0–1) as a percentage with one decimal, or the placeholder when there is none. */
export const percent = (rate: number | null, none = '—') => (rate === null ? none : `${(rate * 100).toFixed(1)}%`);

/** Height for a horizontal bar chart of n categories: readable on a phone, not stretched on a desktop. */
export const barHeight = (n: number) => Math.max(200, 36 * n + 90);

const grid = { left: 8, right: 24, top: 40, bottom: 8, containLabel: true };
const legend = { top: 0, type: 'scroll' as const };

export function volumeOption(data: Dashboard, d: DashboardMessages): ChartOption {
  return {
    grid, legend, tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: data.daily.map((x) => x.date.slice(5)), boundaryGap: false },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { type: 'line', name: d.cols.received, data: data.daily.map((x) => x.received), color: COLORS.received, showSymbol: data.daily.length <= 31 },
      { type: 'line', name: d.cols.closed, data: data.daily.map((x) => x.closed), color: COLORS.closed, showSymbol: data.daily.length <= 31 },
    ],
  };
}

export function onTimeOption(data: Dashboard, d: DashboardMessages): ChartOption {
  const rows = [...data.onTimeByUnit].reverse(); // the first unit at the top
  return {
    grid, legend,
    tooltip: {
      trigger: 'axis', axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const row = rows[(params as { dataIndex: number }[])[0].dataIndex];
        return `${esc(row.unitName)}<br/>${d.cols.onTimeRate}: ${percent(row.onTimeRate, d.noRate)}<br/>${d.cols.onTime}: ${row.onTime}　${d.cols.breached}: ${row.breached}`;
      },
    },
    xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', data: rows.map((r) => r.unitName) },
    series: [{
      type: 'bar', name: d.cols.onTimeRate, color: COLORS.onTime, barMaxWidth: 24,
      data: rows.map((r) => (r.onTimeRate === null ? null : Math.round(r.onTimeRate * 1000) / 10)),
      label: { show: true, position: 'right', formatter: '{c}%' },
    }],
  };
}

export function overdueOption(data: Dashboard, d: DashboardMessages): ChartOption {
  const rows = [...data.overdueByUnit].reverse();
  return {
    grid, legend, tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: rows.map((r) => r.unitName) },
    series: [
      { type: 'bar', name: d.cols.overdueNow, data: rows.map((r) => r.overdueNow), color: COLORS.overdue, barMaxWidth: 16 },
      { type: 'bar', name: d.cols.deadlineBreaches, data: rows.map((r) => r.deadlineBreaches), color: COLORS.breached, barMaxWidth: 16 },
      { type: 'bar', name: d.cols.supervisionBreaches, data: rows.map((r) => r.supervisionBreaches), color: COLORS.supervision, barMaxWidth: 16 },
    ],
  };
}

type RatingRow = { satisfied: number; basicallySatisfied: number; dissatisfied: number; total: number; satisfactionRate: number | null };

/** Stacked bars of 满意 / 基本满意 / 不满意 per category, with the rate in the tooltip. */
export function satisfactionOption<T extends RatingRow>(input: T[], name: (row: T) => string, d: DashboardMessages): ChartOption {
  const rows = [...input].reverse();
  const series = (['satisfied', 'basicallySatisfied', 'dissatisfied'] as const).map((key) => ({
    type: 'bar' as const, name: d.cols[key], stack: 'ratings', color: COLORS[key], barMaxWidth: 24, data: rows.map((r) => r[key]),
  }));
  return {
    grid, legend,
    tooltip: {
      trigger: 'axis', axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const row = rows[(params as { dataIndex: number }[])[0].dataIndex];
        return `${esc(name(row))}<br/>${d.cols.satisfactionRate}: ${percent(row.satisfactionRate, d.noRate)}<br/>`
          + `${d.cols.satisfied} ${row.satisfied} · ${d.cols.basicallySatisfied} ${row.basicallySatisfied} · ${d.cols.dissatisfied} ${row.dissatisfied}`;
      },
    },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: rows.map(name) },
    series,
  };
}

/** 回访率, 回访应答率 and 一次办结率 per unit, as grouped bars in percent. */
export function followUpOption(data: Dashboard, d: DashboardMessages): ChartOption {
  const rows = [...data.followUp.byUnit].reverse();
  const f = d.followUp;
  const pct = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);
  return {
    grid, legend, tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => (v === null || v === undefined ? d.noRate : `${v}%`) },
    xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', data: rows.map((r) => r.unitName) },
    series: [
      { type: 'bar', name: f.coverageRate, data: rows.map((r) => pct(r.coverageRate)), color: COLORS.received, barMaxWidth: 12 },
      { type: 'bar', name: f.answerRate, data: rows.map((r) => pct(r.answerRate)), color: COLORS.basicallySatisfied, barMaxWidth: 12 },
      { type: 'bar', name: f.firstTimeRate, data: rows.map((r) => pct(r.firstTimeRate)), color: COLORS.satisfied, barMaxWidth: 12 },
    ],
  };
}
