import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { type Kysely, MysqlDialect, SqliteDialect } from 'kysely';
import type { DatabaseBounds } from '../config';
import { type ConflictCounts, ConflictRetryingKysely } from './conflict-retry';
import { guardDialect } from './guarded-dialect';
import { DatabaseMonitor, type MonitorLogger } from './monitor';
import { boundedMysql } from './mysql-pool';
import type { DB } from './schema';
import { assertSqliteWritable, DatabaseStartError, probeSqliteWrite } from './sqlite-files';

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
 * Opens the database named by a `DATABASE_URL`: embedded SQLite by default, MySQL in production.
 * Both speak the same schema; what differs between them lives in this folder, not in queries.
 * Every wait on the database is bounded (see `DatabaseBounds`), and what statements meet is
 * reported to the monitor, which health reads.
 */
export function openDatabase(url: string, options: OpenOptions): Database {
  const opened = url.startsWith('mysql://')
    ? openMysql(url, options)
    : openSqlite(url.slice('sqlite:'.length), options);
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

function openSqlite(path: string, { bounds, log }: OpenOptions): Opened {
  const file = path === ':memory:' ? path : resolve(path);
  let sqlite: SQLite.Database;
  try {
    if (file !== ':memory:') {
      mkdirSync(dirname(file), { recursive: true });
      assertSqliteWritable(file);
    }
    sqlite = new SQLite(file);
  } catch (error) {
    if (error instanceof DatabaseStartError) throw error;
    throw new DatabaseStartError(`cannot open the SQLite database ${file}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  // WAL lets readers proceed during a write; synchronous=FULL makes every acknowledged commit
  // survive a crash of the process or the machine.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${bounds.lockTimeoutMs}`);
  if (bounds.sqliteMaxBytes !== null) {
    const pageSize = Number(sqlite.pragma('page_size', { simple: true }));
    sqlite.pragma(`max_page_count = ${Math.floor(bounds.sqliteMaxBytes / pageSize)}`);
  }
  if (file !== ':memory:') probeSqliteWrite(sqlite, file);
  const probe = async () => String(sqlite.prepare('select sqlite_version()').pluck().get());
  const monitor = new DatabaseMonitor(log, probe, { probeTimeoutMs: bounds.probeTimeoutMs });
  const dialect = guardDialect(new SqliteDialect({ database: sqlite }), monitor, {
    acquireTimeoutMs: bounds.acquireTimeoutMs,
    inTransaction: () => sqlite.inTransaction,
  });
  return { db: new ConflictRetryingKysely<DB>({ dialect }), monitor };
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
