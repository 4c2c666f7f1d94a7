import type { CalendarYear } from './calendar';
import { addDays } from './dates';

/**
 * The public holidays the law itself fixes for everyone (全国年节及纪念日放假办法 Art 2, as amended
 * by 国务院令第798号, in force 1 January 2025): 元旦 1 January; 春节 农历除夕 and 正月初一至初三;
 * 清明节 the day of the 清明 solar term; 劳动节 1–2 May; 端午节 农历五月初五; 中秋节 农历八月十五;
 * 国庆节 1–3 October. A year whose State Council notice is not loaded rests on these (and on
 * weekends) rather than on weekends alone. The notice usually lengthens 春节 and 国庆, moves a
 * holiday off a weekend (补假, Art 6) and sets make-up working days (调休): none of that is guessed,
 * so a period counted without the notice may end earlier than it will with it.
 *
 * The lunar and solar-term days, precomputed per year (no lunar arithmetic at run time) and
 * checked day by day against the `chinese-days` package in calendar.test.ts: 除夕, 清明, 端午, 中秋.
 */
const MOVABLE_DAYS: Readonly<Record<number, readonly [string, string, string, string]>> = {
  2027: ['02-05', '04-05', '06-09', '09-15'],
  2028: ['01-25', '04-04', '05-28', '10-03'],
  2029: ['02-12', '04-04', '06-16', '09-22'],
  2030: ['02-02', '04-05', '06-05', '09-12'],
  2031: ['01-22', '04-05', '06-24', '10-01'],
  2032: ['02-10', '04-04', '06-12', '09-19'],
  2033: ['01-30', '04-04', '06-01', '09-08'],
  2034: ['02-18', '04-05', '06-20', '09-27'],
  2035: ['02-07', '04-05', '06-10', '09-16'],
};

/** The years with statutory holidays as data, ascending. */
export const STATUTORY_HOLIDAY_YEARS: readonly number[] = Object.keys(MOVABLE_DAYS).map(Number);

/** A year's statutory holidays as a calendar year, without make-up days; null outside the table. */
export function statutoryHolidayYear(year: number): CalendarYear | null {
  const days = MOVABLE_DAYS[year];
  if (!days) return null;
  const [eve, qingming, duanwu, midAutumn] = days.map((day) => `${year}-${day}`) as [
    string,
    string,
    string,
    string,
  ];
  const day = (name: string, date: string) => ({ name, from: date, to: date });
  return {
    year,
    holidays: [
      day('元旦', `${year}-01-01`),
      { name: '春节', from: eve, to: addDays(eve, 3) },
      day('清明节', qingming),
      { name: '劳动节', from: `${year}-05-01`, to: `${year}-05-02` },
      day('端午节', duanwu),
      day('中秋节', midAutumn),
      { name: '国庆节', from: `${year}-10-01`, to: `${year}-10-03` },
    ],
    makeUpWorkdays: [],
  };
}
