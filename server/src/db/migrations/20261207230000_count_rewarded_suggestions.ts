import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// Art 29: a suggestion whose petitioner was rewarded is counted as a figure fact, `rewarded`, on
// the Beijing day of its first reward and for the petition's figure unit, so the reports read it
// from the rollups with every other count instead of scanning every event of every year (an audit
// timed the scan at 0.7 s on a year of 100,000 petitions). The rewards recorded so far are counted
// here, once a petition, for the unit and into the rollups of its `received` fact (a petition's
// facts all share one unit).
const METRIC = 'rewarded';
const BEIJING = 8 * 3600_000;

interface Fact {
  petition_id: string;
  metric: string;
  day: string;
  unit_id: string;
  value: number;
}

export async function up(db: Kysely<any>): Promise<void> {
  const rewards = (await db
    .selectFrom('petition_event as e')
    .innerJoin('figure_fact as f', (join) =>
      join.onRef('f.petition_id', '=', 'e.petition_id').on('f.metric', '=', 'received'),
    )
    .select(['e.petition_id', 'e.at', 'f.unit_id'])
    .where('e.type', '=', 'suggestion_rewarded')
    .execute()) as { petition_id: string; at: string; unit_id: string }[];
  const first = new Map<string, Fact>();
  for (const r of rewards) {
    const day = new Date(Date.parse(r.at) + BEIJING).toISOString().slice(0, 10);
    const seen = first.get(r.petition_id);
    if (!seen || day < seen.day)
      first.set(r.petition_id, {
        petition_id: r.petition_id,
        metric: METRIC,
        day,
        unit_id: r.unit_id,
        value: 1,
      });
  }
  const facts = [...first.values()];
  for (let i = 0; i < facts.length; i += BATCH)
    await db
      .insertInto('figure_fact')
      .values(facts.slice(i, i + BATCH))
      .execute();
  await shiftRollups(db, facts, 1);
}

export async function down(db: Kysely<any>): Promise<void> {
  const facts = (await db
    .selectFrom('figure_fact')
    .select(['petition_id', 'metric', 'day', 'unit_id', 'value'])
    .where('metric', '=', METRIC)
    .execute()) as Fact[];
  await shiftRollups(db, facts, -1);
  await db.deleteFrom('figure_fact').where('metric', '=', METRIC).execute();
}

/** Rows per statement, far inside both databases' placeholder limits. */
const BATCH = 500;

/** Adds (`sign` 1) or takes out (-1) the facts' values in both rollups, undivided by channel. */
async function shiftRollups(db: Kysely<any>, facts: readonly Fact[], sign: 1 | -1): Promise<void> {
  const sums = new Map<string, { table: string; period: string; key: string[]; delta: number }>();
  for (const f of facts) {
    for (const [table, period, at] of [
      ['figure_rollup', 'day', f.day],
      ['figure_rollup_month', 'month', f.day.slice(0, 7)],
    ] as const) {
      const key = [f.metric, at, f.unit_id];
      const id = [table, ...key].join('\u0000');
      const sum = sums.get(id) ?? { table, period, key, delta: 0 };
      sum.delta += sign * Number(f.value);
      sums.set(id, sum);
    }
  }
  for (const { table, period, key, delta } of sums.values()) {
    const [metric, at, unitId] = key as [string, string, string];
    const where = { metric, [period]: at, unit_id: unitId, channel: '', kind: '', category_code: '' };
    const updated = await db
      .updateTable(table)
      .set((eb) => ({ value: eb('value', '+', delta) }))
      .where((eb) => eb.and(where))
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0)
      await db
        .insertInto(table)
        .values({ ...where, value: delta })
        .execute();
  }
}
