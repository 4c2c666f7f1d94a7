import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accuserFirewall, accuserHiddenFrom, hidesAccuser } from './accuser';
import { register } from './register';
import { ACTORS, onlineParams, T0, UNITS } from './test-kit';
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
