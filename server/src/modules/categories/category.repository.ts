import type { Category } from '@xinfang/shared/schemas/petitions';
import type { Kysely, Transaction } from 'kysely';
import { dialectOf } from '../../db/dialect';
import type { DB } from '../../db/schema';

type Db = Kysely<DB> | Transaction<DB>;

export interface CategoryValues {
  name: string;
  hint?: string | null;
  sort_order?: number;
  active?: number;
  updated_at: string;
}

function selectCategories(db: Db) {
  return db.selectFrom('category').select(['code', 'name', 'hint', 'sort_order', 'active']);
}

function toCategory(row: {
  code: string;
  name: string;
  hint: string | null;
  sort_order: number;
  active: number;
}): Category {
  return {
    code: row.code,
    name: row.name,
    hint: row.hint,
    sortOrder: row.sort_order,
    active: row.active === 1,
  };
}

/** The categories in their order: those in use, or all of them. */
export async function listCategories(db: Db, options: { all: boolean }): Promise<Category[]> {
  const query = options.all ? selectCategories(db) : selectCategories(db).where('active', '=', 1);
  return (await query.orderBy('sort_order').orderBy('code').execute()).map(toCategory);
}

export async function findCategory(db: Db, code: string): Promise<Category | null> {
  const row = await selectCategories(db).where('code', '=', code).executeTakeFirst();
  return row ? toCategory(row) : null;
}

/** Creates the category or changes it; answers whether it existed. */
export async function saveCategory(
  trx: Transaction<DB>,
  code: string,
  values: CategoryValues,
): Promise<boolean> {
  const existing = await trx
    .selectFrom('category')
    .select('code')
    .where('code', '=', code)
    .executeTakeFirst();
  if (existing) await trx.updateTable('category').set(values).where('code', '=', code).execute();
  else
    await trx
      .insertInto('category')
      .values({ code, created_at: values.updated_at, ...values })
      .execute();
  return Boolean(existing);
}

/**
 * The codes of the categories in use other than `code`. On MySQL every category in use is locked
 * until the commit, in code order (a locking read sees what others committed): two retirements at
 * once wait for each other, and the second sees the first.
 */
export async function lockOtherActiveCategories(trx: Transaction<DB>, code: string): Promise<string[]> {
  const query = trx.selectFrom('category').select('code').where('active', '=', 1).orderBy('code');
  const rows = await (dialectOf(trx) === 'mysql' ? query.forUpdate() : query).execute();
  return rows.map((r) => r.code).filter((c) => c !== code);
}
