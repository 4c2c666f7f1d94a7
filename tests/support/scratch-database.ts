import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { createConnection } from 'mysql2/promise';

/**
 * An empty database for a server started as a process (the crash test, the benchmarks): a SQLite
 * file in a temporary folder, or a new database on a MySQL server. Read directly with the driver —
 * no app code between the check and the rows — so a test can see what a killed server left behind.
 */
export interface ScratchDatabase {
  dialect: 'sqlite' | 'mysql';
  /** For the server's DATABASE_URL. */
  url: string;
  /** Runs one statement on a fresh connection and returns its rows. */
  query<T = Record<string, unknown>>(statement: string, params?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

export function sqliteScratchDatabase(): ScratchDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'xinfang-scratch-'));
  const file = join(dir, 'xinfang.db');
  return {
    dialect: 'sqlite',
    url: `sqlite:${file}`,
    async query<T>(statement: string, params: unknown[] = []) {
      const db = new SQLite(file, { fileMustExist: true });
      try {
        const prepared = db.prepare(statement);
        if (prepared.reader) return prepared.all(...params) as T[];
        prepared.run(...params);
        return [];
      } finally {
        db.close();
      }
    },
    async drop() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A new database on the MySQL server named by `serverUrl` (a URL without a database). */
export async function mysqlScratchDatabase(
  serverUrl: string,
  prefix = 'xf_scratch',
): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const connect = (database?: string) => {
    const url = new URL(serverUrl);
    return createConnection({
      host: url.hostname,
      port: url.port ? Number(url.port) : 3306,
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
      database,
      supportBigNumbers: true,
      decimalNumbers: true,
    });
  };
  const admin = await connect();
  try {
    await admin.query(`create database ${name} character set utf8mb4 collate utf8mb4_unicode_ci`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    dialect: 'mysql',
    url: url.toString(),
    async query<T>(statement: string, params: unknown[] = []) {
      const connection = await connect(name);
      try {
        const [rows] = await connection.query(statement, params);
        return (Array.isArray(rows) ? rows : []) as T[];
      } finally {
        await connection.end();
      }
    },
    async drop() {
      const connection = await connect();
      try {
        await connection.query(`drop database if exists ${name}`);
      } finally {
        await connection.end();
      }
    },
  };
}
