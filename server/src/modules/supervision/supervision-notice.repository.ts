import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';

/** The petition's version now: a review answers a notice, not the case as last read. */
export async function petitionVersion(db: Kysely<DB>, petitionId: string): Promise<number> {
  const row = await db
    .selectFrom('petition')
    .select('version')
    .where('id', '=', petitionId)
    .executeTakeFirstOrThrow();
  return row.version;
}
