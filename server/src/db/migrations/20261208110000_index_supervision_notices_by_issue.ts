import { type Kysely, MysqlAdapter } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// The 督办 figures (Art 41) count a unit's 督办单 by the day they were issued: an index on the unit
// and that day, as the escalation steps have on the unit and the day raised (`escalation_unit`).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('supervision_notice_issued')
    .on('supervision_notice')
    .columns(['unit_id', 'issued_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  const drop = db.schema.dropIndex('supervision_notice_issued');
  // MySQL names the table of an index; SQLite's index names are global.
  await (db.getExecutor().adapter instanceof MysqlAdapter ? drop.on('supervision_notice') : drop).execute();
}
