import { describe, expect, it } from 'vitest';
import { blankReach, reachProblems, toReachBody } from './reach-form';

const ISSUED = '2026-03-02';
const TODAY = '2026-03-05';

describe('recording a notice delivered another way', () => {
  it('needs a method, the registered number for post, whom was told for a call, a day in range', () => {
    expect(reachProblems(blankReach(TODAY), ISSUED, TODAY)).toEqual(['method']);
    const post = { ...blankReach(TODAY), method: 'post' as const };
    expect(reachProblems(post, ISSUED, TODAY)).toEqual(['trackingNo']);
    expect(reachProblems({ ...post, trackingNo: ' XA1 ' }, ISSUED, TODAY)).toEqual([]);
    const phone = { ...blankReach(TODAY), method: 'phone' as const };
    expect(reachProblems(phone, ISSUED, TODAY)).toEqual(['reachedWhom']);
    const inPerson = { ...blankReach(TODAY), method: 'in_person' as const };
    expect(reachProblems({ ...inPerson, reachedOn: '2026-03-01' }, ISSUED, TODAY)).toEqual(['reachedOn']);
    expect(reachProblems({ ...inPerson, reachedOn: '2026-03-06' }, ISSUED, TODAY)).toEqual(['reachedOn']);
    expect(reachProblems({ ...inPerson, reachedOn: ISSUED }, ISSUED, TODAY)).toEqual([]);
  });

  it('sends only what its method uses', () => {
    const typed = { ...blankReach(TODAY), trackingNo: 'XA1', reachedWhom: '本人', note: ' ' };
    expect(toReachBody({ ...typed, method: 'post' })).toEqual({
      method: 'post',
      reachedOn: TODAY,
      trackingNo: 'XA1',
    });
    expect(toReachBody({ ...typed, method: 'phone', note: ' 下午三点 ' })).toEqual({
      method: 'phone',
      reachedOn: TODAY,
      reachedWhom: '本人',
      note: '下午三点',
    });
  });
});
