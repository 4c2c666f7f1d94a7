import { type Kysely, SqliteAdapter, sql } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// Document numbers are counted per printed prefix (机关代字), series and year instead of per unit:
// two units printing the same prefix (two sections both named 综采区 under different mines, or a
// prefix set to another unit's name) printed the same number. Each new counter starts after the
// highest number its prefix has printed, read back from the numbers already issued, which never
// change. A unit whose prefix changes within a year may now reuse a sequence number under its new
// prefix, so the unique key on (unit, series, year, seq) goes; the counter's row lock, taken in the
// transaction that issues the notice, is what keeps numbers unique.
const PREFIX_MAX = 12;
const PAGE = 5_000;

export async function up(db: Kysely<any>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  await db.schema
    .createTable('document_prefix_counter')
    // Byte for byte on MySQL: under utf8mb4_unicode_ci 「DS」 and 「ds」 would be one prefix.
    .addColumn(
      'prefix',
      sqlite ? 'varchar(12)' : sql`varchar(12) character set utf8mb4 collate utf8mb4_bin`,
      (c) => c.notNull(),
    )
    .addColumn('series', 'varchar(8)', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last_number', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('document_prefix_counter_pk', ['prefix', 'series', 'year'])
    .execute();
  const highest = new Map<string, { prefix: string; series: string; year: number; last_number: number }>();
  for (let after = ''; ; ) {
    const rows: { id: string; number: string; series: string; year: number; seq: number }[] = await db
      .selectFrom('document')
      .select(['id', 'number', 'series', 'year', 'seq'])
      .where('series', 'is not', null)
      .where('number', 'is not', null)
      .where('id', '>', after)
      .orderBy('id')
      .limit(PAGE)
      .execute();
    for (const row of rows) {
      const end = row.number.lastIndexOf(`信${row.series}〔${row.year}〕`);
      const prefix = end > 0 ? row.number.slice(0, end) : '';
      // A longer one (a unit's long name, before prefixes were bounded) is never printed again.
      if (!prefix || [...prefix].length > PREFIX_MAX) continue;
      const key = JSON.stringify([prefix, row.series, row.year]);
      const seen = highest.get(key);
      if (!seen || seen.last_number < row.seq)
        highest.set(key, { prefix, series: row.series, year: row.year, last_number: row.seq });
    }
    if (rows.length < PAGE) break;
    after = rows.at(-1)?.id ?? after;
  }
  // The row that creators of a new counter queue on (MySQL), as the unit counters had.
  const counters = [{ prefix: '', series: '', year: 0, last_number: 0 }, ...highest.values()];
  for (let i = 0; i < counters.length; i += 500) {
    await db
      .insertInto('document_prefix_counter')
      .values(counters.slice(i, i + 500))
      .execute();
  }
  await db.schema.dropTable('document_counter').execute();
  if (sqlite) await dropUnitNumberKeyOnSqlite(db);
  else await sql`alter table document drop index document_number_unique`.execute(db);
}

/** Back to counters per unit; refused while two notices of a unit share a series, year and number. */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('document_counter')
    .addColumn('unit_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('series', 'varchar(8)', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last_number', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('document_counter_pk', ['unit_id', 'series', 'year'])
    .execute();
  await db
    .insertInto('document_counter')
    .values({ unit_id: '', series: '', year: 0, last_number: 0 })
    .execute();
  await db
    .insertInto('document_counter')
    .columns(['unit_id', 'series', 'year', 'last_number'])
    .expression((eb: any) =>
      eb
        .selectFrom('document')
        .select(['issuing_unit_id', 'series', 'year', eb.fn.max('seq').as('last_number')])
        .where('series', 'is not', null)
        .groupBy(['issuing_unit_id', 'series', 'year']),
    )
    .execute();
  await db.schema
    .createIndex('document_number_unique')
    .on('document')
    .columns(['issuing_unit_id', 'series', 'year', 'seq'])
    .unique()
    .execute();
  await db.schema.dropTable('document_prefix_counter').execute();
}

/**
 * The key on (unit, series, year, seq) goes. SQLite cannot drop a table constraint in place: the
 * documented procedure, as 20261203130100_allow_unknown_concerned_unit does it for petitions —
 * with foreign keys off, the table made anew from its own CREATE statement without the constraint,
 * the rows copied, the old table dropped, the new one renamed, the indexes made again, the keys
 * checked.
 */
async function dropUnitNumberKeyOnSqlite(db: Kysely<any>): Promise<void> {
  const master = await sql<{ type: string; sql: string }>`
    select type, sql from sqlite_master where tbl_name = 'document' and sql is not null
  `.execute(db);
  const create = master.rows.find((row) => row.type === 'table')?.sql ?? '';
  const constraint = /,\s*constraint "document_number_unique" unique \([^)]*\)/i;
  if (!constraint.test(create)) {
    // After `down`, the key is an index of its own.
    await sql`drop index document_number_unique`.execute(db);
    return;
  }
  const rebuilt = create
    .replace(/^create table "document"/i, 'create table "document_rebuilt"')
    .replace(constraint, '');
  if (!rebuilt.startsWith('create table "document_rebuilt"')) {
    throw new Error(`unexpected document table definition: ${create}`);
  }
  const indexes = master.rows.filter((row) => row.type === 'index').map((row) => row.sql);

  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await db.transaction().execute(async (trx) => {
      await sql.raw(rebuilt).execute(trx);
      await sql`insert into document_rebuilt select * from document`.execute(trx);
      await sql`drop table document`.execute(trx);
      await sql`alter table document_rebuilt rename to document`.execute(trx);
      for (const index of indexes) await sql.raw(index).execute(trx);
      const broken = await sql`pragma foreign_key_check`.execute(trx);
      if (broken.rows.length > 0) throw new Error(`foreign keys broken: ${JSON.stringify(broken.rows)}`);
    });
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}
