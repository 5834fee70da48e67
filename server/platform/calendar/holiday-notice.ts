// The State Council General Office's yearly notice "关于20XX年部分节假日安排的通知": which days are
// off (放假) and which weekend days are worked instead (调休上班). 全国年节及纪念日放假办法 (2024)
// Art. 6–7 set the holidays; the notice fixes the actual dates, so the working-day calendar is
// loaded from it year by year rather than derived from rules.

import notice2025 from './notices/2025.json' with { type: 'json' };
import notice2026 from './notices/2026.json' with { type: 'json' };
import { addDays, daysBetween, isCivilDate, parseCivilDate, weekday, yearOf, type Weekday } from './civil-date.js';

export type HolidayNotice = {
  year: number;
  source: string;
  holidays: { name: string; from: string; to: string }[];
  adjustedWorkdays: { date: string; name: string }[];
};

export type LocalizedText = { 'zh-CN': string; en: string };

/** `line` is the 1-based line of the pasted text, or 0 when the problem is not tied to a line. */
export type HolidayNoticeIssue = { line: number; message: LocalizedText };

export class HolidayNoticeError extends Error {
  readonly issues: HolidayNoticeIssue[];

  constructor(issues: HolidayNoticeIssue[]) {
    super(['节假日安排有误：', ...issues.map((issue) => issue.message['zh-CN'])].join('\n'));
    this.name = 'HolidayNoticeError';
    this.issues = issues;
  }
}

export const BUNDLED_NOTICES: readonly HolidayNotice[] = [notice2025, notice2026];

const WEEKDAY_ZH = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'] as const;
const WEEKDAY_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
const WEEKDAY_BY_HINT: Record<string, Weekday> = { 日: 0, 天: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6 };

function issueAt(line: number, zh: string, en: string): HolidayNoticeIssue {
  return {
    line,
    message: line > 0 ? { 'zh-CN': `第${line}行：${zh}`, en: `Line ${line}: ${en}` } : { 'zh-CN': zh, en },
  };
}

function zhDate(date: string, noticeYear: number): string {
  const { year, month, day } = parseCivilDate(date);
  return year === noticeYear ? `${month}月${day}日` : `${year}年${month}月${day}日`;
}

// ---------------------------------------------------------------------------------------------
// Structural checks, shared by pasted text and JSON.

type SourceLines = { holidays: number[]; adjustedWorkdays: number[] };

// The first 全国年节及纪念日放假办法 dates from 1949.
function yearIssue(year: number): HolidayNoticeIssue | undefined {
  if (Number.isInteger(year) && year >= 1949 && year <= 9999) return undefined;
  return issueAt(0, `年份“${year}”无效`, `Invalid year "${year}"`);
}

function noticeIssues(notice: HolidayNotice, lines?: SourceLines): HolidayNoticeIssue[] {
  const { year } = notice;
  const invalidYear = yearIssue(year);
  if (invalidYear) return [invalidYear];
  if (!Array.isArray(notice.holidays) || !Array.isArray(notice.adjustedWorkdays)) {
    return [issueAt(0, '缺少放假日期或调休上班日列表', 'holidays and adjustedWorkdays must both be lists')];
  }
  const issues: HolidayNoticeIssue[] = [];
  if (typeof notice.source !== 'string' || notice.source.trim() === '') {
    issues.push(issueAt(0, '缺少通知来源（标题和文号）', 'The source (title and number of the notice) is missing'));
  }
  if (notice.holidays.length === 0) {
    issues.push(issueAt(0, `${year}年的安排中没有任何放假日期`, `The ${year} notice lists no holidays`));
  }

  const holidayNameByDate = new Map<string, string>();
  notice.holidays.forEach((holiday, index) => {
    const line = lines?.holidays[index] ?? 0;
    const hasName = typeof holiday.name === 'string' && holiday.name.trim() !== '';
    const label = hasName ? holiday.name : `第${index + 1}个节日`;
    if (!hasName) {
      issues.push(issueAt(line, `${label}缺少名称`, `Holiday #${index + 1} has no name`));
    }
    if (!isCivilDate(holiday.from) || !isCivilDate(holiday.to)) {
      issues.push(issueAt(line, `${label}的日期应为YYYY-MM-DD格式的有效日期`, `${label}: dates must be valid YYYY-MM-DD dates`));
      return;
    }
    if (holiday.from > holiday.to) {
      issues.push(issueAt(line, `${label}的结束日期早于开始日期`, `${label}: the last day is before the first day`));
      return;
    }
    if (yearOf(holiday.from) !== year || yearOf(holiday.to) !== year) {
      issues.push(issueAt(line, `${label}的放假日期不在${year}年内`, `${label}: the holiday is not within ${year}`));
      return;
    }
    for (let date = holiday.from; date <= holiday.to; date = addDays(date, 1)) {
      const earlier = holidayNameByDate.get(date);
      if (earlier !== undefined) {
        issues.push(issueAt(line, `${zhDate(date, year)}同时列在${earlier}和${label}的放假日期中`, `${date} is listed under both ${earlier} and ${label}`));
      }
      holidayNameByDate.set(date, label);
    }
  });

  const workdaysSeen = new Set<string>();
  notice.adjustedWorkdays.forEach((workday, index) => {
    const line = lines?.adjustedWorkdays[index] ?? 0;
    if (typeof workday.name !== 'string' || workday.name.trim() === '') {
      issues.push(issueAt(line, `第${index + 1}个调休上班日缺少节日名称`, `Adjusted workday #${index + 1} has no holiday name`));
    }
    if (!isCivilDate(workday.date)) {
      issues.push(issueAt(line, `调休上班日“${workday.date}”不是有效日期`, `Adjusted workday "${workday.date}" is not a valid YYYY-MM-DD date`));
      return;
    }
    const { date } = workday;
    // A make-up day can fall just outside the year (the 2012 notice moved work to 2011-12-31).
    if (Math.abs(yearOf(date) - year) > 1) {
      issues.push(issueAt(line, `调休上班日${zhDate(date, year)}与${year}年相距太远`, `Adjusted workday ${date} is too far from ${year}`));
      return;
    }
    const day = weekday(date);
    if (day !== 0 && day !== 6) {
      issues.push(issueAt(line, `${zhDate(date, year)}是${WEEKDAY_ZH[day]}，调休上班日只能是周六或周日`, `${date} is a ${WEEKDAY_EN[day]}; an adjusted workday must be a Saturday or Sunday`));
    }
    const holidayName = holidayNameByDate.get(date);
    if (holidayName !== undefined) {
      issues.push(issueAt(line, `${zhDate(date, year)}已是${holidayName}的放假日，不能同时调休上班`, `${date} is already a ${holidayName} holiday and cannot also be a workday`));
    }
    if (workdaysSeen.has(date)) {
      issues.push(issueAt(line, `${zhDate(date, year)}重复列为调休上班日`, `${date} is listed twice as an adjusted workday`));
    }
    workdaysSeen.add(date);
  });
  return issues;
}

/** Checks a notice given as JSON; throws HolidayNoticeError listing every problem. */
export function validateHolidayNotice(notice: HolidayNotice): void {
  const issues = noticeIssues(notice);
  if (issues.length > 0) throw new HolidayNoticeError(issues);
}

// ---------------------------------------------------------------------------------------------
// Parsing the pasted notice text.

// NFKC turns full-width digits and punctuation (１２：，（）～) into their ASCII forms.
function normalizeLine(raw: string): string {
  return raw.normalize('NFKC').replace(/\s+/g, '');
}

const TITLE = /关于(\d{4})年部分节假日安排的通知/;
const DOCUMENT_NUMBER = /国办发明电[〔[(]\d{4}[〕\])]\d+号/;
const NUMBERED_LINE = /^[一二三四五六七八九十]+[、.]/;
// "一、春节：2月15日…" — the numbering may be missing when an admin pastes only the item.
const SCHEDULE_LINE = /^(?:[一二三四五六七八九十]+[、.])?([^:,;。]{1,12}):((?:\d{4}年)?(?:\d{1,2}月)?\d{1,2}日.*)$/;
// "2月14日（周六）、2月28日（周六）上班。" broken onto a line of its own belongs to the item above.
const WORKDAY_CONTINUATION = /\d{1,2}日.*上班/;
const TOKEN = /(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日(?:\(([^)]*)\))?|放假|上班|至|[~\-–—]|[。;]/g;
const WEEKDAY_HINT = /(?:周|星期|礼拜)([一二三四五六日天])/;
const STATED_LENGTH = /(?:共|放假)(\d+)天/;

type ParsedLine = {
  holiday?: { name: string; from: string; to: string };
  adjustedWorkdays: { date: string; name: string }[];
  issues: HolidayNoticeIssue[];
};

function parseScheduleLine(line: number, name: string, body: string, noticeYear: number, isContinuation: boolean): ParsedLine {
  const result: ParsedLine = { adjustedWorkdays: [], issues: [] };
  const report = (zh: string, en: string) => result.issues.push(issueAt(line, zh, en));

  // Dates mentioned since the last keyword or full stop; undefined where the mention was already reported.
  let pending: (string | undefined)[] = [];
  let rangeMarkAt: number | undefined;
  let last: { year: number; month: number } | undefined;
  let reportedMissingMonth = false;

  const resolveDate = (match: RegExpExecArray): string | undefined => {
    const [text, yearText, monthText, dayText, hintText] = match;
    let year = yearText ? Number(yearText) : noticeYear;
    let month = monthText ? Number(monthText) : undefined;
    if (month === undefined) {
      if (last === undefined) {
        if (!reportedMissingMonth) report(`“${text}”前面没有月份`, `"${text}" has no month`);
        reportedMissingMonth = true;
        return undefined;
      }
      ({ year, month } = last);
    }
    last = { year, month };
    const date = `${year}-${String(month).padStart(2, '0')}-${dayText.padStart(2, '0')}`;
    if (!isCivilDate(date)) {
      report(`${month}月${dayText}日不是有效日期`, `${date} is not a valid date`);
      return undefined;
    }
    const hint = hintText === undefined ? null : WEEKDAY_HINT.exec(hintText);
    if (hint) {
      const actual = weekday(date);
      if (WEEKDAY_BY_HINT[hint[1]] !== actual) {
        report(`${zhDate(date, noticeYear)}是${WEEKDAY_ZH[actual]}，与括号中的“${hint[0]}”不符`, `${date} is a ${WEEKDAY_EN[actual]}, not "${hint[0]}" as the parentheses say`);
      }
    }
    return date;
  };

  const takeHoliday = () => {
    const isSingleDay = pending.length === 1 && rangeMarkAt === undefined;
    const isRange = pending.length === 2 && rangeMarkAt === 1;
    if (!isSingleDay && !isRange) {
      report('无法识别放假日期，应写作“X月X日放假”或“X月X日至X日放假”', 'Cannot read the holiday dates; expected "X月X日放假" or "X月X日至X日放假"');
      return;
    }
    if (result.holiday !== undefined) {
      report('一行中只能有一段放假日期', 'Only one holiday range is allowed per line');
      return;
    }
    const from = pending[0];
    const to = isRange ? pending[1] : from;
    if (from === undefined || to === undefined) return;
    if (to < from) {
      report(`放假结束日${zhDate(to, noticeYear)}早于开始日${zhDate(from, noticeYear)}`, `The holiday ends (${to}) before it starts (${from})`);
      return;
    }
    result.holiday = { name, from, to };
  };

  for (const match of body.matchAll(TOKEN)) {
    const token = match[0];
    if (match[3] !== undefined) {
      pending.push(resolveDate(match));
      continue;
    }
    if (token === '放假' && pending.length > 0) takeHoliday();
    if (token === '上班') {
      for (const date of pending) if (date !== undefined) result.adjustedWorkdays.push({ date, name });
    }
    if (token === '至' || /^[~\-–—]$/.test(token)) {
      rangeMarkAt ??= pending.length;
      continue;
    }
    pending = [];
    rangeMarkAt = undefined;
  }

  const holiday = result.holiday;
  const stated = STATED_LENGTH.exec(body);
  if (holiday && stated) {
    const actualLength = daysBetween(holiday.from, holiday.to) + 1;
    if (Number(stated[1]) !== actualLength) {
      report(
        `${zhDate(holiday.from, noticeYear)}至${zhDate(holiday.to, noticeYear)}共${actualLength}天，与“${stated[0]}”不符`,
        `${holiday.from} to ${holiday.to} is ${actualLength} days, not ${stated[1]} as stated`,
      );
    }
  }
  if (!holiday && !isContinuation && result.issues.length === 0) {
    report(`${name}：没有找到放假日期`, `${name}: no holiday dates found`);
  }
  return result;
}

/**
 * Parses the notice as an admin pastes it: the numbered items ("二、春节：2月15日（…周日）至23日
 * （…周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。") are read, other lines
 * (title, salutation, closing paragraph) are ignored. Throws HolidayNoticeError with every problem.
 */
export function parseHolidayNoticeText(text: string, year: number, source?: string): HolidayNotice {
  const invalidYear = yearIssue(year);
  if (invalidYear) throw new HolidayNoticeError([invalidYear]);
  const notice: HolidayNotice = { year, source: source ?? '', holidays: [], adjustedWorkdays: [] };
  const lines: SourceLines = { holidays: [], adjustedWorkdays: [] };
  const issues: HolidayNoticeIssue[] = [];
  let documentNumber: string | undefined;

  const addParsed = (lineNumber: number, parsed: ParsedLine) => {
    issues.push(...parsed.issues);
    if (parsed.holiday) {
      notice.holidays.push(parsed.holiday);
      lines.holidays.push(lineNumber);
    }
    for (const workday of parsed.adjustedWorkdays) {
      notice.adjustedWorkdays.push(workday);
      lines.adjustedWorkdays.push(lineNumber);
    }
  };
  let currentItem: string | undefined;

  text.split(/\r\n|\r|\n/).forEach((raw, index) => {
    const lineNumber = index + 1;
    const line = normalizeLine(raw);
    if (line === '') return;
    const title = TITLE.exec(line);
    if (title && Number(title[1]) !== year) {
      issues.push(issueAt(lineNumber, `这是${title[1]}年的通知，与所选的${year}年不符`, `This is the notice for ${title[1]}, not ${year}`));
    }
    documentNumber ??= DOCUMENT_NUMBER.exec(line)?.[0];

    const item = SCHEDULE_LINE.exec(line);
    if (item && (NUMBERED_LINE.test(line) || item[2].includes('放假'))) {
      currentItem = item[1];
      addParsed(lineNumber, parseScheduleLine(lineNumber, item[1], item[2], year, false));
    } else if (currentItem !== undefined && WORKDAY_CONTINUATION.test(line)) {
      addParsed(lineNumber, parseScheduleLine(lineNumber, currentItem, line, year, true));
    } else if (NUMBERED_LINE.test(line)) {
      currentItem = undefined;
      issues.push(issueAt(lineNumber, '无法识别这一行，应写作“一、节日名称：X月X日……放假”', 'Cannot read this item; expected "一、节日名称：X月X日……放假"'));
    } else {
      currentItem = undefined;
    }
  });

  if (source === undefined) {
    const title = `国务院办公厅关于${year}年部分节假日安排的通知`;
    notice.source = documentNumber ? `${title}（${documentNumber}）` : title;
  }
  if (notice.holidays.length > 0) {
    issues.push(...noticeIssues(notice, lines));
  } else if (issues.length === 0) {
    issues.push(issueAt(0, '没有找到任何节假日安排；每个节日应单独一行，如“一、元旦：1月1日（周三）放假1天。”', 'No holiday items found; each holiday goes on its own line, e.g. "一、元旦：1月1日（周三）放假1天。"'));
  }
  if (issues.length > 0) throw new HolidayNoticeError(issues.sort((a, b) => a.line - b.line));
  return notice;
}
