import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// Visits are counted as the field counts them (shared/figures facts.ts):
// - 集体访 is a visit (走访) of five people or more: a joint letter (联名信), a call, a fax, an
//   e-mail or an online petition that gives a headcount keeps it recorded but is no longer
//   counted as collective. Their `collective` and `collective_people` facts are taken out.
// - 越级访 (`level_skipping`) is a visit to a desk more than one level above the unit it is about
//   (not an accusation handed up from inside the accused unit, Art 30); the Art 19 ¶3 declines
//   (pending below) it counted until now keep their own count, `declined_pending_below`.
// Each fact moves the daily and monthly rollups with it (these metrics are kept undivided by
// channel, kind and category), on the day and for the unit of the petition's `received` fact.
const COLLECTIVE = ['collective', 'collective_people'];
const MIN_PEOPLE = 5;
const SKIPPING = 'level_skipping';
const DECLINED = 'declined_pending_below';
const FACT_TABLES = ['figure_fact', 'figure_rollup', 'figure_rollup_month'];

interface Fact {
  petition_id: string;
  metric: string;
  day: string;
  unit_id: string;
  value: number;
}

export async function up(db: Kysely<any>): Promise<void> {
  const notVisits = db.selectFrom('petition').select('id').where('channel', '<>', 'visit');
  const collective = (await db
    .selectFrom('figure_fact')
    .select(['petition_id', 'metric', 'day', 'unit_id', 'value'])
    .where('metric', 'in', COLLECTIVE)
    .where('petition_id', 'in', notVisits)
    .execute()) as Fact[];
  await shiftRollups(db, collective, -1);
  const ids = [...new Set(collective.map((f) => f.petition_id))];
  for (let i = 0; i < ids.length; i += BATCH)
    await db
      .deleteFrom('figure_fact')
      .where('metric', 'in', COLLECTIVE)
      .where('petition_id', 'in', ids.slice(i, i + BATCH))
      .execute();

  for (const table of FACT_TABLES)
    await db.updateTable(table).set({ metric: DECLINED }).where('metric', '=', SKIPPING).execute();
  const skipping = await skippingVisits(db);
  await insertFacts(db, skipping);
  await shiftRollups(db, skipping, 1);
}

// Counted again as before: the headcount of any channel from five people, and 越级 the declines.
export async function down(db: Kysely<any>): Promise<void> {
  // Every `level_skipping` row now is a visit counted by the new rule.
  for (const table of FACT_TABLES) await db.deleteFrom(table).where('metric', '=', SKIPPING).execute();
  for (const table of FACT_TABLES)
    await db.updateTable(table).set({ metric: SKIPPING }).where('metric', '=', DECLINED).execute();

  const groups = (await db
    .selectFrom('petition as p')
    .innerJoin('figure_fact as f', 'f.petition_id', 'p.id')
    .select(['p.id', 'p.headcount', 'f.day', 'f.unit_id'])
    .where('f.metric', '=', 'received')
    .where('p.channel', '<>', 'visit')
    .where('p.headcount', '>=', MIN_PEOPLE)
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
  await insertFacts(db, facts);
  await shiftRollups(db, facts, 1);
}

/** Rows per statement, far inside both databases' placeholder limits. */
const BATCH = 500;

interface UnitRef {
  id: string;
  path: string[];
}

/**
 * The visits that skipped a level, as `level_skipping` facts: read a batch at a time from each
 * visit's lifecycle (the units as the figures read them) and its registration and naming events.
 */
async function skippingVisits(db: Kysely<any>): Promise<Fact[]> {
  const facts: Fact[] = [];
  let after = '';
  for (;;) {
    const rows = (await db
      .selectFrom('petition')
      .select(['id', 'lifecycle'])
      .where('channel', '=', 'visit')
      .where('concerned_unit_id', 'is not', null)
      .where('id', '>', after)
      .orderBy('id')
      .limit(BATCH)
      .execute()) as { id: string; lifecycle: string }[];
    if (rows.length === 0) return facts;
    after = rows.at(-1)?.id ?? after;
    const ids = rows.map((r) => r.id);
    const events = (await db
      .selectFrom('petition_event')
      .select(['petition_id', 'type', 'data'])
      .where('petition_id', 'in', ids)
      .where('type', 'in', ['registered', 'concerned_unit_set'])
      .execute()) as { petition_id: string; type: string; data: string }[];
    const handedUp = new Set(
      events
        .filter((e) => {
          const data = JSON.parse(e.data) as { handedUpFrom?: string; handedUpTo?: string };
          return e.type === 'registered' ? data.handedUpFrom !== undefined : data.handedUpTo !== undefined;
        })
        .map((e) => e.petition_id),
    );
    const skipped = rows
      .filter((r) => {
        const { receiving, concerned } = (
          JSON.parse(r.lifecycle) as { units: Record<string, UnitRef | null> }
        ).units;
        if (!receiving || !concerned?.path.includes(receiving.id) || handedUp.has(r.id)) return false;
        return concerned.path.length - receiving.path.length > 1;
      })
      .map((r) => r.id);
    if (skipped.length === 0) continue;
    const received = (await db
      .selectFrom('figure_fact')
      .select(['petition_id', 'day', 'unit_id'])
      .where('metric', '=', 'received')
      .where('petition_id', 'in', skipped)
      .execute()) as { petition_id: string; day: string; unit_id: string }[];
    for (const r of received) facts.push({ ...r, metric: SKIPPING, value: 1 });
  }
}

async function insertFacts(db: Kysely<any>, facts: readonly Fact[]): Promise<void> {
  for (let i = 0; i < facts.length; i += BATCH)
    await db
      .insertInto('figure_fact')
      .values(facts.slice(i, i + BATCH))
      .execute();
}

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
