import { describe, expect, it } from 'vitest';
import {
  type ConflictCounts,
  isRetriableConflict,
  retryConflicts,
  TRANSACTION_ATTEMPTS,
} from './conflict-retry';
import { DatabaseUnavailable } from './failures';

const deadlock = () => Object.assign(new Error('Deadlock found when trying to get lock'), { errno: 1213 });

describe('retrying a transaction that met a conflict', () => {
  it('knows a deadlock or lock timeout, bare or wrapped by the guarded dialect, and nothing else', () => {
    expect(isRetriableConflict(deadlock())).toBe(true);
    expect(isRetriableConflict(new DatabaseUnavailable('busy', deadlock()))).toBe(true);
    expect(isRetriableConflict(Object.assign(new Error('wait'), { errno: 1205 }))).toBe(true);
    expect(isRetriableConflict(Object.assign(new Error('dup'), { errno: 1062 }))).toBe(false);
    expect(isRetriableConflict(new Error('plain'))).toBe(false);
    expect(isRetriableConflict(undefined)).toBe(false);
  });

  it('runs the work again until it succeeds, counting each retry', async () => {
    const counts: ConflictCounts = { retried: 0, gaveUp: 0 };
    let calls = 0;
    const result = await retryConflicts(counts, async () => {
      calls += 1;
      if (calls < 3) throw new DatabaseUnavailable('busy', deadlock());
      return 'done';
    });
    expect(result).toBe('done');
    expect(counts).toEqual({ retried: 2, gaveUp: 0 });
  });

  it('gives up after the bound and answers the conflict', async () => {
    const counts: ConflictCounts = { retried: 0, gaveUp: 0 };
    let calls = 0;
    await expect(
      retryConflicts(counts, async () => {
        calls += 1;
        throw deadlock();
      }),
    ).rejects.toThrow(/Deadlock/);
    expect(calls).toBe(TRANSACTION_ATTEMPTS);
    expect(counts).toEqual({ retried: TRANSACTION_ATTEMPTS - 1, gaveUp: 1 });
  });

  it('never repeats work that failed for another reason', async () => {
    const counts: ConflictCounts = { retried: 0, gaveUp: 0 };
    let calls = 0;
    await expect(
      retryConflicts(counts, async () => {
        calls += 1;
        throw Object.assign(new Error('Duplicate entry'), { errno: 1062 });
      }),
    ).rejects.toThrow(/Duplicate/);
    expect(calls).toBe(1);
    expect(counts).toEqual({ retried: 0, gaveUp: 0 });
  });
});
