import { type Kysely, SqliteAdapter, sql } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// Oversight and prevention (#15): suggestions to improve work (改进建议, Art 40), the cases leaders
// own (包案, Art 18), leaders' visits to the grassroots (下访) and the petitions they produced, and
// the sensitive periods the office declares (daily 零报告) — whose day periods (`2027-03-05`) need
// ten characters where weeks (`2026-W49`) needed eight.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sensitive_period')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(64)', (c) => c.notNull())
    .addColumn('from_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('to_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('declared_by', 'varchar(26)', (c) => c.notNull())
    .addColumn('declared_at', 'varchar(32)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('improvement_suggestion')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('petition_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('supervision_no', 'integer')
    .addColumn('unit_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('issued_by', 'varchar(26)', (c) => c.notNull())
    .addColumn('issued_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('suggestion', 'text', (c) => c.notNull())
    .addColumn('due_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('answer', 'text')
    .addColumn('answered_by', 'varchar(26)')
    .addColumn('answered_at', 'varchar(32)')
    // adopted, partly_adopted, not_adopted: recorded by the issuer after the answer.
    .addColumn('adoption', 'varchar(16)')
    .addColumn('adoption_note', 'text')
    .addColumn('decided_by', 'varchar(26)')
    .addColumn('decided_at', 'varchar(32)')
    .execute();
  for (const column of ['petition_id', 'unit_id', 'issued_by'] as const) {
    await db.schema
      .createIndex(`improvement_suggestion_${column}`)
      .on('improvement_suggestion')
      .column(column)
      .execute();
  }

  // Kept by the write path from the petition's `responsibleLeaderId`, for the leaders' lists.
  await db.schema
    .createTable('owned_case')
    .addColumn('petition_id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('leader_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('taken_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('owned_case_leader').on('owned_case').column('leader_id').execute();
  await backfillOwnedCases(db);

  await db.schema
    .createTable('grassroots_visit')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('leader_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('unit_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('place', 'varchar(200)', (c) => c.notNull())
    .addColumn('date', 'varchar(10)', (c) => c.notNull())
    .addColumn('topic', 'varchar(200)', (c) => c.notNull())
    .addColumn('status', 'varchar(8)', (c) => c.notNull())
    .addColumn('summary', 'text')
    .addColumn('people', 'integer')
    .addColumn('held_at', 'varchar(32)')
    .addColumn('created_by', 'varchar(26)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('grassroots_visit_date').on('grassroots_visit').column('date').execute();
  // A petition comes from one visit at most.
  await db.schema
    .createTable('grassroots_visit_case')
    .addColumn('petition_id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('visit_id', 'varchar(26)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('grassroots_visit_case_visit')
    .on('grassroots_visit_case')
    .column('visit_id')
    .execute();

  // SQLite does not enforce a varchar's length.
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) {
    await sql`alter table screening_item modify period varchar(10) not null`.execute(db);
    await sql`alter table screening_report modify period varchar(10) not null`.execute(db);
  }
}

/** Cases a leader already owns (taken when instructing a referred case). */
async function backfillOwnedCases(db: Kysely<any>): Promise<void> {
  const rows = (await db
    .selectFrom('petition')
    .select(['id', 'lifecycle', 'received_at'])
    .where('lifecycle', 'like', '%"responsibleLeaderId":"%')
    .execute()) as { id: string; lifecycle: string; received_at: string }[];
  for (const row of rows) {
    const leaderId = (JSON.parse(row.lifecycle) as { responsibleLeaderId?: string | null })
      .responsibleLeaderId;
    if (!leaderId) continue;
    const taken = (await db
      .selectFrom('petition_event')
      .select('at')
      .where('petition_id', '=', row.id)
      .where('type', '=', 'instructed')
      .orderBy('seq', 'desc')
      .executeTakeFirst()) as { at: string } | undefined;
    await db
      .insertInto('owned_case')
      .values({ petition_id: row.id, leader_id: leaderId, taken_at: taken?.at ?? row.received_at })
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'grassroots_visit_case',
    'grassroots_visit',
    'owned_case',
    'improvement_suggestion',
    'sensitive_period',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
