import type { Kysely, Transaction } from 'kysely';
import type { StaffPrincipal } from '../../access/principal';
import type { DB } from '../../db/schema';
import { staffSeesPetition } from './visibility';

/** Which of these petitions a staff member may see (for lists that name cases beside other things). */
export async function visiblePetitionIds(
  db: Kysely<DB> | Transaction<DB>,
  staff: StaffPrincipal,
  ids: readonly string[],
): Promise<Set<string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Set();
  const rows = await db
    .selectFrom('petition as p')
    .select('p.id')
    .where('p.id', 'in', unique)
    .where(staffSeesPetition(staff, 'p'))
    .execute();
  return new Set(rows.map((r) => r.id));
}
