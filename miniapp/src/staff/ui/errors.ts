import { staffCopy } from '@/copy/staff';
import { ApiError } from '@/services/api';
import { messageOf } from '@/ui/Feedback';

/**
 * The message of a failure on a staff page: the staff wording where it differs from the
 * petitioner's (wrong password, not in your subtree), the server's own Chinese words where they
 * say more than a code (a refused lifecycle step, a weak password), otherwise the app's wording.
 */
export function staffMessageOf(error: unknown): string {
  if (error instanceof ApiError) {
    const chinese = /[\u4e00-\u9fff]/.test(error.message);
    if ((error.code === 'WEAK_PASSWORD' || error.code === 'VALIDATION_FAILED') && chinese)
      return error.message;
    const own = staffCopy.errors[error.code];
    if (own) return own;
  }
  return messageOf(error);
}

export const isApiError = (error: unknown, code: string): boolean =>
  error instanceof ApiError && error.code === code;
