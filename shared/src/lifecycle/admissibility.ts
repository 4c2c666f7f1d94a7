import { type Calendar, defaultCalendar } from '../clocks/calendar';
import { clocksOf } from '../clocks/clocks-of';
import type { Instant } from '../clocks/dates';
import type { ClockName } from '../clocks/definitions';
import { overdue } from '../clocks/status';
import { holderUnit } from './facts';
import { permits } from './gate';
import type { Petition } from './petition';
import { citationZh, type Refusal, RULES, type RuleId, refuse } from './rules';
import { HANDLING_STATES, type PetitionState } from './states';
import { isWithin, parentOf, type UnitRef } from './units';

/**
 * Whether a petition may be accepted, given the earlier petitions the server found to be the same
 * matter (same petitioner, same facts and reasons — finding them is the server's job).
 */
export type Admissibility = { ok: true } | { ok: false; refusal: Refusal & { matchId: string | null } };

const ADMISSIBLE: Admissibility = { ok: true };

/**
 * Accepted or being handled (Art 19 ¶3): assigned to a unit (交办), in dispute over that
 * assignment, or accepted and not yet answered. A case still at triage is neither; one answered
 * is past it — the petitioner's way on is review (`checkAppealRoute`).
 */
const UNDER_WAY: readonly PetitionState[] = ['assigned', 'objected', ...HANDLING_STATES];
/** The petitioner's own windows: every other clock binds staff (triage, notices, handling, …). */
const PETITIONERS_WINDOWS: readonly ClockName[] = ['review_window', 're_examination_window', 'rating_window'];

/**
 * Art 19 ¶3: while the same matter is accepted or being handled at a lower level within its time
 * limits, the higher level does not accept it. A lower level that has let any of its limits run
 * out does not block: then going up is the petitioner's remedy.
 */
export function checkPendingElsewhere(
  receivingUnit: UnitRef,
  matches: readonly Petition[],
  now: Instant,
  calendar: Calendar = defaultCalendar,
): Admissibility {
  const blocking = matches.find((match) => {
    if (!UNDER_WAY.includes(match.state)) return false;
    const holder = holderUnit(match);
    if (holder.id === receivingUnit.id || !isWithin(holder, receivingUnit)) return false;
    return !clocksOf(match, calendar, now).some(
      (clock) =>
        clock.finishedAt === null && !PETITIONERS_WINDOWS.includes(clock.name) && overdue(clock, now),
    );
  });
  return blocking ? refused('admissibility.pending_at_lower_level', blocking.id) : ADMISSIBLE;
}

/**
 * Art 35, 36: the same matter from the same person reaching the unit above the one that answered
 * it, while the petitioner may still appeal that answer, is the appeal's business — the refusal
 * names review (or re-examination), the article and the earlier petition, for the registration to
 * tell the petitioner (or the desk, which records the appeal on the earlier petition instead).
 */
export function checkAppealRoute(
  receivingUnit: UnitRef,
  matches: readonly Petition[],
  now: Instant,
  calendar: Calendar = defaultCalendar,
): Admissibility {
  const appealable = matches.find((match) => {
    const answering = match.state === 'replied' ? match.units.handling : null;
    if (answering === null || parentOf(answering)?.id !== receivingUnit.id) return false;
    // Whether its petitioner could appeal it now: the kind, the stage, the window.
    const petitioner = { id: match.petitionerId, roles: ['petitioner'] as const, unit: null };
    return permits(match, appealOf(match), petitioner, now, calendar);
  });
  if (!appealable) return ADMISSIBLE;
  const rule =
    appealOf(appealable) === 'request_review'
      ? 'admissibility.review_route'
      : 'admissibility.re_examination_route';
  return refused(rule, appealable.id);
}

function appealOf(match: Petition): 'request_review' | 'request_re_examination' {
  return match.stage === 'first' ? 'request_review' : 'request_re_examination';
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
