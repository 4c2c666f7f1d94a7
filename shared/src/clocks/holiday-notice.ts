import type { CalendarYear } from './calendar';
import { type DateString, dayOfWeek, daysBetween, isDateString, yearOf } from './dates';

/**
 * Reading a year's working-day calendar as an administrator has it: the text of the State Council's
 * notice (国务院办公厅关于 N 年部分节假日安排的通知) pasted as published, or a plain table, one
 * holiday or make-up working day a line. Each year's notice lists its holidays in numbered sections
 * — 「一、元旦：1月1日（周五）至3日（周日）放假调休，共3天。1月4日（周日）上班。」 — so the
 * sections are read one by one: the dates before 放假 are the block, the dates of a sentence
 * ending in 上班 are make-up working days (调休). Every problem is reported at once, in Chinese,
 * with the line or section it is in.
 */

export interface NoticeIssue {
  /** The line of a table, or the number of the notice's section (一 = 1). */
  line: number;
  message: string;
}

export type NoticeReading = { ok: true; year: CalendarYear } | { ok: false; issues: NoticeIssue[] };

const MAKE_UP_WORDS = ['上班', '调休上班', '补班'];
const NUMERALS = '一二三四五六七八九十';
const SECTION = new RegExp(`([${NUMERALS}]+)、([^：:]{1,20})[：:]`, 'g');
const CHINESE_DATE = /(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日/g;

export function readHolidayNotice(year: number, text: string): NoticeReading {
  const cleaned = text.replace(/\r\n?/g, '\n').trim();
  if (!cleaned) return { ok: false, issues: [{ line: 1, message: '没有内容：请粘贴通知全文或节假日表' }] };
  const looksLikeTable = /\d{4}-\d{1,2}-\d{1,2}/.test(cleaned) && !/放假/.test(cleaned);
  const reading = looksLikeTable ? readTable(year, cleaned) : readNotice(year, cleaned);
  if (!reading.ok) return reading;
  const issues = checkYear(reading.year);
  return issues.length > 0 ? { ok: false, issues } : reading;
}

/** `名称,开始,结束` (or one date for a single day), and `上班,日期` for a make-up working day. */
function readTable(year: number, text: string): NoticeReading {
  const holidays: { name: string; from: DateString; to: DateString }[] = [];
  const makeUpWorkdays: DateString[] = [];
  const issues: NoticeIssue[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = index + 1;
    const cells = raw
      .split(/[,，\t]/)
      .map((cell) => cell.trim())
      .filter(Boolean);
    if (cells.length === 0) return;
    const dates = cells.slice(1).map(tableDate);
    // A header line (名称,开始,结束) has no dates: skip it.
    if (dates.length === 0 || dates.every((d) => d === null)) {
      if (line === 1) return;
      issues.push({ line, message: `第 ${line} 行：没有日期（日期写成 ${year}-01-01）` });
      return;
    }
    if (dates.some((d) => d === null) || dates.length > 2) {
      issues.push({ line, message: `第 ${line} 行：日期应写成 ${year}-01-01，一行一个节日或一个上班日` });
      return;
    }
    const name = cells[0] ?? '';
    const [from, to] = dates as DateString[];
    if (!from) return;
    if (MAKE_UP_WORDS.includes(name)) {
      if (dates.length > 1) issues.push({ line, message: `第 ${line} 行：调休上班日一行写一天` });
      else makeUpWorkdays.push(from);
    } else holidays.push({ name, from, to: to ?? from });
  });
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, year: { year, holidays, makeUpWorkdays } };
}

function tableDate(cell: string): DateString | null {
  const match = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(cell);
  if (!match) return null;
  const date = `${match[1]}-${match[2]?.padStart(2, '0')}-${match[3]?.padStart(2, '0')}`;
  return isDateString(date) ? date : null;
}

/** The notice's numbered sections: the block before 放假, the make-up days of sentences ending in 上班. */
function readNotice(year: number, text: string): NoticeReading {
  // Weekdays and lunar dates in brackets say nothing the dates do not: 「1月1日（周五）」.
  const plain = text.replace(/（[^）]*）|\([^)]*\)/g, '').replace(/\s+/g, '');
  const starts = [...plain.matchAll(SECTION)];
  if (starts.length === 0) {
    return {
      ok: false,
      issues: [
        {
          line: 1,
          message: '没有找到「一、元旦：……放假」这样的条目：请粘贴通知全文，或按“名称,开始,结束”逐行填写',
        },
      ],
    };
  }
  const holidays: { name: string; from: DateString; to: DateString }[] = [];
  const makeUpWorkdays: DateString[] = [];
  const issues: NoticeIssue[] = [];
  starts.forEach((start, index) => {
    const line = index + 1;
    const name = start[2] ?? '';
    const body = plain.slice((start.index ?? 0) + start[0].length, starts[index + 1]?.index ?? plain.length);
    const where = `第${start[1]}条（${name}）`;
    let block: { from: DateString; to: DateString } | null = null;
    for (const sentence of body.split(/[。；;]/)) {
      if (sentence.includes('放假') && !block) {
        const dates = datesIn(sentence.slice(0, sentence.indexOf('放假')), year);
        if (dates === null || dates.length === 0 || dates.length > 2) {
          issues.push({ line, message: `${where}：放假日期读不出来` });
          return;
        }
        block = { from: dates[0] as DateString, to: (dates[1] ?? dates[0]) as DateString };
      } else if (/上班$/.test(sentence)) {
        const dates = datesIn(sentence, year);
        if (dates === null || dates.length === 0) {
          issues.push({ line, message: `${where}：上班日期读不出来` });
          return;
        }
        makeUpWorkdays.push(...dates);
      }
    }
    if (!block) issues.push({ line, message: `${where}：没有找到放假日期` });
    else holidays.push({ name, ...block });
  });
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, year: { year, holidays, makeUpWorkdays } };
}

/** The dates written in a sentence; a date without a month or year takes them from the one before. */
function datesIn(sentence: string, year: number): DateString[] | null {
  const dates: DateString[] = [];
  let currentYear = year;
  let month: number | null = null;
  for (const match of sentence.matchAll(CHINESE_DATE)) {
    if (match[1]) currentYear = Number(match[1]);
    if (match[2]) month = Number(match[2]);
    if (month === null) return null;
    const date = `${currentYear}-${String(month).padStart(2, '0')}-${(match[3] ?? '').padStart(2, '0')}`;
    if (!isDateString(date)) return null;
    dates.push(date);
  }
  return dates;
}

/** What an announced year must be: its own dates, blocks in order and apart, make-up days on weekends. */
function checkYear(calendar: CalendarYear): NoticeIssue[] {
  const issues: NoticeIssue[] = [];
  const { year } = calendar;
  calendar.holidays.forEach((block, index) => {
    const line = index + 1;
    if (!block.name.trim()) issues.push({ line, message: `第 ${line} 个节日没有名称` });
    if (daysBetween(block.from, block.to) < 0)
      issues.push({ line, message: `${block.name}：结束日期 ${block.to} 早于开始日期 ${block.from}` });
    else if (daysBetween(block.from, block.to) > 15)
      issues.push({ line, message: `${block.name}：${block.from} 至 ${block.to} 超过 15 天，请核对` });
    if (yearOf(block.from) !== year && yearOf(block.to) !== year)
      issues.push({ line, message: `${block.name}：${block.from} 不在 ${year} 年` });
    const overlapping = calendar.holidays.find(
      (other, j) => j < index && other.from <= block.to && block.from <= other.to,
    );
    if (overlapping) issues.push({ line, message: `${block.name} 与 ${overlapping.name} 的日期重叠` });
  });
  const seen = new Set<DateString>();
  for (const day of calendar.makeUpWorkdays) {
    const weekday = dayOfWeek(day);
    if (yearOf(day) !== year) issues.push({ line: 0, message: `调休上班日 ${day} 不在 ${year} 年` });
    else if (weekday !== 0 && weekday !== 6)
      issues.push({ line: 0, message: `调休上班日 ${day} 本来就是工作日（调休上班日都在周末）` });
    if (seen.has(day)) issues.push({ line: 0, message: `调休上班日 ${day} 写了两次` });
    seen.add(day);
  }
  if (calendar.holidays.length === 0) issues.push({ line: 0, message: `没有读到 ${year} 年的任何节日` });
  return issues;
}
