import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// A booking a change of its day moved (another date, time, place or leader, Art 18) waits for the
// person to say whether they still come: when it was moved while unanswered, and when the person
// last said they come at the new time. Cancelling is the booking's own end (status cancelled).
export async function up(db: Kysely<any>): Promise<void> {
  // One column per statement: SQLite alters a table one column at a time.
  await db.schema.alterTable('reception_booking').addColumn('moved_at', 'varchar(32)').execute();
  await db.schema.alterTable('reception_booking').addColumn('confirmed_at', 'varchar(32)').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ['confirmed_at', 'moved_at']) {
    await db.schema.alterTable('reception_booking').dropColumn(column).execute();
  }
}
