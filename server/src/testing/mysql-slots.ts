import { createHash, randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ResultSetHeader, RowDataPacket } from 'mysql2';
import { type Connection, createConnection } from 'mysql2/promise';
import { loadConfig } from '../config';
import { retryConflicts } from '../db/conflict-retry';
import { openDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { migrations } from '../db/migrations/index';
import { silentMonitorLog } from '../db/monitor';

/**
 * Migrated MySQL databases for the test apps, reused from one suite to the next. A fresh database
 * cost 2–5 s to migrate (about 150 DDL statements) and 1.5–3.5 s to drop, most of the MySQL suites'
 * time — and on Galera every DDL statement is replicated to each node in total order. Now a test
 * app claims a free slot (migrating a new one only when none is free), and on release the slot's
 * rows are replaced by those of a freshly migrated template, in one transaction, and it is freed.
 * A slot whose tables a test changed is dropped rather than reused.
 *
 * The registry lives on the server (`xf_test_slots`), so the suites' worker processes share it.
 * Slots and the template are named after the migrations they hold, so a branch with other
 * migrations never reuses them.
 */
const REGISTRY = 'xf_test_slots';
const TEMPLATE_WAIT_MS = 180_000;

export interface Slot {
  /** The slot's database URL. */
  url: string;
  /** Back to its freshly migrated rows, and free for the next test app. */
  release(): Promise<void>;
}

const schemaKey = createHash('sha1')
  .update(Object.keys(migrations).sort().join('\n'))
  .digest('hex')
  .slice(0, 12);
const template = `xf_tpl_${schemaKey}`;

export async function claimSlot(serverUrl: string): Promise<Slot> {
  const connection = await connectToServer(serverUrl);
  try {
    await ensureRegistry(connection);
    await ensureTemplate(connection, serverUrl);
    const holder = randomBytes(8).toString('hex');
    const [claimed] = await connection.query<RowDataPacket[]>(
      `select name from ${REGISTRY}.slot where holder is null and schema_key = ? limit 1`,
      [schemaKey],
    );
    for (const row of claimed) {
      const name = String(row.name);
      const [result] = await retried(() =>
        connection.query<ResultSetHeader>(
          `update ${REGISTRY}.slot set holder = ? where name = ? and holder is null`,
          [holder, name],
        ),
      );
      if (result.affectedRows === 1) return slot(serverUrl, name);
    }
    // None free (or another suite took it first): a new one, migrated by the test app on start.
    const name = `xf_slot_${schemaKey}_${holder.slice(0, 8)}`;
    await connection.query(`create database ${name} character set utf8mb4 collate utf8mb4_unicode_ci`);
    await retried(() =>
      connection.query(`insert into ${REGISTRY}.slot (name, schema_key, holder) values (?, ?, ?)`, [
        name,
        schemaKey,
        holder,
      ]),
    );
    return slot(serverUrl, name);
  } finally {
    await connection.end();
  }
}

function slot(serverUrl: string, name: string): Slot {
  return { url: databaseUrl(serverUrl, name), release: () => resetSlot(serverUrl, name) };
}

async function resetSlot(serverUrl: string, name: string): Promise<void> {
  const connection = await connectToServer(serverUrl);
  try {
    const tables = await tablesOf(connection, template);
    if ((await tablesOf(connection, name)).join() !== tables.join()) {
      await connection.query(`drop database if exists ${name}`);
      await retried(() => connection.query(`delete from ${REGISTRY}.slot where name = ?`, [name]));
      return;
    }
    // Foreign keys would order the deletes; the rows put back are a migrated database's own.
    await connection.query('set foreign_key_checks = 0');
    await retried(async () => {
      await connection.beginTransaction();
      try {
        for (const table of tables) {
          await connection.query(`delete from ${name}.${table}`);
          await connection.query(`insert into ${name}.${table} select * from ${template}.${table}`);
        }
        await connection.commit();
      } catch (error) {
        await connection.rollback();
        throw error;
      }
    });
    await retried(() => connection.query(`update ${REGISTRY}.slot set holder = null where name = ?`, [name]));
  } finally {
    await connection.end();
  }
}

/**
 * On Galera another suite's DDL (a slot's `create database`, replicated in total order) aborts a
 * statement it conflicts with, which then fails as a deadlock (1213): tried again, like the server's.
 */
function retried<T>(attempt: () => Promise<T>): Promise<T> {
  return retryConflicts({ retried: 0, gaveUp: 0 }, attempt);
}

async function ensureRegistry(connection: Connection): Promise<void> {
  // Only when missing: each `create … if not exists` is DDL too, replicated and conflicting on Galera.
  if ((await tablesOf(connection, REGISTRY)).length === 2) return;
  await connection.query(`create database if not exists ${REGISTRY}`);
  await connection.query(
    `create table if not exists ${REGISTRY}.slot (name varchar(64) primary key, schema_key char(12) not null, holder char(16) null)`,
  );
  await connection.query(`create table if not exists ${REGISTRY}.template (schema_key char(12) primary key)`);
}

/** The template is migrated once per schema, by whichever suite creates its database first. */
async function ensureTemplate(connection: Connection, serverUrl: string): Promise<void> {
  if (await templateReady(connection)) return;
  try {
    await connection.query(`create database ${template} character set utf8mb4 collate utf8mb4_unicode_ci`);
  } catch (error) {
    if ((error as { errno?: number }).errno !== 1007) throw error;
    // Another suite is migrating it.
    const until = Date.now() + TEMPLATE_WAIT_MS;
    while (!(await templateReady(connection))) {
      if (Date.now() > until)
        throw new Error(`${template} was never finished: drop it (a test run died while migrating it)`);
      await sleep(200);
    }
    return;
  }
  const database = openDatabase(databaseUrl(serverUrl, template), {
    bounds: loadConfig({}).db,
    log: silentMonitorLog,
  });
  try {
    await migrateToLatest(database.db, 'mysql');
  } finally {
    await database.destroy();
  }
  await connection.query(`insert into ${REGISTRY}.template (schema_key) values (?)`, [schemaKey]);
}

async function templateReady(connection: Connection): Promise<boolean> {
  const [rows] = await connection.query<RowDataPacket[]>(
    `select 1 from ${REGISTRY}.template where schema_key = ?`,
    [schemaKey],
  );
  return rows.length > 0;
}

async function tablesOf(connection: Connection, database: string): Promise<string[]> {
  const [rows] = await connection.query<RowDataPacket[]>(
    'select table_name as name from information_schema.tables where table_schema = ? order by table_name',
    [database],
  );
  return rows.map((row) => String(row.name));
}

function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A connection to the server itself, no database chosen. */
export function connectToServer(serverUrl: string): Promise<Connection> {
  const url = new URL(serverUrl);
  return createConnection({
    host: url.hostname,
    port: url.port ? Number(url.port) : 3306,
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
  });
}
