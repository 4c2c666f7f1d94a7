import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Actor } from './actor';
import { allowedActions } from './allowed';
import type { Petition } from './petition';
import { liftableRecusals, recusalRefusal } from './recusal';
import { ACTORS, act, attempt, expectRefused, handling, later, T0, UNITS } from './test-kit';
import { isWithin, type UnitRef } from './units';
import type { Role } from './vocabulary';

const at = later(T0, 5);
const ALL_UNITS = Object.values(UNITS);
const ROLE_SETS: readonly (readonly Role[])[] = [
  ['handler'],
  ['reception'],
  ['supervisor'],
  ['responsible_leader'],
  ['unit_head'],
  ['unit_head', 'supervisor'],
];
const staffArb = fc.record({
  id: fc.constantFrom('a', 'b', 'c'),
  roles: fc.constantFrom(...ROLE_SETS),
  unit: fc.constantFrom(...ALL_UNITS),
});

function offered(p: Petition, actor: Actor, type: string) {
  return allowedActions(p, actor, at).find((a) => a.type === type);
}

describe('Art 28 — who may recuse whom (recusalRefusal)', () => {
  it('for every actor and person: oneself always; another only by a head, and only within his unit', () => {
    fc.assert(
      fc.property(staffArb, staffArb, (actor, person) => {
        const rule = recusalRefusal(actor, person.id, person.unit);
        const head = actor.roles.includes('unit_head');
        // The audit's case: a head never takes anyone above or beside his unit off a case.
        const expected =
          person.id === actor.id
            ? null
            : !head
              ? 'recusal.only_self_or_head'
              : isWithin(person.unit, actor.unit)
                ? null
                : 'recusal.outside_unit';
        expect(rule).toBe(expected);
      }),
    );
  });

  it('a mine head may not recuse the group’s staff; the group’s head may recuse the mine’s', () => {
    expect(recusalRefusal(ACTORS.mineHead, 'sup-g', UNITS.group)).toBe('recusal.outside_unit');
    expect(recusalRefusal(ACTORS.mineHead, 'h-m2', UNITS.mine2)).toBe('recusal.outside_unit');
    expect(recusalRefusal(ACTORS.mineHead, 'h-s1', UNITS.section1)).toBeNull();
    expect(recusalRefusal(ACTORS.groupHead, 'h-s1', UNITS.section1)).toBeNull();
    // A person whose unit is unknown (no active account) is nobody's to recuse.
    expect(recusalRefusal(ACTORS.groupHead, 'gone', null)).toBe('recusal.outside_unit');
  });

  it('the app offers a head his own unit’s people, and anyone else only themselves', () => {
    const p = handling();
    expect(offered(p, ACTORS.mineHead, 'recuse')?.params[0]).toMatchObject({ staffWithin: 'mine1' });
    expect(offered(p, ACTORS.sectionHandler, 'recuse')?.params[0]).toMatchObject({ staffIds: ['h-s1'] });
  });
});

describe('Art 28 — lifting a recusal (lift_recusal)', () => {
  const recusedByMineHead = () =>
    act(handling(), ACTORS.mineHead, 'recuse', { staffId: 'h-s1', reason: '与信访人系亲属' }, at);

  it('the decision keeps the head’s unit; he or a head above him lifts it with a reason', () => {
    const p = recusedByMineHead();
    expect(p.events.at(-1)?.data).toMatchObject({ recusingUnit: UNITS.mine1 });
    for (const head of [ACTORS.mineHead, ACTORS.groupHead]) {
      expect(offered(p, head, 'lift_recusal')?.params[0]).toMatchObject({ staffIds: ['h-s1'] });
      const lifted = act(p, head, 'lift_recusal', { staffId: 'h-s1', reason: '亲属关系有误' }, at);
      expect(lifted.recusedStaffIds).toEqual([]);
      expect(lifted.events.at(-1)).toMatchObject({
        type: 'recusal_lifted',
        visibility: 'internal',
        actorId: head.id,
        data: { staffId: 'h-s1', reason: '亲属关系有误' },
      });
      // The person works on the case again.
      expect(act(lifted, ACTORS.sectionHandler, 'add_note', { text: '继续核实' }, at).version).toBe(
        lifted.version + 1,
      );
    }
  });

  it('a head below the one who decided, and staff who are not heads, may not lift it', () => {
    const p = recusedByMineHead();
    expect(offered(p, ACTORS.sectionHead, 'lift_recusal')).toBeUndefined();
    expectRefused(
      attempt(p, ACTORS.sectionHead, 'lift_recusal', { staffId: 'h-s1', reason: 'x' }, at),
      'recusal.none_to_lift',
    );
    expectRefused(
      attempt(p, ACTORS.mineHandler, 'lift_recusal', { staffId: 'h-s1', reason: 'x' }, at),
      'auth.role_not_permitted',
    );
    // Nobody stands recused: nothing to lift, and nobody is offered it.
    expect(offered(handling(), ACTORS.groupHead, 'lift_recusal')).toBeUndefined();
  });

  it('only the people whose recusal the head may lift are offered, and only they are lifted', () => {
    // The group's head recuses the mine's handler; the section head recuses himself.
    let p = act(handling(), ACTORS.groupHead, 'recuse', { staffId: 'h-m1', reason: '亲属' }, at);
    p = act(p, ACTORS.sectionHead, 'recuse', { staffId: 'head-s1', reason: '本人亲属' }, at);
    expect(liftableRecusals(p, ACTORS.mineHead)).toEqual(['head-s1']);
    expect(offered(p, ACTORS.mineHead, 'lift_recusal')?.params[0]).toMatchObject({ staffIds: ['head-s1'] });
    expectRefused(
      attempt(p, ACTORS.mineHead, 'lift_recusal', { staffId: 'h-m1', reason: 'x' }, at),
      'recusal.not_liftable',
    );
    expectRefused(
      attempt(p, ACTORS.mineHead, 'lift_recusal', { staffId: 'nobody', reason: 'x' }, at),
      'recusal.not_liftable',
    );
    expect(liftableRecusals(p, ACTORS.groupHead)).toEqual(['h-m1', 'head-s1']);
  });

  it('a recusal recorded without the deciding unit is lifted by a head at the top only', () => {
    const p = recusedByMineHead();
    const last = p.events.at(-1);
    if (last?.type !== 'recused') throw new Error('expected the recusal');
    const legacy: Petition = {
      ...p,
      events: [
        ...p.events.slice(0, -1),
        { ...last, actorId: 'someone', data: { staffId: 'h-s1', reason: 'x' } },
      ],
    };
    expect(liftableRecusals(legacy, ACTORS.mineHead)).toEqual([]);
    expect(liftableRecusals(legacy, ACTORS.groupHead)).toEqual(['h-s1']);
  });

  it('for any head and any recusal: lifting it succeeds exactly when it is offered', () => {
    const heads = Object.values(ACTORS).filter((a): a is Actor => a.roles.includes('unit_head' as never));
    const people: { id: string; unit: UnitRef }[] = [
      { id: 'h-s1', unit: UNITS.section1 },
      { id: 'h-m1', unit: UNITS.mine1 },
      { id: 'h-g', unit: UNITS.group },
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...heads),
        fc.constantFrom(...people),
        fc.constantFrom(...heads),
        (decider, person, lifter) => {
          if (recusalRefusal(decider, person.id, person.unit) !== null) return;
          const p = act(handling(), decider, 'recuse', { staffId: person.id, reason: '亲属' }, at);
          const offer = offered(p, lifter, 'lift_recusal');
          const lifted = attempt(p, lifter, 'lift_recusal', { staffId: person.id, reason: '有误' }, at);
          const mayLift =
            lifter.id !== person.id &&
            (lifter.id === decider.id || isWithin(decider.unit as UnitRef, lifter.unit as UnitRef));
          expect(lifted.ok).toBe(mayLift);
          expect(offer?.params[0]?.staffIds ?? []).toEqual(mayLift ? [person.id] : []);
        },
      ),
    );
  });
});
