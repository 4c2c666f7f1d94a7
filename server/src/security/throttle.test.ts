import { describe, expect, it } from 'vitest';
import { rateLimited, whenToRetry } from './throttle';

// 2026-12-07 10:00 in Beijing.
const now = new Date('2026-12-07T02:00:00.000Z');
const later = (seconds: number) => new Date(now.getTime() + seconds * 1000);

describe('when to try again, in words', () => {
  it('counts minutes within the hour, rounded up', () => {
    expect(whenToRetry(later(1), now)).toBe(' 1 分钟后');
    expect(whenToRetry(later(15 * 60), now)).toBe(' 15 分钟后');
    expect(whenToRetry(later(59 * 60), now)).toBe(' 59 分钟后');
  });

  it('names a Beijing clock time past the hour: today, tomorrow, or the date', () => {
    expect(whenToRetry(later(60 * 60), now)).toBe('今天 11:00 以后');
    // 24 hours on is tomorrow morning in Beijing, though the UTC date changes at 16:00 UTC.
    expect(whenToRetry(later(24 * 3600 - 30), now)).toBe('明天 10:00 以后');
    expect(whenToRetry(later(14 * 3600 + 1), now)).toBe('明天 00:01 以后');
    expect(whenToRetry(later(3 * 24 * 3600), now)).toBe('12月10日 10:00 以后');
  });

  it('puts them in the 429 with the exact seconds to wait', () => {
    const refused = rateLimited(later(24 * 3600), now);
    expect(refused.message).toBe('尝试过于频繁，请明天 10:00 以后再试');
    expect(refused.details).toEqual({ retryAfterSeconds: 24 * 3600 });
    expect(rateLimited(later(900), now).message).toBe('尝试过于频繁，请 15 分钟后再试');
  });
});
