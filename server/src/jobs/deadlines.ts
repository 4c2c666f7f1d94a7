import type { Calendar } from '@xinfang/shared/clocks';
import { allowedActions, decide, SYSTEM_ACTOR } from '@xinfang/shared/lifecycle';
import type { Kysely } from 'kysely';
import { SYSTEM_AUDIT_ACTOR } from '../audit/audit-log';
import type { DB } from '../db/schema';
import { nextDueAt } from '../modules/petitions/next-due';
import { hydrate, type LoadedPetition } from '../modules/petitions/petition.repository';
import type { WritePath } from '../modules/petitions/write-path';

const BATCH = 200;

/**
 * The deadline job: what time alone changes. A reply whose appeal or rating window has lapsed
 * closes (resolved when rated satisfied, concluded otherwise); and a re-examination paused for a
 * hearing has its due date moved (Art 36: hearing time does not count), so inboxes sort and count
 * right. Both go through the write path, each petition in its own transaction; one that someone
 * changed meanwhile is left for the next run.
 */
export async function runDeadlineJob(
  deps: { db: Kysely<DB>; calendar: Calendar; writer: WritePath },
  now: Date,
): Promise<{ closed: number; moved: number }> {
  const { db, calendar, writer } = deps;
  const at = now.toISOString();
  let closed = 0;
  let moved = 0;
  let after = '';
  const save = (input: Omit<Parameters<WritePath['write']>[1], 'now'>) =>
    db.transaction().execute((trx) => writer.write(trx, { ...input, now }));
  for (;;) {
    const rows = await db
      .selectFrom('petition')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb('state', '=', 'replied'),
          eb.and([eb('stage', '=', 're_examination'), eb('state', '=', 'handling')]),
        ]),
      )
      .where('id', '>', after)
      .orderBy('id')
      .limit(BATCH)
      .execute();
    if (rows.length === 0) break;
    after = rows.at(-1)?.id ?? after;
    for (const loaded of await hydrate(db, rows)) {
      const { petition } = loaded;
      if (allowedActions(petition, SYSTEM_ACTOR, at, calendar).some((a) => a.type === 'close')) {
        const decision = decide(petition, { type: 'close', params: {} }, SYSTEM_ACTOR, at, calendar);
        if (!decision.ok) continue;
        const written = await save({
          before: loaded,
          after: decision.petition,
          events: decision.events,
          audit: {
            actor: SYSTEM_AUDIT_ACTOR,
            action: 'petition.close',
            details: { state: decision.petition.state },
          },
        });
        if (written) closed += 1;
      } else if (dueMoved(loaded, calendar, now)) {
        const written = await save({
          before: loaded,
          after: petition,
          events: [],
          audit: {
            actor: SYSTEM_AUDIT_ACTOR,
            action: 'petition.due_moved',
            details: { due: nextDueAt(petition, calendar, now) },
          },
        });
        if (written) moved += 1;
      }
    }
  }
  return { closed, moved };
}

function dueMoved({ row, petition }: LoadedPetition, calendar: Calendar, now: Date): boolean {
  return nextDueAt(petition, calendar, now) !== row.next_due_at;
}
