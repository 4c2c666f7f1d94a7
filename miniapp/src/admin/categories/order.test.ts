import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATEGORY_CODE, moved } from './order';

describe('moving a category up or down', () => {
  it('swaps it with its neighbour and keeps every other in place', () => {
    expect(moved(['a', 'b', 'c'], 1, -1)).toEqual(['b', 'a', 'c']);
    expect(moved(['a', 'b', 'c'], 1, 1)).toEqual(['a', 'c', 'b']);
    expect(moved(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moved(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });

  it('never loses or adds an item, and a move up then down is no move', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string(), { minLength: 1 }), fc.nat(), (list, n) => {
        const index = n % list.length;
        const up = moved(list, index, -1);
        expect([...up].sort()).toEqual([...list].sort());
        if (index > 0) expect(moved(up, index - 1, 1)).toEqual(list);
      }),
    );
  });

  it('accepts only the codes the API accepts', () => {
    expect(CATEGORY_CODE.test('housing')).toBe(true);
    expect(CATEGORY_CODE.test('wage_2')).toBe(true);
    expect(CATEGORY_CODE.test('Housing')).toBe(false);
    expect(CATEGORY_CODE.test('住房')).toBe(false);
    expect(CATEGORY_CODE.test('')).toBe(false);
  });
});
