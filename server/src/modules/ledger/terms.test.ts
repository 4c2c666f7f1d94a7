import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { termsOf } from './terms';

describe('search terms', () => {
  it('holds every term of any phrase cut from the text', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 2, maxLength: 200, unit: 'grapheme' }),
        fc.nat(),
        fc.nat(),
        (text, a, b) => {
          const compact = [...text.toLowerCase().replace(/\s+/g, '')];
          const from = a % Math.max(compact.length, 1);
          const phrase = compact.slice(from, from + 2 + (b % 10)).join('');
          const index = new Set(termsOf(text));
          for (const term of termsOf(phrase)) expect(index.has(term)).toBe(true);
        },
      ),
    );
  });

  it('splits Chinese into overlapping pairs, without spaces or repeats', () => {
    expect(termsOf('工资 拖欠工资')).toEqual(['工资', '资拖', '拖欠', '欠工']);
    expect(termsOf('X')).toEqual([]);
  });
});
