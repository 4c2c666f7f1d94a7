import { AppError } from '../errors';
import { loggableMessage } from '../http/error-serialization';
import { SOCKET_ERROR_CODES } from '../network-codes';

/**
 * What a driver error says about the database itself, as opposed to about one query: it cannot be
 * reached, it cannot take writes (full, read-only, failing disk), or it is too busy this moment.
 * Errors about the query (a constraint, a syntax error) are none of these and pass through as they are.
 */
export type DatabaseProblem = 'unreachable' | 'full' | 'read_only' | 'io_error';
export type FailureKind = DatabaseProblem | 'busy' | 'slow';

/** Problems that stop writes but leave reads working. */
export const WRITE_PROBLEMS: readonly DatabaseProblem[] = ['full', 'read_only', 'io_error'];

const NETWORK_CODES = new Set([
  ...SOCKET_ERROR_CODES,
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  // Ours: a statement or a pooled connection that did not come back in time (see mysql-pool.ts).
  'DB_STATEMENT_TIMEOUT',
  'DB_ACQUIRE_TIMEOUT',
  'DB_UNREACHABLE',
]);

/** MySQL/MariaDB server errors by number. */
const MYSQL_ERRNOS: Record<number, FailureKind> = {
  1040: 'unreachable', // ER_CON_COUNT_ERROR: too many connections
  1047: 'unreachable', // ER_UNKNOWN_COM_ERROR: a Galera node not synced ("WSREP has not yet prepared node")
  1053: 'unreachable', // ER_SERVER_SHUTDOWN
  // ER_ERROR_DURING_COMMIT: Galera's 'Got error 6 "No such device or address" during COMMIT' when
  // the node leaves the primary component while the write set replicates; the commit did not land.
  1180: 'unreachable',
  1317: 'unreachable', // ER_QUERY_INTERRUPTED: a server shutting down stops its statements
  1927: 'unreachable', // ER_CONNECTION_KILLED
  1021: 'full', // ER_DISK_FULL
  1114: 'full', // ER_RECORD_FILE_FULL
  1290: 'read_only', // ER_OPTION_PREVENTS_STATEMENT (--read-only)
  1836: 'read_only', // ER_READ_ONLY_MODE
  1205: 'busy', // ER_LOCK_WAIT_TIMEOUT
  1213: 'busy', // ER_LOCK_DEADLOCK: the transaction was rolled back and may be tried again
  1969: 'slow', // MariaDB ER_STATEMENT_TIMEOUT (max_statement_time)
  3024: 'slow', // MySQL ER_QUERY_TIMEOUT (max_execution_time)
};

/** What kind of failure of the database an error is, or null when it is about the query alone. */
export function classifyFailure(error: unknown): FailureKind | null {
  if (error instanceof DatabaseUnavailable) return error.kind;
  const { code, errno, fatal } = (error ?? {}) as { code?: unknown; errno?: unknown; fatal?: unknown };
  if (typeof code === 'string') {
    if (NETWORK_CODES.has(code)) return 'unreachable';
    if (code.startsWith('SQLITE_FULL')) return 'full';
    if (code.startsWith('SQLITE_READONLY')) return 'read_only';
    if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CORRUPT')) return 'io_error';
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'busy';
  }
  if (typeof errno === 'number' && MYSQL_ERRNOS[errno]) return MYSQL_ERRNOS[errno] ?? null;
  // mysql2 marks an error that leaves the connection unusable as fatal (a closed socket, a lost server).
  if (fatal === true) return 'unreachable';
  return null;
}

/** A short, log-safe description of a driver error: its code and message, never its parameters. */
export function describeFailure(error: unknown): string {
  const { code } = (error ?? {}) as { code?: unknown };
  // MySQL's message can echo the values of the statement (http/error-serialization.ts).
  const text = loggableMessage(error).split('\n')[0];
  return typeof code === 'string' ? `${code}: ${text}` : (text ?? 'unknown error');
}

/**
 * How long a client should wait before trying again, by kind. Short when the database may be back
 * in a moment (a restart, a lock), long when a person has to act (free the disk, fix permissions).
 */
const RETRY_AFTER_SECONDS: Record<FailureKind, number> = {
  unreachable: 5,
  busy: 1,
  slow: 5,
  full: 60,
  read_only: 60,
  io_error: 30,
};

const MESSAGES: Record<FailureKind, string> = {
  unreachable: '服务暂时不可用，请稍后再试',
  busy: '系统繁忙，请稍后再试',
  slow: '系统繁忙，请稍后再试',
  full: '系统暂时无法保存，请稍后再试',
  read_only: '系统暂时无法保存，请稍后再试',
  io_error: '系统暂时无法保存，请稍后再试',
};

/**
 * The database could not do what was asked, for a reason that is not the request's fault: answered
 * 503 SERVICE_UNAVAILABLE with Retry-After. For a write this does not say the write failed — a
 * commit cut off by a timeout may have landed — which is why creates carry an Idempotency-Key: the
 * same request again answers with what happened.
 */
export class DatabaseUnavailable extends AppError {
  constructor(
    readonly kind: FailureKind,
    cause?: unknown,
  ) {
    super('SERVICE_UNAVAILABLE', MESSAGES[kind], { retryAfterSeconds: RETRY_AFTER_SECONDS[kind] });
    this.name = 'DatabaseUnavailable';
    if (cause !== undefined) this.cause = cause;
  }
}

/** An error with a code, as the drivers raise them, for the failures we detect ourselves. */
export function failureError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}
