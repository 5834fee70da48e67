import ExcelJS from 'exceljs';
import { STATE_LABELS, type MatterState } from '../../../common/workflow.js';
import { EXPORT_MAX_ROWS, type MatterExportQuery } from '../../../common/contracts/matters.js';
import type { AppContext } from '../../app-context.js';
import type { Actor } from '../../platform/auth/sessions.js';
import { AppError } from '../../platform/http/errors.js';
import { listMattersForExport } from './matters.list.js';

const CHANNEL_LABELS: Record<string, string> = { portal: '网上', window: '窗口', phone: '电话', letter: '来信', visit: '来访' };
const HEADERS = ['编号', '类型', '渠道', '状态', '摘要', '所属辖区', '承办单位', '承办人', '接收时间', '截止时间', '是否超期'];

/** A cell that Excel or WPS would read as a formula (=, +, -, @) is kept as text with a leading apostrophe. */
export function neutralise(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** The summary may quote a phone or ID number the citizen typed; the export masks such digit runs. */
function maskNumbers(text: string): string {
  return text.replace(/\d{7,}[\dXx]?/g, (run) => `${run.slice(0, 3)}****${run.slice(-4)}`);
}

const beijing = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});
function beijingTime(iso: string | null): string {
  if (!iso) return '';
  const parts = Object.fromEntries(beijing.formatToParts(new Date(iso)).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** YYYYMMDD in Beijing time, for the file name. */
export function beijingDate(at: Date): string {
  return beijingTime(at.toISOString()).slice(0, 10).replaceAll('-', '');
}

/** The filtered matter list as an .xlsx workbook with Chinese headers; no personal data. */
export async function exportMatters(ctx: AppContext, actor: Actor, query: MatterExportQuery) {
  const items = await listMattersForExport(ctx, actor, query, EXPORT_MAX_ROWS);
  if (items === undefined) throw new AppError('EXPORT_TOO_LARGE', { max: EXPORT_MAX_ROWS });
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '警民通';
  workbook.created = ctx.clock();
  const sheet = workbook.addWorksheet('事项列表', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = HEADERS.map((header, i) => ({ header, width: [16, 12, 8, 10, 48, 18, 18, 12, 18, 18, 10][i] }));
  sheet.getRow(1).font = { bold: true };
  for (const item of items) {
    const kind = await ctx.kinds.get(item.kind);
    sheet.addRow([
      item.caseNo, kind?.nameZh ?? item.kind, CHANNEL_LABELS[item.channel] ?? item.channel,
      STATE_LABELS[item.state as MatterState]?.zh ?? item.state, maskNumbers(item.summary), item.jurisdiction,
      item.handlerUnit.name, item.handlerOfficer?.name ?? '', beijingTime(item.receivedAt), beijingTime(item.nextDueAt),
      item.overdue ? '是' : '否',
    ].map(neutralise));
  }
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  return { buffer, rows: items.length, filename: `事项列表-${beijingDate(ctx.clock())}.xlsx` };
}
