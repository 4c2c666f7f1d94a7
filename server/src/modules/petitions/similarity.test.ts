import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { textSimilarity } from './similarity';

describe('text similarity for repeat petitions', () => {
  it('is 1 for the same text, whatever the spacing and punctuation', () => {
    expect(textSimilarity('综采一队工资拖欠三个月', '综采一队 工资拖欠，三个月！')).toBe(1);
  });

  it('rates a retelling of the same matter high and another matter low', () => {
    const first = '综采一队2026年8月至10月工资未按时足额发放，要求补发拖欠工资。';
    const again = '我们综采一队8月到10月的工资一直没有足额发放，请求尽快补发拖欠的工资。';
    const other = '矿区路21号附近煤尘污染严重，影响居民生活，希望加装防尘网。';
    expect(textSimilarity(first, again)).toBeGreaterThan(0.4);
    expect(textSimilarity(first, other)).toBeLessThan(0.15);
  });

  it('is symmetric and between 0 and 1', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), fc.string({ maxLength: 80 }), (a, b) => {
        const s = textSimilarity(a, b);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
        expect(textSimilarity(b, a)).toBeCloseTo(s, 12);
      }),
    );
  });
});
