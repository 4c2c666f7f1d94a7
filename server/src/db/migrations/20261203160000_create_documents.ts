import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// Written notices as documents (#16): each notice is structured data written in the transaction of
// the lifecycle change that calls for it, with a number per issuing unit, series and year; the
// deliveries of written answers (Art 35, 36); each unit's prefix, seal and signatory.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('document')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('petition_id', 'varchar(26)', (c) => c.notNull().references('petition.id'))
    .addColumn('type', 'varchar(32)', (c) => c.notNull())
    .addColumn('stage', 'varchar(16)', (c) => c.notNull())
    // 'petitioner' (addressed to them) or 'internal' (a supervision notice, a proof-of-delivery form).
    .addColumn('visibility', 'varchar(16)', (c) => c.notNull())
    .addColumn('issuing_unit_id', 'varchar(26)', (c) => c.notNull())
    // 告 / 复 / 督 / 调: the numbering series; null for a 送达回证, which carries its answer's number.
    .addColumn('series', 'varchar(8)')
    .addColumn('year', 'integer')
    .addColumn('seq', 'integer')
    .addColumn('number', 'varchar(60)')
    // A 送达回证's written answer.
    .addColumn('answer_id', 'varchar(26)')
    // The petition event that issued it (petition_event.seq).
    .addColumn('event_seq', 'integer', (c) => c.notNull())
    // JSON: everything the document states, fixed at issue (names, dates, text, seal, signatory).
    .addColumn('facts', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'varchar(32)', (c) => c.notNull())
    .addUniqueConstraint('document_number_unique', ['issuing_unit_id', 'series', 'year', 'seq'])
    .execute();
  await db.schema
    .createIndex('document_petition')
    .on('document')
    .columns(['petition_id', 'issued_at'])
    .execute();
  await db.schema.createIndex('document_type_issued').on('document').columns(['type', 'issued_at']).execute();

  await db.schema
    .createTable('document_counter')
    .addColumn('unit_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('series', 'varchar(8)', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last_number', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('document_counter_pk', ['unit_id', 'series', 'year'])
    .execute();
  // The row that creators of a new counter queue on (MySQL), so no two create one at once.
  await db
    .insertInto('document_counter')
    .values({ unit_id: '', series: '', year: 0, last_number: 0 })
    .execute();

  // Append-only: a correction is a new row naming the row it corrects, with its reason.
  await db.schema
    .createTable('delivery')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('document_id', 'varchar(26)', (c) => c.notNull().references('document.id'))
    .addColumn('petition_id', 'varchar(26)', (c) => c.notNull().references('petition.id'))
    .addColumn('method', 'varchar(16)', (c) => c.notNull())
    .addColumn('delivered_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('posted_on', 'varchar(10)')
    .addColumn('receipt_attachment_id', 'varchar(26)')
    .addColumn('note', 'varchar(500)')
    .addColumn('corrects_id', 'varchar(26)')
    .addColumn('reason', 'text')
    .addColumn('recorded_by', 'varchar(26)', (c) => c.notNull())
    .addColumn('recorded_role', 'varchar(24)', (c) => c.notNull())
    .addColumn('recorded_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('delivery_document')
    .on('delivery')
    .columns(['document_id', 'recorded_at'])
    .execute();
  await db.schema.createIndex('delivery_petition').on('delivery').column('petition_id').execute();

  // Reminders sent for an answer still undelivered, one row per answer and day.
  await db.schema
    .createTable('delivery_reminder')
    .addColumn('document_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('sent_on', 'varchar(10)', (c) => c.notNull())
    .addPrimaryKeyConstraint('delivery_reminder_pk', ['document_id', 'sent_on'])
    .execute();

  await db.schema
    .createTable('unit_document_settings')
    .addColumn('unit_id', 'varchar(26)', (c) => c.primaryKey())
    // 机关代字, e.g. 东山 in 东山信复〔2026〕12号.
    .addColumn('prefix', 'varchar(12)')
    .addColumn('signatory_name', 'varchar(32)')
    .addColumn('signatory_title', 'varchar(100)')
    // A PNG in the file storage; a new seal is a new key, so documents issued before keep theirs.
    .addColumn('seal_key', 'varchar(100)')
    .addColumn('updated_by', 'varchar(26)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'unit_document_settings',
    'delivery_reminder',
    'delivery',
    'document_counter',
    'document',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
