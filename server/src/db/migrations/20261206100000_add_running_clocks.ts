import { runningClocksOf } from '@xinfang/shared/clocks';
import type { Petition } from '@xinfang/shared/lifecycle';
import { type Kysely, SqliteAdapter, sql } from 'kysely';
import { type EventRow, eventOf } from '../../modules/petitions/event-row';

// Frozen: never edit after it has landed; add a new migration instead. (Edited once on the day it
// landed, before any release: its batches became one statement each; what it writes is unchanged.)
// Each petition keeps its running clocks beside its lifecycle (issue 12), so that a list shows the
// next date without reading every listed petition's events. They are counted here by the rules
// the server runs (shared/clocks, and the events as the server reads them), as the write path
// keeps them from here on: a change to those rules comes with a migration that counts them again.
export async function up(db: Kysely<any>): Promise<void> {
  // A TEXT column takes a default only as an expression on MySQL, and only as a literal when
  // SQLite adds a column.
  const none = db.getExecutor().adapter instanceof SqliteAdapter ? '[]' : sql`('[]')`;
  await db.schema
    .alterTable('petition')
    .addColumn('running_clocks', 'text', (c) => c.notNull().defaultTo(none))
    .execute();
  await countRunningClocks(db);
}

const BATCH = 500;

async function countRunningClocks(db: Kysely<any>): Promise<void> {
  let after = '';
  for (;;) {
    const rows = (await db
      .selectFrom('petition')
      .select(['id', 'lifecycle'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(BATCH)
      .execute()) as { id: string; lifecycle: string }[];
    if (rows.length === 0) return;
    after = (rows.at(-1) as { id: string }).id;
    const events = (await db
      .selectFrom('petition_event')
      .select(['petition_id', 'type', 'at', 'actor_id', 'actor_role', 'visibility', 'stage', 'data'])
      .where(
        'petition_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('petition_id')
      .orderBy('seq')
      .execute()) as (EventRow & { petition_id: string })[];
    const eventsOf = new Map<string, typeof events>();
    for (const e of events) {
      const list = eventsOf.get(e.petition_id);
      if (list) list.push(e);
      else eventsOf.set(e.petition_id, [e]);
    }
    const counted: [string, string][] = [];
    for (const row of rows) {
      const petition = JSON.parse(row.lifecycle) as Petition;
      petition.events = (eventsOf.get(row.id) ?? []).map(eventOf);
      const running = runningClocksOf(petition);
      if (running.length > 0) counted.push([row.id, JSON.stringify(running)]);
    }
    // One statement, and so one commit, per batch: a statement per petition made an upgrade of a
    // large database wait for a log flush per petition.
    const [first, ...others] = counted;
    if (!first) continue;
    await db
      .updateTable('petition')
      .set((eb) => {
        let cases = eb.case('id').when(eb.val(first[0])).then(first[1]);
        for (const [id, json] of others) cases = cases.when(eb.val(id)).then(json);
        return { running_clocks: cases.end() };
      })
      .where(
        'id',
        'in',
        counted.map(([id]) => id),
      )
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('petition').dropColumn('running_clocks').execute();
}
