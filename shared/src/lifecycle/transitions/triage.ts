import { accuses, receiverOf } from '../accuser';
import { declineGuidanceRefusal } from '../decline-basis';
import { ownedByActiveLeader } from '../facts';
import { isWithin } from '../units';
import type { DeclineGround } from '../vocabulary';
import { done, event, fail, isBeforeToday, type Transitions } from './outcome';

/** The grounds on which the system itself declines: a matching case pending below, or final. */
const SYSTEM_DECLINE_GROUNDS: readonly DeclineGround[] = ['pending_elsewhere', 'already_final'];

/**
 * Art 22–23: the receiving unit registers, then within 15 days forwards, assigns, refers to a
 * leader, diverts, declines or accepts, and tells the petitioner in writing.
 */
export const triageTransitions: Transitions<
  | 'notify'
  | 'forward'
  | 'assign'
  | 'refer'
  | 'instruct'
  | 'divert'
  | 'decline'
  | 'set_concerned_unit'
  | 'accept'
> = {
  notify: (params) => done({}, event('notified', { message: params.message })),

  forward: (params) =>
    done(
      { state: 'forwarded', referredLeaderId: null },
      event('forwarded', { recipientOrgan: params.recipientOrgan, reason: params.reason }),
    ),

  assign: (params, { petition, now }) => {
    const { receiving } = petition.units;
    if (!isWithin(params.unit, receiving)) return fail('triage.assign_outside_subtree', 'unit');
    if (params.unit.id === receiving.id) return fail('triage.assign_to_self', 'unit');
    // Art 30: never to the accused unit or one below it.
    if (accuses(petition, params.unit)) return fail('triage.accusation_to_accused_unit', 'unit');
    if (isBeforeToday(params.reportBackBy, now)) return fail('triage.report_back_in_past', 'reportBackBy');
    return done(
      { state: 'assigned', referredLeaderId: null, units: { ...petition.units, handling: params.unit } },
      event('assigned', { unitId: params.unit.id, reportBackBy: params.reportBackBy }),
    );
  },

  // Art 18, 22: to a leader who may read and instruct it (`referralRefusal`, checked by the
  // server); passed on to another, the first is no longer asked, and the event says who it was.
  refer: (params, { petition }) => {
    const previous = petition.referredLeaderId;
    if (params.leaderId === previous) return fail('referral.unchanged', 'leaderId');
    // Art 28: not to someone with a direct interest, who could not act on it.
    if (petition.recusedStaffIds.includes(params.leaderId) || params.leaderId === petition.petitionerId)
      return fail('referral.recused', 'leaderId');
    return done(
      { state: 'referred', referredLeaderId: params.leaderId },
      event('referred', {
        leaderId: params.leaderId,
        note: params.note ?? null,
        ...(previous ? { previousLeaderId: previous } : {}),
      }),
    );
  },

  // Art 18: a leader who instructs may take the case on (本人包案), unless another still owns it.
  instruct: (params, { petition, actor }) => {
    const takes = params.takeOwnership === true && petition.responsibleLeaderId !== actor.id;
    if (takes && ownedByActiveLeader(petition)) return fail('ownership.taken', 'takeOwnership');
    return done(
      {
        state: 'registered',
        referredLeaderId: null,
        responsibleLeaderId: params.takeOwnership ? actor.id : petition.responsibleLeaderId,
      },
      event('instructed', { instruction: params.instruction, takeOwnership: params.takeOwnership ?? false }),
    );
  },

  // Art 28, 31 (1)–(3): 诉访分离, with the guidance the petitioner needs.
  divert: (params) =>
    done({ state: 'diverted' }, event('diverted', { route: params.route, guidance: params.guidance })),

  decline: (params, { role }) => {
    if (role === 'system' && !SYSTEM_DECLINE_GROUNDS.includes(params.ground)) {
      return fail('decline.system_admissibility_only', 'ground');
    }
    const refusal = declineGuidanceRefusal(params);
    if (refusal) return { ok: false, refusal };
    const guidance = params.guidance?.trim() ? { guidance: params.guidance } : {};
    return done(
      { state: 'declined' },
      event('declined', { ground: params.ground, reason: params.reason, ...guidance }),
    );
  },

  // The petitioner did not know the unit, or named the wrong one: the petition office says which it
  // is before routing. From then on an accusation is kept from that unit (Art 30), so an office
  // that names its own unit, or one above it, hands the accusation up (`receiverOf`).
  set_concerned_unit: (params, { petition }) => {
    const named = { ...petition.units, concerned: params.unit };
    const receiving = receiverOf({ kind: petition.kind, units: named });
    const handedUp = receiving.id !== petition.units.receiving.id;
    return done(
      { units: { ...named, receiving } },
      event('concerned_unit_set', {
        unitId: params.unit.id,
        previousUnitId: petition.units.concerned?.id ?? null,
        ...(handedUp ? { handedUpTo: receiving.id } : {}),
      }),
    );
  },

  // Accepted by the receiving unit itself, or by the unit it was assigned to.
  accept: (_params, { petition }) => {
    const handling = petition.state === 'registered' ? petition.units.receiving : petition.units.handling;
    if (!handling) return fail('state.not_allowed');
    return done(
      { state: 'handling', units: { ...petition.units, handling } },
      event('accepted', { unitId: handling.id }),
    );
  },
};
