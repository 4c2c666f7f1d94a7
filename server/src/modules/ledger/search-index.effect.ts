import type { Petition } from '@xinfang/shared/lifecycle';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { indexTerms } from './search-index';
import { termsOf } from './terms';

/** What the search index reads of a lifecycle change: a new petition's number and text. */
export interface IndexableChange {
  before: Petition | null;
  after: Petition;
  facts: { number: string };
  /** The new petition's title and content, as written; null for a change to an existing one. */
  text: { title: string; content: string } | null;
}

/**
 * The search-index effect of the one write path: a new petition's number, title and content go
 * into the ledger's term index in its creating transaction. They never change afterwards, so
 * later changes leave the index alone.
 */
export async function indexNewPetition(trx: Transaction<DB>, change: IndexableChange): Promise<void> {
  if (change.before !== null || change.text === null) return;
  const { title, content } = change.text;
  await indexTerms(trx, change.after.id, termsOf(`${change.facts.number}\n${title}\n${content}`));
}
