import { type Kysely, SqliteAdapter, sql } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// A petitioner who does not know which unit their matter concerns leaves it to the petition
// office, which names it while triaging: `petition.concerned_unit_id` becomes nullable.
export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) await rebuildPetitionOnSqlite(db, false);
  else await sql`alter table petition modify concerned_unit_id varchar(26) null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) await rebuildPetitionOnSqlite(db, true);
  else await sql`alter table petition modify concerned_unit_id varchar(26) not null`.execute(db);
}

/**
 * SQLite cannot change a column's constraints in place. Its documented procedure
 * (https://www.sqlite.org/lang_altertable.html#otheralter): with foreign keys off, create the new
 * table from the old one's own CREATE statement — so columns other migrations added come along —
 * copy the rows, drop the old table, rename the new one, recreate the indexes, check the keys.
 */
async function rebuildPetitionOnSqlite(db: Kysely<any>, notNull: boolean): Promise<void> {
  const master = await sql<{ type: string; sql: string }>`
    select type, sql from sqlite_master where tbl_name = 'petition' and sql is not null
  `.execute(db);
  const create = master.rows.find((row) => row.type === 'table')?.sql ?? '';
  const column = /"concerned_unit_id" varchar\(26\)( not null)?/i;
  const rebuilt = create
    .replace(/^create table "petition"/i, 'create table "petition_rebuilt"')
    .replace(column, `"concerned_unit_id" varchar(26)${notNull ? ' not null' : ''}`);
  if (!column.test(create) || !rebuilt.startsWith('create table "petition_rebuilt"')) {
    throw new Error(`unexpected petition table definition: ${create}`);
  }
  const indexes = master.rows.filter((row) => row.type === 'index').map((row) => row.sql);

  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await db.transaction().execute(async (trx) => {
      await sql.raw(rebuilt).execute(trx);
      await sql`insert into petition_rebuilt select * from petition`.execute(trx);
      await sql`drop table petition`.execute(trx);
      await sql`alter table petition_rebuilt rename to petition`.execute(trx);
      for (const index of indexes) await sql.raw(index).execute(trx);
      const broken = await sql`pragma foreign_key_check`.execute(trx);
      if (broken.rows.length > 0) throw new Error(`foreign keys broken: ${JSON.stringify(broken.rows)}`);
    });
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}
