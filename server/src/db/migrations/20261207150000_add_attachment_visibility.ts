import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// An attachment is seen by whom the event that brought it is seen: the petitioner's own uploads
// and a delivery's receipt by the petitioner too, an assisting unit's uploads with its internal
// answer (Art 24) by staff only. Before, every file of a petition reached its petitioner. The
// files internal events brought so far are found in those events' data (JSON text).
const PAGE = 500;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('attachment')
    .addColumn('visibility', 'varchar(16)', (c) => c.notNull().defaultTo('petitioner'))
    .execute();
  for (let after = ''; ; ) {
    const events: { id: string; data: string }[] = await db
      .selectFrom('petition_event')
      .select(['id', 'data'])
      .where('visibility', '=', 'internal')
      .where('data', 'like', '%"attachmentIds":["%')
      .where('id', '>', after)
      .orderBy('id')
      .limit(PAGE)
      .execute();
    const ids = events.flatMap((e) => {
      const listed = (JSON.parse(e.data) as { attachmentIds?: unknown }).attachmentIds;
      return Array.isArray(listed) ? listed.filter((id): id is string => typeof id === 'string') : [];
    });
    if (ids.length > 0)
      await db.updateTable('attachment').set({ visibility: 'internal' }).where('id', 'in', ids).execute();
    const last = events.at(-1);
    if (!last || events.length < PAGE) break;
    after = last.id;
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('attachment').dropColumn('visibility').execute();
}
