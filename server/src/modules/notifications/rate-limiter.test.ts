import { afterEach, describe, expect, it, vi } from 'vitest';
import { RateLimiter } from './rate-limiter';

afterEach(() => {
  vi.useRealTimers();
});

describe('RateLimiter', () => {
  it('lets a burst of a tenth of the rate through at once, then paces to the rate', async () => {
    vi.useFakeTimers();
    const limiter = new RateLimiter(100);
    let passed = 0;
    for (let i = 0; i < 40; i += 1) void limiter.take().then(() => (passed += 1));
    await vi.advanceTimersByTimeAsync(0);
    expect(passed).toBe(10);
    await vi.advanceTimersByTimeAsync(100);
    expect(passed).toBe(20);
    await vi.advanceTimersByTimeAsync(200);
    expect(passed).toBe(40);
  });

  it('serves callers in order', async () => {
    const limiter = new RateLimiter(5000);
    const order: number[] = [];
    await Promise.all(Array.from({ length: 300 }, (_, i) => limiter.take().then(() => order.push(i))));
    expect(order).toEqual(Array.from({ length: 300 }, (_, i) => i));
  });
});
