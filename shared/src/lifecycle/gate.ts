import type { Calendar } from '../clocks/calendar';
import type { Instant } from '../clocks/dates';
import { type ReplyWindow, replyWindowOf } from '../clocks/definitions';
import type { CaseActionType } from './action-specs';
import type { AnyActor } from './actor';
import { GUARDS } from './guards';
import { PERMISSIONS } from './permissions';
import type { Petition } from './petition';
import { type Refusal, type RuleId, refuse } from './rules';
import { scopeRefusal } from './scope';
import { isTerminal } from './states';
import type { ActorRole } from './vocabulary';

export type GateResult = { ok: true; role: ActorRole } | { ok: false; refusal: Refusal };

/**
 * May this actor take this action on this petition now, whatever the parameters? Checks, in
 * order: role, state, scope (org tree, ownership, recusal), then the action's guards. The first
 * failure names the rule. `allowedActions` is exactly the set of actions this lets through.
 */
export function gate(
  petition: Petition,
  type: CaseActionType,
  actor: AnyActor,
  now: Instant,
  calendar: Calendar,
): GateResult {
  const roles = actor.roles as readonly ActorRole[];
  const byRole = PERMISSIONS[type].filter((grant) => grant.roles.some((role) => roles.includes(role)));
  if (byRole.length === 0) return refused('auth.role_not_permitted');
  const byState = byRole.filter((grant) => grant.states.includes(petition.state));
  if (byState.length === 0) return refused(lapsedWindowRule(petition, type) ?? stateRule(petition));
  let firstRefusal: RuleId | null = null;
  for (const grant of byState) {
    const rule = scopeRefusal(grant.scope, petition, actor);
    if (rule === null) {
      for (const guard of GUARDS[type] ?? []) {
        const guardRule = guard(petition, now, calendar);
        if (typeof guardRule === 'string') return refused(guardRule);
        if (guardRule) return { ok: false, refusal: guardRule };
      }
      const role = grant.roles.find((r) => roles.includes(r)) as ActorRole;
      return { ok: true, role };
    }
    firstRefusal ??= rule;
  }
  return refused(firstRefusal ?? 'auth.role_not_permitted');
}

/** What each of the petitioner's windows was for, and the rule that names it once it has run out. */
const LAPSED: Partial<Record<CaseActionType, Partial<Record<ReplyWindow, RuleId>>>> = {
  request_review: { review_window: 'review.window_closed' },
  request_re_examination: { re_examination_window: 're_examination.window_closed' },
  rate: {
    review_window: 'rating.window_closed',
    re_examination_window: 'rating.window_closed',
    rating_window: 'rating.window_closed',
  },
};

/**
 * A case the system closed because the petitioner's window ran out (Art 21, 35, 36): asking for
 * what the window was for names the window's limit, as it did the day before the closing — not
 * merely that the case is closed.
 */
function lapsedWindowRule(petition: Petition, type: CaseActionType): RuleId | null {
  if (petition.state !== 'resolved' && petition.state !== 'concluded') return null;
  const closing = petition.events.findLast((event) => event.type === 'closed');
  const window = closing && replyWindowOf(petition.kind, closing.stage);
  return window ? (LAPSED[type]?.[window] ?? null) : null;
}

function stateRule(petition: Petition): RuleId {
  if (petition.state === 'final') return 'state.final';
  return isTerminal(petition.state) ? 'state.closed' : 'state.not_allowed';
}

function refused(rule: RuleId): GateResult {
  return { ok: false, refusal: refuse(rule) };
}
