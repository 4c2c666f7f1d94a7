import SQLite from 'better-sqlite3';
import { Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { prepared, preparedBy, rowInserter } from './prepared';
import type { DB } from './schema';
import { CachingSqliteDialect } from './sqlite-driver';

let db: Kysely<DB>;
afterEach(() => db?.destroy());

async function open() {
  db = new Kysely<DB>({
    dialect: new CachingSqliteDialect({ writer: new SQLite(':memory:'), reader: null }),
  });
  await db.schema
    .createTable('category')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text')
    .addColumn('hint', 'text')
    .addColumn('sort_order', 'integer', (c) => c.defaultTo(0))
    .addColumn('active', 'integer', (c) => c.defaultTo(1))
    .addColumn('created_at', 'text')
    .addColumn('updated_at', 'text')
    .execute();
  return db;
}

const row = (code: string, active = 1) => ({
  code,
  name: `分类${code}`,
  hint: null,
  sort_order: 0,
  active,
  created_at: 'now',
  updated_at: 'now',
});

describe('prepared statements', () => {
  it('run as Kysely would, with each call’s own values', async () => {
    const db = await open();
    const insert = rowInserter('category');
    await insert(db, [row('a'), row('b', 0)]);
    await insert(db, [row('c')]);
    const active = prepared((db, code: string, active: number) =>
      db
        .selectFrom('category')
        .select(['code', 'name'])
        .where('code', '=', code)
        .where('active', '=', active),
    );
    expect((await active(db, 'a', 1)).rows).toEqual([{ code: 'a', name: '分类a' }]);
    expect((await active(db, 'b', 1)).rows).toEqual([]);
    expect((await active(db, 'b', 0)).rows).toEqual([{ code: 'b', name: '分类b' }]);
  });

  it('take a list’s length into their shape', async () => {
    const db = await open();
    await rowInserter('category')(db, [row('a'), row('b'), row('c')]);
    const some = preparedBy(
      (codes: string[]) => String(codes.length),
      (db, codes) => db.selectFrom('category').select('code').where('code', 'in', codes).orderBy('code'),
    );
    expect((await some(db, ['a', 'c'])).rows.map((r) => r.code)).toEqual(['a', 'c']);
    expect((await some(db, ['b'])).rows.map((r) => r.code)).toEqual(['b']);
    expect((await some(db, ['c', 'b'])).rows.map((r) => r.code)).toEqual(['b', 'c']);
  });

  it('refuse a statement that does not pass an argument as a value', async () => {
    const db = await open();
    const wrong = prepared((db, _code: string) => db.selectFrom('category').select('code'));
    await expect(wrong(db, 'a')).rejects.toThrow('must pass every argument as a value');
  });
});
