import type { UnitRef } from '@xinfang/shared/lifecycle';
import { STAFF_ROLES, type StaffRole } from '@xinfang/shared/schemas/identity';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fieldsToClear, mayUndoClaim } from './claim-undo';

/** A chain of units from the root: the receiving unit is one of them, the staff member's another. */
const chain = fc.uniqueArray(fc.stringMatching(/^u[0-9a-z]{3}$/), { minLength: 1, maxLength: 5 });
const unitAt = (path: readonly string[]): UnitRef => ({ id: path[path.length - 1] as string, path });

describe('who may undo a wrong confirmation', () => {
  it('the reception of the receiving unit, and unit heads at it or above; nobody else', () => {
    fc.assert(
      fc.property(
        chain,
        chain,
        fc.subarray([...STAFF_ROLES] as StaffRole[]),
        (receivingPath, otherPath, roles) => {
          const receiving = unitAt(receivingPath);
          for (let depth = 1; depth <= receivingPath.length; depth++) {
            const unit = unitAt(receivingPath.slice(0, depth));
            const atDesk = unit.id === receiving.id;
            expect(mayUndoClaim({ roles, unit }, receiving)).toBe(
              (roles.includes('reception') && atDesk) || roles.includes('unit_head'),
            );
          }
          // A unit outside the receiving unit's line never may.
          const elsewhere = unitAt([...otherPath, 'x-elsewhere']);
          expect(mayUndoClaim({ roles, unit: elsewhere }, receiving)).toBe(false);
        },
      ),
    );
  });

  it('reception above the desk may not: it did not take the details', () => {
    const group = unitAt(['g']);
    const mine = unitAt(['g', 'm']);
    expect(mayUndoClaim({ roles: ['reception'], unit: group }, mine)).toBe(false);
    expect(mayUndoClaim({ roles: ['unit_head'], unit: group }, mine)).toBe(true);
    expect(mayUndoClaim({ roles: ['unit_head'], unit: mine }, group)).toBe(false);
  });
});

describe('what leaves the wrong account again', () => {
  const value = fc.option(fc.constantFrom('郑春生', '周大海', '矿工路 12 号', '新村 5 号'), { nil: null });
  const profile = fc.record({ real_name: value, address: value });
  const copied = fc.subarray(['real_name', 'address'] as const).map((fields) => fields.join(','));

  it('only a field the confirmation filled and that still holds the desk record’s value', () => {
    fc.assert(
      fc.property(copied, profile, profile, (filled, account, registered) => {
        const cleared = fieldsToClear(filled, account, registered);
        for (const field of ['real_name', 'address'] as const) {
          const expected =
            filled.split(',').includes(field) &&
            account[field] !== null &&
            account[field] === registered[field];
          expect(cleared.includes(field)).toBe(expected);
        }
      }),
    );
  });

  it('nothing when the confirmation filled nothing (or is from before it was recorded)', () => {
    const same = { real_name: '郑春生', address: '矿工路 12 号' };
    expect(fieldsToClear('', same, same)).toEqual([]);
    expect(fieldsToClear(null, same, same)).toEqual([]);
    expect(fieldsToClear('real_name,address', same, same)).toEqual(['real_name', 'address']);
  });
});
