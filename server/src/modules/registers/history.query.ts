import { maskName } from '@xinfang/shared/masking';
import type { PersonHistory } from '@xinfang/shared/schemas/registers';
import type { Kysely, Transaction } from 'kysely';
import { accuserHiddenFor } from '../../access/accuser-firewall';
import type { StaffPrincipal } from '../../access/principal';
import type { DB } from '../../db/schema';
import { caseColumns, planOf, registerCase } from './registers.query';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * One person's petitions on one page, oldest first, for staff who keep the registers: those in the
 * viewer's subtree, minus any accusation whose accuser the viewer may not learn (Art 30). What is
 * left out is not counted either: a count that grows when the person accuses the viewer's unit
 * would tell the unit who accused it. Null when the viewer may see none of them. The name is masked.
 */
export async function personHistory(
  db: Db,
  viewer: StaffPrincipal,
  petitionerId: string,
): Promise<PersonHistory | null> {
  const person = await db
    .selectFrom('petitioner_account')
    .select(['id', 'real_name'])
    .where('id', '=', petitionerId)
    .executeTakeFirst();
  if (!person) return null;
  const rows = (
    await caseColumns(db, viewer)
      .leftJoin('owned_case as oc', 'oc.petition_id', 'p.id')
      .leftJoin('staff_account as leader', 'leader.id', 'oc.leader_id')
      .select(['leader.id as leader_id', 'leader.display_name as leader_name'])
      .where('p.petitioner_id', '=', petitionerId)
      .orderBy('p.received_at')
      .orderBy('p.id')
      .limit(500)
      .execute()
  ).filter((r) => !accuserHiddenFor(r, { kind: 'staff', unit: viewer.unit }));
  if (rows.length === 0) return null;
  const shown = new Set(rows.map((r) => r.id));
  const links = await db
    .selectFrom('petition_link')
    .select(['petition_id', 'linked_id'])
    .where('petition_id', 'in', [...shown])
    .execute();
  return {
    petitionerId,
    maskedName: maskName(person.real_name ?? ''),
    cases: rows.map((r) => ({
      case: registerCase(r),
      plan: planOf(r),
      responsibleLeader: r.leader_id ? { id: r.leader_id, name: r.leader_name ?? '' } : null,
      linkedTo: links.filter((l) => l.petition_id === r.id && shown.has(l.linked_id)).map((l) => l.linked_id),
      rating:
        (JSON.parse(r.lifecycle) as { ratings?: { first?: { rating?: string } } }).ratings?.first?.rating ??
        null,
    })),
  };
}
