import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// Accounts, roster, one-time codes, refresh tokens, throttles and the audit log.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('staff_account')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('unit_id', 'varchar(26)', (c) => c.notNull().references('org_unit.id'))
    .addColumn('username', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('display_name', 'varchar(64)', (c) => c.notNull())
    .addColumn('password_hash', 'varchar(255)', (c) => c.notNull())
    .addColumn('phone_cipher', 'varchar(255)')
    .addColumn('phone_hash', 'varchar(64)')
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('staff_account_unit').on('staff_account').column('unit_id').execute();

  await db.schema
    .createTable('staff_role')
    .addColumn('staff_id', 'varchar(26)', (c) => c.notNull().references('staff_account.id'))
    .addColumn('role', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('staff_role_pk', ['staff_id', 'role'])
    .execute();

  await db.schema
    .createTable('petitioner_account')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('wechat_openid', 'varchar(64)', (c) => c.unique())
    .addColumn('wechat_unionid', 'varchar(64)')
    .addColumn('phone_cipher', 'varchar(255)')
    .addColumn('phone_hash', 'varchar(64)', (c) => c.unique())
    .addColumn('real_name', 'varchar(64)')
    .addColumn('id_number_cipher', 'varchar(255)')
    .addColumn('id_number_hash', 'varchar(64)')
    .addColumn('address', 'varchar(200)')
    .addColumn('employee_number', 'varchar(32)', (c) => c.unique())
    .addColumn('worker_unit_id', 'varchar(26)', (c) => c.references('org_unit.id'))
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('petitioner_id_number')
    .on('petitioner_account')
    .column('id_number_hash')
    .execute();

  // WeChat's session_key stays on the server, encrypted, apart from the account row.
  await db.schema
    .createTable('wechat_session')
    .addColumn('petitioner_id', 'varchar(26)', (c) => c.primaryKey().references('petitioner_account.id'))
    .addColumn('session_key_cipher', 'varchar(255)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('employee_roster')
    .addColumn('employee_number', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(64)', (c) => c.notNull())
    .addColumn('phone_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('unit_id', 'varchar(26)', (c) => c.notNull().references('org_unit.id'))
    .addColumn('imported_at', 'varchar(32)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('otp_challenge')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('phone_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('code_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('consumed_at', 'varchar(32)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('otp_challenge_phone')
    .on('otp_challenge')
    .columns(['phone_hash', 'created_at'])
    .execute();

  await db.schema
    .createTable('refresh_token')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('family_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('subject_type', 'varchar(16)', (c) => c.notNull())
    .addColumn('subject_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('family_expires_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('used_at', 'varchar(32)')
    .addColumn('revoked_at', 'varchar(32)')
    .execute();
  await db.schema.createIndex('refresh_token_family').on('refresh_token').column('family_id').execute();
  await db.schema
    .createIndex('refresh_token_subject')
    .on('refresh_token')
    .columns(['subject_type', 'subject_id'])
    .execute();

  // Sliding counters for login failures and one-time-code sends, shared by every server process.
  await db.schema
    .createTable('throttle')
    .addColumn('bucket', 'varchar(191)', (c) => c.primaryKey())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .addColumn('window_started_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('blocked_until', 'varchar(32)')
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('at', 'varchar(32)', (c) => c.notNull())
    .addColumn('actor_type', 'varchar(16)', (c) => c.notNull())
    .addColumn('actor_id', 'varchar(26)')
    .addColumn('action', 'varchar(64)', (c) => c.notNull())
    .addColumn('target_type', 'varchar(32)')
    .addColumn('target_id', 'varchar(64)')
    .addColumn('outcome', 'varchar(16)', (c) => c.notNull())
    // The org path the entry belongs to, so an auditor sees the entries of their own subtree.
    .addColumn('unit_path', 'varchar(600)')
    .addColumn('ip', 'varchar(64)')
    .addColumn('request_id', 'varchar(64)')
    .addColumn('details', 'text')
    .execute();
  await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
  await db.schema.createIndex('audit_log_unit').on('audit_log').columns(['unit_path', 'at']).execute();
  await db.schema.createIndex('audit_log_actor').on('audit_log').columns(['actor_id', 'at']).execute();
  await db.schema
    .createIndex('audit_log_target')
    .on('audit_log')
    .columns(['target_type', 'target_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'audit_log',
    'throttle',
    'refresh_token',
    'otp_challenge',
    'employee_roster',
    'wechat_session',
    'petitioner_account',
    'staff_role',
    'staff_account',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
