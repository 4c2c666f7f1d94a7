import { AppError } from '../errors';

/**
 * Keyset-pagination cursors: the sort values of the last row seen, opaque to clients. Stable under
 * inserts, unlike offsets. A cursor that does not decode is a client error, not a crash.
 */
export function encodeCursor(values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string, arity: number): (string | number)[] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(values) &&
      values.length === arity &&
      values.every((v) => typeof v === 'string' || typeof v === 'number')
    ) {
      return values;
    }
  } catch {
    // reported below
  }
  throw new AppError('VALIDATION_FAILED', '分页游标无效', [
    { path: '/querystring/cursor', message: 'is not a cursor' },
  ]);
}
