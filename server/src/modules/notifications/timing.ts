/**
 * When a message may go out: WeChat and SMS alike keep quiet hours (Beijing time, by default
 * 21:00–08:00) unless a delay would shorten the petitioner's time; a failed send waits longer
 * after each try; a provider's day limit is waited out until the next morning, never midnight.
 */
export interface QuietHours {
  /** Minutes after midnight, Beijing time; `from` > `to` wraps past midnight. */
  from: number;
  to: number;
}

const MINUTE = 60_000;
const DAY_MINUTES = 24 * 60;
const BEIJING_OFFSET_MINUTES = 8 * 60;

function beijingMinuteOfDay(at: Date): number {
  return Math.floor(at.getTime() / MINUTE + BEIJING_OFFSET_MINUTES) % DAY_MINUTES;
}

export function isQuiet(at: Date, quiet: QuietHours): boolean {
  const minute = beijingMinuteOfDay(at);
  return quiet.from < quiet.to
    ? minute >= quiet.from && minute < quiet.to
    : minute >= quiet.from || minute < quiet.to;
}

/** `at` itself when it is outside the quiet hours, else the moment they end. */
export function outsideQuietHours(at: Date, quiet: QuietHours | null): Date {
  if (!quiet || !isQuiet(at, quiet)) return at;
  const minute = beijingMinuteOfDay(at);
  const wait = (quiet.to - minute + DAY_MINUTES) % DAY_MINUTES;
  const startOfMinute = Math.floor(at.getTime() / MINUTE) * MINUTE;
  return new Date(startOfMinute + wait * MINUTE);
}

const FIRST_RETRY_MS = 30_000;
const LONGEST_WAIT_MS = 6 * 3600_000;

/**
 * The wait before try `attempt + 1`, after `attempt` tries failed: 30 s, 1 min, 2 min… up to 6 h,
 * with "equal jitter" (half fixed, half random) so that messages failed together by one outage do
 * not all come back at the same instant.
 */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(LONGEST_WAIT_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/**
 * A provider's day limit (WeChat's quota, a number's daily SMS limit) lifts at midnight in Beijing;
 * what it held back goes once that night's quiet hours are over, urgent or not: nobody is woken at
 * midnight by a message that has waited since yesterday.
 */
export function nextDayOutsideQuietHours(at: Date, quiet: QuietHours | null): Date {
  return outsideQuietHours(nextBeijingMidnight(at), quiet);
}

/** Time-driven notices to petitioners (reminders, invitations) are made from 08:00 Beijing time. */
export const MORNING_HOUR = 8;

/** The hour of the day in Beijing (0–23). */
export function beijingHour(at: Date): number {
  return Math.floor(beijingMinuteOfDay(at) / 60);
}

/** The next midnight in Beijing, when WeChat's daily quotas reset. */
export function nextBeijingMidnight(at: Date): Date {
  const minute = beijingMinuteOfDay(at);
  const startOfMinute = Math.floor(at.getTime() / MINUTE) * MINUTE;
  return new Date(startOfMinute + (DAY_MINUTES - minute) * MINUTE);
}
