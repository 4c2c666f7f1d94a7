import { type Kysely, MysqlAdapter } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// Art 24 (五定, 协同): the person who answers for a case (承办人), as a column for his queue; and the
// parts a lead unit asks assisting units (协办) to answer, as a list beside the events that ask and
// answer them, for the assisting unit's inbox.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('petition').addColumn('handler_id', 'varchar(26)').execute();
  await db.schema
    .createIndex('petition_handler_due')
    .on('petition')
    .columns(['handler_id', 'next_due_at'])
    .execute();

  await db.schema
    .createTable('assist_part')
    .addColumn('petition_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('no', 'integer', (c) => c.notNull())
    // The assisting unit, which answers; the lead unit, which asked.
    .addColumn('unit_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('lead_unit_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('part', 'text', (c) => c.notNull())
    .addColumn('due_date', 'varchar(10)', (c) => c.notNull())
    // open, answered, or lapsed (the case left the lead unit or ended unanswered)
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('requested_by', 'varchar(26)', (c) => c.notNull())
    .addColumn('requested_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('answered_by', 'varchar(26)')
    .addColumn('answered_at', 'varchar(32)')
    // When the units were told the part is past its date (once: the reminder job claims it here).
    .addColumn('overdue_told_at', 'varchar(32)')
    .addPrimaryKeyConstraint('assist_part_pk', ['petition_id', 'no'])
    .execute();
  await db.schema
    .createIndex('assist_part_unit')
    .on('assist_part')
    .columns(['unit_id', 'status', 'due_date'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('assist_part').execute();
  const drop = db.schema.dropIndex('petition_handler_due');
  await (db.getExecutor().adapter instanceof MysqlAdapter ? drop.on('petition') : drop).execute();
  await db.schema.alterTable('petition').dropColumn('handler_id').execute();
}
