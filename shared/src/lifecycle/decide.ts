import { type Calendar, defaultCalendar } from '../clocks/calendar';
import { type Instant, isInstant } from '../clocks/dates';
import { CASE_ACTION_TYPES, type CaseActionType } from './action-specs';
import type { Action } from './actions';
import type { AnyActor } from './actor';
import { EVENT_VISIBILITY, type EventDraft, type PetitionEvent } from './events';
import { gate } from './gate';
import { checkParams } from './params';
import type { Petition } from './petition';
import { type Refusal, refuse } from './rules';
import { TRANSITIONS } from './transitions';
import type { Outcome, TransitionContext } from './transitions/outcome';
import type { ActorRole } from './vocabulary';

export type Decision =
  | { ok: true; petition: Petition; events: PetitionEvent[] }
  | { ok: false; refusal: Refusal };

/**
 * The one function that moves a petition: given the petition, an action, who acts and when,
 * either the next petition (version + 1, the new events appended) and those events, or a refusal
 * naming the rule and the article. Pure; `now` is the only time it knows.
 */
export function decide(
  petition: Petition,
  action: Action,
  actor: AnyActor,
  now: Instant,
  calendar: Calendar = defaultCalendar,
): Decision {
  if (!isInstant(now))
    throw new RangeError(`decide: now must be an ISO-8601 UTC instant, got ${String(now)}`);
  const type = action?.type as CaseActionType;
  if (!CASE_ACTION_TYPES.includes(type))
    return { ok: false, refusal: refuse('params.invalid', { param: 'type' }) };
  const permit = gate(petition, type, actor, now, calendar);
  if (!permit.ok) return permit;
  const invalid = checkParams(type, action.params);
  if (invalid) return { ok: false, refusal: invalid };
  const transition = TRANSITIONS[type] as (params: unknown, context: TransitionContext) => Outcome;
  const outcome = transition(action.params, { petition, actor, role: permit.role, now, calendar });
  if (!outcome.ok) return outcome;
  const next: Petition = { ...petition, ...outcome.patch, version: petition.version + 1 };
  // Art 24: the 承办人 belongs to the handling unit; a case that moves on waits for the new unit's.
  if (next.units.handling?.id !== petition.units.handling?.id) next.handlerId = null;
  const events = outcome.events.map((draft) => stamp(draft, next, actor.id, permit.role, now));
  return { ok: true, petition: { ...next, events: [...petition.events, ...events] }, events };
}

export function stamp(
  draft: EventDraft,
  petition: Petition,
  actorId: string,
  actorRole: ActorRole,
  at: Instant,
): PetitionEvent {
  // Named, not spread: Node 20's V8 makes a new hidden class for every key added after a leading
  // spread, ~4 µs per event stamped (docs/benchmarks.md, round 21).
  return {
    type: draft.type,
    data: draft.data,
    at,
    actorId,
    actorRole,
    visibility: EVENT_VISIBILITY[draft.type],
    stage: petition.stage,
  } as PetitionEvent;
}
