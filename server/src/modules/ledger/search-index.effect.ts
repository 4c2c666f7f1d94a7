import type { Petition } from '@xinfang/shared/lifecycle';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { indexTerms } from './search-index';
import { termsOf } from './terms';

/** What the search index reads of a lifecycle change: whether the petition is new. */
export interface IndexableChange {
  before: Petition | null;
  after: Petition;
}

/**
 * The search-index effect of the one write path: a new petition's number, title and content go
 * into the ledger's term index in its creating transaction. They never change afterwards, so
 * later changes leave the index alone.
 */
export async function indexNewPetition(trx: Transaction<DB>, change: IndexableChange): Promise<void> {
  if (change.before !== null) return;
  const row = await trx
    .selectFrom('petition')
    .select(['number', 'title', 'content'])
    .where('id', '=', change.after.id)
    .executeTakeFirst();
  if (!row) return;
  await indexTerms(trx, change.after.id, termsOf(`${row.number}\n${row.title}\n${row.content}`));
}
