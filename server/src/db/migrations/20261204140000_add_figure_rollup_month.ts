import { type Kysely, sql } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// Figures at any volume (issue 14): a year of daily rollups broken down by channel, kind and
// category for every metric grew with the petitions (p95 180 ms at 100,000). From here only the
// `received` metric keeps those dimensions (the figures' breakdowns); every other metric is summed
// per day and unit alone, and `figure_rollup_month` holds the same sums per month, so a period of
// whole months reads a few rows per month and unit.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('figure_rollup_month')
    .addColumn('metric', 'varchar(32)', (c) => c.notNull())
    .addColumn('month', 'varchar(7)', (c) => c.notNull())
    .addColumn('unit_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('channel', 'varchar(16)', (c) => c.notNull())
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('category_code', 'varchar(32)', (c) => c.notNull())
    .addColumn('value', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('figure_rollup_month_pk', [
      'month',
      'unit_id',
      'metric',
      'channel',
      'kind',
      'category_code',
    ])
    .execute();

  // The other metrics' daily rows, summed over channel, kind and category, through a scratch table.
  await db.schema
    .createTable('figure_rollup_undivided')
    .addColumn('metric', 'varchar(32)', (c) => c.notNull())
    .addColumn('day', 'varchar(10)', (c) => c.notNull())
    .addColumn('unit_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('value', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('figure_rollup_undivided_pk', ['day', 'unit_id', 'metric'])
    .execute();
  await sql`insert into figure_rollup_undivided (metric, day, unit_id, value)
    select metric, day, unit_id, sum(value) from figure_rollup where metric <> 'received'
    group by metric, day, unit_id`.execute(db);
  await sql`delete from figure_rollup where metric <> 'received'`.execute(db);
  await sql`insert into figure_rollup (metric, day, unit_id, channel, kind, category_code, value)
    select metric, day, unit_id, '', '', '', value from figure_rollup_undivided`.execute(db);
  await db.schema.dropTable('figure_rollup_undivided').execute();

  await sql`insert into figure_rollup_month (metric, month, unit_id, channel, kind, category_code, value)
    select metric, substr(day, 1, 7), unit_id, channel, kind, category_code, sum(value) from figure_rollup
    group by metric, substr(day, 1, 7), unit_id, channel, kind, category_code`.execute(db);
}

// The other metrics' daily rows stay summed per unit: empty figure_fact and the rollups and run the
// figures' rebuild (figures.rebuild-cli.ts) to count them afresh.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('figure_rollup_month').execute();
}
