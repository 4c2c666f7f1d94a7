import type { LineIssue } from '@xinfang/shared/schemas/admin';
import { adminCopy } from '@/copy/admin';
import { beijingDate } from '@/format/dates';

/** A year to upload: four digits, this year (in Beijing) or later — a past year's clocks are settled. */
export function calendarYearProblem(year: string, now: Date): string | null {
  const thisYear = Number(beijingDate(now.toISOString()).slice(0, 4));
  return /^\d{4}$/.test(year.trim()) && Number(year) >= thisYear && Number(year) <= 2100
    ? null
    : adminCopy.calendar.yearInvalid;
}

const LINE = /^\/body\/text\/line\/(\d+)$/;

/**
 * The notice's problems line by line, when the server could not read it (an `ApiError` whose
 * details point into the text); null for any other failure.
 */
export function noticeIssuesOf(error: unknown): LineIssue[] | null {
  const refusal = error as { code?: unknown; details?: unknown } | null;
  if (refusal?.code !== 'VALIDATION_FAILED' || !Array.isArray(refusal.details)) return null;
  const issues = (refusal.details as { path?: unknown; message?: unknown }[]).flatMap((detail) => {
    const line = typeof detail.path === 'string' ? LINE.exec(detail.path) : null;
    return line && typeof detail.message === 'string'
      ? [{ line: Number(line[1]), message: detail.message }]
      : [];
  });
  return issues.length > 0 ? issues : null;
}
