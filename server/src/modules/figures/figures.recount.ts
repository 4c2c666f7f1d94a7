import type { Calendar } from '@xinfang/shared/clocks';
import { figureFactsOf } from '@xinfang/shared/figures';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { hydrate } from '../petitions/petition.repository';
import { isRepeat, rollupDimensions, rollupKey } from './figure.repository';

const BATCH = 500;

/**
 * The rollups counted afresh from the petitions and their events, in batches — what the figures
 * effect must have kept them at, daily and monthly (a month's key holds YYYY-MM where a day's holds
 * the date, so both fit one map). For the property tests that hold the effect to it, and for
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
      const dimensions = { channel: row.channel, kind: row.kind, categoryCode: row.category_code };
      for (const fact of figureFactsOf(petition, { repeat }, calendar)) {
        for (const day of [fact.day, fact.day.slice(0, 7)]) {
          const key = rollupKey({
            ...rollupDimensions(fact.metric, dimensions),
            metric: fact.metric,
            day,
            unitId: fact.unitId,
          });
          sums.set(key, (sums.get(key) ?? 0) + fact.value);
        }
      }
    }
  }
  return sums;
}

/** The daily and monthly rollups as stored, without the keys whose sum came back to zero. */
export async function storedRollups(db: Kysely<DB>): Promise<Map<string, number>> {
  const days = await db.selectFrom('figure_rollup').selectAll().where('value', '<>', 0).execute();
  const months = await db
    .selectFrom('figure_rollup_month')
    .select(['metric', 'month as day', 'unit_id', 'channel', 'kind', 'category_code', 'value'])
    .where('value', '<>', 0)
    .execute();
  return new Map(
    [...days, ...months].map((r) => [
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
