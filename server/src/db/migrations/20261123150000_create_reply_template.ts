import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// Reusable wording for decision letters (Art 32), per subject category, kept by each unit.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('reply_template')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('unit_id', 'varchar(26)', (c) => c.notNull().references('org_unit.id'))
    .addColumn('category_code', 'varchar(32)')
    .addColumn('kind', 'varchar(16)')
    .addColumn('title', 'varchar(100)', (c) => c.notNull())
    .addColumn('facts_and_reasons', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('legal_basis', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'varchar(26)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('reply_template_unit')
    .on('reply_template')
    .columns(['unit_id', 'category_code'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('reply_template').execute();
}
