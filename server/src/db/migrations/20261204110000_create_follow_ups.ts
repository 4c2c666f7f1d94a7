import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// Aftercare (#15): the follow-up (回访) owed after a case concludes, with its outcome; the unit
// head's decision after an unsatisfied rating that cannot be appealed; the office's settings for
// both and for asking a forwarded case's organ (Art 22); and the case a reception booking became.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('follow_up')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    // One follow-up per conclusion: a case handled again and concluded again gets another.
    .addColumn('petition_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('concluded_seq', 'integer', (c) => c.notNull())
    // The handling unit, which follows up; its path for the subtree's lists.
    .addColumn('unit_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('unit_path', 'varchar(600)', (c) => c.notNull())
    .addColumn('due_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    // phone, visit, message — null while open.
    .addColumn('method', 'varchar(16)')
    .addColumn('followed_on', 'varchar(10)')
    .addColumn('petitioner_said', 'text')
    .addColumn('satisfied', 'integer')
    .addColumn('recorded_by', 'varchar(26)')
    .addColumn('recorded_at', 'varchar(32)')
    .addUniqueConstraint('follow_up_conclusion', ['petition_id', 'concluded_seq'])
    .execute();
  await db.schema.createIndex('follow_up_unit').on('follow_up').columns(['unit_path', 'due_date']).execute();

  await db.schema
    .createTable('rehandling_decision')
    // The `rated` event that asked for it.
    .addColumn('petition_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('rated_seq', 'integer', (c) => c.notNull())
    .addColumn('unit_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('unit_path', 'varchar(600)', (c) => c.notNull())
    .addColumn('rated_at', 'varchar(32)', (c) => c.notNull())
    // null while waiting; 1 handled again, 0 not.
    .addColumn('rehandle', 'integer')
    .addColumn('decided_by', 'varchar(26)')
    .addColumn('decided_at', 'varchar(32)')
    .addPrimaryKeyConstraint('rehandling_decision_pk', ['petition_id', 'rated_seq'])
    .execute();
  await db.schema
    .createIndex('rehandling_decision_unit')
    .on('rehandling_decision')
    .columns(['unit_path', 'rated_at'])
    .execute();

  // The office's numbers an administrator sets (a missing row: the default in code).
  await db.schema
    .createTable('office_setting')
    .addColumn('name', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('value', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'varchar(26)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();

  await db.schema.alterTable('reception_booking').addColumn('petition_id', 'varchar(26)').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('reception_booking').dropColumn('petition_id').execute();
  await db.schema.dropTable('office_setting').execute();
  await db.schema.dropTable('rehandling_decision').execute();
  await db.schema.dropTable('follow_up').execute();
}
