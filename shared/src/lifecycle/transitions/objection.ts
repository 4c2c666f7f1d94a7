import { done, event, fail, type Transitions } from './outcome';

/**
 * Art 23 ¶3: an assigned unit outside its remit objects within 5 working days with reasons; the
 * sender agrees (the case comes back for triage) or overrules (the unit handles it, counted from
 * the overruling as its acceptance). Art 24: disputes go to the common superior — the sender.
 */
export const objectionTransitions: Transitions<'object' | 'agree_objection' | 'overrule_objection'> = {
  object: (params) => done({ state: 'objected' }, event('objected', { reasons: params.reasons })),

  agree_objection: (params, { petition }) =>
    done(
      { state: 'registered', units: { ...petition.units, handling: null } },
      event('objection_agreed', { note: params.note ?? null }),
    ),

  overrule_objection: (params, { petition }) => {
    const unit = petition.units.handling;
    if (!unit) return fail('state.not_allowed');
    return done(
      { state: 'handling' },
      event('objection_overruled', { reasons: params.reasons, unitId: unit.id }),
    );
  },
};
