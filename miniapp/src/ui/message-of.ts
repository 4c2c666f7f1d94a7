import { copy, errorMessage } from '@/copy/zh-CN';
import { ApiError } from '@/services/api';

/** The person-facing message of a failure: by code; for a lifecycle refusal, the statute's reason. */
export function messageOf(error: unknown): string {
  if (!(error instanceof ApiError)) return copy.errors.fallback;
  // The server words these for people: which rule refused, or how long to wait (and why).
  const worded = error.code === 'LIFECYCLE_REFUSED' || error.code === 'RATE_LIMITED';
  if (worded && /[\u4e00-\u9fff]/.test(error.message)) return error.message;
  return errorMessage(error.code);
}
