import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors';

/**
 * Half a surrogate pair alone (a `u` regular expression reads a whole pair as one character), or
 * a control character other than tab and line breaks.
 */
const UNFIT = /\p{Cs}|(?![\t\n\r])\p{Cc}/u;

/**
 * The JSON pointer of the first text in `value` (a string, a key or a string inside) that no one
 * typed: not well-formed Unicode, or holding a control character. Null when there is none.
 * Walked with a stack of its own: a body nested ten thousand deep is still only a bad request.
 */
export function unfitTextAt(value: unknown): string | null {
  const pending: [unknown, string][] = [[value, '']];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [item, path] = next;
    if (typeof item === 'string') {
      if (UNFIT.test(item)) return path;
    } else if (typeof item === 'object' && item !== null) {
      for (const [key, inner] of Object.entries(item)) {
        const at = `${path}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
        if (UNFIT.test(key)) return at;
        pending.push([inner, at]);
      }
    }
  }
  return null;
}

/**
 * A `preValidation` hook: text in a request body must be text a person typed.
 * - Half of a surrogate pair, which JSON may escape (`"\ud800"`), UTF-8 cannot hold and neither
 *   database gives back (MySQL's driver stores U+FFFD, SQLite bytes that read back as three):
 *   what was stored was not what was checked — two of a petition's search terms that differed
 *   only there became one key, a 500 on MySQL — and the text itself was changed.
 * - A control character (but tab and line breaks) has no place in a petition, and XML 1.0 cannot
 *   hold one: a unit's name with one would make every report (.docx) that names it unreadable.
 * Refused before the schema, with the field's path. (A URL cannot carry a half pair: it is
 * decoded from UTF-8 bytes, and so are CSV and multipart bodies.)
 */
export async function refuseUnfitText(request: FastifyRequest): Promise<void> {
  const path = unfitTextAt(request.body);
  if (path === null) return;
  throw new AppError('VALIDATION_FAILED', '文字中有无法识别的字符，请删去后再提交', [
    { path: `/body${path}`, message: 'must be well-formed Unicode without control characters' },
  ]);
}
