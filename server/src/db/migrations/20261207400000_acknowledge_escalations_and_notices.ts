import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// 签收 (Art 38–40): a red step, or a 督办单, is acknowledged once by the unit it reached — the
// first of the people it was meant for signs for the unit, as on a paper receipt. One receipt per
// row, so two columns on the row rather than a table of receipts: nobody signs a second time, and
// the lists read it with the row.
const TABLES = ['escalation', 'supervision_notice'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of TABLES) {
    await db.schema.alterTable(table).addColumn('acknowledged_at', 'varchar(32)').execute();
    await db.schema.alterTable(table).addColumn('acknowledged_by', 'varchar(26)').execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of TABLES) {
    await db.schema.alterTable(table).dropColumn('acknowledged_by').execute();
    await db.schema.alterTable(table).dropColumn('acknowledged_at').execute();
  }
}
