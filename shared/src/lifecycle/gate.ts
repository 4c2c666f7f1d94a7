import type { Calendar } from '../clocks/calendar';
import type { Instant } from '../clocks/dates';
import { type ReplyWindow, replyWindowOf } from '../clocks/definitions';
import type { CaseActionType } from './action-specs';
import type { AnyActor } from './actor';
import { GUARDS, RATING_WINDOW_CLOSED } from './guards';
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
  const verdict = judge(petition, type, actor, now, calendar);
  return typeof verdict === 'string' ? { ok: false, refusal: refuse(verdict) } : verdict;
}

/**
 * Whether `gate` lets the action through, without putting a refusal into words: a petition's view
 * asks it for every action type, and most are refused.
 */
export function permits(
  petition: Petition,
  type: CaseActionType,
  actor: AnyActor,
  now: Instant,
  calendar: Calendar,
): boolean {
  const verdict = judge(petition, type, actor, now, calendar);
  return typeof verdict !== 'string' && verdict.ok;
}

/** The gate's answer, with a refusal by rule left as the rule's id. */
function judge(
  petition: Petition,
  type: CaseActionType,
  actor: AnyActor,
  now: Instant,
  calendar: Calendar,
): GateResult | RuleId {
  const roles = actor.roles as readonly ActorRole[];
  // Loops rather than filtered copies: a petition's view judges every action type.
  let roleGranted = false;
  let stateGranted = false;
  let firstRefusal: RuleId | null = null;
  for (const grant of PERMISSIONS[type]) {
    const role = sharedRole(grant.roles, roles);
    if (role === null) continue;
    roleGranted = true;
    if (!grant.states.includes(petition.state)) continue;
    stateGranted = true;
    const rule = scopeRefusal(grant.scope, petition, actor);
    if (rule !== null) {
      firstRefusal ??= rule;
      continue;
    }
    for (const guard of GUARDS[type] ?? []) {
      const guardRule = guard(petition, now, calendar);
      if (typeof guardRule === 'string') return guardRule;
      if (guardRule) return { ok: false, refusal: guardRule };
    }
    return { ok: true, role };
  }
  if (!roleGranted) return 'auth.role_not_permitted';
  if (!stateGranted) return lapsedWindowRule(petition, type) ?? stateRule(petition, type);
  return firstRefusal ?? 'auth.role_not_permitted';
}

function sharedRole(granted: readonly ActorRole[], held: readonly ActorRole[]): ActorRole | null {
  for (const role of granted) if (held.includes(role)) return role;
  return null;
}

/** What each of the petitioner's windows was for, and the rule that names it once it has run out. */
const LAPSED: Partial<Record<CaseActionType, Partial<Record<ReplyWindow, RuleId>>>> = {
  request_review: { review_window: 'review.window_closed' },
  request_re_examination: { re_examination_window: 're_examination.window_closed' },
  rate: RATING_WINDOW_CLOSED,
};

/**
 * A case the system closed because the petitioner's window ran out (Art 21, 35, 36): asking for
 * what the window was for names the window's limit, as it did the day before the closing — not
 * merely that the case is closed.
 */
function lapsedWindowRule(petition: Petition, type: CaseActionType): RuleId | null {
  if (petition.state !== 'resolved' && petition.state !== 'concluded') return null;
  const closing = petition.events.findLast((event) => event.type === 'closed');
  // An answer kept on file undelivered (Art 23 ¶2) started no window, so none lapsed: the closing
  // says so; closings recorded before it said which window lapsed were all after a delivery.
  const window =
    closing &&
    (closing.data.lapsed ?? (petition.contactUnclear ? null : replyWindowOf(petition.kind, closing.stage)));
  return window ? (LAPSED[type]?.[window] ?? null) : null;
}

function stateRule(petition: Petition, type: CaseActionType): RuleId {
  if (petition.state === 'final') return 'state.final';
  // Answered and still open: withdrawal has its own rule, said plainly (before the answer only).
  if (type === 'withdraw' && petition.state === 'replied') return 'withdraw.after_reply';
  return isTerminal(petition.state) ? 'state.closed' : 'state.not_allowed';
}
