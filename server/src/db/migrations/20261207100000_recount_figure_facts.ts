import { type CalendarYear, createCalendar } from '@xinfang/shared/clocks';
import { type FigureFact, figureFactsOf, type SuggestionFact } from '@xinfang/shared/figures';
import type { Petition } from '@xinfang/shared/lifecycle';
import type { Kysely } from 'kysely';
import { type EventRow, eventOf } from '../../modules/petitions/event-row';

// Frozen: never edit after it has landed; add a new migration instead.
// The figures count by new rules: every answer a stage owes and gives (a case handled again keeps
// its first answer, late or not, and its rating, and counts the second on its own days); a limit
// that ran out before the case ended another way stays owed; triage and the written notice are
// owed on their 15th day, decided or not; 化解 is the last answer rated satisfied, also after
// re-examination; and 越级, 转送 and 交办 are counted. A petition may now count a metric on several
// days, so `figure_fact` is keyed by petition, metric and day, and every petition's facts and both
// rollups are counted again here by the rules the server runs (shared/figures), with the shipped
// calendar years and those uploaded. A server given extra years in CALENDAR_FILE runs
// `figures:rebuild` after it, which corrects what those years move.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('figure_fact').execute();
  await createFactTable(db, ['petition_id', 'metric', 'day']);
  await db.deleteFrom('figure_rollup').execute();
  await db.deleteFrom('figure_rollup_month').execute();
  await recount(db);
}

// The code before counts one fact per metric: the facts and rollups are emptied, and its figures'
// rebuild (figures.rebuild-cli.ts) counts them afresh by its own rules.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('figure_fact').execute();
  await createFactTable(db, ['petition_id', 'metric']);
  await db.deleteFrom('figure_rollup').execute();
  await db.deleteFrom('figure_rollup_month').execute();
}

async function createFactTable(db: Kysely<any>, key: string[]): Promise<void> {
  await db.schema
    .createTable('figure_fact')
    .addColumn('petition_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('metric', 'varchar(32)', (c) => c.notNull())
    .addColumn('day', 'varchar(10)', (c) => c.notNull())
    .addColumn('unit_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('value', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('figure_fact_pk', key as never)
    .execute();
  await db.schema
    .createIndex('figure_fact_day')
    .on('figure_fact')
    .columns(['metric', 'day', 'petition_id'])
    .execute();
}

const BATCH = 500;
/** Rows per INSERT: five or seven values each, far inside both databases' placeholder limits. */
const ROWS = 500;

interface PetitionRow {
  id: string;
  lifecycle: string;
  channel: string;
  kind: string;
  category_code: string;
  received_at: string;
}

interface RollupRow {
  metric: string;
  unit_id: string;
  channel: string;
  kind: string;
  category_code: string;
  value: number;
}

async function recount(db: Kysely<any>): Promise<void> {
  const calendar = createCalendar(await uploadedYears(db));
  const days = new Map<string, RollupRow & { day: string }>();
  const months = new Map<string, RollupRow & { month: string }>();
  let after = '';
  for (;;) {
    const rows = (await db
      .selectFrom('petition')
      .select(['id', 'lifecycle', 'channel', 'kind', 'category_code', 'received_at'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(BATCH)
      .execute()) as PetitionRow[];
    if (rows.length === 0) break;
    after = (rows.at(-1) as PetitionRow).id;
    const ids = rows.map((r) => r.id);
    const [eventsOf, repeats, suggestionsOf] = await Promise.all([
      eventsByPetition(db, ids),
      repeatsAmong(db, ids),
      suggestionsByPetition(db, ids),
    ]);
    const facts: object[] = [];
    for (const row of rows) {
      const petition = JSON.parse(row.lifecycle) as Petition;
      petition.events = (eventsOf.get(row.id) ?? []).map(eventOf);
      const counted = figureFactsOf(
        petition,
        { repeat: repeats.has(row.id), suggestions: suggestionsOf.get(row.id) ?? [] },
        calendar,
      );
      for (const fact of counted) {
        facts.push({
          petition_id: row.id,
          metric: fact.metric,
          day: fact.day,
          unit_id: fact.unitId,
          value: fact.value,
        });
        addUp(days, months, fact, row);
      }
    }
    await insertChunks(db, 'figure_fact', facts);
  }
  await insertChunks(db, 'figure_rollup', [...days.values()]);
  await insertChunks(db, 'figure_rollup_month', [...months.values()]);
}

/** Sums a fact into the daily and monthly rollups (`received` alone by channel, kind, category). */
function addUp(
  days: Map<string, RollupRow & { day: string }>,
  months: Map<string, RollupRow & { month: string }>,
  fact: FigureFact,
  row: PetitionRow,
): void {
  const divided = fact.metric === 'received';
  const base = {
    metric: fact.metric,
    unit_id: fact.unitId,
    channel: divided ? row.channel : '',
    kind: divided ? row.kind : '',
    category_code: divided ? row.category_code : '',
  };
  const rest = [base.metric, base.unit_id, base.channel, base.kind, base.category_code];
  const dayKey = [fact.day, ...rest].join('\u0000');
  const day = days.get(dayKey);
  if (day) day.value += fact.value;
  else days.set(dayKey, { ...base, day: fact.day, value: fact.value });
  const month = fact.day.slice(0, 7);
  const monthKey = [month, ...rest].join('\u0000');
  const summed = months.get(monthKey);
  if (summed) summed.value += fact.value;
  else months.set(monthKey, { ...base, month, value: fact.value });
}

async function insertChunks(db: Kysely<any>, table: string, rows: readonly object[]) {
  for (let i = 0; i < rows.length; i += ROWS)
    await db
      .insertInto(table)
      .values(rows.slice(i, i + ROWS))
      .execute();
}

/** The uploaded calendar years; a malformed one is left out, as the server leaves it out. */
async function uploadedYears(db: Kysely<any>): Promise<CalendarYear[]> {
  const rows = (await db.selectFrom('calendar_year').select(['year', 'data']).orderBy('year').execute()) as {
    year: number;
    data: string;
  }[];
  const years: CalendarYear[] = [];
  for (const row of rows) {
    const year = { year: Number(row.year), ...(JSON.parse(row.data) as Omit<CalendarYear, 'year'>) };
    try {
      createCalendar([year]);
      years.push(year);
    } catch {
      // The server logs and ignores it too (plugins/calendar.ts).
    }
  }
  return years;
}

async function eventsByPetition(db: Kysely<any>, ids: string[]): Promise<Map<string, EventRow[]>> {
  const events = (await db
    .selectFrom('petition_event')
    .select(['petition_id', 'type', 'at', 'actor_id', 'actor_role', 'visibility', 'stage', 'data'])
    .where('petition_id', 'in', ids)
    .orderBy('petition_id')
    .orderBy('seq')
    .execute()) as (EventRow & { petition_id: string })[];
  const byPetition = new Map<string, EventRow[]>();
  for (const event of events) {
    const list = byPetition.get(event.petition_id);
    if (list) list.push(event);
    else byPetition.set(event.petition_id, [event]);
  }
  return byPetition;
}

/** 重复信访: linked as the same matter to a petition received before it (earlier id on a tie). */
async function repeatsAmong(db: Kysely<any>, ids: string[]): Promise<Set<string>> {
  const rows = (await db
    .selectFrom('petition_link as l')
    .innerJoin('petition as p', 'p.id', 'l.petition_id')
    .innerJoin('petition as o', 'o.id', 'l.linked_id')
    .select('l.petition_id')
    .where('l.petition_id', 'in', ids)
    .where((eb) =>
      eb.or([
        eb('o.received_at', '<', eb.ref('p.received_at')),
        eb.and([eb('o.received_at', '=', eb.ref('p.received_at')), eb('o.id', '<', eb.ref('p.id'))]),
      ]),
    )
    .execute()) as { petition_id: string }[];
  return new Set(rows.map((r) => r.petition_id));
}

async function suggestionsByPetition(db: Kysely<any>, ids: string[]): Promise<Map<string, SuggestionFact[]>> {
  const rows = (await db
    .selectFrom('improvement_suggestion')
    .select(['petition_id', 'issued_at', 'adoption', 'decided_at'])
    .where('petition_id', 'in', ids)
    .execute()) as {
    petition_id: string;
    issued_at: string;
    adoption: SuggestionFact['adoption'];
    decided_at: string | null;
  }[];
  const byPetition = new Map<string, SuggestionFact[]>();
  for (const r of rows) {
    const list = byPetition.get(r.petition_id) ?? [];
    list.push({ issuedAt: r.issued_at, adoption: r.adoption, decidedAt: r.decided_at });
    byPetition.set(r.petition_id, list);
  }
  return byPetition;
}
