import type { Calendar } from '../../clocks/calendar';
import { beijingDate, type DateString, type Instant } from '../../clocks/dates';
import type { CaseActionType } from '../action-specs';
import type { ParamsOf } from '../actions';
import type { AnyActor } from '../actor';
import type { EventDataMap, EventDraft, EventType } from '../events';
import type { Petition } from '../petition';
import { type Refusal, type RuleId, refuse } from '../rules';
import type { ActorRole } from '../vocabulary';

/** What a transition sees: the petition, who acts (and in which role), and when. */
export interface TransitionContext {
  petition: Petition;
  actor: AnyActor;
  role: ActorRole;
  now: Instant;
  calendar: Calendar;
}

export type Outcome =
  | { ok: true; patch: Partial<Petition>; events: EventDraft[] }
  | { ok: false; refusal: Refusal };

export type Transition<T extends CaseActionType> = (
  params: ParamsOf<T>,
  context: TransitionContext,
) => Outcome;

export type Transitions<K extends CaseActionType> = { readonly [T in K]: Transition<T> };

export function done(patch: Partial<Petition>, ...events: EventDraft[]): Outcome {
  return { ok: true, patch, events };
}

export function fail(rule: RuleId, param?: string): Outcome {
  return { ok: false, refusal: refuse(rule, param === undefined ? undefined : { param }) };
}

export function event<T extends EventType>(type: T, data: EventDataMap[T]): EventDraft {
  return { type, data } as EventDraft;
}

/** Today in Beijing: set dates (report-back, supervision answer) may not lie before it. */
export function isBeforeToday(date: DateString, now: Instant): boolean {
  return date < beijingDate(now);
}
