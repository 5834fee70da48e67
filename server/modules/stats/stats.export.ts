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
  byOfficer: '满意度-按民警', followUp: '回访与整改',
} as const;

/** The dashboard as an .xlsx workbook: one sheet per table, Chinese headers, real dates, rates as percentages. */
export async function exportDashboard(ctx: AppContext, data: Dashboard) {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '警民通';
  workbook.created = ctx.clock();
  const t = data.totals;
  const f = data.followUp.totals;

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
    ['满意率', t.satisfactionRate, '(满意 + 基本满意) / 有效评价数；申诉成立的评价不计入', PERCENT],
    ['申诉成立不计入的评价', f.appealedAway, '期间内的评价中经督察裁决申诉成立的条数'],
    ['回访率', f.coverageRate, '已回访 / (办结次数 − 无联系方式 − 回访前已重办)', PERCENT],
    ['24 小时内回访', f.followedUpInTime, '办结后 24 小时内发出评价短信或拨打回访电话'],
    ['无联系方式', f.noChannel, '匿名等无电话号码的办结，单独统计'],
    ['回访应答率', f.answerRate, '已评价 / 已回访', PERCENT],
    ['无法联系', f.unreachable, '三次回访电话均未接通'],
    ['一次办结率', f.firstTimeRate, '首次办结后未重办 / 首次办结', PERCENT],
    ['整改中', f.rectificationsOpen, '统计时刻尚未反馈的不满意整改'],
    ['整改超期', f.rectificationsOverdue, '统计时刻已超过整改期限仍未反馈'],
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

  addTable(workbook, SHEETS.byOfficer, [{ header: '民警', width: 14 }, { header: '单位', width: 24 }, ...ratingColumns],
    data.satisfactionByOfficer.map((r) => [r.officerName, r.unitName, r.satisfied, r.basicallySatisfied, r.dissatisfied, r.total, r.satisfactionRate]));
  addTable(workbook, SHEETS.followUp, [
    { header: '单位', width: 24 }, { header: '办结次数', width: 10 }, { header: '无联系方式', width: 10 }, { header: '已重办', width: 10 },
    { header: '已回访', width: 10 }, { header: '24小时内', width: 10 }, { header: '已评价', width: 10 }, { header: '无法联系', width: 10 },
    { header: '拒绝评价', width: 10 }, { header: '回访率', width: 10, format: PERCENT }, { header: '应答率', width: 10, format: PERCENT },
    { header: '一次办结率', width: 12, format: PERCENT }, { header: '整改中', width: 10 }, { header: '整改超期', width: 10 },
  ], data.followUp.byUnit.map((r) => [r.unitName, r.closed, r.noChannel, r.superseded, r.followedUp, r.followedUpInTime, r.answered,
    r.unreachable, r.declined, r.coverageRate, r.answerRate, r.firstTimeRate, r.rectificationsOpen, r.rectificationsOverdue]));

  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  const span = `${data.from.replaceAll('-', '')}-${data.to.replaceAll('-', '')}`;
  return { buffer, filename: `统计分析-${span}.xlsx`, asciiName: `dashboard-${span}.xlsx` };
}
