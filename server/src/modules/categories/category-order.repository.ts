import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema';

type Db = Kysely<DB> | Transaction<DB>;

/** The step between neighbours, so that one category can later be placed between two others by hand. */
const STEP = 10;

export async function categoryCodes(db: Db): Promise<string[]> {
  return (await db.selectFrom('category').select('code').execute()).map((r) => r.code);
}

/** Numbers the categories in this order: the first shown first. */
export async function setCategoryOrder(db: Db, codes: readonly string[], at: string): Promise<void> {
  for (const [index, code] of codes.entries()) {
    await db
      .updateTable('category')
      .set({ sort_order: (index + 1) * STEP, updated_at: at })
      .where('code', '=', code)
      .execute();
  }
}
