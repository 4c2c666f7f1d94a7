import SQLite from 'better-sqlite3';
import { CompiledQuery, Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../config';
import { type Database, openDatabase } from './database';
import { DatabaseUnavailable } from './failures';
import { guardDialect, guardReadNow } from './guarded-dialect';
import { DatabaseMonitor, type MonitorLogger } from './monitor';

/**
 * The guard around a real (in-memory) SQLite: a database that fills up inside a transaction, a
 * connection held past the acquire timeout. No MySQL here: the fault suite freezes a real one.
 */
const lines: string[] = [];
const log: MonitorLogger = {
  error: (_o, msg) => lines.push(`error ${msg}`),
  warn: (_o, msg) => lines.push(`warn ${msg}`),
  info: (_o, msg) => lines.push(`info ${msg}`),
};

function open(overrides: Partial<ReturnType<typeof loadConfig>['db']> = {}): Database {
  const bounds = { ...loadConfig({}).db, ...overrides };
  return openDatabase('sqlite::memory:', { bounds, log });
}

let opened: Database | null = null;
afterEach(async () => {
  await opened?.destroy();
  opened = null;
  lines.length = 0;
});

describe('the guarded driver', () => {
  it('keeps SQLITE_FULL, not the failed rollback after it, and marks writes refused', async () => {
    opened = open({ sqliteMaxBytes: 64 * 1024 });
    const { db, monitor } = opened;
    await sql`create table filler (id integer primary key, body text)`.execute(db);
    const attempt = db.transaction().execute(async (trx) => {
      for (let i = 0; i < 1000; i += 1) {
        await sql`insert into filler (body) values (${'字'.repeat(2000)})`.execute(trx);
      }
    });
    const failure = await attempt.catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DatabaseUnavailable);
    expect((failure as DatabaseUnavailable).kind).toBe('full');
    expect(((failure as Error).cause as { code?: string }).code).toBe('SQLITE_FULL');
    expect(monitor.status()).toMatchObject({ writable: false, problem: { kind: 'full' } });
    // The transaction is gone: the next statement runs on its own, and reads still work.
    const { rows } = await sql<{ n: number }>`select count(*) as n from filler`.execute(db);
    expect(rows[0]?.n).toBe(0);
    expect(lines).toEqual([expect.stringMatching(/^error database cannot take writes \(SQLITE_FULL/)]);
  });

  it("gives up waiting for a pool's connection after the acquire timeout with a 503, and hands the late one back", async () => {
    // Kysely's own SQLite driver: one connection, lent to one caller at a time, like a pool of one.
    const monitor = new DatabaseMonitor(log, async () => '3', { probeTimeoutMs: 1_000 });
    const dialect = new SqliteDialect({ database: new SQLite(':memory:') });
    const db = new Kysely({ dialect: guardDialect(dialect, monitor, { acquireTimeoutMs: 100 }) });
    try {
      await expectTimeoutThenRecovery(db);
      expect(monitor.status().reachable).toBe(true);
    } finally {
      await db.destroy();
    }
  });

  it('on SQLite, a statement waiting for the writer gives up after the acquire timeout with a 503', async () => {
    // The writer lock bounds the wait (the guard hands SQLite's sessions out at once).
    opened = open({ acquireTimeoutMs: 100 });
    await expectTimeoutThenRecovery(opened.db);
    // SQLite answered the probe the timeout started: no outage.
    expect(opened.monitor.status().reachable).toBe(true);
  });

  it('passes errors about the query itself through untouched', async () => {
    opened = open();
    const { db } = opened;
    await sql`create table once (id integer primary key)`.execute(db);
    await sql`insert into once (id) values (1)`.execute(db);
    const duplicate = await sql`insert into once (id) values (1)`
      .execute(db)
      .catch((error: unknown) => error);
    expect(duplicate).not.toBeInstanceOf(DatabaseUnavailable);
    expect((duplicate as { code?: string }).code).toMatch(/^SQLITE_CONSTRAINT/);
    expect(opened.monitor.status().writable).toBe(true);
  });
});

describe('reads run at once (guardReadNow)', () => {
  const row = { rows: [{ one: 1 }] };

  it('fail at once while the database is known to be unreachable, without running', async () => {
    const monitor = new DatabaseMonitor(log, () => Promise.reject(new Error('connect ECONNREFUSED')), {
      probeTimeoutMs: 100,
    });
    try {
      expect(await monitor.check()).toBeNull();
      const read = vi.fn(() => row as never);
      const failure = catching(() => guardReadNow(read, monitor)(compiled));
      expect(failure).toBeInstanceOf(DatabaseUnavailable);
      expect((failure as DatabaseUnavailable).kind).toBe('unreachable');
      expect(read).not.toHaveBeenCalled();
    } finally {
      monitor.close();
    }
  });

  it('report a failure of the database and answer it as DatabaseUnavailable', () => {
    const monitor = new DatabaseMonitor(log, async () => '3', { probeTimeoutMs: 100 });
    const ioError = Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR_READ' });
    const failure = catching(() =>
      guardReadNow(() => {
        throw ioError;
      }, monitor)(compiled),
    );
    expect(failure).toBeInstanceOf(DatabaseUnavailable);
    expect((failure as DatabaseUnavailable).kind).toBe('io_error');
    expect((failure as Error).cause).toBe(ioError);
    expect(monitor.status().problem?.kind).toBe('io_error');
  });

  it('pass errors about the query itself through, and answer what the read answers', () => {
    const monitor = new DatabaseMonitor(log, async () => '3', { probeTimeoutMs: 100 });
    const mistake = new RangeError('Too few parameter values were provided');
    expect(
      catching(() =>
        guardReadNow(() => {
          throw mistake;
        }, monitor)(compiled),
      ),
    ).toBe(mistake);
    expect(guardReadNow(() => row as never, monitor)(compiled)).toBe(row);
    expect(guardReadNow(() => null, monitor)(compiled)).toBeNull();
    expect(monitor.status()).toMatchObject({ reachable: true, writable: true, problem: null });
  });
});

const compiled = CompiledQuery.raw('select 1 as one');

function catching(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

/**
 * A transaction holds the only connection: a statement beside it fails with DB_ACQUIRE_TIMEOUT, and
 * once the transaction ends the next statement gets the connection.
 */
async function expectTimeoutThenRecovery<DB>(db: Kysely<DB>): Promise<void> {
  let release: () => void = () => {};
  const held = db.transaction().execute(
    () =>
      new Promise<void>((resolve) => {
        release = resolve;
      }),
  );
  const waiting = await sql`select 1`.execute(db).catch((error: unknown) => error);
  expect(waiting).toBeInstanceOf(DatabaseUnavailable);
  expect(((waiting as Error).cause as { code?: string }).code).toBe('DB_ACQUIRE_TIMEOUT');
  release();
  await held;
  // The connection came back: the next statement gets it.
  const { rows } = await sql<{ one: number }>`select 1 as one`.execute(db);
  expect(rows).toEqual([{ one: 1 }]);
}
