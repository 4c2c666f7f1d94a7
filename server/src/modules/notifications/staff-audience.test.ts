import type { Petition } from '@xinfang/shared/lifecycle';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pickAudience, type StaffMember, type StaffTarget, vacantUnits } from './staff-audience';

/** What the audience rules read of a petition: a request, nobody recused unless said. */
const petition = (recusedStaffIds: string[] = []) =>
  ({ kind: 'request', units: { concerned: null }, recusedStaffIds }) as unknown as Petition;

const member = (id: string, unit: string, role: string): StaffMember => ({
  id,
  unit_id: unit,
  path: `/ja/${unit === 'ja' ? '' : `${unit}/`}`,
  role,
});

const MINE = [
  member('head', 'ds', 'unit_head'),
  member('desk', 'ds', 'reception'),
  member('handler', 'aqk', 'handler'),
];

describe('who is told', () => {
  it('a named 承办人 while active; his fallback once his account is gone', () => {
    const targets: StaffTarget[] = [{ staffId: 'handler', orElse: [{ unitId: 'ds', roles: ['unit_head'] }] }];
    expect(pickAudience(MINE, petition(), targets)).toEqual(['handler']);
    const gone = MINE.filter((m) => m.id !== 'handler');
    expect(pickAudience(gone, petition(), targets)).toEqual(['head']);
    // Without a fallback, as before: nobody.
    expect(pickAudience(gone, petition(), [{ staffId: 'handler' }])).toEqual([]);
  });

  it('a named person present is told alone, whatever the fallback would have named', () => {
    fc.assert(
      fc.property(
        fc.subarray(MINE.map((m) => m.id)),
        fc.constantFrom(...MINE.map((m) => m.id)),
        (present, named) => {
          const staff = MINE.filter((m) => present.includes(m.id));
          const fallback: StaffTarget[] = [{ unitId: 'ds', roles: ['unit_head', 'reception'] }];
          const told = pickAudience(staff, petition(), [{ staffId: named, orElse: fallback }]);
          expect(told).toEqual(present.includes(named) ? [named] : pickAudience(staff, petition(), fallback));
        },
      ),
    );
  });

  it('a unit’s role is vacant when no active holder may act on the case: recused ones do not count', () => {
    const desk: StaffTarget[] = [{ unitId: 'ds', roles: ['reception'] }];
    expect(vacantUnits(MINE, petition(), desk)).toEqual([]);
    expect(vacantUnits(MINE, petition(['desk']), desk)).toEqual(['ds']);
    expect(
      vacantUnits(
        MINE.filter((m) => m.id !== 'desk'),
        petition(),
        desk,
      ),
    ).toEqual(['ds']);
    // Handlers and head: the head alone still holds the unit.
    expect(vacantUnits(MINE, petition(), [{ unitId: 'ds', roles: ['handler', 'unit_head'] }])).toEqual([]);
    // Named people and approvals' nearest head are not unit targets.
    expect(
      vacantUnits([], petition(), [{ staffId: 'x' }, { nearestUp: ['ja'], roles: ['unit_head'] }]),
    ).toEqual([]);
  });
});
