import { compareInstants, type Instant, isInstant } from '../clocks/dates';
import { receiverOf } from './accuser';
import type { RegisterParams } from './actions';
import { type Actor, hasRole } from './actor';
import type { Decision } from './decide';
import { stamp } from './decide';
import type { ReceivedByLeader } from './events';
import { checkParams } from './params';
import type { Collective, Petition } from './petition';
import { type RuleId, refuse } from './rules';
import { isUnitRef, isWithin, type UnitRef } from './units';

export interface RegisterInput {
  /** The petition's id, chosen by the server. */
  id: string;
  /** The petitioner: the actor for online submissions; found or created by the server otherwise. */
  petitionerId: string;
  /**
   * The unit whose petition office receives it (staff: their own unit or one below). An accusation
   * about that unit goes to the top of the organisation instead (`receiverOf`, Art 30).
   */
  receivingUnit: UnitRef;
  params: RegisterParams;
  /** A visit a leader received on his reception day (Art 18), recorded with the registration. */
  receivedByLeader?: ReceivedByLeader;
}

/**
 * Art 19, 21, 22: a petition enters the system. Petitioners submit online themselves; reception
 * staff register letters, visits, calls, faxes and e-mails with the time received, from which the
 * statutory clocks run. A collective petition names 1–5 representatives (Art 20).
 */
export function register(input: RegisterInput, actor: Actor, now: Instant): Decision {
  if (!isInstant(now))
    throw new RangeError(`register: now must be an ISO-8601 UTC instant, got ${String(now)}`);
  const invalid = checkParams('register', input.params);
  if (invalid) return { ok: false, refusal: invalid };
  if (!isUnitRef(input.receivingUnit)) return fail('params.invalid', 'receivingUnit');
  const { params } = input;
  let role: 'petitioner' | 'reception';
  let receivedAt: Instant;
  if (hasRole(actor, 'reception') && params.channel !== 'online') {
    if (actor.unit === null || !isWithin(input.receivingUnit, actor.unit))
      return fail('auth.unit_out_of_scope');
    if (params.receivedAt === undefined) return fail('register.received_at_required', 'receivedAt');
    if (compareInstants(params.receivedAt, now) > 0)
      return fail('register.received_at_in_future', 'receivedAt');
    role = 'reception';
    receivedAt = params.receivedAt;
  } else if (hasRole(actor, 'petitioner') && params.channel === 'online') {
    if (input.petitionerId !== actor.id) return fail('auth.not_own_petition');
    // An online petition is received when it reaches the system.
    if (params.receivedAt !== undefined) return fail('params.invalid', 'receivedAt');
    role = 'petitioner';
    receivedAt = now;
  } else if (hasRole(actor, 'petitioner') || hasRole(actor, 'reception')) {
    return fail('register.online_by_petitioner_only', 'channel');
  } else {
    return fail('auth.role_not_permitted');
  }
  const collective = collectiveOf(params);
  if (typeof collective === 'string') return fail(collective, 'representatives');

  const contactUnclear = params.contactUnclear ?? false;
  const concerned = params.concernedUnit ?? null;
  const receiving = receiverOf({ kind: params.kind, units: { receiving: input.receivingUnit, concerned } });
  const petition: Petition = {
    id: input.id,
    kind: params.kind,
    channel: params.channel,
    stage: 'first',
    state: 'registered',
    version: 1,
    petitionerId: input.petitionerId,
    receivedAt,
    units: {
      receiving,
      concerned,
      handling: null,
      answering: null,
      reviewing: null,
      reExamining: null,
    },
    collective,
    contactUnclear,
    extension: { status: 'none' },
    reply: null,
    ratings: {},
    recusedStaffIds: [],
    referredLeaderId: null,
    responsibleLeaderId: null,
    handlerId: null,
    pendingHearing: null,
    events: [],
  };
  const event = stamp(
    {
      type: 'registered',
      data: {
        kind: params.kind,
        channel: params.channel,
        receivedAt,
        receivingUnitId: receiving.id,
        concernedUnitId: concerned?.id ?? null,
        collective: collective && {
          headcount: collective.headcount,
          representatives: [...collective.representatives],
        },
        contactUnclear,
        ...(receiving.id !== input.receivingUnit.id ? { handedUpFrom: input.receivingUnit.id } : {}),
        ...(input.receivedByLeader ? { receivedByLeader: { ...input.receivedByLeader } } : {}),
      },
    },
    petition,
    actor.id,
    role,
    now,
  );
  return { ok: true, petition: { ...petition, events: [event] }, events: [event] };
}

/**
 * Art 20: with a headcount, 1–5 representatives chosen from among those people; representatives
 * only with a headcount.
 */
function collectiveOf(params: RegisterParams): Collective | null | RuleId {
  const representatives = params.representatives ?? [];
  if (params.headcount === undefined) return representatives.length > 0 ? 'params.invalid' : null;
  if (representatives.length === 0) return 'collective.representatives_required';
  if (representatives.length > params.headcount) return 'collective.more_representatives_than_people';
  return { headcount: params.headcount, representatives };
}

function fail(rule: RuleId, param?: string): Decision {
  return { ok: false, refusal: refuse(rule, param === undefined ? undefined : { param }) };
}
