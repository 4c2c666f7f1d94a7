import { type Refusal, refuse } from './rules';
import type { DeclineGround } from './vocabulary';

/**
 * What a staff member's decline (不予受理) must state, so that the written notice tells the
 * petitioner the rule it rests on and, where it rests on an earlier case, which case:
 *
 * - Art 36 ¶3 (`already_final`) and Art 19 ¶3 (`pending_elsewhere`): the earlier case, by its
 *   petition number, in the reason — the way the system's own declines name it (`repeatDecline`).
 *   The server then checks that number: the same person's case, final, or pending below within
 *   its limits (`checkFinality`, `checkPendingElsewhere`).
 * - `other`: the provision it rests on (「第…条」), since the ground itself names none.
 *
 * The number is read from the reason, not from a parameter of its own, so that declines already
 * stored (whose reason is all they have) read the same way.
 */

// A number as issued (XF2026-000123), typed with or without the dash and its leading zeros.
const NUMBER = /XF(\d{4})-?(\d{1,6})(?!\d)/gi;
// 第三十六条, 第36条, 第 36 条: any article of any law or regulation.
const PROVISION = /第\s*[0-9〇零一二两三四五六七八九十百]+\s*条/;

/** The petition numbers a text names, in order, written as issued. Full-width forms count too. */
export function petitionNumbersIn(text: string): string[] {
  // `exec` in a loop rather than `matchAll`, which the mini-program's iOS before 13 lacks.
  const plain = text.normalize('NFKC');
  const pattern = new RegExp(NUMBER);
  const numbers: string[] = [];
  for (let match = pattern.exec(plain); match; match = pattern.exec(plain)) {
    numbers.push(`XF${match[1]}-${(match[2] ?? '').padStart(6, '0')}`);
  }
  return numbers;
}

/** The earlier case a decline's reason names: its first petition number other than its own. */
export function earlierCaseNumber(reason: string, ownNumber: string): string | null {
  return petitionNumbersIn(reason).find((number) => number !== ownNumber) ?? null;
}

/** Whether a text cites an article (「第…条」) of some law or regulation. */
function citesProvision(text: string): boolean {
  return PROVISION.test(text.normalize('NFKC'));
}

/**
 * What is missing from a staff decline's reason for its ground, as a refusal of the `reason`
 * parameter; null when nothing is. Whether a named case is the right one is the server's to check.
 */
export function declineBasisRefusal(
  params: { ground: DeclineGround; reason: string },
  ownNumber: string,
): Refusal | null {
  const { ground, reason } = params;
  const named = earlierCaseNumber(reason, ownNumber) !== null;
  switch (ground) {
    case 'already_final':
      return named ? null : refuse('decline.final_case_required', { param: 'reason' });
    case 'pending_elsewhere':
      return named ? null : refuse('decline.pending_case_required', { param: 'reason' });
    case 'other':
      return citesProvision(reason) ? null : refuse('decline.basis_required', { param: 'reason' });
    case 'not_a_petition_matter':
      return null;
  }
}

/** Whether a decline on a ground asks where to turn: `required`, `optional` or `not_asked`. */
export type DeclineGuidanceAsk = 'required' | 'optional' | 'not_asked';

/**
 * Art 22–23: a decline tells the petitioner why, and where the matter belongs elsewhere, to whom to
 * turn. Required when the matter is not a petition matter; optional on `other`. Not asked when the
 * matter is final (Art 36 ¶3: nowhere further to turn) or pending below (the notice names the unit
 * handling the earlier case), and refused there so that the notice never contradicts its ground.
 */
export function declineGuidanceAsk(ground: DeclineGround): DeclineGuidanceAsk {
  switch (ground) {
    case 'not_a_petition_matter':
      return 'required';
    case 'other':
      return 'optional';
    case 'already_final':
    case 'pending_elsewhere':
      return 'not_asked';
  }
}

/** What is wrong with a decline's guidance for its ground (`declineGuidanceAsk`), or null. */
export function declineGuidanceRefusal(params: {
  ground: DeclineGround;
  guidance?: string | undefined;
}): Refusal | null {
  const given = (params.guidance ?? '').trim() !== '';
  switch (declineGuidanceAsk(params.ground)) {
    case 'required':
      return given ? null : refuse('decline.guidance_required', { param: 'guidance' });
    case 'optional':
      return null;
    case 'not_asked':
      return given
        ? refuse('params.invalid', {
            param: 'guidance',
            message: 'guidance：已经复核终结或正在下级单位办理的，不另行告知去向',
          })
        : null;
  }
}
