import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// 集体访 is counted from five people (shared/figures COLLECTIVE_MIN_PEOPLE): a group of two to four
// stays recorded (the petition's headcount and representatives) but is no longer counted as
// collective. Its `collective` and `collective_people` facts are taken out, and out of the daily
// and monthly rollups. Nothing else a petition counts depends on its headcount.
const MIN_PEOPLE = 5;
const METRICS = ['collective', 'collective_people'];

interface Fact {
  petition_id: string;
  metric: string;
  day: string;
  unit_id: string;
  value: number;
}

export async function up(db: Kysely<any>): Promise<void> {
  const small = db
    .selectFrom('figure_fact')
    .select('petition_id')
    .where('metric', '=', 'collective_people')
    .where('value', '<', MIN_PEOPLE);
  const facts = (await db
    .selectFrom('figure_fact')
    .select(['petition_id', 'metric', 'day', 'unit_id', 'value'])
    .where('metric', 'in', METRICS)
    .where('petition_id', 'in', small)
    .execute()) as Fact[];
  await shiftRollups(db, facts, -1);
  const ids = [...new Set(facts.map((f) => f.petition_id))];
  for (let i = 0; i < ids.length; i += BATCH)
    await db
      .deleteFrom('figure_fact')
      .where('metric', 'in', METRICS)
      .where('petition_id', 'in', ids.slice(i, i + BATCH))
      .execute();
}

// Counted again as before: on the day and for the unit of the petition's `received` fact.
export async function down(db: Kysely<any>): Promise<void> {
  const groups = (await db
    .selectFrom('petition as p')
    .innerJoin('figure_fact as f', 'f.petition_id', 'p.id')
    .select(['p.id', 'p.headcount', 'f.day', 'f.unit_id'])
    .where('f.metric', '=', 'received')
    .where('p.headcount', '<', MIN_PEOPLE)
    .execute()) as { id: string; headcount: number; day: string; unit_id: string }[];
  const facts = groups.flatMap((g): Fact[] => [
    { petition_id: g.id, metric: 'collective', day: g.day, unit_id: g.unit_id, value: 1 },
    {
      petition_id: g.id,
      metric: 'collective_people',
      day: g.day,
      unit_id: g.unit_id,
      value: Number(g.headcount),
    },
  ]);
  for (let i = 0; i < facts.length; i += BATCH)
    await db
      .insertInto('figure_fact')
      .values(facts.slice(i, i + BATCH))
      .execute();
  await shiftRollups(db, facts, 1);
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
