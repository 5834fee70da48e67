import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  BUNDLED_NOTICES,
  HolidayNoticeError,
  parseHolidayNoticeText,
  validateHolidayNotice,
  type HolidayNotice,
  type HolidayNoticeIssue,
} from './holiday-notice.js';

const fixture = (year: number) => readFileSync(new URL(`./fixtures/notice-${year}.txt`, import.meta.url), 'utf8');
const bundled = (year: number) => BUNDLED_NOTICES.find((notice) => notice.year === year);

function issuesOf(action: () => unknown): HolidayNoticeIssue[] {
  try {
    action();
  } catch (error) {
    if (error instanceof HolidayNoticeError) return error.issues;
    throw error;
  }
  throw new Error('expected a HolidayNoticeError');
}
const chineseIssues = (action: () => unknown) => issuesOf(action).map((issue) => issue.message['zh-CN']);

// china-rules.md §8.1
const TABLE_2025 = {
  holidays: [
    ['元旦', '2025-01-01', '2025-01-01'],
    ['春节', '2025-01-28', '2025-02-04'],
    ['清明节', '2025-04-04', '2025-04-06'],
    ['劳动节', '2025-05-01', '2025-05-05'],
    ['端午节', '2025-05-31', '2025-06-02'],
    ['国庆节、中秋节', '2025-10-01', '2025-10-08'],
  ],
  adjustedWorkdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
};
const TABLE_2026 = {
  holidays: [
    ['元旦', '2026-01-01', '2026-01-03'],
    ['春节', '2026-02-15', '2026-02-23'],
    ['清明节', '2026-04-04', '2026-04-06'],
    ['劳动节', '2026-05-01', '2026-05-05'],
    ['端午节', '2026-06-19', '2026-06-21'],
    ['中秋节', '2026-09-25', '2026-09-27'],
    ['国庆节', '2026-10-01', '2026-10-07'],
  ],
  adjustedWorkdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
};

describe('parseHolidayNoticeText on the real notices', () => {
  it.each([
    [2025, TABLE_2025],
    [2026, TABLE_2026],
  ])('reads the %i notice as the table in china-rules §8.1', (year, table) => {
    const notice = parseHolidayNoticeText(fixture(year), year);
    expect(notice.holidays.map(({ name, from, to }) => [name, from, to])).toEqual(table.holidays);
    expect(notice.adjustedWorkdays.map(({ date }) => date)).toEqual(table.adjustedWorkdays);
  });

  it.each([2025, 2026])('gives exactly the bundled %i notice', (year) => {
    const expected = bundled(year);
    expect(expected).toBeDefined();
    expect(parseHolidayNoticeText(fixture(year), year, expected?.source)).toEqual(expected);
  });

  it('names make-up days after their holiday and takes the source from the title and number', () => {
    const notice = parseHolidayNoticeText(fixture(2025), 2025);
    expect(notice.source).toBe('国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）');
    expect(notice.adjustedWorkdays[0]).toEqual({ date: '2025-01-26', name: '春节' });
  });
});

describe('parseHolidayNoticeText forms', () => {
  it('reads a single day, a range within a month and ranges across months', () => {
    const notice = parseHolidayNoticeText(
      [
        '一、元旦：1月1日（周三）放假1天，不调休。',
        '二、清明节：4月4日（周五）至6日（周日）放假，共3天。',
        '三、国庆节：9月30日至10月8日放假调休，共9天。',
        '四、端午节：5月31日（星期六）至6月2日（星期一）放假，共3天。',
      ].join('\n'),
      2025,
    );
    expect(notice.holidays).toEqual([
      { name: '元旦', from: '2025-01-01', to: '2025-01-01' },
      { name: '清明节', from: '2025-04-04', to: '2025-04-06' },
      { name: '国庆节', from: '2025-09-30', to: '2025-10-08' },
      { name: '端午节', from: '2025-05-31', to: '2025-06-02' },
    ]);
  });

  it('reads the 2023 mid-autumn item, whose make-up days follow the holiday', () => {
    const notice = parseHolidayNoticeText('六、中秋节、国庆节：9月29日至10月6日放假调休，共8天。10月7日（周六）、10月8日（周日）上班。', 2023);
    expect(notice.holidays).toEqual([{ name: '中秋节、国庆节', from: '2023-09-29', to: '2023-10-06' }]);
    expect(notice.adjustedWorkdays.map(({ date }) => date)).toEqual(['2023-10-07', '2023-10-08']);
  });

  it('accepts full-width digits and half-width punctuation alike', () => {
    const fullWidth = parseHolidayNoticeText('一、元旦：１月１日（周四）至３日（周六）放假调休，共３天。１月４日（周日）上班。', 2026);
    const halfWidth = parseHolidayNoticeText('一、元旦:1月1日(周四)至3日(周六)放假调休,共3天。1月4日(周日)上班。', 2026);
    expect(fullWidth).toEqual(halfWidth);
    expect(fullWidth.adjustedWorkdays).toEqual([{ date: '2026-01-04', name: '元旦' }]);
  });

  it('reads a make-up sentence broken onto its own line, and an explicit year on a make-up day', () => {
    const notice = parseHolidayNoticeText(
      ['二、春节：2月15日至23日放假调休，共9天。', '', '2月14日（周六）、2月28日（周六）上班。', '一、元旦：1月1日至3日放假。2025年12月28日（周日）上班。'].join('\n'),
      2026,
    );
    expect(notice.adjustedWorkdays).toEqual([
      { date: '2026-02-14', name: '春节' },
      { date: '2026-02-28', name: '春节' },
      { date: '2025-12-28', name: '元旦' },
    ]);
  });

  it('ignores dates in sentences that neither give holidays nor make-up days', () => {
    const notice = parseHolidayNoticeText('二、春节：2月10日至17日放假调休，共8天。2月4日（周日）、2月18日（周日）上班。鼓励各单位安排职工在除夕（2月9日）休息。', 2024);
    expect(notice.adjustedWorkdays.map(({ date }) => date)).toEqual(['2024-02-04', '2024-02-18']);
  });
});

describe('parseHolidayNoticeText errors', () => {
  it('reports a weekday hint that does not match the calendar, with the line number', () => {
    const issues = issuesOf(() =>
      parseHolidayNoticeText('标题\n\n二、春节：2月15日（周日）至23日（周一）放假调休，共9天。2月14日（周日）上班。', 2026),
    );
    expect(issues).toEqual([
      { line: 3, message: { 'zh-CN': '第3行：2月14日是周六，与括号中的“周日”不符', en: 'Line 3: 2026-02-14 is a Saturday, not "周日" as the parentheses say' } },
    ]);
  });

  it('reports a stated length that does not match the range', () => {
    expect(chineseIssues(() => parseHolidayNoticeText('一、春节：2月15日至23日放假调休，共8天。', 2026))).toEqual([
      '第1行：2月15日至2月23日共9天，与“共8天”不符',
    ]);
    expect(chineseIssues(() => parseHolidayNoticeText('一、元旦：1月1日放假2天。', 2025))).toEqual(['第1行：1月1日至1月1日共1天，与“放假2天”不符']);
  });

  it('reports a make-up day that is not a weekend day, or that is itself a holiday', () => {
    expect(chineseIssues(() => parseHolidayNoticeText('一、春节：2月15日至23日放假。2月16日（周一）上班。', 2026))).toEqual([
      '第1行：2月16日是周一，调休上班日只能是周六或周日',
      '第1行：2月16日已是春节的放假日，不能同时调休上班',
    ]);
  });

  it('lists every problem of a badly pasted notice at once', () => {
    const text = [
      '国务院办公厅关于2025年部分节假日安排的通知',
      '一、元旦：1月1日（周三）至3日放假，共3天。',
      '二、春节：2月30日至3月2日放假。',
      '三、清明节：5日至7日放假。',
      '四、劳动节：5月5日至5月1日放假。',
      '五、端午节 6月19日放假',
      '六、中秋节：9月25日。',
      '七、国庆节：10月1日至10月7日放假。9月20日、10月10日上班。',
    ].join('\n');
    expect(chineseIssues(() => parseHolidayNoticeText(text, 2026))).toEqual([
      '第1行：这是2025年的通知，与所选的2026年不符',
      '第2行：1月1日是周四，与括号中的“周三”不符',
      '第3行：2月30日不是有效日期',
      '第4行：“5日”前面没有月份',
      '第5行：放假结束日5月1日早于开始日5月5日',
      '第6行：无法识别这一行，应写作“一、节日名称：X月X日……放假”',
      '第7行：中秋节：没有找到放假日期',
    ]);
  });

  it('reports a holiday outside the notice year and overlapping holidays', () => {
    expect(chineseIssues(() => parseHolidayNoticeText('一、元旦：2025年12月31日至2026年1月2日放假。', 2026))).toEqual([
      '第1行：元旦的放假日期不在2026年内',
    ]);
    expect(chineseIssues(() => parseHolidayNoticeText('一、元旦：1月1日至3日放假。\n二、补假：1月3日放假。', 2026))).toEqual([
      '第2行：1月3日同时列在元旦和补假的放假日期中',
    ]);
  });

  it('refuses text without any holiday item and an impossible year', () => {
    expect(chineseIssues(() => parseHolidayNoticeText('国务院办公厅关于2026年部分节假日安排的通知\n各省、自治区、直辖市人民政府：', 2026))).toEqual([
      '没有找到任何节假日安排；每个节日应单独一行，如“一、元旦：1月1日（周三）放假1天。”',
    ]);
    expect(chineseIssues(() => parseHolidayNoticeText('一、元旦：1月1日放假。', 26))).toEqual(['年份“26”无效']);
  });

  it('gives every issue an English message too, and a readable error message', () => {
    try {
      parseHolidayNoticeText('一、春节：2月15日至23日放假调休，共8天。', 2026);
    } catch (error) {
      expect(error).toBeInstanceOf(HolidayNoticeError);
      expect((error as HolidayNoticeError).message).toContain('第1行：2月15日至2月23日共9天');
      expect((error as HolidayNoticeError).issues[0].message.en).toBe('Line 1: 2026-02-15 to 2026-02-23 is 9 days, not 8 as stated');
    }
    expect.assertions(3);
  });
});

describe('validateHolidayNotice', () => {
  const valid: HolidayNotice = {
    year: 2026,
    source: '测试',
    holidays: [{ name: '元旦', from: '2026-01-01', to: '2026-01-03' }],
    adjustedWorkdays: [{ date: '2026-01-04', name: '元旦' }],
  };

  it('accepts the bundled notices', () => {
    expect(BUNDLED_NOTICES.map((notice) => notice.year)).toEqual([2025, 2026]);
    for (const notice of BUNDLED_NOTICES) expect(() => validateHolidayNotice(notice)).not.toThrow();
    expect(() => validateHolidayNotice(valid)).not.toThrow();
  });

  it.each<[string, HolidayNotice, string[]]>([
    ['a malformed date', { ...valid, holidays: [{ name: '元旦', from: '2026-1-1', to: '2026-01-03' }] }, ['元旦的日期应为YYYY-MM-DD格式的有效日期']],
    ['a reversed range', { ...valid, holidays: [{ name: '元旦', from: '2026-01-03', to: '2026-01-01' }] }, ['元旦的结束日期早于开始日期']],
    ['a holiday in another year', { ...valid, holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-01' }] }, ['元旦的放假日期不在2026年内']],
    ['a weekday make-up day', { ...valid, adjustedWorkdays: [{ date: '2026-01-05', name: '元旦' }] }, ['1月5日是周一，调休上班日只能是周六或周日']],
    ['a duplicated make-up day', { ...valid, adjustedWorkdays: [{ date: '2026-01-04', name: '元旦' }, { date: '2026-01-04', name: '元旦' }] }, ['1月4日重复列为调休上班日']],
    ['no holidays and no source', { ...valid, source: ' ', holidays: [] }, ['缺少通知来源（标题和文号）', '2026年的安排中没有任何放假日期']],
    ['a nameless holiday', { ...valid, holidays: [{ name: '', from: '2026-01-01', to: '2026-01-03' }] }, ['第1个节日缺少名称']],
  ])('rejects %s', (_, notice, expected) => {
    const issues = issuesOf(() => validateHolidayNotice(notice));
    expect(issues.map((issue) => issue.message['zh-CN'])).toEqual(expected);
    expect(issues.every((issue) => issue.line === 0)).toBe(true);
  });
});
