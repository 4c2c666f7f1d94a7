import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('org_unit')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('parent_id', 'varchar(26)', (c) => c.references('org_unit.id'))
    .addColumn('path', 'varchar(600)', (c) => c.notNull())
    .addColumn('depth', 'integer', (c) => c.notNull())
    .addColumn('code', 'varchar(32)', (c) => c.notNull().unique())
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('address', 'varchar(200)')
    .addColumn('reception_hours', 'varchar(200)')
    .addColumn('phone', 'varchar(40)')
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('retired_at', 'varchar(32)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('org_unit_path').on('org_unit').column('path').execute();
  await db.schema.createIndex('org_unit_parent').on('org_unit').column('parent_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('org_unit').execute();
}
