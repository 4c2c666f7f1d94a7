import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { perAccountUploads, taskGate } from './upload-limits';

describe('uploads in flight per account', () => {
  it('refuses one past the limit with 429 and Retry-After, per account, and frees a slot once', () => {
    const uploads = perAccountUploads(2);
    const first = uploads.take('a');
    uploads.take('a');
    uploads.take('b');
    let refusal: unknown;
    try {
      uploads.take('a');
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(AppError);
    expect(refusal).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: 5 } });
    first();
    first();
    uploads.take('a');
    expect(() => uploads.take('a')).toThrow(AppError);
  });
});

describe('the processing gate', () => {
  it('never runs more than its limit at once, runs every task, in the order they came', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 20 }),
        async (limit, delays) => {
          const run = taskGate(limit);
          let running = 0;
          let most = 0;
          const started: number[] = [];
          const results = await Promise.all(
            delays.map((delay, index) =>
              run(async () => {
                started.push(index);
                running += 1;
                most = Math.max(most, running);
                await new Promise((resolve) => setTimeout(resolve, delay));
                running -= 1;
                return index;
              }),
            ),
          );
          expect(results).toEqual(delays.map((_, index) => index));
          expect(most).toBeLessThanOrEqual(limit);
          expect(started).toEqual(delays.map((_, index) => index));
        },
      ),
      { numRuns: 50 },
    );
  });

  it('lets the next task run when one fails', async () => {
    const run = taskGate(1);
    const failing = run(async () => {
      throw new Error('boom');
    });
    await expect(failing).rejects.toThrow('boom');
    expect(await run(async () => 'next')).toBe('next');
  });
});
