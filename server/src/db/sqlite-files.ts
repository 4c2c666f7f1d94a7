import { accessSync, constants, existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type SQLite from 'better-sqlite3';

/**
 * A database the server cannot use, found at start: one line that says what is wrong and how to
 * fix it, printed instead of a stack trace.
 */
export class DatabaseStartError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseStartError';
  }
}

/** The file a `DATABASE_URL` names, resolved as the server opens it; null for MySQL or `:memory:`. */
export function sqliteFileOf(url: string): string | null {
  if (!url.startsWith('sqlite:')) return null;
  const path = url.slice('sqlite:'.length);
  return path === ':memory:' ? null : resolve(path);
}

/** The files SQLite keeps for one database in WAL mode. */
const companions = (file: string) => [file, `${file}-wal`, `${file}-shm`];

/**
 * Refuses, before SQLite touches anything, a database file (or its WAL and shared-memory files, or
 * its folder) this process may not write. Opened anyway, SQLite would create its `-wal` and `-shm`
 * files with the database file's read-only mode, and fixing the database's mode alone would not
 * make the next start work.
 */
export function assertSqliteWritable(file: string): void {
  const blocked = unwritableSqliteFiles(file);
  if (blocked.length === 0) return;
  const folder = dirname(file);
  const what = blocked.map((path) => (path === folder ? `${folder}/ (the folder)` : path)).join(', ');
  throw new DatabaseStartError(readOnlyMessage(what, blocked));
}

/**
 * The database's files (and its folder) this process may not write, by what the system says now:
 * a mode, a read-only mount, an immutable file (which binds root too). Empty when all are writable.
 */
export function unwritableSqliteFiles(file: string): string[] {
  const blocked = companions(file).filter((path) => existsSync(path) && !writable(path));
  const folder = dirname(file);
  return writable(folder, constants.W_OK | constants.X_OK) ? blocked : [...blocked, folder];
}

/**
 * Proves the open database takes writes — what a file's mode cannot show when the server runs as
 * root on a read-only mount or on an immutable file: a write in a transaction that is rolled back.
 */
export function probeSqliteWrite(sqlite: SQLite.Database, file: string): void {
  const version = Number(sqlite.pragma('user_version', { simple: true }));
  try {
    sqlite.exec('begin immediate');
    sqlite.pragma(`user_version = ${version}`);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new DatabaseStartError(readOnlyMessage(`${file} (${String(code)})`, companions(file)), {
      cause: error,
    });
  } finally {
    if (sqlite.inTransaction) sqlite.exec('rollback');
  }
}

function writable(path: string, mode = constants.W_OK): boolean {
  try {
    accessSync(path, mode);
    return true;
  } catch {
    return false;
  }
}

function readOnlyMessage(what: string, paths: string[]): string {
  const uid = typeof process.getuid === 'function' ? ` (uid ${process.getuid()})` : '';
  return (
    `the SQLite database cannot be written by this user${uid}: ${what}. ` +
    `Make the database, its -wal and -shm files and its folder writable by the user that runs the server ` +
    `(e.g. chown that user and chmod u+rw ${paths.join(' ')}), then start again`
  );
}
