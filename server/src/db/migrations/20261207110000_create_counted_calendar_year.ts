import { type Kysely, sql } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// The working-day calendar each year's stored due dates, inbox tallies and figures were counted
// with (modules/calendar/calendar-recount.ts): a year's weekdays off and weekends worked. When the
// calendar in use differs in a year — a notice uploaded, a new CALENDAR_FILE, a release — the open
// cases counted through it are counted again. Empty until the first such count: until then they
// were counted with the shipped notices and weekends alone.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('counted_calendar_year')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    // `MMDD` for a weekday off, `+MMDD` for a weekend worked, in order, space-separated.
    .addColumn('days', sql`text`, (c) => c.notNull())
    .addColumn('counted_at', 'varchar(32)', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('counted_calendar_year').execute();
}
