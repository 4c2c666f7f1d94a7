import {
  beijingDate,
  type Calendar,
  CLOCK_DEFINITIONS,
  type ClockName,
  clockKey,
  type OpenClock,
} from '@xinfang/shared/clocks';
import type { EventOf, SupervisionConcern } from '@xinfang/shared/lifecycle';
import { issuedBy, OPEN_STATES } from '@xinfang/shared/lifecycle';
import type {
  EscalatedCase,
  Escalation,
  SupervisionList,
  SupervisionNotice,
  SupervisionQuery,
  SupervisionStatus,
} from '@xinfang/shared/schemas/supervision';
import type { Kysely, Transaction } from 'kysely';
import type { StaffPrincipal } from '../../access/principal';
import type { DB } from '../../db/schema';
import { withinPath } from '../../db/subtree';
import { staffSeesPetition } from '../petitions/visibility';
import {
  mayAcknowledgeNotice,
  noticeAwaitsReceipt,
  receiptOf,
  stepAwaitsReceipt,
  stepsMeantFor,
} from './acknowledge';
import { noticeEvents } from './supervision-notice.repository';

type Db = Kysely<DB> | Transaction<DB>;

/** The list shows the most recent notices and escalated cases; older ones stay on each case. */
const LIST_LIMIT = 200;

/**
 * The supervisor's list (Art 40): supervision notices of the cases the viewer may see, by where
 * they stand, and the cases whose deadlines escalated, each at its highest step — both narrowed to
 * a unit's subtree when asked (the unit supervised, the unit a step was raised to).
 */
export async function supervisionList(
  db: Db,
  staff: StaffPrincipal,
  query: SupervisionQuery & { unitPath: string },
  calendar: Calendar,
  now: Date,
): Promise<SupervisionList> {
  const status = query.status ?? 'open';
  return {
    notices: await notices(db, staff, { ...query, status }, calendar, now),
    escalated: await escalated(db, staff, query.unitPath, status === 'all', calendar, now),
  };
}

export async function notices(
  db: Db,
  staff: StaffPrincipal,
  filter: { unitPath?: string; status?: SupervisionQuery['status']; petitionId?: string; no?: number },
  calendar: Calendar,
  now: Date,
): Promise<SupervisionNotice[]> {
  const today = beijingDate(now.toISOString());
  let q = db
    .selectFrom('supervision_notice as n')
    .innerJoin('petition as p', 'p.id', 'n.petition_id')
    .innerJoin('org_unit as u', 'u.id', 'n.unit_id')
    .leftJoin('staff_account as a', 'a.id', 'n.acknowledged_by')
    .select([
      'n.petition_id',
      'n.no',
      'n.concern',
      'n.issued_at',
      'n.due_date',
      'n.answered_at',
      'n.review',
      'n.review_note',
      'n.ended_at',
      'n.acknowledged_at',
      'a.display_name as acknowledged_name',
      'p.number',
      'p.title',
      'u.id as unit_id',
      'u.code as unit_code',
      'u.name as unit_name',
    ])
    .where(staffSeesPetition(staff, 'p'));
  if (filter.unitPath) q = q.where(withinPath('u.path', filter.unitPath));
  if (filter.petitionId) q = q.where('n.petition_id', '=', filter.petitionId);
  if (filter.no !== undefined) q = q.where('n.no', '=', filter.no);
  // A notice whose case ended is owed nothing more: neither open nor overdue.
  if (filter.status === 'open') q = q.where('n.answered_at', 'is', null).where('n.ended_at', 'is', null);
  if (filter.status === 'overdue')
    q = q.where('n.answered_at', 'is', null).where('n.ended_at', 'is', null).where('n.due_date', '<', today);
  if (filter.status === 'answered') q = q.where('n.answered_at', 'is not', null);
  const rows = await q
    .orderBy('n.due_date')
    .orderBy('n.petition_id')
    .orderBy('n.no')
    .limit(LIST_LIMIT)
    .execute();
  const documents = await noticeDocuments(
    db,
    rows.map((r) => r.petition_id),
  );
  const statuses = rows.map((r) => statusOf(r, today));
  // Who issued each notice and from which unit (for whether the viewer reviews it), what it asks
  // and its answer: free text its case's timeline already shows the same viewers (Art 30: a
  // notice carries no petitioner field).
  const events = await noticeEvents(
    db,
    rows.map((r) => r.petition_id),
  );
  const issuing = await unitNames(
    db,
    [...events.values()].flatMap((e) => (e.issued.data.issuingUnit ? [e.issued.data.issuingUnit.id] : [])),
  );
  return rows.map((r, i) => {
    const notice = events.get(`${r.petition_id}#${r.no}`);
    const issuingId = notice?.issued.data.issuingUnit?.id;
    return {
      petitionId: r.petition_id,
      petitionNumber: r.number,
      petitionTitle: r.title,
      no: r.no,
      unit: { id: r.unit_id, code: r.unit_code, name: r.unit_name },
      concern: r.concern as SupervisionConcern,
      issuedAt: r.issued_at,
      dueDate: r.due_date,
      status: statuses[i] as SupervisionStatus,
      answeredAt: r.answered_at,
      reviewNote: r.review_note,
      documentId: documents.get(`${r.petition_id}#${r.no}`) ?? null,
      mayReview: statuses[i] === 'answered' && reviews(staff, notice?.issued),
      ...receiptOf(r, noticeAwaitsReceipt(r) ? { since: r.issued_at } : null, calendar, now),
      mayAcknowledge: mayAcknowledgeNotice(staff, r),
      issuingUnit: issuingId ? { id: issuingId, name: issuing.get(issuingId) ?? '（已撤销的单位）' } : null,
      requirements: notice?.issued.data.requirements ?? '',
      answer: notice?.answer ?? null,
    };
  });
}

/** The names of these units, by id. */
async function unitNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('org_unit').select(['id', 'name']).where('id', 'in', unique).execute();
  return new Map(rows.map((u) => [u.id, u.name]));
}

/**
 * Whether this staff member reviews the answer to the notice, as `review_supervision`'s gate
 * decides (Art 40): a supervisor of the unit that issued it. The notice awaits review, so its case
 * is open: a case that ends ends its notices.
 */
function reviews(staff: StaffPrincipal, issued: EventOf<'supervision_issued'> | undefined): boolean {
  return issued !== undefined && staff.roles.includes('supervisor') && issuedBy(issued, staff);
}

function statusOf(
  row: { answered_at: string | null; due_date: string; review: string | null; ended_at?: string | null },
  today: string,
): SupervisionStatus {
  if (row.ended_at) return 'ended';
  // A returned answer is owed again: the notice waits for it as `returned` until its new date.
  if (row.answered_at === null)
    return row.due_date < today ? 'overdue' : row.review === 'returned' ? 'returned' : 'open';
  return (row.review as SupervisionStatus | null) ?? 'answered';
}

/** The 督办单 documents of these petitions, by `petitionId#no` (the number is in the document's facts). */
async function noticeDocuments(db: Db, petitionIds: readonly string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const ids = [...new Set(petitionIds)];
  if (ids.length === 0) return found;
  const rows = await db
    .selectFrom('document')
    .select(['id', 'petition_id', 'facts'])
    .where('type', '=', 'supervision_notice')
    .where('petition_id', 'in', ids)
    .execute();
  for (const row of rows) {
    const no = (JSON.parse(row.facts) as { body?: { no?: number } }).body?.no;
    if (typeof no === 'number') found.set(`${row.petition_id}#${no}`, row.id);
  }
  return found;
}

/** Rows read at a time for the escalated cases: some are runs that have since stopped. */
const ESCALATED_PAGE = LIST_LIMIT * 2;

/**
 * The escalated cases (Art 40), each clock run at its highest level raised within `unitPath` with
 * that level's latest due date, highest first, then the longest overdue. Narrowed in SQL before
 * any limit — to cases still open unless `includeFinished` — so a case that reached the top of the
 * ladder long ago and gets no new rows is never pushed off the list by newer ones. Withdrawn steps
 * (a red the year's holiday notice moved later) are left out: the case is not late.
 */
async function escalated(
  db: Db,
  staff: StaffPrincipal,
  unitPath: string,
  includeFinished: boolean,
  calendar: Calendar,
  now: Date,
): Promise<EscalatedCase[]> {
  // The steps raised within the subtree and not withdrawn.
  const standing = () =>
    db
      .selectFrom('escalation as e')
      .innerJoin('org_unit as u', 'u.id', 'e.unit_id')
      .where('e.withdrawn_at', 'is', null)
      .where(withinPath('u.path', unitPath));
  const top = standing()
    .innerJoin('petition as p', 'p.id', 'e.petition_id')
    .where(staffSeesPetition(staff, 'p'))
    .$if(!includeFinished, (q) => q.where('p.state', 'in', OPEN_STATES))
    .select(['e.petition_id', 'e.clock_key'])
    .select((eb) => eb.fn.max('e.level').as('level'))
    .groupBy(['e.petition_id', 'e.clock_key']);
  const latest = standing()
    .innerJoin(top.as('t'), (join) =>
      join
        .onRef('t.petition_id', '=', 'e.petition_id')
        .onRef('t.clock_key', '=', 'e.clock_key')
        .onRef('t.level', '=', 'e.level'),
    )
    .select(['e.petition_id', 'e.clock_key', 'e.level'])
    .select((eb) => eb.fn.max('e.due_date').as('due_date'))
    .groupBy(['e.petition_id', 'e.clock_key', 'e.level']);
  const page = (offset: number) =>
    db
      .selectFrom('escalation as e')
      .innerJoin(latest.as('l'), (join) =>
        join
          .onRef('l.petition_id', '=', 'e.petition_id')
          .onRef('l.clock_key', '=', 'e.clock_key')
          .onRef('l.level', '=', 'e.level')
          .onRef('l.due_date', '=', 'e.due_date'),
      )
      .innerJoin('petition as p', 'p.id', 'e.petition_id')
      .innerJoin('org_unit as u', 'u.id', 'e.unit_id')
      .leftJoin('staff_account as a', 'a.id', 'e.acknowledged_by')
      .select([
        'e.id',
        'e.petition_id',
        'e.clock_key',
        'e.clock_name',
        'e.level',
        'e.flag',
        'e.due_date',
        'e.reached_at',
        'e.withdrawn_at',
        'e.acknowledged_at',
        'a.display_name as acknowledged_name',
        'u.id as unit_id',
        'u.name as unit_name',
        'u.path as unit_path',
        'p.number',
        'p.title',
        'p.running_clocks',
      ])
      .orderBy('e.level', 'desc')
      .orderBy('e.due_date')
      .orderBy('e.petition_id')
      .orderBy('e.clock_key')
      .limit(ESCALATED_PAGE)
      .offset(offset)
      .execute();
  // Deadlines at the same step of one case (triage and the written notice) are one line.
  const cases = new Map<string, EscalatedCase>();
  for (let offset = 0; cases.size < LIST_LIMIT; offset += ESCALATED_PAGE) {
    const rows = await page(offset);
    const mine = await stepsMeantFor(db, staff, rows);
    for (const r of rows) {
      // Whether the clock still runs, from the running clocks its petition keeps in its row.
      const open = (JSON.parse(r.running_clocks) as OpenClock[]).some(
        (clock) => clockKey(clock) === r.clock_key,
      );
      if (!includeFinished && !open) continue;
      const line = `${r.petition_id} ${r.level} ${r.unit_id} ${open}`;
      const seen = cases.get(line);
      if (seen) {
        seen.escalation.deadline += `、${CLOCK_DEFINITIONS[r.clock_name as ClockName].label}`;
        continue;
      }
      cases.set(line, {
        petitionId: r.petition_id,
        petitionNumber: r.number,
        petitionTitle: r.title,
        escalation: escalationOf(r, mine.has(r.id) && !r.acknowledged_at, calendar, now),
        open,
      });
    }
    if (rows.length < ESCALATED_PAGE) break;
  }
  return [...cases.values()]
    .sort(
      (a, b) =>
        b.escalation.level - a.escalation.level || a.escalation.dueDate.localeCompare(b.escalation.dueDate),
    )
    .slice(0, LIST_LIMIT);
}

/** A step as the lists show it, with its 签收 and whether the viewer may give it. */
export function escalationOf(
  r: {
    id: string;
    clock_name: string;
    level: number;
    flag: string;
    unit_id: string;
    unit_name: string | null;
    due_date: string;
    reached_at: string;
    withdrawn_at: string | null;
    acknowledged_at?: string | null;
    acknowledged_name?: string | null;
  },
  mayAcknowledge: boolean,
  calendar: Calendar,
  now: Date,
): Escalation {
  const clock = r.clock_name as ClockName;
  return {
    id: r.id,
    clock,
    deadline: CLOCK_DEFINITIONS[clock].label,
    level: r.level,
    flag: r.flag as Escalation['flag'],
    unit: { id: r.unit_id, name: r.unit_name ?? '（已撤销的单位）' },
    dueDate: r.due_date,
    reachedAt: r.reached_at,
    withdrawnAt: r.withdrawn_at,
    ...receiptOf(r, stepAwaitsReceipt(r) ? { since: r.reached_at } : null, calendar, now),
    mayAcknowledge,
  };
}
