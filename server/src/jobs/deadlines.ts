import { addDays, beijingDate, type Calendar, clocksOf } from '@xinfang/shared/clocks';
import {
  allowedActions,
  decide,
  type Petition,
  replyDelivery,
  SYSTEM_ACTOR,
} from '@xinfang/shared/lifecycle';
import type { Kysely } from 'kysely';
import { SYSTEM_AUDIT_ACTOR } from '../audit/audit-log';
import type { DB } from '../db/schema';
import { nextDueAt } from '../modules/petitions/next-due';
import { hydrate, type LoadedPetition } from '../modules/petitions/petition.repository';
import type { WritePath } from '../modules/petitions/write-path';

const BATCH = 200;

/**
 * The deadline job: what time alone changes. A reply whose appeal or rating window has lapsed
 * closes (resolved when rated satisfied, concluded otherwise); and where such a case's or a
 * re-examination's stored next due date is reckoned differently now (saved under an earlier
 * calendar, or before a hearing's paused clock stopped being a due date: Art 36), it is written
 * again, so inboxes sort and count right. Both go through the write path, each petition in its
 * own transaction; one that someone changed meanwhile is left for the next run. A case whose
 * window lapsed lately may wait a little before it is closed (`waiting`, see `waitsBeforeClosing`).
 */
export async function runDeadlineJob(
  deps: { db: Kysely<DB>; calendar: Calendar; writer: WritePath },
  now: Date,
): Promise<{ closed: number; moved: number; waiting: number }> {
  const { db, calendar, writer } = deps;
  const at = now.toISOString();
  let closed = 0;
  let moved = 0;
  let waiting = 0;
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
        if (waitsBeforeClosing(petition, calendar, at)) {
          waiting += 1;
          continue;
        }
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
  return { closed, moved, waiting };
}

/**
 * Whether the closing waits on a petitioner's window (review, re-examination, rating: Art 21, 35,
 * 36) that has lapsed, though not for long:
 * - a review or re-examination asked by letter or at a desk on its last day is recorded by
 *   reception days later (`record_review_request`), on a case that must still be open:
 *   `DESK_GRACE_DAYS`;
 * - a window counted through a year whose State Council notice is not loaded rests only on the
 *   statutory holidays, and the notice usually lengthens 春节 and 国庆, so the window may end later
 *   than counted (民法典 Art 203). Once the notice is loaded the window is counted with it; an
 *   office that never loads it does not keep its cases open for ever: `NOTICE_GRACE_DAYS`;
 * - an answer kept on file undelivered (Art 23 ¶2) has no window: it waits `DESK_GRACE_DAYS`
 *   from its issue.
 */
function waitsBeforeClosing(petition: Petition, calendar: Calendar, at: string): boolean {
  const today = beijingDate(at);
  // Art 23 ¶2: an answer no one can be told of starts no window; a petitioner who comes forward
  // at a desk soon after it was issued is still delivered it on an open case.
  const answer = replyDelivery(petition);
  if (answer && !answer.owed && answer.deliveredOn === null)
    return addDays(beijingDate(answer.issued.at), DESK_GRACE_DAYS) >= today;
  return clocksOf(petition, calendar, at).some((clock) => {
    if (clock.kind !== 'window' || clock.finishedAt !== null) return false;
    const grace = Math.max(
      clock.name === 'rating_window' ? 0 : DESK_GRACE_DAYS,
      clock.calendarComplete ? 0 : NOTICE_GRACE_DAYS,
    );
    return addDays(clock.dueDate, grace) >= today;
  });
}

/** A week for a letter that came in time to reach the desk that records it. */
const DESK_GRACE_DAYS = 7;

/**
 * More than a notice has ever moved the end of a period: it turns at most the weekdays around a
 * statutory holiday into rest days (春节 2026: nine days off for the law's four).
 */
const NOTICE_GRACE_DAYS = 14;

function dueMoved({ row, petition }: LoadedPetition, calendar: Calendar, now: Date): boolean {
  return nextDueAt(petition, calendar, now) !== row.next_due_at;
}
