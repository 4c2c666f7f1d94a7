import {
  beijingDate,
  CLOCK_DEFINITIONS,
  type ClockName,
  clockKey,
  type OpenClock,
} from '@xinfang/shared/clocks';
import type { SupervisionConcern } from '@xinfang/shared/lifecycle';
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
  now: Date,
): Promise<SupervisionList> {
  const status = query.status ?? 'open';
  return {
    notices: await notices(db, staff, { ...query, status }, now),
    escalated: await escalated(db, staff, query.unitPath, status === 'all'),
  };
}

export async function notices(
  db: Db,
  staff: StaffPrincipal,
  filter: { unitPath?: string; status?: SupervisionQuery['status']; petitionId?: string; no?: number },
  now: Date,
): Promise<SupervisionNotice[]> {
  const today = beijingDate(now.toISOString());
  let q = db
    .selectFrom('supervision_notice as n')
    .innerJoin('petition as p', 'p.id', 'n.petition_id')
    .innerJoin('org_unit as u', 'u.id', 'n.unit_id')
    .select([
      'n.petition_id',
      'n.no',
      'n.concern',
      'n.issued_at',
      'n.due_date',
      'n.answered_at',
      'n.review',
      'n.review_note',
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
  if (filter.status === 'open') q = q.where('n.answered_at', 'is', null);
  if (filter.status === 'overdue') q = q.where('n.answered_at', 'is', null).where('n.due_date', '<', today);
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
  return rows.map((r) => ({
    petitionId: r.petition_id,
    petitionNumber: r.number,
    petitionTitle: r.title,
    no: r.no,
    unit: { id: r.unit_id, code: r.unit_code, name: r.unit_name },
    concern: r.concern as SupervisionConcern,
    issuedAt: r.issued_at,
    dueDate: r.due_date,
    status: statusOf(r, today),
    answeredAt: r.answered_at,
    reviewNote: r.review_note,
    documentId: documents.get(`${r.petition_id}#${r.no}`) ?? null,
  }));
}

function statusOf(
  row: { answered_at: string | null; due_date: string; review: string | null },
  today: string,
): SupervisionStatus {
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

async function escalated(
  db: Db,
  staff: StaffPrincipal,
  unitPath: string,
  includeFinished: boolean,
): Promise<EscalatedCase[]> {
  const rows = await db
    .selectFrom('escalation as e')
    .innerJoin('petition as p', 'p.id', 'e.petition_id')
    .innerJoin('org_unit as u', 'u.id', 'e.unit_id')
    .select([
      'e.petition_id',
      'e.clock_key',
      'e.clock_name',
      'e.level',
      'e.flag',
      'e.due_date',
      'e.reached_at',
      'u.id as unit_id',
      'u.name as unit_name',
      'p.number',
      'p.title',
      'p.running_clocks',
    ])
    .where(staffSeesPetition(staff, 'p'))
    .where(withinPath('u.path', unitPath))
    .orderBy('e.reached_at', 'desc')
    .limit(LIST_LIMIT * 4)
    .execute();
  // The highest step of each clock run.
  const highest = new Map<string, (typeof rows)[number]>();
  for (const row of rows) {
    const key = `${row.petition_id} ${row.clock_key}`;
    const seen = highest.get(key);
    if (!seen || seen.level < row.level) highest.set(key, row);
  }
  // Deadlines at the same step of one case (triage and the written notice) are one line.
  const cases = new Map<string, EscalatedCase>();
  for (const r of highest.values()) {
    // Whether the clock still runs, from the running clocks its petition keeps in its row.
    const open = (JSON.parse(r.running_clocks) as OpenClock[]).some(
      (clock) => clockKey(clock) === r.clock_key,
    );
    if (!includeFinished && !open) continue;
    const line = `${r.petition_id} ${r.level} ${r.unit_id} ${open}`;
    const seen = cases.get(line);
    if (seen) {
      seen.escalation.deadline += `、${escalationOf(r).deadline}`;
      continue;
    }
    cases.set(line, {
      petitionId: r.petition_id,
      petitionNumber: r.number,
      petitionTitle: r.title,
      escalation: escalationOf(r),
      open,
    });
  }
  return [...cases.values()]
    .sort(
      (a, b) =>
        b.escalation.level - a.escalation.level || a.escalation.dueDate.localeCompare(b.escalation.dueDate),
    )
    .slice(0, LIST_LIMIT);
}

export function escalationOf(r: {
  clock_name: string;
  level: number;
  flag: string;
  unit_id: string;
  unit_name: string | null;
  due_date: string;
  reached_at: string;
}): Escalation {
  const clock = r.clock_name as ClockName;
  return {
    clock,
    deadline: CLOCK_DEFINITIONS[clock].label,
    level: r.level,
    flag: r.flag as Escalation['flag'],
    unit: { id: r.unit_id, name: r.unit_name ?? '（已撤销的单位）' },
    dueDate: r.due_date,
    reachedAt: r.reached_at,
  };
}
