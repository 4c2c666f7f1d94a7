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

/** The events that issued these petitions' 督办单 (who, from which unit), by `petitionId#no`. */
export async function issuedNotices(
  db: Db,
  petitionIds: readonly string[],
): Promise<Map<string, EventOf<'supervision_issued'>>> {
  const found = new Map<string, EventOf<'supervision_issued'>>();
  const ids = [...new Set(petitionIds)];
  if (ids.length === 0) return found;
  const rows = await db
    .selectFrom('petition_event')
    .select(['petition_id', 'type', 'at', 'actor_id', 'actor_role', 'visibility', 'stage', 'data'])
    .where('type', '=', 'supervision_issued')
    .where('petition_id', 'in', ids)
    .execute();
  for (const row of rows) {
    const event = eventOf(row) as EventOf<'supervision_issued'>;
    found.set(`${row.petition_id}#${event.data.no}`, event);
  }
  return found;
}
