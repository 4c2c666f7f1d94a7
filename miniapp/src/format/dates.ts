/**
 * Dates as the person reads them: Beijing time (+08:00, no daylight saving), written the Chinese
 * way, computed by hand so WeChat's limited Intl support does not matter.
 */
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

function beijingParts(instant: string) {
  const shifted = new Date(Date.parse(instant) + BEIJING_OFFSET_MS);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `2026-12-08T03:00:00Z` → `2026年12月8日`. */
export function formatDate(instant: string): string {
  const { year, month, day } = beijingParts(instant);
  return `${year}年${month}月${day}日`;
}

/** `2026-12-08` (a Beijing date) → `2026年12月8日`. */
export function formatDateString(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return `${year}年${month}月${day}日`;
}

/** `2026-12-08` → `12月8日` in the year of `today` (also a Beijing date), `2027年1月4日` otherwise. */
export function formatMonthDay(date: string, today: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return date.slice(0, 4) === today.slice(0, 4) ? `${month}月${day}日` : `${year}年${month}月${day}日`;
}

/** `2026年12月8日 11:00`. */
export function formatDateTime(instant: string): string {
  const { hour, minute } = beijingParts(instant);
  return `${formatDate(instant)} ${pad(hour)}:${pad(minute)}`;
}

/** The Beijing date (`YYYY-MM-DD`) an instant falls on. */
export function beijingDate(instant: string | number): string {
  const ms = typeof instant === 'number' ? instant : Date.parse(instant);
  return new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

/** Whole calendar days from one Beijing date to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}
