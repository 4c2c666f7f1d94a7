import { ERROR_STATUS } from '@xinfang/shared/errors';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyFailure, DatabaseUnavailable, type FailureKind } from './failures';

const error = (fields: Record<string, unknown>) => Object.assign(new Error('x'), fields);

describe('what a driver error says about the database', () => {
  it.each([
    [{ code: 'SQLITE_FULL' }, 'full'],
    [{ code: 'SQLITE_READONLY' }, 'read_only'],
    [{ code: 'SQLITE_READONLY_DBMOVED' }, 'read_only'],
    [{ code: 'SQLITE_IOERR_WRITE' }, 'io_error'],
    [{ code: 'SQLITE_BUSY' }, 'busy'],
    [{ code: 'ECONNREFUSED' }, 'unreachable'],
    [{ code: 'PROTOCOL_CONNECTION_LOST', fatal: true }, 'unreachable'],
    [{ code: 'DB_STATEMENT_TIMEOUT' }, 'unreachable'],
    [{ code: 'DB_ACQUIRE_TIMEOUT' }, 'unreachable'],
    [{ code: 'ER_CON_COUNT_ERROR', errno: 1040 }, 'unreachable'],
    [{ code: 'ER_UNKNOWN_COM_ERROR', errno: 1047 }, 'unreachable'],
    [{ code: 'ER_ERROR_DURING_COMMIT', errno: 1180 }, 'unreachable'],
    [{ code: 'ER_QUERY_INTERRUPTED', errno: 1317 }, 'unreachable'],
    [{ code: 'ER_RECORD_FILE_FULL', errno: 1114 }, 'full'],
    [{ code: 'ER_OPTION_PREVENTS_STATEMENT', errno: 1290 }, 'read_only'],
    [{ code: 'ER_LOCK_WAIT_TIMEOUT', errno: 1205 }, 'busy'],
    [{ code: 'ER_STATEMENT_TIMEOUT', errno: 1969 }, 'slow'],
    [{ message: "Can't add new command when connection is in closed state", fatal: true }, 'unreachable'],
  ] as const)('%o is %s', (fields, kind) => {
    expect(classifyFailure(error(fields))).toBe(kind);
  });

  it.each([
    [{ code: 'SQLITE_CONSTRAINT_UNIQUE' }],
    [{ code: 'ER_DUP_ENTRY', errno: 1062 }],
    [{ code: 'ER_PARSE_ERROR', errno: 1064 }],
    [{}],
  ])('%o is about the query, not the database', (fields) => {
    expect(classifyFailure(error(fields))).toBeNull();
  });

  it('answers every kind as 503 SERVICE_UNAVAILABLE with a positive Retry-After and a plain message', () => {
    const kinds: FailureKind[] = ['unreachable', 'full', 'read_only', 'io_error', 'busy', 'slow'];
    fc.assert(
      fc.property(fc.constantFrom(...kinds), (kind) => {
        const unavailable = new DatabaseUnavailable(kind, error({ code: 'X' }));
        expect(unavailable.statusCode).toBe(ERROR_STATUS.SERVICE_UNAVAILABLE);
        expect(unavailable.details).toEqual({ retryAfterSeconds: expect.any(Number) });
        expect((unavailable.details as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(0);
        expect(unavailable.message).toMatch(/请稍后再试$/);
        expect(classifyFailure(unavailable)).toBe(kind);
      }),
    );
  });
});
