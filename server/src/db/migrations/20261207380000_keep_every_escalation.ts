import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// Escalation steps are kept, one row per clock run, level and due date, rather than a yellow row
// moved to each new due date: the record shows who was warned of which date, and when (Art 40).
// A red raised on a due date counted without the year's holiday notice, which the notice then
// moved later, is marked withdrawn (`withdrawn_at`), never deleted. The unique key takes in the
// due date; SQLite alters no constraint, so the table is copied into one of the new shape.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('escalation_kept')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('petition_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('clock_key', 'varchar(120)', (c) => c.notNull())
    .addColumn('clock_name', 'varchar(32)', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('flag', 'varchar(8)', (c) => c.notNull())
    .addColumn('unit_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('due_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('reached_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('withdrawn_at', 'varchar(32)')
    // A second run, or a second server, inserts nothing: each level of a clock run is reached
    // once for each due date.
    .addUniqueConstraint('escalation_due_unique', ['petition_id', 'clock_key', 'level', 'due_date'])
    .execute();
  await db
    .insertInto('escalation_kept')
    .columns(COLUMNS)
    .expression(db.selectFrom('escalation').select(COLUMNS))
    .execute();
  await db.schema.dropTable('escalation').execute();
  await db.schema.alterTable('escalation_kept').renameTo('escalation').execute();
  await db.schema
    .createIndex('escalation_unit')
    .on('escalation')
    .columns(['unit_id', 'reached_at'])
    .execute();
}

/** Back to one row per clock run and level: its latest due date, withdrawn rows left out. */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('escalation_old')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('petition_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('clock_key', 'varchar(120)', (c) => c.notNull())
    .addColumn('clock_name', 'varchar(32)', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('flag', 'varchar(8)', (c) => c.notNull())
    .addColumn('unit_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('due_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('reached_at', 'varchar(32)', (c) => c.notNull())
    .addUniqueConstraint('escalation_step_unique', ['petition_id', 'clock_key', 'level'])
    .execute();
  await db
    .insertInto('escalation_old')
    .columns(COLUMNS)
    .expression(
      db
        .selectFrom('escalation as e')
        .select(COLUMNS.map((c) => `e.${c}` as const))
        .where('e.withdrawn_at', 'is', null)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('escalation as later')
                .select('later.id')
                .whereRef('later.petition_id', '=', 'e.petition_id')
                .whereRef('later.clock_key', '=', 'e.clock_key')
                .whereRef('later.level', '=', 'e.level')
                .whereRef('later.due_date', '>', 'e.due_date')
                .where('later.withdrawn_at', 'is', null),
            ),
          ),
        ),
    )
    .execute();
  await db.schema.dropTable('escalation').execute();
  await db.schema.alterTable('escalation_old').renameTo('escalation').execute();
  await db.schema
    .createIndex('escalation_unit')
    .on('escalation')
    .columns(['unit_id', 'reached_at'])
    .execute();
}

const COLUMNS = [
  'id',
  'petition_id',
  'clock_key',
  'clock_name',
  'level',
  'flag',
  'unit_id',
  'due_date',
  'reached_at',
] as const;
