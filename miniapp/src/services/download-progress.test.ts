import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { progressText } from './download-progress';

describe('progressText', () => {
  it('is a percentage when the length is known, else the amount so far', () => {
    expect(progressText(512 * 1024, 1024 * 1024)).toBe('50%');
    expect(progressText(300 * 1024, 0)).toBe('300 KB');
    expect(progressText(5.25 * 1024 * 1024, -1)).toBe('5.3 MB');
  });

  it('never passes 100% nor goes back as more arrives', () => {
    fc.assert(
      fc.property(fc.nat(1e9), fc.nat(1e9), fc.integer({ min: 1, max: 1e9 }), (a, b, total) => {
        const [less, more] = a <= b ? [a, b] : [b, a];
        const percent = (n: number) => Number(progressText(n, total).replace('%', ''));
        expect(percent(more)).toBeLessThanOrEqual(100);
        expect(percent(less)).toBeLessThanOrEqual(percent(more));
      }),
    );
  });
});
