import { allowedActions, decide, SYSTEM_ACTOR } from '@xinfang/shared/lifecycle';
import type { FastifyInstance } from 'fastify';
import { recordAudit, SYSTEM_AUDIT_ACTOR } from '../audit/audit-log';
import { createDocumentEffect } from '../modules/documents/document-effects';
import { nextDueAt } from '../modules/petitions/next-due';
import { hydrate, savePetition } from '../modules/petitions/petition.repository';

const BATCH = 200;

/**
 * The deadline job: what time alone changes. A reply whose appeal or rating window has lapsed
 * closes (resolved when rated satisfied, concluded otherwise); and a re-examination paused for a
 * hearing has its due date moved (Art 36: hearing time does not count), so inboxes sort right.
 */
export async function runDeadlineJob(
  app: FastifyInstance,
  now: Date,
): Promise<{ closed: number; moved: number }> {
  const at = now.toISOString();
  let closed = 0;
  let moved = 0;
  let after = '';
  const issueDocuments = createDocumentEffect({ calendar: app.calendar });
  for (;;) {
    const rows = await app.db
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
    for (const { row, petition } of await hydrate(app.db, rows)) {
      if (allowedActions(petition, SYSTEM_ACTOR, at, app.calendar).some((a) => a.type === 'close')) {
        const decision = decide(petition, { type: 'close', params: {} }, SYSTEM_ACTOR, at, app.calendar);
        if (!decision.ok) continue;
        const saved = await app.db.transaction().execute(async (trx) => {
          const ok = await savePetition(trx, {
            before: petition,
            after: decision.petition,
            events: decision.events,
            columns: { next_due_at: nextDueAt(decision.petition, app.calendar, now), updated_at: at },
          });
          if (ok) {
            await issueDocuments(trx, {
              before: petition,
              after: decision.petition,
              events: decision.events,
              now,
            });
            await app.notifications.effect(trx, {
              before: petition,
              after: decision.petition,
              events: decision.events,
              now,
              facts: row,
            });
            await recordAudit(
              trx,
              SYSTEM_AUDIT_ACTOR,
              {
                action: 'petition.close',
                outcome: 'success',
                target: { type: 'petition', id: petition.id },
                details: { state: decision.petition.state },
              },
              now,
            );
          }
          return ok;
        });
        if (saved) closed += 1;
        continue;
      }
      const due = nextDueAt(petition, app.calendar, now);
      if (due !== row.next_due_at) {
        await app.db
          .updateTable('petition')
          .set({ next_due_at: due })
          .where('id', '=', row.id)
          .where('version', '=', row.version)
          .execute();
        moved += 1;
      }
    }
  }
  return { closed, moved };
}
