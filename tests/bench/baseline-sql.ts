import { loadConfig } from '@xinfang/server/config';
import { mysqlOptions } from '@xinfang/server/db/mysql-pool';
import { ReadSnapshot } from '@xinfang/server/db/sqlite-read-snapshot';
import { StatementCache } from '@xinfang/server/db/sqlite-statements';
import SQLite from 'better-sqlite3';
import { createPool, type Pool, type PoolConnection } from 'mysql2/promise';

/**
 * The baselines' database, bare: SQL strings and parameters in, rows out as the driver makes them.
 * SQLite runs as ours does: WAL, synchronous=FULL, one writer taking turns, reads outside
 * transactions on the writer while no transaction is open there and on a second connection while
 * one is, those of one turn of the event loop in one read transaction per connection, statements
 * prepared once. MySQL: a pool as large as ours.
 */
type Params = readonly unknown[];
type Rows = Record<string, unknown>[];

interface Runner {
  run(statement: string, params?: Params): Promise<Rows>;
}

export interface Sql extends Runner {
  dialect: 'sqlite' | 'mysql';
  transaction<T>(work: (trx: Runner) => Promise<T>): Promise<T>;
  /** A transaction held open across awaits, for the replay (begin … commit as recorded). */
  begin(): Promise<Runner & { commit(): Promise<void>; rollback(): Promise<void> }>;
}

export function sqliteSql(file: string): Sql {
  const connect = (readonly: boolean) => {
    const db = new SQLite(file, { fileMustExist: true });
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    if (readonly) db.pragma('query_only = ON');
    return db;
  };
  const runner = (db: SQLite.Database) => {
    const cache = new StatementCache(db, 500);
    return (statement: string, params: Params = []): Rows => {
      const prepared = cache.get(statement);
      if (prepared.reader) return prepared.all(...params) as Rows;
      prepared.run(...params);
      return [];
    };
  };
  const writing = connect(false);
  const reading = connect(true);
  const writer = runner(writing);
  const reader = runner(reading);
  const writerReads = new ReadSnapshot(writing);
  const readerReads = new ReadSnapshot(reading);
  let writeOpen = false;
  // One writer: a transaction, or a lone write, at a time, in turn.
  let tail: Promise<unknown> = Promise.resolve();
  const turn = async (): Promise<() => void> => {
    let release = () => {};
    const next = new Promise<void>((r) => {
      release = r;
    });
    const previous = tail;
    tail = previous.then(() => next);
    await previous;
    return release;
  };
  const isRead = (statement: string) => /^\s*(select|with)\b/i.test(statement);
  const inTransaction: Runner = { run: async (statement, params) => writer(statement, params) };
  const begin = async () => {
    const release = await turn();
    writerReads.end();
    writer('begin immediate');
    writeOpen = true;
    let open = true;
    const end = (how: 'commit' | 'rollback') => {
      if (!open) return;
      open = false;
      writeOpen = false;
      readerReads.end();
      try {
        writer(how);
      } finally {
        release();
      }
    };
    return { ...inTransaction, commit: async () => end('commit'), rollback: async () => end('rollback') };
  };
  return {
    dialect: 'sqlite',
    async run(statement, params) {
      if (isRead(statement)) {
        if (writeOpen) {
          readerReads.hold();
          return reader(statement, params);
        }
        writerReads.hold();
        return writer(statement, params);
      }
      const release = await turn();
      try {
        writerReads.end();
        return writer(statement, params);
      } finally {
        release();
      }
    },
    begin,
    transaction: (work) => runInTransaction(begin, work),
  };
}

export function mysqlSql(url: string, connections: number): Sql {
  const pool: Pool = createPool({ ...mysqlOptions(url, loadConfig({}).db), connectionLimit: connections });
  const on = (target: Pool | PoolConnection): Runner => ({
    async run(statement, params = []) {
      const [rows] = await target.query(statement, [...params]);
      return (Array.isArray(rows) ? rows : []) as Rows;
    },
  });
  const begin = async () => {
    const connection = await pool.getConnection();
    await connection.beginTransaction();
    let open = true;
    const end = async (how: 'commit' | 'rollback') => {
      if (!open) return;
      open = false;
      try {
        await (how === 'commit' ? connection.commit() : connection.rollback());
      } finally {
        connection.release();
      }
    };
    return { ...on(connection), commit: () => end('commit'), rollback: () => end('rollback') };
  };
  return {
    dialect: 'mysql',
    ...on(pool),
    begin,
    transaction: (work) => runInTransaction(begin, work),
  };
}

/** `work` in a transaction of its own: committed when it succeeds, rolled back when it throws. */
async function runInTransaction<T>(begin: Sql['begin'], work: (trx: Runner) => Promise<T>): Promise<T> {
  const trx = await begin();
  try {
    const result = await work(trx);
    await trx.commit();
    return result;
  } catch (error) {
    await trx.rollback();
    throw error;
  }
}
