/**
 * Instants are stored as ISO-8601 UTC strings with milliseconds (`2026-11-23T03:04:05.678Z`):
 * one portable form for both dialects, readable in a console, and ordered by plain string
 * comparison because the width is fixed.
 */
export type Instant = string;

export function toInstant(date: Date): Instant {
  return date.toISOString();
}
