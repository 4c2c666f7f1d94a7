import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, sql, type Transaction } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { CachingSqliteDialect } from './sqlite-driver';
import { StatementCache } from './sqlite-statements';

interface Test {
  item: { id: number; name: string };
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

function open(options: { memory?: boolean; busyTimeoutMs?: number; counterTables?: string[] } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'xf-driver-'));
  const file = options.memory ? ':memory:' : join(dir, 'test.db');
  const writer = new SQLite(file);
  writer.pragma('journal_mode = WAL');
  writer.pragma('busy_timeout = 0');
  const reader = options.memory ? null : new SQLite(file);
  reader?.pragma('query_only = ON');
  const { busyTimeoutMs, counterTables } = options;
  const db = new Kysely<Test>({
    dialect: new CachingSqliteDialect({ writer, reader, busyTimeoutMs, counterTables }),
  });
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  cleanups.push(() => void db.destroy());
  return { db, writer, reader, file };
}

/** A transaction that writes `item` and stays open until `finish` is called. */
function holdOpen(db: Kysely<Test>, item: Test['item']) {
  return holdOpenWith(db, (trx) => trx.insertInto('item').values(item).execute());
}

/** A transaction that runs `write` and stays open until `finish` is called. */
function holdOpenWith(db: Kysely<Test>, write: (trx: Transaction<Test>) => Promise<unknown>) {
  let finish = () => {};
  const held = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const transaction = db.transaction().execute(async (trx) => {
    await write(trx);
    await held;
  });
  return { transaction, finish };
}

/** The SQL the reader connection prepares from now on. */
function readerStatements(reader: SQLite.Database | null): string[] {
  const ran: string[] = [];
  const prepare = reader?.prepare.bind(reader) as SQLite.Database['prepare'];
  (reader as SQLite.Database).prepare = ((source: string) => {
    ran.push(source);
    return prepare(source);
  }) as SQLite.Database['prepare'];
  return ran;
}

async function withTable(db: Kysely<Test>) {
  await db.schema
    .createTable('item')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .execute();
}

describe('the statement cache', () => {
  it('prepares a statement once per SQL text and forgets the least recently used beyond its size', () => {
    const db = new SQLite(':memory:');
    cleanups.push(() => db.close());
    const cache = new StatementCache(db, 2);
    const a = cache.get('select 1');
    expect(cache.get('select 1')).toBe(a);
    cache.get('select 2');
    cache.get('select 1'); // now the most recent
    cache.get('select 3'); // evicts `select 2`
    expect(cache.count).toBe(2);
    expect(cache.get('select 1')).toBe(a);
  });
});

describe('reads beside a write transaction', () => {
  it('a read outside the transaction answers at once, from the last commit', async () => {
    const { db } = open();
    await withTable(db);
    await db.insertInto('item').values({ id: 1, name: 'committed' }).execute();
    const { transaction, finish } = holdOpen(db, { id: 2, name: 'uncommitted' });
    // The transaction is open and waiting: a read neither waits for it nor sees its row.
    const seen = await db.selectFrom('item').select('name').orderBy('id').execute();
    expect(seen.map((r) => r.name)).toEqual(['committed']);
    finish();
    await transaction;
    const after = await db.selectFrom('item').select('name').orderBy('id').execute();
    expect(after.map((r) => r.name)).toEqual(['committed', 'uncommitted']);
  });

  it('a read outside any transaction runs on the writer while none is open there, else on the reader', async () => {
    const { db, reader } = open();
    const readerRan = readerStatements(reader);
    await withTable(db);
    await db.insertInto('item').values({ id: 1, name: 'committed' }).execute();

    // Nothing open: the writer reads (its page cache outlives its own commits; the reader's does not).
    expect(await db.selectFrom('item').select('name').execute()).toEqual([{ name: 'committed' }]);
    expect(readerRan).toEqual([]);

    const { transaction, finish } = holdOpen(db, { id: 2, name: 'uncommitted' });
    await new Promise((r) => setImmediate(r));
    // A transaction is open on the writer: the reader reads the last commit, without waiting.
    expect(await db.selectFrom('item').select('name').where('id', '>', 0).execute()).toEqual([
      { name: 'committed' },
    ]);
    expect(readerRan).toHaveLength(1);
    finish();
    await transaction;
  });

  it('a write outside any transaction waits its turn; transactions take turns in order', async () => {
    const { db } = open();
    await withTable(db);
    const { transaction: first, finish } = holdOpen(db, { id: 1, name: 'first' });
    const lone = db.insertInto('item').values({ id: 2, name: 'lone' }).execute();
    const second = db.transaction().execute(async (trx) => {
      await trx.insertInto('item').values({ id: 3, name: 'second' }).execute();
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(await db.selectFrom('item').select('id').execute()).toEqual([]);
    finish();
    await Promise.all([first, lone, second]);
    const rows = await sql<{ name: string }>`select name from item order by rowid`.execute(db);
    expect(rows.rows.map((r) => r.name)).toEqual(['first', 'lone', 'second']);
  });

  it('commits transactions that wait for each other together, once, and a failed one alone is undone', async () => {
    const { db, writer } = open();
    await withTable(db);
    const commits = countCommits(writer);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        db.transaction().execute(async (trx) => {
          await trx
            .insertInto('item')
            .values({ id: i, name: `t${i}` })
            .execute();
          if (i === 4) throw new Error('this one fails');
        }),
      ),
    );
    expect(outcomes.map((o) => o.status)).toEqual(
      outcomes.map((_, i) => (i === 4 ? 'rejected' : 'fulfilled')),
    );
    expect((await db.selectFrom('item').select('id').orderBy('id').execute()).map((r) => r.id)).toEqual([
      0, 1, 2, 3, 5, 6, 7, 8, 9,
    ]);
    expect(commits.count).toBeLessThan(10);
  });

  it('a commit that fails fails every transaction of its group, and keeps none of them', async () => {
    const { db, writer } = open();
    await withTable(db);
    const commits = countCommits(writer, { failNext: true });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) =>
        db.transaction().execute(async (trx) => {
          await trx
            .insertInto('item')
            .values({ id: i, name: `t${i}` })
            .execute();
        }),
      ),
    );
    expect(outcomes.every((o) => o.status === 'rejected')).toBe(true);
    expect(commits.count).toBe(1);
    expect(await db.selectFrom('item').select('id').execute()).toEqual([]);
    // And the next transaction starts afresh.
    await db.insertInto('item').values({ id: 9, name: 'after' }).execute();
    expect(await db.selectFrom('item').select('id').execute()).toEqual([{ id: 9 }]);
  });

  it('an in-memory database has one connection, and reads wait for the transaction', async () => {
    const { db } = open({ memory: true });
    await withTable(db);
    const { transaction, finish } = holdOpen(db, { id: 1, name: 'inside' });
    const read = db.selectFrom('item').select('name').execute();
    setTimeout(finish, 20);
    expect((await read).map((r) => r.name)).toEqual(['inside']);
    await transaction;
  });
});

describe('the reads of one turn of the event loop', () => {
  const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

  it('share one read transaction per connection, which ends after the turn', async () => {
    const { db, writer } = open();
    await withTable(db);
    await nextTurn();
    const begins = countStatements(writer, 'begin');
    await db.selectFrom('item').selectAll().execute();
    await db.selectFrom('item').select('id').execute();
    expect(writer.inTransaction).toBe(true);
    expect(begins.count).toBe(1);
    await nextTurn();
    expect(writer.inTransaction).toBe(false);
    await db.selectFrom('item').selectAll().execute();
    expect(begins.count).toBe(2);
  });

  it('never miss a write this process acknowledged, whichever connection they run on', async () => {
    const { db } = open();
    await withTable(db);
    // Writers that read their own row back at once, among readers: some reads run on the reader
    // while the next group holds the writer, in the same turn as the commit before it.
    const missed: number[] = [];
    await Promise.all(
      Array.from({ length: 60 }, async (_, i) => {
        if (i % 3 === 0) {
          await db.selectFrom('item').select('id').execute();
          return;
        }
        await db.transaction().execute(async (trx) => {
          await trx
            .insertInto('item')
            .values({ id: i, name: `w${i}` })
            .execute();
        });
        const [row] = await db.selectFrom('item').select('id').where('id', '=', i).execute();
        if (!row) missed.push(i);
      }),
    );
    expect(missed).toEqual([]);
  });

  it("a commit ends the reader's snapshot of that turn at once", async () => {
    const { db } = open();
    await withTable(db);
    await db.insertInto('item').values({ id: 0, name: 'before' }).execute();
    const first = holdOpen(db, { id: 1, name: 'first' });
    await nextTurn();
    // In one turn's setImmediate phase: a read on the reader (the group is open) before the group
    // commits; then, once `first` is acknowledged, another transaction takes the writer, and a read
    // beside it must see `first`.
    const seen = new Promise<string[]>((resolve, reject) => {
      setImmediate(() => {
        db.selectFrom('item').select('name').execute().catch(reject);
      });
      first.finish();
      first.transaction
        .then(async () => {
          let taken = () => {};
          const writerTaken = new Promise<void>((r) => {
            taken = r;
          });
          const next = db.transaction().execute(async (trx) => {
            await trx.insertInto('item').values({ id: 2, name: 'next' }).execute();
            taken();
            await nextTurn();
          });
          await writerTaken;
          const rows = await db.selectFrom('item').select('name').orderBy('id').execute();
          await next;
          resolve(rows.map((row) => row.name));
        })
        .catch(reject);
    });
    expect(await seen).toEqual(['before', 'first']);
  });

  it("see another connection's commit from the next turn on", async () => {
    const { db, file } = open();
    await withTable(db);
    const other = new SQLite(file);
    cleanups.push(() => other.close());
    await nextTurn();
    // This turn's snapshot is taken before the other connection commits.
    expect(await db.selectFrom('item').select('name').execute()).toEqual([]);
    other.prepare('insert into item (id, name) values (?, ?)').run(1, 'elsewhere');
    await nextTurn();
    expect(await db.selectFrom('item').select('name').execute()).toEqual([{ name: 'elsewhere' }]);
  });

  it('a write in the same turn as reads goes through; closing with reads open is clean', async () => {
    const { db, writer } = open();
    await withTable(db);
    await db.selectFrom('item').selectAll().execute();
    await db.insertInto('item').values({ id: 1, name: 'after a read' }).execute();
    expect(await db.selectFrom('item').select('name').execute()).toEqual([{ name: 'after a read' }]);
    await db.destroy();
    await nextTurn();
    expect(writer.open).toBe(false);
  });
});

/** Counts the statements a connection runs through `exec` with exactly this text. */
function countStatements(connection: SQLite.Database, text: string) {
  const counter = { count: 0 };
  const exec = connection.exec.bind(connection);
  connection.exec = (source: string) => {
    if (source === text) counter.count += 1;
    return exec(source);
  };
  return counter;
}

/** Counts the writer's COMMITs; with `failNext`, the first one fails as a full disk would. */
function countCommits(writer: SQLite.Database, options: { failNext?: boolean } = {}) {
  const counter = { count: 0 };
  let fail = options.failNext ?? false;
  const exec = writer.exec.bind(writer);
  writer.exec = (source: string) => {
    if (source === 'commit') {
      counter.count += 1;
      if (fail) {
        fail = false;
        throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
      }
    }
    return exec(source);
  };
  return counter;
}

describe('counters', () => {
  const turn = () => new Promise((resolve) => setImmediate(resolve));
  /** `item` (the counters) and `other`, a table like any other. */
  const withCounterTables = async (db: Kysely<Test>) => {
    await withTable(db);
    await db.schema
      .createTable('other')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .execute();
  };

  it('a count goes on before its COMMIT, which the end of the turn makes durable', async () => {
    const { db, writer, file } = open({ counterTables: ['item'] });
    await withCounterTables(db);
    const elsewhere = new SQLite(file, { readonly: true });
    cleanups.push(() => elsewhere.close());
    const committed = () => elsewhere.prepare('select name from item').all();

    await db.insertInto('item').values({ id: 1, name: 'counted' }).execute();
    // Not yet committed, but a read of the counters (on the writer) sees it.
    expect(writer.inTransaction).toBe(true);
    expect(committed()).toEqual([]);
    expect(await db.selectFrom('item').select('name').execute()).toEqual([{ name: 'counted' }]);
    await turn();
    expect(writer.inTransaction).toBe(false);
    expect(committed()).toEqual([{ name: 'counted' }]);

    // Any other write waits for its COMMIT, and so for the counts before it.
    await db.updateTable('item').set({ name: 'counted again' }).execute();
    await sql`insert into other (id) values (1)`.execute(db);
    expect(writer.inTransaction).toBe(false);
    expect(committed()).toEqual([{ name: 'counted again' }]);
  });

  it('a read of the counters runs on the writer, without waiting for its transaction', async () => {
    const { db, reader } = open({ counterTables: ['item'] });
    await withCounterTables(db);
    await db.insertInto('item').values({ id: 1, name: 'one' }).execute();
    const readerRan = readerStatements(reader);
    // Counted, not yet committed; then a transaction holds the writer, in the same group.
    await db.updateTable('item').set({ name: 'two' }).execute();
    const { transaction, finish } = holdOpenWith(db, (trx) =>
      sql`insert into other (id) values (1)`.execute(trx),
    );
    await turn();
    expect(await db.selectFrom('item').select('name').execute()).toEqual([{ name: 'two' }]);
    expect(readerRan).toEqual([]);
    finish();
    await transaction;
  });

  it('a COMMIT that fails loses the counts of its group and fails those that wait for it', async () => {
    const { db, writer } = open({ counterTables: ['item'] });
    await withCounterTables(db);
    countCommits(writer, { failNext: true });
    await db.insertInto('item').values({ id: 1, name: 'counted' }).execute();
    await expect(sql`insert into other (id) values (1)`.execute(db)).rejects.toThrow(/full/);
    expect(await db.selectFrom('item').select('id').execute()).toEqual([]);
  });
});

describe('another instance holding the write lock', () => {
  it('a transaction waits for it with the event loop running, then goes through', async () => {
    const { db, file } = open({ busyTimeoutMs: 60_000 });
    await withTable(db);
    const other = new SQLite(file);
    cleanups.push(() => other.close());
    other.exec('begin immediate');
    other.prepare("insert into item (id, name) values (1, 'other')").run();
    const insert = db.insertInto('item').values({ id: 2, name: 'ours' }).execute();
    // This timer fires while it waits (SQLite's own busy handler would stop the thread), and
    // the other connection commits from it.
    await new Promise((r) => setTimeout(r, 100));
    other.exec('commit');
    await insert;
    const names = await db.selectFrom('item').select('name').orderBy('id').execute();
    expect(names.map((r) => r.name)).toEqual(['other', 'ours']);
  });

  it('gives up with SQLITE_BUSY once the wait is over, and the writer is free again after', async () => {
    const { db, file } = open({ busyTimeoutMs: 100 });
    await withTable(db);
    const other = new SQLite(file);
    cleanups.push(() => other.close());
    other.exec('begin immediate');
    await expect(db.insertInto('item').values({ id: 1, name: 'late' }).execute()).rejects.toMatchObject({
      code: 'SQLITE_BUSY',
    });
    other.exec('rollback');
    await db.insertInto('item').values({ id: 1, name: 'now' }).execute();
    expect(await db.selectFrom('item').select('name').execute()).toEqual([{ name: 'now' }]);
  });
});

describe('rolling back', () => {
  it('the error that ended a transaction comes out, not a failed ROLLBACK', async () => {
    const { db } = open();
    await withTable(db);
    const failing = db.transaction().execute(async (trx) => {
      await trx.insertInto('item').values({ id: 1, name: 'gone' }).execute();
      // SQLite ends some transactions itself (SQLITE_FULL, SQLITE_IOERR): here, by hand.
      await sql`rollback`.execute(trx);
      throw new Error('the first error');
    });
    await expect(failing).rejects.toThrow('the first error');
    // The writer is free again, and nothing of the transaction was kept.
    await db.insertInto('item').values({ id: 2, name: 'next' }).execute();
    expect(await db.selectFrom('item').select('id').execute()).toEqual([{ id: 2 }]);
  });

  it('a full database reports SQLITE_FULL', async () => {
    const { db, writer } = open();
    await withTable(db);
    const pages = Number(writer.pragma('page_count', { simple: true }));
    writer.pragma(`max_page_count = ${pages + 2}`);
    const filling = db.transaction().execute(async (trx) => {
      for (let i = 0; i < 200; i += 1)
        await trx
          .insertInto('item')
          .values({ id: i, name: 'x'.repeat(2000) })
          .execute();
    });
    await expect(filling).rejects.toMatchObject({ code: 'SQLITE_FULL' });
    expect(writer.inTransaction).toBe(false);
  });
});
