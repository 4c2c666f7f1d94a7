import { type Kysely, MysqlAdapter } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// A statutory notice no channel carried (Art 23, 31, 34) that the desk owing it delivered another
// way: by registered post (with its number), in person, or by telephone (to whom). One record per
// notice; with it the notice leaves the desk's list of notices that reached nobody.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('notice_reach')
    .addColumn('notification_id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('petition_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('method', 'varchar(16)', (c) => c.notNull())
    .addColumn('reached_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('tracking_no', 'varchar(40)')
    .addColumn('reached_whom', 'varchar(40)')
    .addColumn('note', 'varchar(200)')
    .addColumn('recorded_by', 'varchar(26)', (c) => c.notNull())
    .addColumn('recorded_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notice_reach_petition').on('notice_reach').column('petition_id').execute();
  // The desk's list reads the petitioners' statutory notices nobody has read yet.
  await db.schema
    .createIndex('notification_statutory_unread')
    .on('notification')
    .columns(['statutory', 'read_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  const drop = db.schema.dropIndex('notification_statutory_unread');
  // MySQL names the table of an index; SQLite's index names are global.
  await (db.getExecutor().adapter instanceof MysqlAdapter ? drop.on('notification') : drop).execute();
  await db.schema.dropTable('notice_reach').execute();
}
