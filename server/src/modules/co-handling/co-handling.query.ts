import { beijingDate } from '@xinfang/shared/clocks';
import type { AssistListQuery, AssistRequest } from '@xinfang/shared/schemas/co-handling';
import type { Kysely, Transaction } from 'kysely';
import type { StaffPrincipal } from '../../access/principal';
import type { DB } from '../../db/schema';
import { pathOf, withinPath } from '../../db/subtree';
import { assistOverdue } from '../petitions/co-handling.view';
import { staffNotRecused } from '../petitions/visibility';

type Db = Kysely<DB> | Transaction<DB>;

/** The most parts one list shows: a unit answers a handful at a time, not hundreds. */
const LIST_MAX = 200;

/**
 * The parts asked of a staff member's unit and the units below it (协办, Art 24): open ones by
 * their date (the overdue first), or the answered ones, newest first. Only the case's number and
 * kind come with them — never who petitioned, nor the title, which often names him (an assisting
 * unit needs the question).
 * Not those of a case the staff member is recused from (Art 28), which they may not answer either.
 */
export async function assistRequests(
  db: Db,
  staff: StaffPrincipal,
  filter: { status?: AssistListQuery['status'] | 'any'; petitionId?: string; no?: number },
  now: Date,
): Promise<AssistRequest[]> {
  const status = filter.status ?? 'open';
  let query = db
    .selectFrom('assist_part as a')
    .innerJoin('petition as p', 'p.id', 'a.petition_id')
    .innerJoin('org_unit as u', 'u.id', 'a.unit_id')
    .innerJoin('org_unit as lead', 'lead.id', 'a.lead_unit_id')
    .select([
      'a.petition_id',
      'a.no',
      'a.part',
      'a.due_date',
      'a.status',
      'a.requested_at',
      'a.answered_at',
      'p.number',
      'p.kind',
      'u.id as unit_id',
      'u.code as unit_code',
      'u.name as unit_name',
      'lead.id as lead_id',
      'lead.code as lead_code',
      'lead.name as lead_name',
    ])
    .where(withinPath('u.path', pathOf(staff.unit.path)))
    .where(staffNotRecused(staff, 'a.petition_id'));
  if (status !== 'any') query = query.where('a.status', '=', status);
  if (filter.petitionId !== undefined) query = query.where('a.petition_id', '=', filter.petitionId);
  if (filter.no !== undefined) query = query.where('a.no', '=', filter.no);
  query =
    status !== 'answered'
      ? query.orderBy('a.due_date').orderBy('a.petition_id').orderBy('a.no')
      : query.orderBy('a.answered_at', 'desc').orderBy('a.petition_id').orderBy('a.no');
  const rows = await query.limit(LIST_MAX).execute();
  const today = beijingDate(now.toISOString());
  return rows.map((r) => ({
    petitionId: r.petition_id,
    number: r.number,
    kind: r.kind as AssistRequest['kind'],
    leadUnit: { id: r.lead_id, code: r.lead_code, name: r.lead_name },
    no: r.no,
    unit: { id: r.unit_id, code: r.unit_code, name: r.unit_name },
    part: r.part,
    dueDate: r.due_date,
    status: r.status,
    overdue: assistOverdue({ status: r.status, dueDate: r.due_date }, today),
    requestedAt: r.requested_at,
    answeredAt: r.answered_at,
  }));
}
