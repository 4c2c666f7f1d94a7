import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appealUnitOf } from './guards';

/**
 * Art 35, 36: a 复查/复核 goes to the unit above the one that answered. The rule the guards refuse
 * by (`review.no_higher_level`) is the one the petitioner's page tells him by (`noHigherUnit`).
 */
describe('appealUnitOf', () => {
  it('is the parent of the answering unit, and null only at the top or with no answering unit', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.uuid(), { minLength: 1, maxLength: 6 }), (path) => {
        const unit = { id: path.at(-1) as string, path };
        const above = appealUnitOf(unit);
        if (path.length === 1) expect(above).toBeNull();
        else expect(above).toEqual({ id: path.at(-2), path: path.slice(0, -1) });
      }),
    );
    expect(appealUnitOf(null)).toBeNull();
  });
});
