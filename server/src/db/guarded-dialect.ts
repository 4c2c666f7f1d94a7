import type {
  CompiledQuery,
  DatabaseConnection,
  Dialect,
  Driver,
  QueryCompiler,
  QueryResult,
  TransactionSettings,
} from 'kysely';
import { classifyFailure, DatabaseUnavailable, failureError } from './failures';
import type { DatabaseMonitor } from './monitor';
import type { ReadNow } from './prepared';

export interface GuardOptions {
  /**
   * The longest a query waits for a connection; null when the driver bounds its waits itself and
   * hands out connections at once (SQLite's, whose writer lock has this timeout of its own): a
   * timer per query is then work for nothing.
   */
  acquireTimeoutMs: number | null;
  /**
   * Whether the connection is inside a transaction now (SQLite), so that a rollback is sent only
   * when there is one: SQLite ends a transaction itself on SQLITE_FULL or an I/O error, and a
   * ROLLBACK then fails with "no transaction is active", hiding the error that mattered.
   */
  inTransaction?: () => boolean;
}

/**
 * Wraps a dialect's driver so that every statement reports what it met to the monitor, failures of
 * the database itself become DatabaseUnavailable (503 with Retry-After), waiting for a connection is
 * bounded, requests fail at once while the database is known to be unreachable, and a failed
 * rollback never replaces the error that caused it.
 */
export function guardDialect(inner: Dialect, monitor: DatabaseMonitor, options: GuardOptions): Dialect {
  return {
    createAdapter: () => inner.createAdapter(),
    createQueryCompiler: () => inner.createQueryCompiler(),
    createIntrospector: (db) => inner.createIntrospector(db),
    createDriver: () => new GuardedDriver(inner.createDriver(), monitor, options),
  };
}

const WRITE_NODES = new Set(['InsertQueryNode', 'UpdateQueryNode', 'DeleteQueryNode', 'MergeQueryNode']);
const WRITE_SQL = /^\s*(insert|update|delete|replace|create|alter|drop)\b/i;

function isWrite(query: CompiledQuery): boolean {
  return WRITE_NODES.has(query.query.kind) || (query.query.kind === 'RawNode' && WRITE_SQL.test(query.sql));
}

class GuardedConnection implements DatabaseConnection {
  inTransaction = false;
  wrote = false;

  constructor(
    readonly inner: DatabaseConnection,
    private readonly monitor: DatabaseMonitor,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const result = await guarded(this.monitor, () => this.inner.executeQuery<R>(query));
    const write = isWrite(query);
    if (write && this.inTransaction) this.wrote = true;
    this.monitor.succeeded(write && !this.inTransaction);
    return result;
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

/** Runs a driver call; a failure of the database is reported and rethrown as DatabaseUnavailable. */
async function guarded<T>(monitor: DatabaseMonitor, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw reported(monitor, error);
  }
}

/** Reads run at once (`readNow`, outside Kysely's executor), guarded as the driver's statements are. */
export function guardReadNow(read: ReadNow, monitor: DatabaseMonitor): ReadNow {
  return <R>(compiled: CompiledQuery) => {
    monitor.assertReachable();
    let result: QueryResult<R> | null;
    try {
      result = read<R>(compiled);
    } catch (error) {
      throw reported(monitor, error);
    }
    if (result !== null) monitor.succeeded(false);
    return result;
  };
}

/** What to throw for a driver's error: a failure of the database is reported and becomes DatabaseUnavailable. */
function reported(monitor: DatabaseMonitor, error: unknown): unknown {
  const kind = classifyFailure(error);
  if (kind === null) return error;
  monitor.failed(kind, error);
  return error instanceof DatabaseUnavailable ? error : new DatabaseUnavailable(kind, error);
}

class GuardedDriver implements Driver {
  constructor(
    private readonly inner: Driver,
    private readonly monitor: DatabaseMonitor,
    private readonly options: GuardOptions,
  ) {}

  init(): Promise<void> {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    this.monitor.assertReachable();
    const { acquireTimeoutMs } = this.options;
    if (acquireTimeoutMs === null)
      return new GuardedConnection(
        await guarded(this.monitor, () => this.inner.acquireConnection()),
        this.monitor,
      );
    const acquiring = this.inner.acquireConnection();
    let timer: NodeJS.Timeout | undefined;
    let timedOut = false;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        timedOut = true;
        reject(failureError('DB_ACQUIRE_TIMEOUT', `no database connection within ${acquireTimeoutMs} ms`));
      }, acquireTimeoutMs);
    });
    // A connection that arrives after its caller gave up goes straight back.
    acquiring.then(
      (connection) => (timedOut ? this.inner.releaseConnection(connection) : undefined),
      () => {},
    );
    const connection = await guarded(this.monitor, () => Promise.race([acquiring, timeout])).finally(() =>
      clearTimeout(timer),
    );
    return new GuardedConnection(connection, this.monitor);
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const c = connection as GuardedConnection;
    await guarded(this.monitor, () => this.inner.beginTransaction(c.inner, settings));
    c.inTransaction = true;
    c.wrote = false;
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const c = connection as GuardedConnection;
    try {
      await guarded(this.monitor, () => this.inner.commitTransaction(c.inner));
      this.monitor.succeeded(c.wrote);
    } finally {
      c.inTransaction = false;
    }
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const c = connection as GuardedConnection;
    c.inTransaction = false;
    const { inTransaction } = this.options;
    if (inTransaction && !inTransaction()) return;
    try {
      await this.inner.rollbackTransaction(c.inner);
    } catch (error) {
      // The error that made us roll back is the one to report. A MySQL connection that failed is
      // dropped by its pool, and the server rolls back what it held; a SQLite transaction that is
      // somehow still open must not be left so.
      if (inTransaction?.()) throw error;
    }
  }

  async savepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ): Promise<void> {
    await this.inner.savepoint?.((connection as GuardedConnection).inner, name, compile);
  }

  async rollbackToSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ): Promise<void> {
    await this.inner.rollbackToSavepoint?.((connection as GuardedConnection).inner, name, compile);
  }

  async releaseSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ): Promise<void> {
    await this.inner.releaseSavepoint?.((connection as GuardedConnection).inner, name, compile);
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection((connection as GuardedConnection).inner);
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}
