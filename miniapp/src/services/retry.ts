import type { ApiError, HttpMethod } from './api';

/**
 * When a failed request is tried again. A phone underground loses its signal for seconds at a
 * time, so a request that is safe to repeat is repeated a few times with growing pauses before the
 * person sees an error (and a retry button).
 *
 * Safe to repeat: reads (GET, HEAD), and writes that carry an Idempotency-Key — the server answers
 * a repeat with the first answer instead of acting twice. Anything else is never repeated
 * automatically: an action whose answer was lost may well have happened.
 */
export interface RetryPolicy {
  /** Retries after the first attempt. */
  retries: number;
  /** The pause before the first retry; it doubles for each further retry. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { retries: 2, baseDelayMs: 600, maxDelayMs: 5000 };

/**
 * Failures that may pass by themselves: no answer, a slow answer, the service or a proxy down (a
 * proxy's 502/503/504 arrives as SERVICE_UNAVAILABLE, `errorFromAnswer`).
 */
export function isTransient(error: ApiError): boolean {
  switch (error.code) {
    case 'NETWORK_ERROR':
    case 'TIMEOUT':
    case 'SERVICE_UNAVAILABLE':
    // The same key is still being processed: its answer will be there shortly.
    case 'IDEMPOTENCY_IN_PROGRESS':
      return true;
    default:
      return false;
  }
}

/** Whether a request may be sent again without risk of doing something twice. */
export function isRepeatable(method: HttpMethod, headers: Record<string, string> = {}): boolean {
  if (method === 'GET') return true;
  return Object.keys(headers).some((name) => name.toLowerCase() === 'idempotency-key');
}

/**
 * The pause before retry number `retry` (1 for the first retry): exponential, capped, with "equal
 * jitter" — half fixed, half random — so that many phones coming back at once do not retry in step.
 */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
