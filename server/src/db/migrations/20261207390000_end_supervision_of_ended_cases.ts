import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// A 督办单 (Art 40) still waiting for its answer or its review when the case ends can be neither
// answered nor reviewed any more: it is marked ended (`ended_at`), so that it leaves the open and
// overdue lists and no longer keeps its unit from being retired. Notices of cases that had ended
// already end at the case's last change.
const ENDS = ['resolved', 'concluded', 'diverted', 'declined', 'forwarded', 'withdrawn', 'final'];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('supervision_notice').addColumn('ended_at', 'varchar(32)').execute();
  const rows = (await db
    .selectFrom('supervision_notice as n')
    .innerJoin('petition as p', 'p.id', 'n.petition_id')
    .select(['n.petition_id', 'n.no', 'p.updated_at'])
    .where('p.state', 'in', ENDS)
    .where((eb) => eb.or([eb('n.review', 'is', null), eb('n.review', '=', 'returned')]))
    .execute()) as { petition_id: string; no: number; updated_at: string }[];
  for (const row of rows) {
    await db
      .updateTable('supervision_notice')
      .set({ ended_at: row.updated_at })
      .where('petition_id', '=', row.petition_id)
      .where('no', '=', row.no)
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('supervision_notice').dropColumn('ended_at').execute();
}
