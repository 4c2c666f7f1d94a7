import type { EventOf } from '@xinfang/shared/lifecycle';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { eventOf } from '../petitions/event-row';

type Db = Kysely<DB> | Transaction<DB>;

/** The petition's version now: a review answers a notice, not the case as last read. */
export async function petitionVersion(db: Db, petitionId: string): Promise<number> {
  const row = await db
    .selectFrom('petition')
    .select('version')
    .where('id', '=', petitionId)
    .executeTakeFirstOrThrow();
  return row.version;
}

/** A 督办单 as its events tell it: who issued it, from which unit, asking what; its latest answer. */
export interface NoticeEvents {
  issued: EventOf<'supervision_issued'>;
  answer: string | null;
}

/**
 * The events that issued and answered these petitions' 督办单, by `petitionId#no`, in one read. A
 * returned answer stays the latest until the unit answers again.
 */
export async function noticeEvents(
  db: Db,
  petitionIds: readonly string[],
): Promise<Map<string, NoticeEvents>> {
  const found = new Map<string, NoticeEvents>();
  const ids = [...new Set(petitionIds)];
  if (ids.length === 0) return found;
  const rows = await db
    .selectFrom('petition_event')
    .select(['petition_id', 'seq', 'type', 'at', 'actor_id', 'actor_role', 'visibility', 'stage', 'data'])
    .where('type', 'in', ['supervision_issued', 'supervision_answered'])
    .where('petition_id', 'in', ids)
    .orderBy('petition_id')
    .orderBy('seq')
    .execute();
  for (const row of rows) {
    const event = eventOf(row);
    if (event.type === 'supervision_issued')
      found.set(`${row.petition_id}#${event.data.no}`, { issued: event, answer: null });
    else if (event.type === 'supervision_answered') {
      const notice = found.get(`${row.petition_id}#${event.data.no}`);
      if (notice) notice.answer = event.data.answer;
    }
  }
  return found;
}
