import type { Health as HealthAnswer } from '@xinfang/shared/schemas/health';
import { expect } from 'vitest';
import type { ServerProcess } from '../../support/server-process';
import type { Refusal } from '../../support/submissions';
import { findMariadbTool } from '../../support/tools';

/** What the fault suite checks in every answer a fault brings: 503, our error shape, Retry-After. */
export function expectServiceUnavailable(refusal: Pick<Refusal, 'status' | 'body' | 'retryAfter'>): void {
  expect(refusal.status).toBe(503);
  expect(refusal.body).toEqual({
    error: {
      code: 'SERVICE_UNAVAILABLE',
      message: expect.any(String),
      details: { retryAfterSeconds: expect.any(Number) },
    },
  });
  const retryAfter = Number(refusal.retryAfter);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBe(
    (refusal.body as { error: { details: { retryAfterSeconds: number } } }).error.details.retryAfterSeconds,
  );
}

export type Health = HealthAnswer;

/** The value and how long it took to come, in ms. */
export async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  const value = await work();
  return { value, ms: Date.now() - started };
}

/** Polls until `condition` holds; fails after `timeoutMs`. */
export async function waitFor(
  condition: () => boolean,
  timeoutMs: number,
  what = 'a condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The process's exit code, or 'still running' if it has not exited within `ms` (it is then killed). */
export async function exitCodeWithin(
  server: ServerProcess,
  ms: number,
): Promise<number | null | 'still running'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'still running'>((resolve) => {
    timer = setTimeout(() => resolve('still running'), ms);
  });
  const code = await Promise.race([server.exited, late]).finally(() => clearTimeout(timer));
  if (code === 'still running') await server.stop('SIGKILL');
  return code;
}

/**
 * Whether this machine can run a MariaDB of the suite's own, to freeze and restart (a server given
 * by TEST_MYSQL_URL cannot be). Where MySQL is required (CI), a missing one fails instead.
 */
export const ownMariaDbAvailable = findMariadbTool('mariadbd') !== null || process.env.REQUIRE_MYSQL === '1';
