import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { type Kysely, MysqlDialect } from 'kysely';
import type { DatabaseBounds } from '../config';
import { type ConflictCounts, ConflictRetryingKysely } from './conflict-retry';
import { guardDialect, guardReadNow } from './guarded-dialect';
import { DatabaseMonitor, type MonitorLogger } from './monitor';
import { boundedMysql } from './mysql-pool';
import { readNow } from './prepared';
import type { DB } from './schema';
import { SAFETY_NET_PAGES, startCheckpointer } from './sqlite-checkpointer';
import { CachingSqliteDialect, type SqliteConnections } from './sqlite-driver';
import { assertSqliteWritable, DatabaseStartError, probeSqliteWrite, sqliteFileOf } from './sqlite-files';

export type DialectName = 'sqlite' | 'mysql';

export interface Database {
  db: Kysely<DB>;
  dialect: DialectName;
  /** Whether the database is reachable and takes writes, as the server's statements found it. */
  monitor: DatabaseMonitor;
  /** Transactions retried after a deadlock or a Galera certification conflict, and given up on. */
  conflicts: ConflictCounts;
  destroy(): Promise<void>;
}

export interface OpenOptions {
  bounds: DatabaseBounds;
  log: MonitorLogger;
}

type Opened = { db: ConflictRetryingKysely<DB>; monitor: DatabaseMonitor };

/**
 * SQLite: the guesses counted against each throttle bucket (security/throttle.ts). A crash that
 * loses the last few counts harms nobody, so a count does not wait for the log's sync before the
 * request goes on (see `SqliteConnections.counterTables`).
 */
const COUNTER_TABLES = ['throttle'];

/**
 * Opens the database named by a `DATABASE_URL`: embedded SQLite by default, MySQL in production.
 * Both speak the same schema; what differs between them lives in this folder, not in queries.
 * Every wait on the database is bounded (see `DatabaseBounds`), and what statements meet is
 * reported to the monitor, which health reads.
 */
export function openDatabase(url: string, options: OpenOptions): Database {
  const opened = url.startsWith('mysql://')
    ? openMysql(url, options)
    : openSqlite(sqliteFileOf(url) ?? ':memory:', options);
  const dialect: DialectName = url.startsWith('mysql://') ? 'mysql' : 'sqlite';
  return {
    ...opened,
    dialect,
    conflicts: opened.db.conflicts,
    destroy: async () => {
      opened.monitor.close();
      await opened.db.destroy();
    },
  };
}

function openSqlite(file: string, { bounds, log }: OpenOptions): Opened {
  let writer: SQLite.Database;
  try {
    if (file !== ':memory:') {
      mkdirSync(dirname(file), { recursive: true });
      assertSqliteWritable(file);
    }
    writer = new SQLite(file);
  } catch (error) {
    if (error instanceof DatabaseStartError) throw error;
    throw new DatabaseStartError(`cannot open the SQLite database ${file}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  // WAL lets readers proceed during a write; synchronous=FULL makes every acknowledged commit
  // survive a crash of the process or the machine.
  writer.pragma('journal_mode = WAL');
  writer.pragma('synchronous = FULL');
  writer.pragma('foreign_keys = ON');
  writer.pragma(`busy_timeout = ${bounds.lockTimeoutMs}`);
  if (bounds.sqliteMaxBytes !== null) {
    const pageSize = Number(writer.pragma('page_size', { simple: true }));
    writer.pragma(`max_page_count = ${Math.floor(bounds.sqliteMaxBytes / pageSize)}`);
  }
  // Prepared once: health asks on every call, and preparing cost more than the answer.
  const version = writer.prepare('select sqlite_version()').pluck();
  const probe = async () => String(version.get());
  const monitor = new DatabaseMonitor(log, probe, { probeTimeoutMs: bounds.probeTimeoutMs });
  // The caching driver rolls back only what is still open itself, member by member of its commit
  // group, so the guard is not told whether the writer is in a transaction; its writer lock bounds
  // the only wait there is (a session is handed out at once).
  const { acquireTimeoutMs } = bounds;
  const opened = (connections: SqliteConnections): Opened => {
    const sqlite = new CachingSqliteDialect({
      ...connections,
      acquireTimeoutMs,
      busyTimeoutMs: bounds.lockTimeoutMs,
      counterTables: COUNTER_TABLES,
    });
    const db = new ConflictRetryingKysely<DB>({
      dialect: guardDialect(sqlite, monitor, { acquireTimeoutMs: null }),
    });
    // Prepared reads beside the writer skip Kysely's executor (db/prepared.ts).
    if (connections.reader)
      readNow(
        db,
        guardReadNow((compiled) => sqlite.readNow(compiled), monitor),
      );
    return { db, monitor };
  };
  // An in-memory database exists only on the connection that made it: no reader beside it.
  if (file === ':memory:') return opened({ writer, reader: null });
  probeSqliteWrite(writer, file);
  // From here the driver waits for another instance's write lock itself (see busyTimeoutMs).
  writer.pragma('busy_timeout = 0');
  // A second connection for reads outside transactions (see sqlite-driver.ts).
  const reader = new SQLite(file);
  reader.pragma('query_only = ON');
  reader.pragma(`busy_timeout = ${bounds.lockTimeoutMs}`);
  // The log is moved into the file by a worker thread, not by whichever request commits.
  writer.pragma(`wal_autocheckpoint = ${SAFETY_NET_PAGES}`);
  const checkpointer = startCheckpointer(file, (message) =>
    log.warn({ message }, 'SQLite checkpoint failed'),
  );
  return opened({ writer, reader, beforeClose: () => checkpointer.stop() });
}

function openMysql(url: string, { bounds, log }: OpenOptions): Opened {
  const mysql = boundedMysql(url, bounds);
  const monitor = new DatabaseMonitor(log, mysql.probe, { probeTimeoutMs: bounds.probeTimeoutMs });
  monitor.onOutage((cause) => mysql.abortInFlight(cause));
  mysql.onSlowStatement(() => monitor.suspect());
  const inner = new MysqlDialect({ pool: mysql.pool, onCreateConnection: mysql.onCreateConnection });
  const dialect = guardDialect(inner, monitor, { acquireTimeoutMs: bounds.acquireTimeoutMs });
  return { db: new ConflictRetryingKysely<DB>({ dialect }), monitor };
}
