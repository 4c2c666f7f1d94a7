import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// Petitions, their events, the units that may see them, repeat links, attachments, idempotency.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('category')
    .addColumn('code', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(50)', (c) => c.notNull())
    .addColumn('hint', 'varchar(500)')
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('petition_counter')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('last_number', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('petition')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('number', 'varchar(20)', (c) => c.notNull().unique())
    .addColumn('query_code_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('petitioner_id', 'varchar(26)', (c) => c.notNull().references('petitioner_account.id'))
    .addColumn('registered_by', 'varchar(26)')
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('channel', 'varchar(16)', (c) => c.notNull())
    .addColumn('category_code', 'varchar(32)', (c) => c.notNull())
    .addColumn('title', 'varchar(100)', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('location', 'varchar(200)')
    .addColumn('state', 'varchar(24)', (c) => c.notNull())
    .addColumn('stage', 'varchar(16)', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('receiving_unit_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('concerned_unit_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('handling_unit_id', 'varchar(26)')
    .addColumn('headcount', 'integer')
    // A decision letter or an extension waits for the unit head (the approvals queue).
    .addColumn('awaiting_approval', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('received_at', 'varchar(32)', (c) => c.notNull())
    // The nearest running statutory deadline, for sorting inboxes; a far-future sentinel when none runs.
    .addColumn('next_due_at', 'varchar(32)', (c) => c.notNull())
    // The lifecycle's view of the petition (shared/lifecycle Petition) without its events.
    .addColumn('lifecycle', 'text', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('petition_petitioner')
    .on('petition')
    .columns(['petitioner_id', 'received_at'])
    .execute();
  await db.schema.createIndex('petition_due').on('petition').columns(['next_due_at', 'id']).execute();
  await db.schema.createIndex('petition_received').on('petition').columns(['received_at', 'id']).execute();
  await db.schema.createIndex('petition_state').on('petition').columns(['state', 'next_due_at']).execute();
  await db.schema.createIndex('petition_concerned').on('petition').column('concerned_unit_id').execute();

  await db.schema
    .createTable('petition_event')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('petition_id', 'varchar(26)', (c) => c.notNull().references('petition.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('type', 'varchar(40)', (c) => c.notNull())
    .addColumn('at', 'varchar(32)', (c) => c.notNull())
    .addColumn('actor_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('actor_role', 'varchar(24)', (c) => c.notNull())
    .addColumn('visibility', 'varchar(16)', (c) => c.notNull())
    .addColumn('stage', 'varchar(16)', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addUniqueConstraint('petition_event_seq', ['petition_id', 'seq'])
    .execute();

  // The units whose subtrees may see a petition (receiving, handling, appeal units; the concerned
  // unit unless the petition accuses it, Art 30). Kept in step with every transition.
  await db.schema
    .createTable('petition_unit')
    .addColumn('unit_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('petition_id', 'varchar(26)', (c) => c.notNull().references('petition.id'))
    .addPrimaryKeyConstraint('petition_unit_pk', ['unit_id', 'petition_id'])
    .execute();
  await db.schema.createIndex('petition_unit_petition').on('petition_unit').column('petition_id').execute();

  // Art 28: staff with a direct interest, who may neither see nor act on the petition.
  await db.schema
    .createTable('petition_recusal')
    .addColumn('petition_id', 'varchar(26)', (c) => c.notNull().references('petition.id'))
    .addColumn('staff_id', 'varchar(26)', (c) => c.notNull())
    .addPrimaryKeyConstraint('petition_recusal_pk', ['petition_id', 'staff_id'])
    .execute();
  await db.schema.createIndex('petition_recusal_staff').on('petition_recusal').column('staff_id').execute();

  // 重复信访: earlier petitions of the same person about the same matter.
  await db.schema
    .createTable('petition_link')
    .addColumn('petition_id', 'varchar(26)', (c) => c.notNull().references('petition.id'))
    .addColumn('linked_id', 'varchar(26)', (c) => c.notNull().references('petition.id'))
    // Character-bigram similarity of the texts, in thousandths (an integer in both dialects).
    .addColumn('similarity', 'integer', (c) => c.notNull())
    .addColumn('source', 'varchar(16)', (c) => c.notNull())
    .addColumn('created_by', 'varchar(26)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('petition_link_pk', ['petition_id', 'linked_id'])
    .execute();
  await db.schema.createIndex('petition_link_linked').on('petition_link').column('linked_id').execute();

  await db.schema
    .createTable('attachment')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('owner_type', 'varchar(16)', (c) => c.notNull())
    .addColumn('owner_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('petition_id', 'varchar(26)', (c) => c.references('petition.id'))
    .addColumn('kind', 'varchar(8)', (c) => c.notNull())
    .addColumn('mime', 'varchar(40)', (c) => c.notNull())
    .addColumn('byte_size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('storage_key', 'varchar(100)', (c) => c.notNull())
    .addColumn('thumbnail_key', 'varchar(100)')
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('attachment_petition').on('attachment').column('petition_id').execute();
  await db.schema
    .createIndex('attachment_owner')
    .on('attachment')
    .columns(['owner_id', 'created_at'])
    .execute();

  // A create request's Idempotency-Key and its first answer (encrypted: it carries the query code).
  await db.schema
    .createTable('idempotency_record')
    .addColumn('scope', 'varchar(40)', (c) => c.notNull())
    .addColumn('idem_key', 'varchar(128)', (c) => c.notNull())
    .addColumn('request_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('response_status', 'integer', (c) => c.notNull())
    .addColumn('response_cipher', 'text', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_record_pk', ['scope', 'idem_key'])
    .execute();
  await db.schema
    .createIndex('idempotency_record_expiry')
    .on('idempotency_record')
    .column('expires_at')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'idempotency_record',
    'attachment',
    'petition_link',
    'petition_recusal',
    'petition_unit',
    'petition_event',
    'petition',
    'petition_counter',
    'category',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
