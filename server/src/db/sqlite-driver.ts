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
import { classifyFailure, failureError } from './failures';
import { ReadSnapshot } from './sqlite-read-snapshot';
import { readRows } from './sqlite-rows';
import { StatementCache } from './sqlite-statements';
import { tableOf } from './statement-table';

/**
 * Kysely over better-sqlite3, for a server that writes and reads at once. Kysely's own SQLite
 * driver prepares every statement anew and runs everything on one connection behind one mutex, so
 * a read waits for any open transaction to end. This one:
 *
 * - keeps prepared statements by their SQL, per connection (bounded, least recently used goes):
 *   `prepare` was ~6% of a detail's busy time;
 * - runs a SELECT outside a transaction on the writer while no transaction is open there, and
 *   on a second, read-only connection while one is: in WAL mode it reads the last commit while
 *   the writer's transaction stays open, instead of queueing behind it (an in-memory database has
 *   one connection, so there everything takes turns as before); such reads of one turn of the
 *   event loop share one read transaction per connection (ReadSnapshot);
 * - lets one transaction, or one write outside any, hold the writer at a time, and commits those
 *   that follow each other in groups: one sync of the log for many (see CachingSqliteDriver);
 * - lets a count (`counterTables`) go on without waiting for the COMMIT that makes it durable;
 * - waits for another instance's write lock (two servers, or two apps in one test process, on one
 *   file) between tries on timers, not in SQLite's busy handler, which would stop the event loop;
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
  /** Called before the connections close (the checkpointer stops first). */
  beforeClose?: () => Promise<void>;
  /** The longest a transaction or a lone write waits for the writer; unbounded when absent. */
  acquireTimeoutMs?: number;
  /**
   * The longest a new transaction waits for SQLite's write lock while another connection to the
   * file (another instance) holds it; 0 when absent. The writer's own busy_timeout must be 0: SQLite's
   * busy handler sleeps on the event loop's thread, so an instance in the same process that holds
   * the lock could never commit and release it, and every request of this one would stall.
   */
  busyTimeoutMs?: number;
  /**
   * Tables of counters whose last counts a crash may lose without harm (security/throttle.ts: the
   * guesses counted against a bucket). Outside a transaction a write to one joins the open commit
   * group and returns without waiting for its COMMIT — the next commit makes it durable, and so
   * before any answer that waits for a commit of its own — and a read of one runs on the writer,
   * which sees the counts the next conditional write will see.
   */
  counterTables?: readonly string[];
}

const DEFAULT_CACHE_SIZE = 500;

export class CachingSqliteDialect implements Dialect {
  private driver: CachingSqliteDriver | null = null;

  constructor(private readonly connections: SqliteConnections) {}
  createDriver(): Driver {
    this.driver = new CachingSqliteDriver(this.connections);
    return this.driver;
  }
  /** A lone read run at once by the driver Kysely made, outside its executor (see `readNow`). */
  readNow<R>(compiled: CompiledQuery): QueryResult<R> | null {
    return this.driver?.readNow<R>(compiled) ?? null;
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

/**
 * A FIFO lock: whoever asked first gets the writer next. Waiting is bounded: a caller that gives
 * up fails with DB_ACQUIRE_TIMEOUT (503 through the guard, as for a pool's connection), and its
 * turn, when it comes, passes straight on.
 */
class WriterLock {
  private tail: Promise<void> = Promise.resolve();
  private pending = 0;

  constructor(private readonly timeoutMs: number | null) {}

  async acquire(): Promise<() => void> {
    let release = () => {};
    const next = new Promise<void>((resolve) => {
      release = resolve;
    });
    const previous = this.tail;
    this.tail = previous.then(() => next);
    this.pending += 1;
    let timer: NodeJS.Timeout | undefined;
    let gaveUp = false;
    void previous.then(() => gaveUp && release());
    const timeout = new Promise<never>((_, reject) => {
      if (this.timeoutMs === null) return;
      timer = setTimeout(() => {
        gaveUp = true;
        reject(failureError('DB_ACQUIRE_TIMEOUT', `the writer was not free within ${this.timeoutMs} ms`));
      }, this.timeoutMs);
    });
    try {
      await Promise.race([previous, timeout]);
    } finally {
      clearTimeout(timer);
      this.pending -= 1;
    }
    return release;
  }

  /** Whether anyone is waiting for the writer. */
  get waited(): boolean {
    return this.pending > 0;
  }
}

/** The longest pause between two tries for SQLite's write lock. */
const MAX_BUSY_PAUSE_MS = 50;

/** The most transactions one commit (one sync of the log) makes durable together. */
const GROUP_LIMIT = 64;

interface Member {
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Group commit: transactions that follow each other on the writer share one SQLite transaction,
 * each inside its own savepoint, and one COMMIT — one sync of the log — when nobody is waiting
 * for the writer any more (or the group is full). A transaction's commit resolves only after that
 * COMMIT, so nothing is acknowledged before it is durable; one that fails rolls back to its
 * savepoint and leaves the others be; if the COMMIT fails, or SQLite abandons the transaction,
 * every member of the group fails. A member sees the writes of those before it in its group, as
 * it would had they committed: they commit with it or not at all.
 */
class CachingSqliteDriver implements Driver {
  private readonly lock: WriterLock;
  private readonly writer: StatementCache;
  private readonly reader: StatementCache | null;
  private readonly writerReads: ReadSnapshot;
  private readonly readerReads: ReadSnapshot | null;
  /** The members whose work waits for the group's COMMIT; null while no group is open. */
  private group: Member[] | null = null;
  /** A member holds the writer (between its BEGIN or SAVEPOINT and its release). */
  private busy = false;
  private flushScheduled = false;
  /** The last error a statement on the writer met. */
  private lastFailure: unknown = null;
  private readonly counterTables: ReadonlySet<string>;

  constructor(private readonly connections: SqliteConnections) {
    this.lock = new WriterLock(connections.acquireTimeoutMs ?? null);
    const size = connections.statementCacheSize ?? DEFAULT_CACHE_SIZE;
    this.writer = new StatementCache(connections.writer, size);
    this.reader = connections.reader ? new StatementCache(connections.reader, size) : null;
    this.writerReads = new ReadSnapshot(connections.writer);
    this.readerReads = connections.reader ? new ReadSnapshot(connections.reader) : null;
    this.counterTables = new Set(connections.counterTables);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return new Session(this);
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    const session = connection as Session;
    const release = await this.lock.acquire();
    this.busy = true;
    session.releaseWriter = () => {
      this.busy = false;
      release();
    };
    try {
      await this.join();
    } catch (error) {
      session.release();
      throw error;
    }
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    this.connections.writer.exec('release member');
    await this.settle(connection as Session);
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const session = connection as Session;
    // Its commit failed with its group: there is nothing of its own left to undo.
    if (!session.releaseWriter) return;
    const writer = this.connections.writer;
    try {
      writer.exec('rollback to member');
      writer.exec('release member');
    } catch {
      // SQLite has rolled the whole transaction back (SQLITE_FULL, SQLITE_IOERR …): the caller
      // rethrows the error that made it roll back, which says what went wrong.
    }
    if (!writer.inTransaction)
      // The others fail with the error that ended it (SQLITE_FULL, an I/O error …): the guard
      // answers that with 503, as it does the member whose statement met it.
      this.abandon(this.lastFailure ?? new Error('the transaction was rolled back with another that failed'));
    else if (!this.lock.waited) this.flush();
    session.release();
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    (connection as Session).release();
  }

  async destroy(): Promise<void> {
    await this.connections.beforeClose?.();
    this.connections.reader?.close();
    this.connections.writer.close();
  }

  /** Opens a group when none is open, and a member's savepoint in it. */
  private async join(): Promise<void> {
    if (!this.group) {
      await this.beginGroup();
      this.group = [];
    }
    this.connections.writer.exec('savepoint member');
  }

  /**
   * IMMEDIATE: takes SQLite's write lock now, so that another instance's writer makes this one wait
   * at the start rather than fail on its first write. It waits between tries on timers, so the
   * event loop (and an instance in this process that holds the lock) runs on meanwhile.
   */
  private async beginGroup(): Promise<void> {
    const giveUpAt = Date.now() + (this.connections.busyTimeoutMs ?? 0);
    for (let pause = 1; ; pause = Math.min(pause * 2, MAX_BUSY_PAUSE_MS)) {
      try {
        this.writerReads.end();
        this.connections.writer.exec('begin immediate');
        return;
      } catch (error) {
        if (classifyFailure(error) !== 'busy' || Date.now() >= giveUpAt) throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }

  /** Adds the session's work to the group, hands the writer on, and waits for the group's commit. */
  private settle(session: Session): Promise<void> {
    const group = this.group as Member[];
    const committed = new Promise<void>((resolve, reject) => group.push({ resolve, reject }));
    if (group.length >= GROUP_LIMIT) this.flush();
    session.release();
    this.scheduleFlush();
    return committed;
  }

  /**
   * Commits the open group once the requests that are ready have had their turn: after the I/O
   * of this turn of the event loop (setImmediate), when nobody holds or waits for the writer.
   * Each statement runs synchronously, so without this pause a transaction had always committed
   * before the next request reached the writer, and every group had one member.
   */
  private scheduleFlush(): void {
    if (this.flushScheduled || !this.group) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      if (this.group && !this.busy && !this.lock.waited) this.flush();
    });
  }

  private flush(): void {
    const group = this.group ?? [];
    this.group = null;
    const writer = this.connections.writer;
    this.readerReads?.end();
    try {
      writer.exec('commit');
    } catch (error) {
      if (writer.inTransaction) {
        try {
          writer.exec('rollback');
        } catch {
          // The commit's error is the one to report.
        }
      }
      for (const member of group) member.reject(error);
      return;
    }
    for (const member of group) member.resolve();
  }

  private abandon(error: unknown): void {
    const group = this.group ?? [];
    this.group = null;
    for (const member of group) member.reject(error);
  }

  /**
   * A write outside any transaction: a transaction of one statement, in a group like any other.
   * It waits for the group's COMMIT, except a counter's (`SqliteConnections.counterTables`).
   */
  async writeAlone<R>(compiled: CompiledQuery, awaitCommit = true): Promise<QueryResult<R>> {
    const session = new Session(this);
    await this.beginTransaction(session);
    let result: QueryResult<R>;
    try {
      result = this.runOnWriter<R>(compiled);
    } catch (error) {
      await this.rollbackTransaction(session);
      throw error;
    }
    const committed = this.commitTransaction(session);
    // A failed COMMIT fails the members that wait for it; a counter's count is simply lost.
    if (!awaitCommit) committed.catch(() => {});
    else await committed;
    return result;
  }

  /** Whether a statement reads or writes a table of counters (see `counterTables`). */
  isCounter(compiled: CompiledQuery): boolean {
    return this.counterTables.size > 0 && this.counterTables.has(tableOf(compiled.query) ?? '');
  }

  /** A statement on a table of counters, outside any transaction: on the writer, never awaiting a COMMIT. */
  async countAlone<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    if (!SelectQueryNode.is(compiled.query)) return this.writeAlone<R>(compiled, false);
    // Inside an open group (or beside a member's transaction) the writer sees the counts as the
    // group left them; a read alone holds a read snapshot there, as any other would.
    if (this.group === null && !this.busy) this.writerReads.hold();
    return run<R>(this.writer.get(compiled.sql), compiled);
  }

  /**
   * A statement that must run outside any transaction (PRAGMA foreign_keys, VACUUM: inside one
   * SQLite ignores or refuses them), holding the writer, after the open group has committed.
   */
  async runBare<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const release = await this.lock.acquire();
    try {
      if (this.group) this.flush();
      this.writerReads.end();
      return this.runOnWriter<R>(compiled);
    } finally {
      release();
    }
  }

  /** Runs one statement on the writer (inside a transaction, or holding the writer for it). */
  runOnWriter<R>(compiled: CompiledQuery): QueryResult<R> {
    try {
      return run<R>(this.writer.get(compiled.sql), compiled);
    } catch (error) {
      this.lastFailure = error;
      throw error;
    }
  }

  /**
   * A statement outside any transaction run at once, by a session or without one, when it is a
   * read that takes no lock (a SELECT, with a reader); null for anything else (a write, a
   * counter's read, no reader connection).
   */
  readNow<R>(compiled: CompiledQuery): QueryResult<R> | null {
    const lone = this.reader !== null && SelectQueryNode.is(compiled.query) && !this.isCounter(compiled);
    return lone ? this.readAlone<R>(compiled) : null;
  }

  /**
   * A read outside any transaction: on the writer while no transaction holds it, else on the
   * reader. SQLite drops a connection's whole page cache when another connection has committed
   * since its last read, so under writes every request's reads on the reader started cold; the
   * writer's cache survives its own commits (a submission's CPU, measured one after another: −18%).
   */
  private readAlone<R>(compiled: CompiledQuery): QueryResult<R> {
    if (this.group !== null || this.busy) {
      (this.readerReads as ReadSnapshot).hold();
      return run<R>((this.reader as StatementCache).get(compiled.sql), compiled);
    }
    this.writerReads.hold();
    return run<R>(this.writer.get(compiled.sql), compiled);
  }
}

/** Statements SQLite ignores or refuses inside a transaction. */
const BARE = /^\s*(pragma|vacuum)\b/i;

/** What Kysely holds between acquiring and releasing a connection: one query, or one transaction. */
class Session implements DatabaseConnection {
  releaseWriter: (() => void) | null = null;

  constructor(private readonly driver: CachingSqliteDriver) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    if (this.releaseWriter) return this.driver.runOnWriter<R>(compiled);
    const read = this.driver.readNow<R>(compiled);
    if (read) return read;
    if (this.driver.isCounter(compiled)) return this.driver.countAlone<R>(compiled);
    if (BARE.test(compiled.sql)) return this.driver.runBare<R>(compiled);
    return this.driver.writeAlone<R>(compiled);
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
  if (statement.reader) return { rows: readRows<R>(statement, compiled) };
  const { changes, lastInsertRowid } = statement.run(compiled.parameters as unknown[]);
  return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
}
