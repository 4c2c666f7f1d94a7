import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, MysqlDialect } from 'kysely';
import { createPool } from 'mysql2';
import type { DB } from './schema';
import { SAFETY_NET_PAGES, startCheckpointer } from './sqlite-checkpointer';
import { CachingSqliteDialect } from './sqlite-driver';

export type DialectName = 'sqlite' | 'mysql';

export interface Database {
  db: Kysely<DB>;
  dialect: DialectName;
  destroy(): Promise<void>;
}

/**
 * Opens the database named by a `DATABASE_URL`: embedded SQLite by default, MySQL in production.
 * Both speak the same schema; what differs between them lives in this folder, not in queries.
 */
export function openDatabase(url: string): Database {
  const db = url.startsWith('mysql://') ? openMysql(url) : openSqlite(url.slice('sqlite:'.length));
  const dialect: DialectName = url.startsWith('mysql://') ? 'mysql' : 'sqlite';
  return { db, dialect, destroy: () => db.destroy() };
}

function openSqlite(path: string): Kysely<DB> {
  const file = path === ':memory:' ? path : resolve(path);
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const writer = new SQLite(file);
  // WAL lets readers proceed during a write; synchronous=FULL makes every acknowledged commit
  // survive a crash of the process or the machine.
  writer.pragma('journal_mode = WAL');
  writer.pragma('synchronous = FULL');
  writer.pragma('foreign_keys = ON');
  writer.pragma('busy_timeout = 5000');
  // A second connection for reads outside transactions (see sqlite-driver.ts); an in-memory
  // database exists only on the connection that made it.
  if (file === ':memory:')
    return new Kysely<DB>({ dialect: new CachingSqliteDialect({ writer, reader: null }) });
  const reader = new SQLite(file);
  reader.pragma('query_only = ON');
  reader.pragma('busy_timeout = 5000');
  // The log is moved into the file by a worker thread, not by whichever request commits.
  writer.pragma(`wal_autocheckpoint = ${SAFETY_NET_PAGES}`);
  const checkpointer = startCheckpointer(file, (message) =>
    process.emitWarning(`SQLite checkpoint: ${message}`),
  );
  return new Kysely<DB>({
    dialect: new CachingSqliteDialect({ writer, reader, beforeClose: () => checkpointer.stop() }),
  });
}

function openMysql(url: string): Kysely<DB> {
  const parsed = new URL(url);
  const pool = createPool({
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 3306,
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database: decodeURIComponent(parsed.pathname.slice(1)),
    charset: 'UTF8MB4_UNICODE_CI',
    connectionLimit: Number(parsed.searchParams.get('connectionLimit') ?? 10),
    connectTimeout: 5000,
    // Numbers come back as numbers (COUNT, SUM), as they do from SQLite.
    decimalNumbers: true,
    supportBigNumbers: true,
    bigNumberStrings: false,
  });
  return new Kysely<DB>({ dialect: new MysqlDialect({ pool }) });
}
