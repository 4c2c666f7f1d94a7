import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// Background jobs across several instances (#18): one row per job and period is the claim that
// lets exactly one instance run it (the primary key decides), records who ran it and when, and
// carries a lease (`expires_at`) so that a run whose instance died is taken over.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('job_run')
    .addColumn('job', 'varchar(32)', (c) => c.notNull())
    // The period's start, an ISO instant: the hour of an hourly job, the day of a daily one.
    .addColumn('period', 'varchar(32)', (c) => c.notNull())
    .addColumn('holder', 'varchar(96)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('started_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('finished_at', 'varchar(32)')
    .addPrimaryKeyConstraint('job_run_pk', ['job', 'period'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('job_run').execute();
}
