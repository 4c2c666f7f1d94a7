import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// The figures (issue 14): each petition's counts (`figure_fact`, one row per metric, kept by the
// write path's figures effect), and their sums per day, unit, channel, kind and category
// (`figure_rollup`), which the figures read instead of scanning petitions. Days are Beijing dates.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('figure_fact')
    .addColumn('petition_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('metric', 'varchar(32)', (c) => c.notNull())
    .addColumn('day', 'varchar(10)', (c) => c.notNull())
    .addColumn('unit_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('value', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('figure_fact_pk', ['petition_id', 'metric'])
    .execute();
  // The ledger behind a figure: one metric's petitions by day.
  await db.schema
    .createIndex('figure_fact_day')
    .on('figure_fact')
    .columns(['metric', 'day', 'petition_id'])
    .execute();

  await db.schema
    .createTable('figure_rollup')
    .addColumn('metric', 'varchar(32)', (c) => c.notNull())
    .addColumn('day', 'varchar(10)', (c) => c.notNull())
    .addColumn('unit_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('channel', 'varchar(16)', (c) => c.notNull())
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('category_code', 'varchar(32)', (c) => c.notNull())
    .addColumn('value', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('figure_rollup_pk', [
      'day',
      'unit_id',
      'metric',
      'channel',
      'kind',
      'category_code',
    ])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('figure_rollup').execute();
  await db.schema.dropTable('figure_fact').execute();
}
