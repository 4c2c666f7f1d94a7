import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newId } from './ids';

describe('newId', () => {
  it('is 26 Crockford base32 characters', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 48 - 1 }), (ms) => {
        expect(newId(ms)).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
      }),
    );
  });

  it('sorts by creation time', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 48 - 2 }),
        fc.integer({ min: 1, max: 10 ** 9 }),
        (ms, gap) => {
          const later = Math.min(ms + gap, 2 ** 48 - 1);
          expect(newId(ms) < newId(later)).toBe(true);
        },
      ),
    );
  });

  it('follows the order it was made in, within one millisecond too', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 48 - 1 }), fc.integer({ min: 2, max: 50 }), (ms, n) => {
        const ids = Array.from({ length: n }, () => newId(ms));
        expect([...ids].sort()).toEqual(ids);
        expect(new Set(ids).size).toBe(n);
      }),
    );
  });

  it('does not repeat', () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => newId(0)));
    expect(ids.size).toBe(10_000);
  });
});
