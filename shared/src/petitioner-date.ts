import type { ClockName } from './clocks';

/**
 * The one date a petitioner is told about a case — on the list of their petitions and on the
 * case's page alike, so that the two never disagree. It comes only from the clocks that are the
 * petitioner's business, in the order they matter to them:
 * 1. their own time to act on an answer: rate it (Art 21), ask for review (Art 35) or
 *    re-examination (Art 36);
 * 2. when the answer is due (Art 34, 35, 36);
 * 3. when they will be told whether, and by whom, it is handled (Art 23 ¶2, ¶3).
 * Triage, the objection window and the report-back date (Art 22, 23 ¶3) run between the petition
 * office and the unit, a supervision notice (Art 40) between the supervisor and the unit: their
 * dates are never the petitioner's.
 */
export const PETITIONER_DATE_ORDER = [
  ['review_window', 're_examination_window', 'rating_window'],
  ['handling', 'review_answer', 're_examination_answer'],
  ['notice', 'assignment_notice'],
] as const satisfies readonly (readonly ClockName[])[];

export type PetitionerClockName = (typeof PETITIONER_DATE_ORDER)[number][number];

/** Every clock whose date a petitioner may be told. */
export const PETITIONER_CLOCKS: readonly ClockName[] = PETITIONER_DATE_ORDER.flat();

/**
 * The clock whose date the petitioner is shown: the first group of `PETITIONER_DATE_ORDER` with a
 * running clock, and in it the one due first. `firstDue` gives the running clock due first among
 * those `include` accepts (the server's `nextDueClock` or `firstDue`, the app's over its clock
 * views), or null.
 */
export function petitionerDate<C>(
  firstDue: (include: (clock: { name: ClockName }) => boolean) => C | null,
): C | null {
  for (const group of PETITIONER_DATE_ORDER) {
    const names: readonly ClockName[] = group;
    const found = firstDue((clock) => names.includes(clock.name));
    if (found !== null) return found;
  }
  return null;
}
