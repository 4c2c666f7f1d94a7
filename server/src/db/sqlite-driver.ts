import type SQLite from 'better-sqlite3';
import {
  type CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
  SelectQueryNode,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';

/**
 * Kysely over better-sqlite3, for a server that writes and reads at once. Kysely's own SQLite
 * driver prepares every statement anew and runs everything on one connection behind one mutex, so
 * a read waits for any open transaction to end. This one:
 *
 * - keeps prepared statements by their SQL, per connection (bounded, least recently used goes):
 *   `prepare` was ~6% of a detail's busy time;
 * - sends a SELECT outside a transaction to a second, read-only connection: in WAL mode it reads
 *   the last commit while the writer's transaction stays open, instead of queueing behind it
 *   (an in-memory database has one connection, so there everything takes turns as before);
 * - lets one transaction, or one write outside any, hold the writer at a time;
 * - rolls back only a transaction that is still open, and never lets a failed rollback replace
 *   the error that caused it (after SQLITE_FULL, SQLite has already rolled back, and a second
 *   ROLLBACK's "cannot rollback - no transaction is active" used to hide the disk being full).
 */
export interface SqliteConnections {
  /** The connection that writes (and reads inside transactions). */
  writer: SQLite.Database;
  /** A read-only connection to the same file, or null for an in-memory database. */
  reader: SQLite.Database | null;
  /** How many prepared statements each connection keeps. */
  statementCacheSize?: number;
}

const DEFAULT_CACHE_SIZE = 500;

export class CachingSqliteDialect implements Dialect {
  constructor(private readonly connections: SqliteConnections) {}
  createDriver(): Driver {
    return new CachingSqliteDriver(this.connections);
  }
  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }
  createAdapter(): DialectAdapter {
    return new SqliteAdapter();
  }
  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}

/** Prepared statements of one connection, by SQL text, least recently used first out. */
export class StatementCache {
  private readonly statements = new Map<string, SQLite.Statement>();
  constructor(
    private readonly db: SQLite.Database,
    private readonly size: number,
  ) {}

  get(sql: string): SQLite.Statement {
    const cached = this.statements.get(sql);
    if (cached) {
      // Map keeps insertion order: re-inserting marks it as the most recently used.
      this.statements.delete(sql);
      this.statements.set(sql, cached);
      return cached;
    }
    const prepared = this.db.prepare(sql);
    this.statements.set(sql, prepared);
    if (this.statements.size > this.size) {
      const oldest = this.statements.keys().next().value as string;
      this.statements.delete(oldest);
    }
    return prepared;
  }

  get count(): number {
    return this.statements.size;
  }
}

/** A FIFO lock: whoever asked first gets the writer next. */
class WriterLock {
  private tail: Promise<void> = Promise.resolve();

  async acquire(): Promise<() => void> {
    let release = () => {};
    const next = new Promise<void>((resolve) => {
      release = resolve;
    });
    const previous = this.tail;
    this.tail = previous.then(() => next);
    await previous;
    return release;
  }
}

class CachingSqliteDriver implements Driver {
  private readonly lock = new WriterLock();
  private readonly writer: StatementCache;
  private readonly reader: StatementCache | null;

  constructor(private readonly connections: SqliteConnections) {
    const size = connections.statementCacheSize ?? DEFAULT_CACHE_SIZE;
    this.writer = new StatementCache(connections.writer, size);
    this.reader = connections.reader ? new StatementCache(connections.reader, size) : null;
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return new Session(this);
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    const session = connection as Session;
    session.releaseWriter = await this.lock.acquire();
    try {
      // IMMEDIATE: take the write lock now, so that another process's writer makes this one wait
      // (busy_timeout) at the start rather than fail on its first write.
      this.connections.writer.exec('begin immediate');
    } catch (error) {
      session.release();
      throw error;
    }
  }

  async commitTransaction(): Promise<void> {
    this.connections.writer.exec('commit');
  }

  async rollbackTransaction(): Promise<void> {
    const writer = this.connections.writer;
    if (!writer.inTransaction) return;
    try {
      writer.exec('rollback');
    } catch {
      // The caller rethrows the error that made it roll back; that one says what went wrong.
    }
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    (connection as Session).release();
  }

  async destroy(): Promise<void> {
    this.connections.reader?.close();
    this.connections.writer.close();
  }

  /** Runs one statement on the writer (inside a transaction, or holding the writer for it). */
  runOnWriter<R>(compiled: CompiledQuery): QueryResult<R> {
    return run<R>(this.writer.get(compiled.sql), compiled);
  }

  /** Whether a statement outside a transaction may go to the reader. */
  readsAlone(compiled: CompiledQuery): boolean {
    return this.reader !== null && SelectQueryNode.is(compiled.query);
  }

  runOnReader<R>(compiled: CompiledQuery): QueryResult<R> {
    return run<R>((this.reader as StatementCache).get(compiled.sql), compiled);
  }

  acquireWriter(): Promise<() => void> {
    return this.lock.acquire();
  }
}

/** What Kysely holds between acquiring and releasing a connection: one query, or one transaction. */
class Session implements DatabaseConnection {
  releaseWriter: (() => void) | null = null;

  constructor(private readonly driver: CachingSqliteDriver) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    if (this.releaseWriter) return this.driver.runOnWriter<R>(compiled);
    if (this.driver.readsAlone(compiled)) return this.driver.runOnReader<R>(compiled);
    const release = await this.driver.acquireWriter();
    try {
      return this.driver.runOnWriter<R>(compiled);
    } finally {
      release();
    }
  }

  async *streamQuery<R>(compiled: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    // An open iterator would keep the connection busy across awaits: read it whole instead.
    yield await this.executeQuery<R>(compiled);
  }

  release(): void {
    const release = this.releaseWriter;
    this.releaseWriter = null;
    release?.();
  }
}

function run<R>(statement: SQLite.Statement, compiled: CompiledQuery): QueryResult<R> {
  const parameters = compiled.parameters as unknown[];
  if (statement.reader) return { rows: statement.all(parameters) as R[] };
  const { changes, lastInsertRowid } = statement.run(parameters);
  return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
}
