import { UNOWNED_REASONS, type UnownedReason } from '@xinfang/shared/schemas/registers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareUnowned, inPressingOrder, type UnownedRanked } from './unowned';

const instant = fc
  .integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) })
  .map((ms) => new Date(ms).toISOString());
const reasons = fc.uniqueArray(fc.constantFrom(...UNOWNED_REASONS), { minLength: 1 });
const ranked = (r: fc.Arbitrary<UnownedReason[]>) =>
  fc.record({
    reasons: r.map(inPressingOrder),
    nextDueAt: fc.option(instant),
    receivedAt: instant,
    petitionId: fc.stringMatching(/^[0-9A-Z]{4}$/),
  }) satisfies fc.Arbitrary<UnownedRanked>;

describe('待包案 order (Art 18)', () => {
  it('puts a case with every reason of another, and more, before it, whatever its dates', () => {
    fc.assert(
      fc.property(ranked(reasons), fc.constantFrom(...UNOWNED_REASONS), ranked(reasons), (a, extra, b) => {
        fc.pre(!a.reasons.includes(extra));
        const more = { ...b, reasons: inPressingOrder([...a.reasons, extra]) };
        expect(compareUnowned(more, a)).toBeLessThan(0);
        expect(compareUnowned(a, more)).toBeGreaterThan(0);
      }),
    );
  });

  it('puts every case a leader handed back before any he did not', () => {
    fc.assert(
      fc.property(ranked(reasons), ranked(reasons), (a, b) => {
        fc.pre(a.reasons.includes('released') && !b.reasons.includes('released'));
        expect(compareUnowned(a, b)).toBeLessThan(0);
      }),
    );
  });

  it('is a total order: antisymmetric, and sorting gives one answer whatever the input order', () => {
    fc.assert(
      fc.property(fc.array(ranked(reasons), { maxLength: 12 }), (cases) => {
        for (const a of cases)
          for (const b of cases)
            expect(Math.sign(compareUnowned(a, b))).toBe(-Math.sign(compareUnowned(b, a)) || 0);
        const sorted = [...cases].sort(compareUnowned);
        expect([...cases].reverse().sort(compareUnowned)).toEqual(sorted);
      }),
    );
  });

  it('then takes the nearest deadline first, a case with none running last', () => {
    const at = (nextDueAt: string | null, petitionId: string): UnownedRanked => ({
      reasons: ['repeat'],
      nextDueAt,
      receivedAt: '2026-03-01T00:00:00.000Z',
      petitionId,
    });
    const cases = [at(null, 'A'), at('2026-04-02T00:00:00.000Z', 'B'), at('2026-03-20T00:00:00.000Z', 'C')];
    expect(cases.sort(compareUnowned).map((c) => c.petitionId)).toEqual(['C', 'B', 'A']);
    expect(inPressingOrder(['repeat', 'released', 'overdue', 'repeat'])).toEqual([
      'released',
      'overdue',
      'repeat',
    ]);
  });
});
