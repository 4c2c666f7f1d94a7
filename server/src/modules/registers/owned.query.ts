import { OPEN_STATES } from '@xinfang/shared/lifecycle';
import type { OwnedCaseList } from '@xinfang/shared/schemas/registers';
import type { Kysely, Transaction } from 'kysely';
import type { StaffPrincipal } from '../../access/principal';
import type { DB } from '../../db/schema';
import { NO_DUE } from '../petitions/next-due';
import { caseColumns, planOf, registerCase } from './registers.query';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * A leader's 包案 list (Art 18): the cases he owns now (his open stints) that the viewer may see,
 * open ones first by the nearest deadline, each with its plan and progress (where it stands, the
 * next deadline, the last step).
 */
export async function ownedCases(
  db: Db,
  viewer: StaffPrincipal,
  leaderId: string,
  now: Date,
): Promise<OwnedCaseList> {
  const rows = await caseColumns(db, viewer)
    .innerJoin('owned_case as oc', 'oc.petition_id', 'p.id')
    .innerJoin('staff_account as leader', 'leader.id', 'oc.leader_id')
    .select(['oc.taken_at', 'leader.display_name as leader_name', 'p.updated_at'])
    .where('oc.leader_id', '=', leaderId)
    .where('oc.released_at', 'is', null)
    .orderBy('p.next_due_at')
    .orderBy('p.id')
    .limit(200)
    .execute();
  const open = new Set<string>(OPEN_STATES);
  const at = now.toISOString();
  const items = rows
    .map((r) => ({
      case: registerCase(r),
      leader: { id: leaderId, name: r.leader_name },
      takenAt: r.taken_at,
      plan: planOf(r),
      nextDueAt: r.next_due_at < NO_DUE ? r.next_due_at : null,
      overdue: r.next_due_at < at,
      lastStepAt: r.updated_at,
    }))
    .sort((a, b) => Number(open.has(b.case.state)) - Number(open.has(a.case.state)));
  const openCount = items.filter((i) => open.has(i.case.state)).length;
  return { items, open: openCount, closed: items.length - openCount };
}
