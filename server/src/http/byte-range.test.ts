import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requestedRange } from './byte-range';

const TAG = '"abc"';

describe('requestedRange (RFC 9110 §14)', () => {
  it('reads the three forms of one range', () => {
    expect(requestedRange('bytes=0-99', undefined, 1000, TAG)).toEqual({ start: 0, end: 99 });
    expect(requestedRange('bytes=500-', undefined, 1000, TAG)).toEqual({ start: 500, end: 999 });
    expect(requestedRange('bytes=-200', undefined, 1000, TAG)).toEqual({ start: 800, end: 999 });
    expect(requestedRange('bytes=990-5000', undefined, 1000, TAG)).toEqual({ start: 990, end: 999 });
    expect(requestedRange('bytes=-5000', undefined, 1000, TAG)).toEqual({ start: 0, end: 999 });
  });

  it('answers the whole file for no range, several, a malformed one, or a changed file', () => {
    expect(requestedRange(undefined, undefined, 1000, TAG)).toBeNull();
    expect(requestedRange('bytes=0-1,5-9', undefined, 1000, TAG)).toBeNull();
    expect(requestedRange('bytes=9-5', undefined, 1000, TAG)).toBeNull();
    expect(requestedRange('items=0-5', undefined, 1000, TAG)).toBeNull();
    expect(requestedRange('bytes=-', undefined, 1000, TAG)).toBeNull();
    expect(requestedRange('bytes=5-', '"other"', 1000, TAG)).toBeNull();
    expect(requestedRange('bytes=5-', `W/${TAG}`, 1000, TAG)).toBeNull();
    expect(requestedRange('bytes=5-', 'Tue, 01 Dec 2026 00:00:00 GMT', 1000, TAG)).toBeNull();
    expect(requestedRange('bytes=5-', TAG, 1000, TAG)).toEqual({ start: 5, end: 999 });
  });

  it('cannot satisfy a start past the end, or an empty suffix', () => {
    expect(requestedRange('bytes=1000-', undefined, 1000, TAG)).toBe('unsatisfiable');
    expect(requestedRange('bytes=-0', undefined, 1000, TAG)).toBe('unsatisfiable');
    expect(requestedRange('bytes=0-', undefined, 0, TAG)).toBe('unsatisfiable');
  });

  it('any range it serves lies inside the file and is what was asked for, cut at the end', () => {
    fc.assert(
      fc.property(
        fc.nat(10_000),
        fc.option(fc.nat(20_000), { nil: undefined }),
        fc.option(fc.nat(20_000), { nil: undefined }),
        (size, first, last) => {
          const header = `bytes=${first ?? ''}-${last ?? ''}`;
          const range = requestedRange(header, undefined, size, TAG);
          if (range === null || range === 'unsatisfiable') return;
          expect(range.start).toBeGreaterThanOrEqual(0);
          expect(range.start).toBeLessThanOrEqual(range.end);
          expect(range.end).toBeLessThan(size);
          if (first !== undefined) {
            expect(range.start).toBe(first);
            expect(range.end).toBe(Math.min(last ?? size - 1, size - 1));
          } else {
            expect(range.end - range.start + 1).toBe(Math.min(last ?? 0, size));
          }
        },
      ),
    );
  });
});
