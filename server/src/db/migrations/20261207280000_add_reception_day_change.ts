import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// A published reception day (Art 18) may be changed by the desk — its date, times, place or
// leader — with a reason its petitioners are told: the last change, when, by whom and why, and a
// version the desk sends back with a change (two desks changing one day: the second is refused).
export async function up(db: Kysely<any>): Promise<void> {
  // One column per statement: SQLite alters a table one column at a time.
  await db.schema
    .alterTable('reception_day')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.alterTable('reception_day').addColumn('changed_at', 'varchar(32)').execute();
  await db.schema.alterTable('reception_day').addColumn('changed_by', 'varchar(26)').execute();
  await db.schema.alterTable('reception_day').addColumn('change_reason', 'varchar(200)').execute();
  // The times a booking had, kept when a change ended it or took its slot away: the person still
  // reads what they had booked; and when a change ended it (its slot had no room left).
  await db.schema.alterTable('reception_booking').addColumn('slot_from', 'varchar(5)').execute();
  await db.schema.alterTable('reception_booking').addColumn('slot_to', 'varchar(5)').execute();
  await db.schema.alterTable('reception_booking').addColumn('dropped_at', 'varchar(32)').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ['dropped_at', 'slot_to', 'slot_from']) {
    await db.schema.alterTable('reception_booking').dropColumn(column).execute();
  }
  for (const column of ['change_reason', 'changed_by', 'changed_at', 'version']) {
    await db.schema.alterTable('reception_day').dropColumn(column).execute();
  }
}
