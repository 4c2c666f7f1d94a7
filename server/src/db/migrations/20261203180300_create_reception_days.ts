import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// Leaders' reception days (#15, Art 18): published days with time slots, and petitioners' bookings
// of a slot — one active booking per person, cancelled, attended or missed.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('reception_day')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('leader_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('unit_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('date', 'varchar(10)', (c) => c.notNull())
    .addColumn('place', 'varchar(200)', (c) => c.notNull())
    .addColumn('topics', 'varchar(500)', (c) => c.notNull())
    // JSON: [{ "from": "09:00", "to": "09:30", "capacity": 2 }, …]
    .addColumn('slots', 'text', (c) => c.notNull())
    .addColumn('created_by', 'varchar(26)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('reception_day_date').on('reception_day').column('date').execute();

  await db.schema
    .createTable('reception_booking')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('reception_day_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('slot', 'integer', (c) => c.notNull())
    .addColumn('petitioner_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('topic', 'varchar(500)', (c) => c.notNull())
    // active, cancelled, attended, no_show
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    // The petitioner's id while the booking is active, null after: its unique index allows one
    // active booking per person on both databases (NULLs never collide).
    .addColumn('active_key', 'varchar(26)', (c) => c.unique())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('reception_booking_day')
    .on('reception_booking')
    .columns(['reception_day_id', 'slot'])
    .execute();
  await db.schema
    .createIndex('reception_booking_petitioner')
    .on('reception_booking')
    .column('petitioner_id')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('reception_booking').execute();
  await db.schema.dropTable('reception_day').execute();
}
