import { type Calendar, defaultCalendar } from '../clocks/calendar';
import { clocksOf } from '../clocks/clocks-of';
import type { Instant } from '../clocks/dates';
import type { ClockName } from '../clocks/definitions';
import { overdue } from '../clocks/status';
import { holderUnit } from './facts';
import type { Petition } from './petition';
import { citationZh, type Refusal, RULES, type RuleId, refuse } from './rules';
import { isTerminal } from './states';
import { isWithin, type UnitRef } from './units';

/**
 * Whether a petition may be accepted, given the earlier petitions the server found to be the same
 * matter (same petitioner, same facts and reasons — finding them is the server's job).
 */
export type Admissibility = { ok: true } | { ok: false; refusal: Refusal & { matchId: string | null } };

const ADMISSIBLE: Admissibility = { ok: true };
const HANDLING_LIMITS: ClockName[] = ['triage', 'handling', 'review_answer', 're_examination_answer'];

/**
 * Art 19 ¶3: while the same matter is accepted or being handled at a lower level within its time
 * limit, the higher level does not accept it. A lower level that has let its limit run out does
 * not block: then going up is the petitioner's remedy.
 */
export function checkPendingElsewhere(
  receivingUnit: UnitRef,
  matches: readonly Petition[],
  now: Instant,
  calendar: Calendar = defaultCalendar,
): Admissibility {
  const blocking = matches.find((match) => {
    if (isTerminal(match.state)) return false;
    const holder = holderUnit(match);
    if (holder.id === receivingUnit.id || !isWithin(holder, receivingUnit)) return false;
    return !clocksOf(match, calendar, now).some(
      (clock) => HANDLING_LIMITS.includes(clock.name) && overdue(clock, now),
    );
  });
  return blocking ? refused('admissibility.pending_at_lower_level', blocking.id) : ADMISSIBLE;
}

/** Art 36 ¶3: after re-examination, the same facts and reasons are not accepted again. */
export function checkFinality(matches: readonly Petition[]): Admissibility {
  const final = matches.find((match) => match.state === 'final');
  return final ? refused('admissibility.already_final', final.id) : ADMISSIBLE;
}

/**
 * Art 28: may this staff member work on this petition? Not when recused on it, not when they are
 * its petitioner, and not when the server knows another direct interest (e.g. they are the person
 * accused, or a relative of the petitioner) — pass those staff ids as `directInterests`.
 */
export function checkRecusal(
  petition: Petition,
  staffId: string,
  directInterests: readonly string[] = [],
): Admissibility {
  const interested =
    petition.recusedStaffIds.includes(staffId) ||
    petition.petitionerId === staffId ||
    directInterests.includes(staffId);
  return interested ? refused('auth.recused', null) : ADMISSIBLE;
}

/**
 * What a system decline of a repeat records (Art 19 ¶3, Art 36 ¶3): its ground, and a reason that
 * names the earlier petition by number and cites the article once.
 */
export function repeatDecline(
  refusal: Refusal,
  matchNumber: string,
): { ground: 'pending_elsewhere' | 'already_final'; reason: string } {
  const ground = refusal.rule === 'admissibility.already_final' ? 'already_final' : 'pending_elsewhere';
  const basis = refusal.article ? `，依据${citationZh(refusal.article)}` : '';
  return { ground, reason: `${RULES[refusal.rule].zh}（相同事项编号 ${matchNumber}${basis}）` };
}

function refused(rule: RuleId, matchId: string | null): Admissibility {
  return { ok: false, refusal: { ...refuse(rule), matchId } };
}
