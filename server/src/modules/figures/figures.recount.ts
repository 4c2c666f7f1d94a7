import type { Calendar } from '@xinfang/shared/clocks';
import { figureFactsOf } from '@xinfang/shared/figures';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { hydrate } from '../petitions/petition.repository';
import { isRepeat, rollupKey, suggestionsOf } from './figure.repository';

const BATCH = 500;

/**
 * The rollups counted afresh from the petitions and their events, in batches — what the figures
 * effect must have kept them at. For the property tests that hold the effect to it, and for
 * rebuilding the rollups of a database that had petitions before the figures existed.
 */
export async function recountRollups(db: Kysely<DB>, calendar: Calendar): Promise<Map<string, number>> {
  const sums = new Map<string, number>();
  let after = '';
  for (;;) {
    const rows = await db
      .selectFrom('petition')
      .selectAll()
      .where('id', '>', after)
      .orderBy('id')
      .limit(BATCH)
      .execute();
    if (rows.length === 0) break;
    after = rows.at(-1)?.id ?? after;
    for (const { row, petition } of await hydrate(db, rows)) {
      const repeat = await isRepeat(db, row.id, row.received_at);
      const suggestions = await suggestionsOf(db, row.id);
      for (const fact of figureFactsOf(petition, { repeat, suggestions }, calendar)) {
        const key = rollupKey({
          metric: fact.metric,
          day: fact.day,
          unitId: fact.unitId,
          channel: row.channel,
          kind: row.kind,
          categoryCode: row.category_code,
        });
        sums.set(key, (sums.get(key) ?? 0) + fact.value);
      }
    }
  }
  return sums;
}

/** The rollups as stored, without the keys whose sum came back to zero. */
export async function storedRollups(db: Kysely<DB>): Promise<Map<string, number>> {
  const rows = await db.selectFrom('figure_rollup').selectAll().where('value', '<>', 0).execute();
  return new Map(
    rows.map((r) => [
      rollupKey({
        metric: r.metric,
        day: r.day,
        unitId: r.unit_id,
        channel: r.channel,
        kind: r.kind,
        categoryCode: r.category_code,
      }),
      Number(r.value),
    ]),
  );
}
