import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { chmod, cp, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import SQLite from 'better-sqlite3';
import { createConnection } from 'mysql2/promise';

/**
 * Backups that restore: the database and the attachments' directory, in one folder with a
 * manifest. The database goes first, then the files: a file is stored before the row naming it
 * commits (attachment.service.ts), so every row in the backup finds its file.
 *
 * - SQLite: the online backup API (better-sqlite3's `backup`), a consistent copy while the server
 *   keeps writing; checked with `quick_check` before it is called a backup.
 * - MySQL/MariaDB (and a Galera node): `mariadb-dump --single-transaction`, one consistent
 *   snapshot without locking tables (`--skip-lock-tables --skip-add-locks`: Galera replicates no
 *   table locks). The password goes through the environment, never the command line.
 *
 * Restore refuses a database or a files directory that is not empty: it never merges.
 */
export interface BackupSource {
  databaseUrl: string;
  /** The attachments' directory; null when they are in an S3 bucket, backed up by the store itself. */
  uploadDir: string | null;
}

export interface BackupManifest {
  format: 1;
  createdAt: string;
  dialect: 'sqlite' | 'mysql';
  /** The database file in the backup folder, and its SHA-256. */
  database: { file: string; sha256: string; bytes: number };
  files: { count: number; bytes: number };
}

const MANIFEST = 'manifest.json';
const FILES = 'files';
/** Files still being written (local-disk-storage.ts): never part of a backup. */
const INCOMING = '.incoming';
const SPOOL = '.spool';
const PRIVATE_FOLDER = 0o700;
const PRIVATE_FILE = 0o600;

export async function backup(source: BackupSource, folder: string): Promise<BackupManifest> {
  const out = resolve(folder);
  if (existsSync(out) && (await readdir(out)).length > 0) throw new Error(`${out} is not empty`);
  // Only the server's user may read a backup: it holds every petition (PIPL Art 51). The modes
  // are set outright, whatever the umask; the folder's comes first, so nothing is ever open.
  await mkdir(out, { recursive: true, mode: PRIVATE_FOLDER });
  await chmod(out, PRIVATE_FOLDER);
  const createdAt = new Date().toISOString();
  const mysql = source.databaseUrl.startsWith('mysql://');
  const file = mysql ? 'database.sql' : 'database.sqlite';
  if (mysql) await dumpMysql(source.databaseUrl, join(out, file));
  else await backupSqlite(sqlitePath(source.databaseUrl), join(out, file));
  await chmod(join(out, file), PRIVATE_FILE);

  const uploads = source.uploadDir && resolve(source.uploadDir);
  if (uploads && existsSync(uploads)) {
    await cp(uploads, join(out, FILES), {
      recursive: true,
      // Uploads still arriving (the spool) are not files yet: nothing acknowledged them.
      filter: (path) => !path.startsWith(join(uploads, INCOMING)) && !path.startsWith(join(uploads, SPOOL)),
    });
  }
  const manifest: BackupManifest = {
    format: 1,
    createdAt,
    dialect: mysql ? 'mysql' : 'sqlite',
    database: { file, ...(await digest(join(out, file))) },
    files: await tally(join(out, FILES)),
  };
  await writeFile(join(out, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`, { mode: PRIVATE_FILE });
  await chmod(join(out, MANIFEST), PRIVATE_FILE);
  return manifest;
}

export async function restore(folder: string, target: BackupSource): Promise<BackupManifest> {
  const from = resolve(folder);
  const manifest = JSON.parse(await readFile(join(from, MANIFEST), 'utf8')) as BackupManifest;
  const dump = join(from, manifest.database.file);
  const { sha256 } = await digest(dump);
  if (sha256 !== manifest.database.sha256) throw new Error(`${dump} does not match its manifest`);
  const mysql = target.databaseUrl.startsWith('mysql://');
  if (mysql !== (manifest.dialect === 'mysql')) {
    throw new Error(`the backup is of ${manifest.dialect}; DATABASE_URL names another kind of database`);
  }
  const uploads = target.uploadDir && resolve(target.uploadDir);
  if (uploads && existsSync(uploads) && (await readdir(uploads)).some((name) => name !== INCOMING)) {
    throw new Error(`the files directory ${uploads} is not empty`);
  }

  if (mysql) await loadMysql(target.databaseUrl, dump);
  else await restoreSqlite(dump, sqlitePath(target.databaseUrl));
  if (uploads && existsSync(join(from, FILES))) await cp(join(from, FILES), uploads, { recursive: true });
  return manifest;
}

function sqlitePath(url: string): string {
  const path = url.slice('sqlite:'.length);
  if (path === ':memory:') throw new Error('an in-memory database cannot be backed up or restored');
  return resolve(path);
}

async function backupSqlite(file: string, to: string): Promise<void> {
  const db = new SQLite(file, { fileMustExist: true });
  try {
    // All remaining pages in one step: a step that another connection's write interrupts starts
    // over, and small steps under steady writes would start over again and again.
    await db.backup(to, { progress: () => 1_000_000 });
  } finally {
    db.close();
  }
  const copy = new SQLite(to, { fileMustExist: true });
  try {
    const check = copy.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`the SQLite backup failed its check: ${String(check)}`);
  } finally {
    copy.close();
  }
}

async function restoreSqlite(from: string, file: string): Promise<void> {
  if (existsSync(file) && (await stat(file)).size > 0) throw new Error(`the database ${file} is not empty`);
  await mkdir(dirname(file), { recursive: true });
  await rm(`${file}-wal`, { force: true });
  await rm(`${file}-shm`, { force: true });
  const db = new SQLite(from, { readonly: true, fileMustExist: true });
  try {
    await db.backup(file);
  } finally {
    db.close();
  }
}

function mysqlArgs(url: string): { args: string[]; env: NodeJS.ProcessEnv; database: string } {
  const u = new URL(url);
  const database = decodeURIComponent(u.pathname.slice(1));
  if (!database) throw new Error('DATABASE_URL names no database');
  return {
    args: [
      '--no-defaults',
      `--host=${u.hostname}`,
      `--port=${u.port || '3306'}`,
      `--user=${decodeURIComponent(u.username)}`,
    ],
    env: { ...process.env, MYSQL_PWD: decodeURIComponent(u.password) },
    database,
  };
}

async function dumpMysql(url: string, to: string): Promise<void> {
  const { args, env, database } = mysqlArgs(url);
  const dump = spawn(
    'mariadb-dump',
    [
      ...args,
      '--single-transaction',
      '--quick',
      '--skip-lock-tables',
      '--skip-add-locks',
      '--hex-blob',
      '--default-character-set=utf8mb4',
      '--no-tablespaces',
      // No CREATE DATABASE or USE: restored into whichever database the target URL names.
      database,
    ],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  await Promise.all([
    pipeline(dump.stdout, createWriteStream(to, { mode: PRIVATE_FILE })),
    finished(dump, 'mariadb-dump'),
  ]);
}

async function loadMysql(url: string, from: string): Promise<void> {
  const { args, env, database } = mysqlArgs(url);
  const connection = await createConnection(url);
  try {
    const [tables] = await connection.query('show tables');
    if ((tables as unknown[]).length > 0) throw new Error(`the database ${database} is not empty`);
  } finally {
    await connection.end();
  }
  const load = spawn('mariadb', [...args, '--default-character-set=utf8mb4', database], {
    env,
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  await Promise.all([pipeline(createReadStream(from), load.stdin), finished(load, 'mariadb')]);
}

/** Resolves when the tool exits 0; otherwise fails with what it said on stderr. */
function finished(child: ReturnType<typeof spawn>, name: string): Promise<void> {
  let said = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    said = (said + chunk.toString()).slice(-2000);
  });
  return new Promise((resolvePromise, reject) => {
    child.once('error', (error) => reject(new Error(`${name} could not start: ${error.message}`)));
    child.once('close', (code) =>
      code === 0 ? resolvePromise() : reject(new Error(`${name} failed (exit ${code}): ${said.trim()}`)),
    );
  });
}

async function digest(file: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return { sha256: hash.digest('hex'), bytes: (await stat(file)).size };
}

async function tally(dir: string): Promise<{ count: number; bytes: number }> {
  if (!existsSync(dir)) return { count: 0, bytes: 0 };
  let count = 0;
  let bytes = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    count += 1;
    bytes += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return { count, bytes };
}
