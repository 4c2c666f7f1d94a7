import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// Risk screening (#15, 矛盾纠纷排查): the disputes units register, graded A/B/C and tracked to
// closure, and each unit's weekly report — its new items or "nothing to report" (零报告).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('screening_item')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('unit_id', 'varchar(26)', (c) => c.notNull())
    // The ISO week it was registered in (`2026-W49`).
    .addColumn('period', 'varchar(8)', (c) => c.notNull())
    .addColumn('subject', 'varchar(200)', (c) => c.notNull())
    // Who is involved, described (a group, a team), and how many: never a list of names.
    .addColumn('involved', 'varchar(200)', (c) => c.notNull())
    .addColumn('headcount', 'integer', (c) => c.notNull())
    // A most urgent or largest, C least.
    .addColumn('grade', 'varchar(1)', (c) => c.notNull())
    .addColumn('responsible', 'varchar(64)', (c) => c.notNull())
    .addColumn('measures', 'text', (c) => c.notNull())
    .addColumn('deadline', 'varchar(10)', (c) => c.notNull())
    .addColumn('status', 'varchar(8)', (c) => c.notNull())
    .addColumn('closing_note', 'text')
    .addColumn('closed_at', 'varchar(32)')
    .addColumn('reported_by', 'varchar(26)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('screening_item_unit')
    .on('screening_item')
    .columns(['unit_id', 'period'])
    .execute();

  await db.schema
    .createTable('screening_report')
    .addColumn('unit_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('period', 'varchar(8)', (c) => c.notNull())
    // 1: nothing to report (零报告).
    .addColumn('nil', 'integer', (c) => c.notNull())
    .addColumn('item_count', 'integer', (c) => c.notNull())
    // 1: reported after the day it was due.
    .addColumn('late', 'integer', (c) => c.notNull())
    .addColumn('reported_by', 'varchar(26)', (c) => c.notNull())
    .addColumn('reported_at', 'varchar(32)', (c) => c.notNull())
    // One report per unit per week: a retried report is refused, never counted twice.
    .addPrimaryKeyConstraint('screening_report_pk', ['unit_id', 'period'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('screening_report').execute();
  await db.schema.dropTable('screening_item').execute();
}
