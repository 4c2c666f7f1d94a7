import { describe, expect, it } from 'vitest';
import { CLOCK_NAMES, type ClockName } from './clocks';
import { PETITIONER_CLOCKS, petitionerDate } from './petitioner-date';

/** Running clocks as `[name, due]`; `firstDue` as the server and the app give it. */
const over =
  (running: readonly [ClockName, string][]) =>
  (include: (clock: { name: ClockName }) => boolean): ClockName | null =>
    running
      .filter(([name]) => include({ name }))
      .sort((a, b) => a[1].localeCompare(b[1]))
      .map(([name]) => name)[0] ?? null;

describe('the one date a petitioner is told', () => {
  it('is never a date kept between offices: triage, objection, report-back, supervision', () => {
    const internal = CLOCK_NAMES.filter((name) => !PETITIONER_CLOCKS.includes(name));
    expect(internal.sort()).toEqual(['objection_window', 'report_back', 'supervision_answer', 'triage']);
    expect(
      petitionerDate(over(internal.map((name) => [name, '2026-03-05'] as [ClockName, string]))),
    ).toBeNull();
  });

  it('before acceptance: when they will be told, however soon triage or the objection ends', () => {
    expect(
      petitionerDate(
        over([
          ['triage', '2026-03-17'],
          ['notice', '2026-03-17'],
        ]),
      ),
    ).toBe('notice');
    expect(
      petitionerDate(
        over([
          ['objection_window', '2026-03-09'],
          ['assignment_notice', '2026-03-17'],
          ['report_back', '2026-04-30'],
        ]),
      ),
    ).toBe('assignment_notice');
  });

  it('while handled: when the answer is due, not the report-back date before it', () => {
    expect(
      petitionerDate(
        over([
          ['report_back', '2026-04-30'],
          ['handling', '2026-05-06'],
        ]),
      ),
    ).toBe('handling');
  });

  it('after an answer: their own time to act comes first, the earliest of it', () => {
    expect(
      petitionerDate(
        over([
          ['handling', '2026-03-20'],
          ['rating_window', '2026-04-21'],
          ['review_window', '2026-04-20'],
        ]),
      ),
    ).toBe('review_window');
  });
});
