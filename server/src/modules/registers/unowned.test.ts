import { UNOWNED_REASONS, type UnownedReason } from '@xinfang/shared/schemas/registers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareUnowned,
  decodeUnownedCursor,
  encodeUnownedCursor,
  inPressingOrder,
  keyOf,
  pageAfter,
  type UnownedRanked,
} from './unowned';

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

  it('goes on where the last page ended: a case there throughout comes once, whatever comes or goes', () => {
    // Each case is there or not at each page (a leader takes one, hands one back…); some always.
    const present = fc.array(fc.boolean(), { minLength: 1, maxLength: 8 });
    const world = fc.uniqueArray(fc.tuple(ranked(reasons), fc.option(present, { freq: 2 })), {
      selector: ([c]) => c.petitionId,
      maxLength: 25,
    });
    fc.assert(
      fc.property(world, fc.integer({ min: 1, max: 6 }), (cases, limit) => {
        const at = (step: number) =>
          cases.filter(([, when]) => when === null || when[step % when.length]).map(([c]) => c);
        const seen: UnownedRanked[] = [];
        let cursor: string | null = null;
        for (let step = 0; step <= cases.length; step += 1) {
          const after = cursor === null ? null : decodeUnownedCursor(cursor);
          const page = pageAfter(at(step), after, limit);
          expect(page.items.length).toBeLessThanOrEqual(limit);
          seen.push(...page.items);
          if (!page.next) break;
          cursor = encodeUnownedCursor(page.next);
        }
        // In order, none twice, and every case there throughout among them.
        for (let i = 1; i < seen.length; i += 1)
          expect(compareUnowned(seen[i - 1] as UnownedRanked, seen[i] as UnownedRanked)).toBeLessThan(0);
        const ids = seen.map((c) => c.petitionId);
        for (const [c, when] of cases) if (when === null) expect(ids).toContain(c.petitionId);
      }),
    );
  });

  it('gives back the key a cursor was made of, and refuses one it did not make as the client’s error', () => {
    fc.assert(
      fc.property(ranked(reasons), (c) => {
        expect(decodeUnownedCursor(encodeUnownedCursor(keyOf(c)))).toEqual(keyOf(c));
      }),
    );
    const stranger = Buffer.from(JSON.stringify([1, 'two', '', 'x', 'y'])).toString('base64url');
    for (const cursor of ['50', stranger, 'not a cursor'])
      expect(() => decodeUnownedCursor(cursor)).toThrow(
        expect.objectContaining({ code: 'VALIDATION_FAILED' }),
      );
  });
});
