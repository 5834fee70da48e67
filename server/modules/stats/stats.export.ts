import ExcelJS from 'exceljs';
import type { Dashboard } from '../../../common/contracts/stats.js';
import type { AppContext } from '../../app-context.js';
import { neutralise } from '../matters/index.js';

const PERCENT = '0.0%';
const DATE = 'yyyy-mm-dd';

/** A China-time date as an Excel date: midnight UTC of that date, which Excel shows as the date itself. */
const excelDate = (date: string) => new Date(`${date}T00:00:00Z`);

type Column = { header: string; width: number; format?: string };

function addTable(workbook: ExcelJS.Workbook, name: string, columns: Column[], rows: unknown[][]) {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width, style: c.format ? { numFmt: c.format } : {} }));
  sheet.getRow(1).font = { bold: true };
  // Text from the database (unit names) could read as a formula in Excel or WPS.
  return rows.map((row) => sheet.addRow(row.map((v) => (typeof v === 'string' ? neutralise(v) : v ?? null))));
}

export const SHEETS = {
  totals: '概况', daily: '每日办理量', onTime: '按期办结率', overdue: '超期情况', byUnit: '满意度-按单位', byKind: '满意度-按类型',
} as const;

/** The dashboard as an .xlsx workbook: one sheet per table, Chinese headers, real dates, rates as percentages. */
export async function exportDashboard(ctx: AppContext, data: Dashboard) {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '警民通';
  workbook.created = ctx.clock();
  const t = data.totals;

  // Each row carries its value's number format: dates and rates sit in the same column as plain counts.
  const totalRows: [label: string, value: unknown, note: string, format?: string][] = [
    ['统计起始日期', excelDate(data.from), '北京时间，含当日', DATE],
    ['统计结束日期', excelDate(data.to), '北京时间，含当日', DATE],
    ['接收事项数', t.received, '期间内接收的事项'],
    ['办结次数', t.closed, '期间内的办结（重办后再次办结另计一次）'],
    ['按期完成时限数', t.onTime, '期间内在期限内（含到期时刻）完成的受理、办理时限'],
    ['超期时限数', t.breached, '期间内到期而未按期完成的时限（此后完成、延期或撤销仍计为超期）'],
    ['按期办结率', t.onTimeRate, '按期 / (按期 + 超期)', PERCENT],
    ['当前超期事项数', t.overdueNow, '统计时刻未办结且有时限已过期的事项'],
    ['满意', t.satisfied, '期间内的群众评价'],
    ['基本满意', t.basicallySatisfied, ''],
    ['不满意', t.dissatisfied, ''],
    ['评价总数', t.total, ''],
    ['满意率', t.satisfactionRate, '(满意 + 基本满意) / 评价总数', PERCENT],
  ];
  const added = addTable(workbook, SHEETS.totals, [{ header: '指标', width: 22 }, { header: '数值', width: 16 }, { header: '口径', width: 80 }],
    totalRows.map(([label, value, note]) => [label, value, note]));
  totalRows.forEach(([, , , format], i) => { if (format) added[i].getCell(2).numFmt = format; });

  addTable(workbook, SHEETS.daily, [{ header: '日期', width: 14, format: DATE }, { header: '接收', width: 10 }, { header: '办结', width: 10 }],
    data.daily.map((d) => [excelDate(d.date), d.received, d.closed]));
  addTable(workbook, SHEETS.onTime,
    [{ header: '单位', width: 24 }, { header: '按期', width: 10 }, { header: '超期', width: 10 }, { header: '按期办结率', width: 12, format: PERCENT }],
    data.onTimeByUnit.map((r) => [r.unitName, r.onTime, r.breached, r.onTimeRate]));
  addTable(workbook, SHEETS.overdue,
    [{ header: '单位', width: 24 }, { header: '当前超期', width: 12 }, { header: '期间超期（办理时限）', width: 20 }, { header: '期间超期（督办）', width: 18 }],
    data.overdueByUnit.map((r) => [r.unitName, r.overdueNow, r.deadlineBreaches, r.supervisionBreaches]));
  const ratingColumns: Column[] = [
    { header: '满意', width: 10 }, { header: '基本满意', width: 10 }, { header: '不满意', width: 10 }, { header: '合计', width: 10 },
    { header: '满意率', width: 10, format: PERCENT },
  ];
  addTable(workbook, SHEETS.byUnit, [{ header: '单位', width: 24 }, ...ratingColumns],
    data.satisfactionByUnit.map((r) => [r.unitName, r.satisfied, r.basicallySatisfied, r.dissatisfied, r.total, r.satisfactionRate]));
  addTable(workbook, SHEETS.byKind, [{ header: '事项类型', width: 14 }, ...ratingColumns],
    data.satisfactionByKind.map((r) => [r.kindNameZh, r.satisfied, r.basicallySatisfied, r.dissatisfied, r.total, r.satisfactionRate]));

  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  const span = `${data.from.replaceAll('-', '')}-${data.to.replaceAll('-', '')}`;
  return { buffer, filename: `统计分析-${span}.xlsx`, asciiName: `dashboard-${span}.xlsx` };
}
