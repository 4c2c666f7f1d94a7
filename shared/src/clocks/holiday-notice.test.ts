import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CalendarYear } from './calendar';
import { addDays, dayOfWeek } from './dates';
import { readHolidayNotice } from './holiday-notice';
import { OFFICIAL_CALENDAR_YEARS } from './official-calendar';

/** 国办发明电〔2025〕7号 as published (the 2026 schedule), with its preamble and closing lines. */
const NOTICE_2026 = `国务院办公厅关于2026年部分节假日安排的通知
国办发明电〔2025〕7号
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
经国务院批准，现将2026年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
三、清明节：4月4日（周六）至6日（周一）放假，共3天。
四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
五、端午节：6月19日（周五）至21日（周日）放假，共3天。
六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。
节假日期间，各地区、各部门要妥善安排好值班和安全、保卫等工作，遇有重大突发事件，要按规定及时报告并妥善处置，确保人民群众祥和平安度过节日假期。
国务院办公厅
2025年11月4日`;

const official = (year: number) => OFFICIAL_CALENDAR_YEARS.find((y) => y.year === year) as CalendarYear;

describe('reading a year of holidays', () => {
  it('reads the State Council notice as published into the schedule shipped for 2026', () => {
    expect(readHolidayNotice(2026, NOTICE_2026)).toEqual({ ok: true, year: official(2026) });
  });

  it('reads a section whose holiday has two names and a one-day holiday without make-up days', () => {
    const reading = readHolidayNotice(
      2025,
      '一、元旦：1月1日（周三）放假1天，不调休。\n六、国庆节、中秋节：10月1日（周三）至8日（周三）放假调休，共8天。9月28日（周日）、10月11日（周六）上班。',
    );
    expect(reading).toEqual({
      ok: true,
      year: {
        year: 2025,
        holidays: [
          { name: '元旦', from: '2025-01-01', to: '2025-01-01' },
          { name: '国庆节、中秋节', from: '2025-10-01', to: '2025-10-08' },
        ],
        makeUpWorkdays: ['2025-09-28', '2025-10-11'],
      },
    });
  });

  it('reads a block that begins in the year before', () => {
    const reading = readHolidayNotice(2027, '一、元旦：2026年12月31日至2027年1月2日放假，共3天。');
    expect(reading.ok && reading.year.holidays).toEqual([
      { name: '元旦', from: '2026-12-31', to: '2027-01-02' },
    ]);
  });

  it('reads a table, with or without a header, commas of either width', () => {
    const table = [
      '名称,开始,结束',
      '元旦，2027-01-01，2027-01-03',
      '春节,2027/2/6,2027/2/13',
      '上班,2027-02-14',
    ];
    expect(readHolidayNotice(2027, table.join('\n'))).toEqual({
      ok: true,
      year: {
        year: 2027,
        holidays: [
          { name: '元旦', from: '2027-01-01', to: '2027-01-03' },
          { name: '春节', from: '2027-02-06', to: '2027-02-13' },
        ],
        makeUpWorkdays: ['2027-02-14'],
      },
    });
  });

  it('says, in Chinese and all at once, what is wrong and where', () => {
    const reading = readHolidayNotice(
      2027,
      ['元旦,2027-01-01,2027-01-03', '春节,2027-01-02,2027-01-09', '上班,2027-02-15', '清明节,明天'].join(
        '\n',
      ),
    );
    expect(reading).toEqual({
      ok: false,
      issues: [{ line: 4, message: '第 4 行：没有日期（日期写成 2027-01-01）' }],
    });
    const checked = readHolidayNotice(
      2027,
      [
        '元旦,2027-01-01,2027-01-03',
        '春节,2027-01-02,2027-01-09',
        '上班,2027-02-15',
        '国庆节,2026-10-01,2026-10-07',
      ].join('\n'),
    );
    expect(checked.ok).toBe(false);
    expect(checked.ok ? [] : checked.issues.map((i) => i.message)).toEqual([
      '春节 与 元旦 的日期重叠',
      '国庆节：2026-10-01 不在 2027 年',
      '调休上班日 2027-02-15 本来就是工作日（调休上班日都在周末）',
    ]);
    expect(readHolidayNotice(2027, '一、元旦：放假一天。').ok ? null : 'refused').toBe('refused');
    expect(readHolidayNotice(2027, '   ')).toEqual({
      ok: false,
      issues: [{ line: 1, message: '没有内容：请粘贴通知全文或节假日表' }],
    });
  });

  it('reads back every schedule written as a notice or as a table (property)', () => {
    fc.assert(
      fc.property(arbitraryYear(), fc.boolean(), (year, asTable) => {
        const text = asTable ? tableOf(year) : noticeOf(year);
        expect(readHolidayNotice(year.year, text)).toEqual({ ok: true, year });
      }),
      { numRuns: 200 },
    );
  });
});

const NAMES = ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节', '国庆节、中秋节'];
const SECTION_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八'];

/** A schedule as the State Council would announce it: blocks apart in the year, make-up days on weekends. */
function arbitraryYear(): fc.Arbitrary<CalendarYear> {
  return fc
    .record({
      year: fc.integer({ min: 2027, max: 2045 }),
      starts: fc.uniqueArray(fc.integer({ min: 0, max: 340 }), { minLength: 1, maxLength: 7 }),
      lengths: fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 7, maxLength: 7 }),
      makeUp: fc.uniqueArray(fc.integer({ min: 0, max: 364 }), { maxLength: 6 }),
    })
    .map(({ year, starts, lengths, makeUp }) => {
      const first = `${year}-01-01`;
      const holidays: CalendarYear['holidays'][number][] = [];
      for (const [index, start] of [...starts].sort((a, b) => a - b).entries()) {
        const from = addDays(first, start);
        const to = addDays(from, (lengths[index] ?? 1) - 1);
        const previous = holidays.at(-1);
        if ((previous && previous.to >= from) || !to.startsWith(String(year))) continue;
        holidays.push({ name: NAMES[holidays.length] as string, from, to });
      }
      const makeUpWorkdays = [...makeUp]
        .sort((a, b) => a - b)
        .map((offset) => addDays(first, offset))
        .filter((day) => day.startsWith(String(year)) && [0, 6].includes(dayOfWeek(day)));
      return { year, holidays, makeUpWorkdays };
    });
}

const monthDay = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

function noticeOf(year: CalendarYear): string {
  const sections = year.holidays.map((block, index) => {
    const end =
      block.to === block.from
        ? ''
        : `至${block.to.slice(5, 7) === block.from.slice(5, 7) ? `${Number(block.to.slice(8))}日` : monthDay(block.to)}（周一）`;
    const makeUp =
      index === 0 && year.makeUpWorkdays.length > 0
        ? `${year.makeUpWorkdays.map((d) => `${monthDay(d)}（周六）`).join('、')}上班。`
        : '';
    return `${SECTION_NUMERALS[index]}、${block.name}：${monthDay(block.from)}（周五）${end}放假调休，共若干天。${makeUp}`;
  });
  return [
    `经国务院批准，现将${year.year}年放假调休日期的具体安排通知如下。`,
    ...sections,
    '国务院办公厅',
  ].join('\n');
}

function tableOf(year: CalendarYear): string {
  return [
    ...year.holidays.map((b) => `${b.name},${b.from},${b.to}`),
    ...year.makeUpWorkdays.map((d) => `上班,${d}`),
  ].join('\n');
}
