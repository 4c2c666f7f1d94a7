import { staffCopy } from '@/copy/staff';
import { ApiError } from '@/services/api';
import { isTransient } from '@/services/retry';
import { messageOf } from '@/ui/message-of';

/** Codes whose server words say more than the code: which field, which password rule, what exists. */
const WORDED_BY_SERVER: readonly string[] = ['WEAK_PASSWORD', 'VALIDATION_FAILED', 'ALREADY_EXISTS'];

/**
 * The message of a failure on a staff page: the staff wording where it differs from the
 * petitioner's (wrong password, not in your subtree, a form sent again after its answer was
 * lost), the server's own Chinese words where they say more than a code (a refused lifecycle
 * step, a weak password, a unit code taken), otherwise the app's wording.
 */
export function staffMessageOf(error: unknown): string {
  if (error instanceof ApiError) {
    const chinese = /[\u4e00-\u9fff]/.test(error.message);
    if (WORDED_BY_SERVER.includes(error.code) && chinese) return error.message;
    const own = staffCopy.errors[error.code];
    if (own) return own;
  }
  return messageOf(error);
}

export const isApiError = (error: unknown, code: string): boolean =>
  error instanceof ApiError && error.code === code;

/**
 * The retry a failure offers: sending the same thing again (the same key), when that can help — no
 * answer came, or the server was busy. A refusal would only be refused again: no retry then; the
 * person changes what the message names and sends it with the form's own button.
 */
export function retryOf(error: unknown, again: () => void): (() => void) | undefined {
  return error instanceof ApiError && isTransient(error) ? again : undefined;
}
