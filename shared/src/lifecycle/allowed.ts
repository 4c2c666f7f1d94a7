import { type Calendar, defaultCalendar } from '../clocks/calendar';
import { beijingDate, type DateString, type Instant } from '../clocks/dates';
import { ACTION_SPECS, CASE_ACTION_TYPES, type CaseActionType, type ParamSpec } from './action-specs';
import { type AnyActor, hasRole } from './actor';
import {
  answerDeadline,
  issuedBy,
  openAssists,
  openSupervisions,
  replyDelivery,
  supervisionNotices,
} from './facts';
import { permits } from './gate';
import type { Petition } from './petition';
import { liftableRecusals } from './recusal';
import { isWithin } from './units';
import { OUTCOMES_BY_KIND } from './vocabulary';

/**
 * A parameter as the UI should offer it for this petition: the spec from ACTION_SPECS, narrowed
 * where the petition decides (the outcomes its kind allows, the units an assignment may go to,
 * the earliest date, the open supervision notices). Plain data.
 */
export type ParamDescriptor = ParamSpec & {
  /** For dates that may not lie in the past (or, for a delivery, before the answer was issued). */
  minDate?: DateString;
  /** The latest date: today for a delivery; the case's own deadline for an assisting part. */
  maxDate?: DateString;
  /** For units: the chosen unit must lie under `within`, not be `not`, and not lie under `notWithin`. */
  unitFilter?: { within: string; not: string; notWithin: string | null };
  /** For integers chosen from a known set. */
  values?: number[];
  /** For staff chosen from one unit's active staff (the 承办人, Art 24). */
  staffOfUnit?: string;
  /** For staff chosen from the active staff of one unit and the units below it (回避, Art 28). */
  staffWithin?: string;
  /** For staff chosen from these people only: oneself for a recusal; the recusals one may lift. */
  staffIds?: string[];
};

export interface AllowedAction {
  type: CaseActionType;
  label: string;
  params: ParamDescriptor[];
}

/**
 * The actions this actor may take on this petition now, with their parameters for the UI. Exactly
 * the actions `decide` does not refuse for reasons of role, state, scope, time or case (a property
 * test holds the two together); parameter rules are the only refusals left.
 */
export function allowedActions(
  petition: Petition,
  actor: AnyActor,
  now: Instant,
  calendar: Calendar = defaultCalendar,
): AllowedAction[] {
  return CASE_ACTION_TYPES.filter((type) => permits(petition, type, actor, now, calendar)).map((type) => ({
    type,
    label: ACTION_SPECS[type].label,
    params: ACTION_SPECS[type].params.map((spec) => describe(type, spec, petition, actor, now, calendar)),
  }));
}

function describe(
  type: CaseActionType,
  spec: ParamSpec,
  petition: Petition,
  actor: AnyActor,
  now: Instant,
  calendar: Calendar,
): ParamDescriptor {
  // Assigned onto a copy, not spread with it: Node 20's V8 makes a new hidden class for every key
  // added after a leading spread (docs/benchmarks.md, round 21).
  return Object.assign({}, spec, narrowing(type, spec, petition, actor, now, calendar));
}

const ANSWER_DATED: readonly CaseActionType[] = [
  'record_delivery',
  'correct_delivery',
  'record_review_request',
  'record_re_examination_request',
];

/** What this petition narrows a parameter to (`ParamDescriptor`), beyond the spec. */
function narrowing(
  type: CaseActionType,
  spec: ParamSpec,
  petition: Petition,
  actor: AnyActor,
  now: Instant,
  calendar: Calendar,
): Partial<ParamDescriptor> | null {
  const answer = replyDelivery(petition);
  // Days something happened since the answer was issued: its delivery, an appeal's arrival.
  if (spec.kind === 'date' && ANSWER_DATED.includes(type) && answer)
    return { minDate: beijingDate(answer.issued.at), maxDate: beijingDate(now) };
  // Art 34: a part is due no later than the case's own answer, which waits for it.
  if (type === 'request_assist' && spec.kind === 'date') {
    const deadline = answerDeadline(petition, calendar, now);
    return deadline
      ? { minDate: beijingDate(now), maxDate: deadline.dueDate }
      : { minDate: beijingDate(now) };
  }
  if (spec.kind === 'date') return { minDate: beijingDate(now) };
  if (type === 'draft_reply' && spec.kind === 'enum') return { options: OUTCOMES_BY_KIND[petition.kind] };
  if (type === 'assign' && spec.kind === 'unit') {
    const { receiving, concerned } = petition.units;
    const notWithin = petition.kind === 'accusation' ? (concerned?.id ?? null) : null;
    return { unitFilter: { within: receiving.id, not: receiving.id, notWithin } };
  }
  if (type === 'request_assist' && spec.kind === 'unit' && petition.units.handling) {
    const lead = petition.units.handling;
    const notWithin = petition.kind === 'accusation' ? (petition.units.concerned?.id ?? null) : null;
    return { unitFilter: { within: lead.path[0] as string, not: lead.id, notWithin } };
  }
  if (type === 'answer_assist' && spec.kind === 'integer') {
    const unit = actor.unit;
    const values = openAssists(petition)
      .filter((p) => unit !== null && isWithin(p.unit, unit))
      .map((p) => p.no);
    return { values };
  }
  if (type === 'withdraw_assist' && spec.kind === 'integer')
    return { values: openAssists(petition).map((p) => p.no) };
  if (type === 'set_handler' && spec.kind === 'staff' && petition.units.handling)
    return { staffOfUnit: petition.units.handling.id };
  // Art 28: staff recuse themselves; a head also his own people (recusal.ts).
  if (type === 'recuse' && spec.kind === 'staff')
    return hasRole(actor, 'unit_head') && actor.unit
      ? { staffWithin: actor.unit.id }
      : { staffIds: [actor.id] };
  if (type === 'lift_recusal' && spec.kind === 'staff')
    return { staffIds: liftableRecusals(petition, actor) };
  if (type === 'answer_supervision' && spec.kind === 'integer') {
    const values = openSupervisions(petition)
      .filter((s) => s.data.unit.id === actor.unit?.id)
      .map((s) => s.data.no);
    return { values };
  }
  if (type === 'review_supervision' && spec.kind === 'integer') {
    const values = supervisionNotices(petition)
      .filter((n) => n.awaits === 'review' && issuedBy(n.issued, actor))
      .map((n) => n.issued.data.no);
    return { values };
  }
  return null;
}
