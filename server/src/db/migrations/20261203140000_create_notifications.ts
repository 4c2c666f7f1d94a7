import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// Notifications: the message centre, the transactional outbox that carries them to WeChat and SMS,
// people's choices and WeChat one-time subscriptions, and the content-security checks of what
// WeChat users write and upload.
export async function up(db: Kysely<any>): Promise<void> {
  // The message centre: one row per person told, whatever the channel (the record of everything sent).
  await db.schema
    .createTable('notification')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('recipient_type', 'varchar(16)', (c) => c.notNull())
    .addColumn('recipient_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('event', 'varchar(32)', (c) => c.notNull())
    .addColumn('petition_id', 'varchar(26)')
    .addColumn('petition_number', 'varchar(20)')
    .addColumn('title', 'varchar(100)', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('statutory', 'integer', (c) => c.notNull())
    // Time-driven messages (reminders, digests) carry a key so a job run twice tells nobody twice.
    .addColumn('dedupe_key', 'varchar(120)', (c) => c.unique())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('read_at', 'varchar(32)')
    .execute();
  await db.schema
    .createIndex('notification_recipient')
    .on('notification')
    .columns(['recipient_id', 'id'])
    .execute();
  await db.schema
    .createIndex('notification_unread')
    .on('notification')
    .columns(['recipient_id', 'read_at'])
    .execute();

  // One delivery of a notification (or a content check) through an outside provider. Written in the
  // transaction of the change that causes it; the id is the message's key at the provider.
  await db.schema
    .createTable('outbox')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('notification_id', 'varchar(26)')
    .addColumn('channel', 'varchar(24)', (c) => c.notNull())
    .addColumn('recipient_type', 'varchar(16)', (c) => c.notNull())
    .addColumn('recipient_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('event', 'varchar(32)', (c) => c.notNull())
    // JSON: the template values (petition number, status, dates) — never an address or a name.
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('statutory', 'integer', (c) => c.notNull())
    .addColumn('status', 'varchar(12)', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    // pending: when it may be tried next; sending: when the claim's lease runs out.
    .addColumn('due_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('lease_token', 'varchar(26)')
    .addColumn('last_error', 'varchar(500)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('sent_at', 'varchar(32)')
    .execute();
  await db.schema.createIndex('outbox_due').on('outbox').columns(['status', 'due_at']).execute();
  await db.schema.createIndex('outbox_notification').on('outbox').column('notification_id').execute();

  await db.schema
    .createTable('notification_setting')
    .addColumn('recipient_id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('recipient_type', 'varchar(16)', (c) => c.notNull())
    .addColumn('non_statutory', 'integer', (c) => c.notNull())
    .addColumn('channel', 'varchar(8)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();

  // WeChat one-time subscriptions: each accepted request allows one message of that template.
  await db.schema
    .createTable('wechat_subscription')
    .addColumn('petitioner_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('template_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('remaining', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('wechat_subscription_pk', ['petitioner_id', 'template_id'])
    .execute();

  // WeChat's content security verdicts on what WeChat users write and upload. A risky one holds the
  // content for staff review; the petition stays registered (Art 21).
  await db.schema
    .createTable('content_check')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('petition_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('petitioner_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('subject', 'varchar(16)', (c) => c.notNull())
    .addColumn('subject_ref', 'varchar(26)')
    .addColumn('status', 'varchar(12)', (c) => c.notNull())
    .addColumn('suggest', 'varchar(12)')
    .addColumn('label', 'integer')
    .addColumn('trace_id', 'varchar(64)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('checked_at', 'varchar(32)')
    .addColumn('reviewed_by', 'varchar(26)')
    .addColumn('reviewed_at', 'varchar(32)')
    .execute();
  await db.schema.createIndex('content_check_petition').on('content_check').column('petition_id').execute();
  await db.schema.createIndex('content_check_trace').on('content_check').column('trace_id').execute();
  await db.schema
    .createIndex('content_check_status')
    .on('content_check')
    .columns(['status', 'created_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'content_check',
    'wechat_subscription',
    'notification_setting',
    'outbox',
    'notification',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
