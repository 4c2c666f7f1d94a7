import SQLite from 'better-sqlite3';
import { type Connection, createConnection } from 'mysql2/promise';

/**
 * The database as the benchmark's seeder sees it: plain SQL through the driver, no Kysely and no
 * app code, with the two dialects' placeholders and bulk inserts hidden behind one small shape.
 */
export interface BenchDriver {
  query<T = Record<string, unknown>>(statement: string, params?: unknown[]): Promise<T[]>;
  insertMany(table: string, rows: readonly Record<string, unknown>[]): Promise<void>;
  transaction<T>(work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function openDriver(databaseUrl: string): Promise<BenchDriver> {
  return databaseUrl.startsWith('mysql://')
    ? openMysql(databaseUrl)
    : openSqlite(databaseUrl.slice('sqlite:'.length));
}

function openSqlite(file: string): BenchDriver {
  const db = new SQLite(file, { fileMustExist: true });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const inserts = new Map<string, SQLite.Statement>();
  return {
    async query<T>(statement: string, params: unknown[] = []) {
      const prepared = db.prepare(statement);
      if (prepared.reader) return prepared.all(...params) as T[];
      prepared.run(...params);
      return [];
    },
    async insertMany(table, rows) {
      const first = rows[0];
      if (!first) return;
      const columns = Object.keys(first);
      const key = `${table}(${columns.join(',')})`;
      let insert = inserts.get(key);
      if (!insert) {
        insert = db.prepare(
          `insert into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`,
        );
        inserts.set(key, insert);
      }
      for (const row of rows) insert.run(...columns.map((c) => row[c]));
    },
    async transaction(work) {
      db.exec('begin');
      try {
        const result = await work();
        db.exec('commit');
        return result;
      } catch (error) {
        db.exec('rollback');
        throw error;
      }
    },
    async close() {
      db.close();
    },
  };
}

async function openMysql(databaseUrl: string): Promise<BenchDriver> {
  const url = new URL(databaseUrl);
  const connection: Connection = await createConnection({
    host: url.hostname,
    port: url.port ? Number(url.port) : 3306,
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: decodeURIComponent(url.pathname.slice(1)),
    charset: 'UTF8MB4_UNICODE_CI',
    supportBigNumbers: true,
    decimalNumbers: true,
  });
  return {
    async query<T>(statement: string, params: unknown[] = []) {
      const [rows] = await connection.query(statement, params);
      return (Array.isArray(rows) ? rows : []) as T[];
    },
    async insertMany(table, rows) {
      const first = rows[0];
      if (!first) return;
      const columns = Object.keys(first);
      for (let start = 0; start < rows.length; start += 500) {
        const chunk = rows.slice(start, start + 500);
        await connection.query(`insert into ${table} (${columns.join(', ')}) values ?`, [
          chunk.map((row) => columns.map((c) => row[c])),
        ]);
      }
    },
    async transaction(work) {
      await connection.beginTransaction();
      try {
        const result = await work();
        await connection.commit();
        return result;
      } catch (error) {
        await connection.rollback();
        throw error;
      }
    },
    async close() {
      await connection.end();
    },
  };
}
