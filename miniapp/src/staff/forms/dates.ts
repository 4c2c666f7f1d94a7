/**
 * Dates and times as staff type them, in Beijing time (+08:00, the statute's calendar): a date
 * `YYYY-MM-DD`, a time `HH:mm`, and the instant they make together, as the API takes it (ISO-8601
 * UTC). Typed as text so that the same field works in WeChat, in a phone browser and on a desk.
 */
const DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const TIME = /^(\d{1,2})[:：](\d{2})$/;
const BEIJING_MS = 8 * 3600_000;

/** `2026-3-1` → `2026-03-01`; null when it is no real date. */
export function parseDate(text: string): string | null {
  const match = DATE.exec(
    text
      .trim()
      .replace(/[/.年月]/g, '-')
      .replace(/日$/, ''),
  );
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** `9:30` → `09:30`; null when it is no time of day. */
export function parseTime(text: string): string | null {
  const match = TIME.exec(text.trim());
  if (!match) return null;
  const [hour, minute] = [Number(match[1]), Number(match[2])];
  if (hour > 23 || minute > 59) return null;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** A Beijing date and time → the UTC instant. */
export function beijingInstant(date: string, time: string): string | null {
  const d = parseDate(date);
  const t = parseTime(time);
  if (!d || !t) return null;
  return new Date(Date.parse(`${d}T${t}:00+08:00`)).toISOString();
}

/** `2026-03-01 09:30` (one field) → the UTC instant. */
export function parseInstant(text: string): string | null {
  const [date, time, ...rest] = text.trim().split(/\s+/);
  if (!date || !time || rest.length > 0) return null;
  return beijingInstant(date, time);
}

/** The Beijing date and time of an instant, as the fields show them. */
export function beijingParts(at: number | string): { date: string; time: string } {
  const ms = typeof at === 'number' ? at : Date.parse(at);
  const iso = new Date(ms + BEIJING_MS).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

/** The Beijing date `days` after the one `at` falls on. */
export function beijingDateIn(at: number, days: number): string {
  return new Date(at + BEIJING_MS + days * 86_400_000).toISOString().slice(0, 10);
}

/** The first instant of a Beijing date, and of the day after it (for "received from / to"). */
export function startOfBeijingDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00+08:00`)).toISOString();
}

export function startOfNextBeijingDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00+08:00`) + 86_400_000).toISOString();
}
