import { type Kysely, MysqlAdapter, sql } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// Follow-ups (回访) and re-handling decisions kept their unit's path as it was when the case
// concluded or was rated: once the unit moved, neither its old line nor its new one listed them,
// while the case itself followed the unit. They are now found through the unit as it stands
// (`org_unit.path`): the copied paths go, and an index by unit takes their place.
export async function up(db: Kysely<any>): Promise<void> {
  const mysql = db.getExecutor().adapter instanceof MysqlAdapter;
  for (const [table, index, order] of [
    ['follow_up', 'follow_up_unit', 'due_date'],
    ['rehandling_decision', 'rehandling_decision_unit', 'rated_at'],
  ] as const) {
    // MySQL names the table of an index; SQLite's index names are global, and SQLite drops no
    // column an index still covers.
    const drop = db.schema.dropIndex(index);
    await (mysql ? drop.on(table) : drop).execute();
    await db.schema.alterTable(table).dropColumn('unit_path').execute();
    await db.schema.createIndex(index).on(table).columns(['unit_id', order]).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  const mysql = db.getExecutor().adapter instanceof MysqlAdapter;
  for (const [table, index, order] of [
    ['follow_up', 'follow_up_unit', 'due_date'],
    ['rehandling_decision', 'rehandling_decision_unit', 'rated_at'],
  ] as const) {
    const drop = db.schema.dropIndex(index);
    await (mysql ? drop.on(table) : drop).execute();
    await db.schema
      .alterTable(table)
      .addColumn('unit_path', 'varchar(600)', (c) => c.notNull().defaultTo(''))
      .execute();
    await sql`update ${sql.table(table)} set unit_path = (select path from org_unit where org_unit.id = ${sql.ref(`${table}.unit_id`)})`.execute(
      db,
    );
    await db.schema.createIndex(index).on(table).columns(['unit_path', order]).execute();
  }
}
