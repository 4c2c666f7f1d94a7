import type { Calendar } from '@xinfang/shared/clocks';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { indexedAmong } from '../ledger/search-index';
import { indexNewPetition } from '../ledger/search-index.effect';
import { hydrate } from '../petitions/petition.repository';
import { countPetitionById } from './figures.effect';

const BATCH = 200;

/**
 * Brings every petition's counts and search terms up to date — for a database that had petitions
 * before the figures existed (the write path keeps them from then on). Safe to run again: the
 * counts are compared with what is stored, and terms are written only for petitions without any.
 */
export async function rebuildFigures(db: Kysely<DB>, calendar: Calendar): Promise<number> {
  let after = '';
  let done = 0;
  for (;;) {
    const rows = await db
      .selectFrom('petition')
      .selectAll()
      .where('id', '>', after)
      .orderBy('id')
      .limit(BATCH)
      .execute();
    if (rows.length === 0) return done;
    after = rows.at(-1)?.id ?? after;
    const indexed = await indexedAmong(
      db,
      rows.map((r) => r.id),
    );
    for (const { petition, row } of await hydrate(db, rows)) {
      await db.transaction().execute(async (trx) => {
        // Counted as it stands in the transaction, not as read above: a change may have come since.
        await countPetitionById(trx, petition.id, calendar);
        if (!indexed.has(petition.id))
          await indexNewPetition(trx, { before: null, after: petition, facts: row, text: row });
      });
    }
    done += rows.length;
  }
}
