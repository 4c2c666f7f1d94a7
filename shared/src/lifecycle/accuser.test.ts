import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  accuserFirewall,
  accuserHiddenFrom,
  accuses,
  caseFirewall,
  caseHiddenFrom,
  hidesAccuser,
  receiverOf,
} from './accuser';
import { register } from './register';
import { ACTORS, act, later, onlineParams, T0, UNITS } from './test-kit';
import { isWithin, type UnitRef } from './units';
import { PETITION_KINDS } from './vocabulary';

const units = Object.values(UNITS) as UnitRef[];
const unit = fc.constantFrom(...units);
const kind = fc.constantFrom(...PETITION_KINDS);

describe('Art 30 — who may learn an accuser’s identity', () => {
  it('staff inside the accused unit may not; everyone else who sees the petition may', () => {
    fc.assert(
      fc.property(unit, unit, kind, (viewerUnit, concerned, petitionKind) => {
        const hidden = hidesAccuser(accuserFirewall({ kind: 'staff', unit: viewerUnit }), {
          kind: petitionKind,
          concernedUnitId: concerned.id,
        });
        expect(hidden).toBe(petitionKind === 'accusation' && isWithin(viewerUnit, concerned));
      }),
    );
  });

  it('what is hidden from a unit is hidden from every unit below it', () => {
    fc.assert(
      fc.property(unit, unit, unit, (above, below, concerned) => {
        fc.pre(isWithin(below, above));
        const facts = { kind: 'accusation' as const, concernedUnitId: concerned.id };
        const hiddenAbove = hidesAccuser(accuserFirewall({ kind: 'staff', unit: above }), facts);
        if (hiddenAbove)
          expect(hidesAccuser(accuserFirewall({ kind: 'staff', unit: below }), facts)).toBe(true);
      }),
    );
  });

  it('a petitioner stands behind no firewall: they see only their own petitions anyway', () => {
    expect(accuserFirewall({ kind: 'petitioner' })).toBeNull();
    expect(hidesAccuser(null, { kind: 'accusation', concernedUnitId: UNITS.group.id })).toBe(false);
  });

  it('reads a lifecycle value the same way: the whole group accused hides the accuser from all its staff', () => {
    const accusation = accusationAbout(UNITS.group);
    for (const viewerUnit of units) {
      expect(accuserHiddenFrom(accusation, { kind: 'staff', unit: viewerUnit })).toBe(true);
    }
    const aboutSection = accusationAbout(UNITS.section1);
    expect(accuserHiddenFrom(aboutSection, { kind: 'staff', unit: UNITS.group })).toBe(false);
    expect(accuserHiddenFrom(aboutSection, { kind: 'staff', unit: UNITS.team1 })).toBe(true);
    expect(accuserHiddenFrom(aboutSection, { kind: 'petitioner' })).toBe(false);
  });

  it('keeps an accusation itself from staff inside the accused unit, unless the top is accused', () => {
    fc.assert(
      fc.property(unit, unit, kind, (viewerUnit, concerned, petitionKind) => {
        const facts = { kind: petitionKind, concernedUnitId: concerned.id };
        const hidden = caseHiddenFrom({ kind: 'staff', unit: viewerUnit }, facts);
        const top = concerned.path.length === 1;
        expect(hidden).toBe(petitionKind === 'accusation' && !top && isWithin(viewerUnit, concerned));
        // Whom the case is kept from, its accuser is kept from too.
        if (hidden)
          expect(hidesAccuser(accuserFirewall({ kind: 'staff', unit: viewerUnit }), facts)).toBe(true);
      }),
    );
    expect(caseFirewall({ kind: 'petitioner' })).toBeNull();
  });
});

describe('Art 30 — an accusation is received outside the accused unit', () => {
  const reception = { id: 'rec', roles: ['reception' as const], unit: UNITS.team1 };
  const atDesk = (receivingUnit: UnitRef, kindOf: (typeof PETITION_KINDS)[number], concernedUnit?: UnitRef) =>
    register(
      {
        id: 'desk',
        petitionerId: 'p1',
        receivingUnit,
        params: {
          ...onlineParams({ kind: kindOf, concernedUnit }),
          channel: 'visit',
          receivedAt: T0,
        },
      },
      { ...reception, unit: receivingUnit },
      later(T0, 0, 1),
    );

  it('at a desk inside the accused unit, goes to the top of the organisation; anything else stays', () => {
    fc.assert(
      fc.property(unit, kind, fc.option(unit, { nil: undefined }), (desk, petitionKind, concerned) => {
        const decision = atDesk(desk, petitionKind, concerned);
        if (!decision.ok) throw new Error(decision.refusal.rule);
        const { receiving } = decision.petition.units;
        const handedUp =
          petitionKind === 'accusation' &&
          concerned !== undefined &&
          concerned.id !== UNITS.group.id &&
          isWithin(desk, concerned);
        expect(receiving).toEqual(handedUp ? UNITS.group : desk);
        // Only the group's own leadership accused leaves nobody outside to receive it.
        if (concerned?.id !== UNITS.group.id) expect(accuses(decision.petition, receiving)).toBe(false);
        const data = decision.events[0]?.data as { receivingUnitId?: string; handedUpFrom?: string };
        expect(data.receivingUnitId).toBe(receiving.id);
        expect(data.handedUpFrom).toBe(handedUp ? desk.id : undefined);
      }),
    );
  });

  it('named in triage as about the office’s own unit, goes up with the naming', () => {
    const registered = atDesk(UNITS.mine1, 'accusation');
    if (!registered.ok) throw new Error(registered.refusal.rule);
    const mineOffice = { ...reception, unit: UNITS.mine1 };
    const named = act(
      registered.petition,
      mineOffice,
      'set_concerned_unit',
      { unit: UNITS.section1 },
      later(T0, 1),
    );
    expect(named.units.receiving).toEqual(UNITS.mine1); // a section below: the mine keeps it
    const accused = act(named, mineOffice, 'set_concerned_unit', { unit: UNITS.mine1 }, later(T0, 1, 1));
    expect(accused.units.receiving).toEqual(UNITS.group);
    expect(accused.events.at(-1)?.data).toEqual({
      unitId: UNITS.mine1.id,
      previousUnitId: UNITS.section1.id,
      handedUpTo: UNITS.group.id,
    });
    // A request about its own mine is the mine's to handle.
    expect(
      receiverOf({ kind: 'request', units: { receiving: UNITS.mine1, concerned: UNITS.mine1 } }),
    ).toEqual(UNITS.mine1);
  });
});

function accusationAbout(concernedUnit: UnitRef) {
  const decision = register(
    {
      id: 'pet-a',
      petitionerId: 'p1',
      receivingUnit: UNITS.group,
      params: onlineParams({ kind: 'accusation', concernedUnit }),
    },
    ACTORS.petitioner,
    T0,
  );
  if (!decision.ok) throw new Error(decision.refusal.rule);
  return decision.petition;
}
