import { describe, expect, it } from 'vitest';
import { calendarYearProblem, noticeIssuesOf } from './upload';

/** What the app's client throws for a refusal (`ApiError`: code, message, status, details). */
const refused = (code: string, details?: unknown) =>
  Object.assign(new Error(code), { code, status: 400, details });

describe("uploading a year's calendar", () => {
  // 2026-12-31 16:30 UTC is already 2027-01-01 in Beijing.
  const newYearsEve = new Date('2026-12-31T16:30:00Z');

  it('takes this year or a later one, counted in Beijing', () => {
    expect(calendarYearProblem('2027', new Date('2026-11-02T00:00:00Z'))).toBeNull();
    expect(calendarYearProblem('2026', new Date('2026-11-02T00:00:00Z'))).toBeNull();
    expect(calendarYearProblem('2026', newYearsEve)).toBeTruthy();
    expect(calendarYearProblem('27', newYearsEve)).toBeTruthy();
    expect(calendarYearProblem('二〇二七', newYearsEve)).toBeTruthy();
  });

  it("reads the notice's problems line by line from the server's refusal", () => {
    const refusal = refused('VALIDATION_FAILED', [
      { path: '/body/text/line/3', message: '读不出日期' },
      { path: '/body/year', message: 'must be 2026 or later' },
    ]);
    expect(noticeIssuesOf(refusal)).toEqual([{ line: 3, message: '读不出日期' }]);
    expect(noticeIssuesOf(refused('VALIDATION_FAILED', [{ path: '/body/year', message: 'y' }]))).toBeNull();
    expect(noticeIssuesOf(refused('FORBIDDEN'))).toBeNull();
    expect(noticeIssuesOf(new Error('offline'))).toBeNull();
  });
});
