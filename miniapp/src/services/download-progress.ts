/**
 * How much of a download has arrived, for the line under the button: a percentage when the answer
 * said its length (a stored file, a report), else the amount so far — a ledger export is streamed
 * as it is read from the database, and its length is not known until its end.
 */
export function progressText(written: number, expected: number): string {
  if (expected > 0) return `${Math.min(100, Math.floor((written / expected) * 100))}%`;
  if (written < 1024 * 1024) return `${Math.round(written / 1024)} KB`;
  return `${(written / (1024 * 1024)).toFixed(1)} MB`;
}
