import { OPEN_STATES, type PetitionKind, type PetitionState, type Stage } from '@xinfang/shared/lifecycle';
import { maskName } from '@xinfang/shared/masking';
import type {
  BacklogItem,
  BacklogReason,
  RegisterCase,
  RepeatMatter,
} from '@xinfang/shared/schemas/registers';
import { type Kysely, sql, type Transaction } from 'kysely';
import { accuserHiddenFor } from '../../access/accuser-firewall';
import type { StaffPrincipal } from '../../access/principal';
import type { DB } from '../../db/schema';
import { staffSeesPetition } from '../petitions/visibility';

type Db = Kysely<DB> | Transaction<DB>;

const LIMIT = 200;
const DAY_MS = 24 * 3600_000;

/**
 * The registers' read side: which cases are backlog (积案) and which petitions are one matter
 * brought again and again (重信重访), of the cases a viewer may see inside a unit's subtree
 * (`scope` is the viewer narrowed to that unit: the unit was checked to be within theirs).
 */
export function caseColumns(db: Db, scope: StaffPrincipal) {
  return db
    .selectFrom('petition as p')
    .leftJoin('org_unit as hu', 'hu.id', 'p.handling_unit_id')
    .leftJoin('resolution_plan as rp', 'rp.petition_id', 'p.id')
    .leftJoin('staff_account as planner', 'planner.id', 'rp.updated_by')
    .select([
      'p.id',
      'p.number',
      'p.title',
      'p.kind',
      'p.stage',
      'p.state',
      'p.received_at',
      'p.next_due_at',
      'p.lifecycle',
      'p.petitioner_id',
      'p.concerned_unit_id',
      'hu.id as hu_id',
      'hu.code as hu_code',
      'hu.name as hu_name',
      'rp.plan',
      'rp.updated_at as plan_at',
      'planner.id as planner_id',
      'planner.display_name as planner_name',
    ])
    .where(staffSeesPetition(scope, 'p'));
}
export type CaseRow = Awaited<ReturnType<ReturnType<typeof caseColumns>['execute']>>[number];

export function registerCase(r: CaseRow): RegisterCase {
  return {
    petitionId: r.id,
    petitionNumber: r.number,
    title: r.title,
    kind: r.kind as PetitionKind,
    stage: r.stage as Stage,
    state: r.state as PetitionState,
    receivedAt: r.received_at,
    handlingUnit: r.hu_id ? { id: r.hu_id, code: r.hu_code ?? '', name: r.hu_name ?? '' } : null,
  };
}

export function planOf(r: CaseRow): BacklogItem['plan'] {
  return r.plan && r.plan_at
    ? {
        plan: r.plan,
        updatedAt: r.plan_at,
        updatedBy: { id: r.planner_id ?? '', name: r.planner_name ?? '' },
      }
    : null;
}

/** 积案: open cases past a deadline, open longer than `longOpenDays`, or gone to review or re-examination. */
export async function backlog(
  db: Db,
  scope: StaffPrincipal,
  options: { longOpenDays: number; now: Date },
): Promise<BacklogItem[]> {
  const at = options.now.toISOString();
  const oldBefore = new Date(options.now.getTime() - options.longOpenDays * DAY_MS).toISOString();
  const rows = await caseColumns(db, scope)
    .where('p.state', 'in', [...OPEN_STATES])
    .where((eb) =>
      eb.or([
        eb('p.next_due_at', '<', at),
        eb('p.received_at', '<', oldBefore),
        eb('p.stage', 'in', ['review', 're_examination']),
      ]),
    )
    .orderBy('p.received_at')
    .orderBy('p.id')
    .limit(LIMIT)
    .execute();
  const leaderIds = rows.flatMap((r) => {
    const id = (JSON.parse(r.lifecycle) as { responsibleLeaderId?: string | null }).responsibleLeaderId;
    return id ? [[r.id, id] as const] : [];
  });
  const leaders = new Map(
    leaderIds.length === 0
      ? []
      : (
          await db
            .selectFrom('staff_account')
            .select(['id', 'display_name'])
            .where(
              'id',
              'in',
              leaderIds.map(([, id]) => id),
            )
            .execute()
        ).map((s) => [s.id, s.display_name]),
  );
  const leaderOf = new Map(leaderIds);
  return rows.map((r) => {
    const reasons: BacklogReason[] = [];
    if (r.next_due_at < at) reasons.push('overdue');
    if (r.received_at < oldBefore) reasons.push('long_open');
    if (r.stage === 'review' || r.stage === 're_examination') reasons.push('appealed');
    const leaderId = leaderOf.get(r.id);
    return {
      case: registerCase(r),
      reasons,
      ageDays: Math.floor((options.now.getTime() - Date.parse(r.received_at)) / DAY_MS),
      responsibleLeader: leaderId ? { id: leaderId, name: leaders.get(leaderId) ?? '' } : null,
      plan: planOf(r),
    };
  });
}

/**
 * 重信重访: petitions linked as the same matter (repeat links, detected or made by staff) within
 * the period, more than `moreThan` of them. A matter is what its links join, whichever petitioner
 * record each petition has: a desk registers every visit, letter and call as a new record, so
 * grouping by record left out whoever came to a desk (the `repeat` figure counts the links too).
 * The name is masked (张*), of the oldest petition whose record holds one; the person's history
 * (of that record) shows the rest.
 * Art 30: the name is left out wherever one of the petitions is an accusation whose accuser the
 * viewer may not learn.
 */
export async function repeatMatters(
  db: Db,
  viewer: StaffPrincipal,
  scope: StaffPrincipal,
  options: { moreThan: number; periodDays: number; now: Date },
): Promise<RepeatMatter[]> {
  const since = new Date(options.now.getTime() - options.periodDays * DAY_MS).toISOString();
  const rows = await caseColumns(db, scope)
    .where('p.received_at', '>=', since)
    .where(
      sql<boolean>`exists (select 1 from petition_link l where l.petition_id = p.id or l.linked_id = p.id)`,
    )
    .orderBy('p.received_at')
    .execute();
  if (rows.length === 0) return [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const links = await db
    .selectFrom('petition_link')
    .select(['petition_id', 'linked_id'])
    .where('petition_id', 'in', [...byId.keys()])
    .execute();
  // Union-find over the links between the petitions the viewer may see.
  const parent = new Map<string, string>([...byId.keys()].map((id) => [id, id]));
  const root = (id: string): string => {
    let r = id;
    while (parent.get(r) !== r) r = parent.get(r) as string;
    parent.set(id, r);
    return r;
  };
  for (const link of links) {
    const a = byId.get(link.petition_id);
    const b = byId.get(link.linked_id);
    if (a && b) parent.set(root(a.id), root(b.id));
  }
  const groups = new Map<string, CaseRow[]>();
  for (const r of rows) groups.set(root(r.id), [...(groups.get(root(r.id)) ?? []), r]);
  const matters = [...groups.values()].filter((g) => g.length > options.moreThan);
  const names = new Map(
    matters.length === 0
      ? []
      : (
          await db
            .selectFrom('petitioner_account')
            .select(['id', 'real_name'])
            .where('id', 'in', [...new Set(matters.flatMap((g) => g.map((r) => r.petitioner_id)))])
            .execute()
        ).map((p) => [p.id, p.real_name]),
  );
  const open = new Set<string>(OPEN_STATES);
  return matters
    .map((g) => {
      const first = g[0] as CaseRow;
      const last = g.at(-1) as CaseRow;
      const hidden = g.some((r) => accuserHiddenFor(r, { kind: 'staff', unit: viewer.unit }));
      // The oldest record that holds a name (an account may have none; a desk writes one down).
      const named = g.find((r) => names.get(r.petitioner_id)) ?? first;
      const name = names.get(named.petitioner_id);
      return {
        petitionerName: hidden || !name ? null : maskName(name),
        petitionerId: hidden ? null : named.petitioner_id,
        count: g.length,
        firstAt: first.received_at,
        lastAt: last.received_at,
        open: g.some((r) => open.has(r.state)),
        cases: g.map(registerCase),
        plan: planOf(last),
      };
    })
    .sort((a, b) => b.count - a.count || b.lastAt.localeCompare(a.lastAt))
    .slice(0, LIMIT);
}
