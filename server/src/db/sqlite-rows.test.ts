import SQLite from 'better-sqlite3';
import fc from 'fast-check';
import { type CompiledQuery, Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { readRows } from './sqlite-rows';

const opened: SQLite.Database[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

function open() {
  const sqlite = new SQLite(':memory:');
  opened.push(sqlite);
  // Kysely only compiles here: the rows are read by readRows, against better-sqlite3's own.
  const db = new Kysely<Record<string, Record<string, unknown>>>({
    dialect: new SqliteDialect({ database: sqlite }),
  });
  return { sqlite, db };
}

/** Rows through readRows, and the same statement's rows as better-sqlite3 makes them. */
function bothWays(sqlite: SQLite.Database, compiled: CompiledQuery) {
  const ours = readRows(sqlite.prepare(compiled.sql), compiled);
  const theirs = sqlite.prepare(compiled.sql).all(compiled.parameters as unknown[]);
  return { ours, theirs };
}

const value = fc.oneof(
  fc.constant(null),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string(),
  fc.uint8Array({ maxLength: 8 }).map((bytes) => Buffer.from(bytes)),
);

describe('rows read as arrays and made into objects', () => {
  it('equal better-sqlite3’s own, names, order and values, whatever the columns and aliases', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c', 'd', 'x y', '名', 'a"b'), value), {
          minLength: 1,
          maxLength: 8,
        }),
        (columns) => {
          const { sqlite, db } = open();
          // Aliases may repeat: the later column of a name wins in both.
          const query = db
            .selectNoFrom(columns.map(([name, v], i) => sql`${v}`.as(i % 3 === 0 ? name : `${name}${i}`)))
            .compile();
          const { ours, theirs } = bothWays(sqlite, query);
          expect(ours).toEqual(theirs);
          expect(Object.keys(ours[0] as object)).toEqual(Object.keys(theirs[0] as object));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a `*` keeps better-sqlite3’s objects: the columns it stands for change with the schema', async () => {
    const { sqlite, db } = open();
    sqlite.exec("create table item (id integer primary key, name text); insert into item values (1, 'one')");
    const all = db.selectFrom('item').selectAll().compile();
    const named = db.selectFrom('item').select(['id', 'name']).compile();
    const star = sqlite.prepare(all.sql);
    const listed = sqlite.prepare(named.sql);
    expect(readRows(star, all)).toEqual([{ id: 1, name: 'one' }]);
    expect(readRows(listed, named)).toEqual([{ id: 1, name: 'one' }]);
    // Another connection's migration: SQLite prepares both statements again on their next run.
    sqlite.exec("alter table item drop column name; alter table item add column name text default 'new'");
    sqlite.exec('alter table item add column extra integer default 7');
    expect(readRows(star, all)).toEqual([{ id: 1, name: 'new', extra: 7 }]);
    expect(readRows(listed, named)).toEqual([{ id: 1, name: 'new' }]);
    for (const compiled of [
      db.selectFrom('item').select(['item.id']).select(sql`1`.as('__proto__')).compile(),
      db.selectFrom('item as i').selectAll('i').compile(),
    ]) {
      const { ours, theirs } = bothWays(sqlite, compiled);
      expect(ours).toEqual(theirs);
    }
  });
});
