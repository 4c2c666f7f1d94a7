import { DummyDriver, Kysely, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { tableOf } from './statement-table';

interface Tables {
  a: { id: number; n: number };
  b: { id: number };
}

const db = new Kysely<Tables>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new SqliteIntrospector(k),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
});

describe('the table of a statement', () => {
  it('is the one a statement writes, or the one a plain SELECT reads', () => {
    expect(tableOf(db.selectFrom('a').select('n').where('id', '=', 1).compile().query)).toBe('a');
    expect(tableOf(db.insertInto('a').values({ id: 1, n: 0 }).compile().query)).toBe('a');
    expect(tableOf(db.updateTable('a').set({ n: 1 }).compile().query)).toBe('a');
    expect(tableOf(db.deleteFrom('a').where('id', '=', 1).compile().query)).toBe('a');
  });

  it('is none for a join, a second table, an alias or raw SQL', () => {
    expect(tableOf(db.selectFrom('a').innerJoin('b', 'b.id', 'a.id').select('n').compile().query)).toBeNull();
    expect(tableOf(db.selectFrom(['a', 'b']).select('n').compile().query)).toBeNull();
    expect(tableOf(db.selectFrom('a as x').select('x.n').compile().query)).toBeNull();
    expect(tableOf(db.updateTable('a').from('b').set({ n: 1 }).compile().query)).toBeNull();
    expect(tableOf(sql`update a set n = 1`.compile(db).query)).toBeNull();
  });
});
