import { OPEN_STATES, TRIAGE_STATES, type UnitRef } from '@xinfang/shared/lifecycle';
import {
  type Insertable,
  type Kysely,
  type RawBuilder,
  type Selectable,
  type SqlBool,
  sql,
  type Transaction,
  type Updateable,
} from 'kysely';
import { dialectOf } from '../../db/dialect';
import { prepared } from '../../db/prepared';
import type { DB, OrgUnitTable } from '../../db/schema';
import { pathIds, withinPath } from '../../db/subtree';

type Db = Kysely<DB> | Transaction<DB>;
export type OrgUnitRow = Selectable<OrgUnitTable>;

export async function findUnit(
  db: Db,
  by: { id: string } | { code: string },
): Promise<OrgUnitRow | undefined> {
  const query = db.selectFrom('org_unit').selectAll();
  return 'id' in by
    ? query.where('id', '=', by.id).executeTakeFirst()
    : query.where('code', '=', by.code).executeTakeFirst();
}

/** The unit as `shared` reasons about it: its id and its ancestors. */
export async function findUnitRef(db: Db, id: string): Promise<UnitRef | null> {
  const row = await db.selectFrom('org_unit').select(['id', 'path']).where('id', '=', id).executeTakeFirst();
  return row ? { id: row.id, path: pathIds(row.path) } : null;
}

/** The top of the organisation: what group-wide settings (the category list) belong to. */
export async function findRootUnitRef(db: Db): Promise<UnitRef | null> {
  const [row] = (await rootUnit(db)).rows;
  return row ? { id: row.id, path: pathIds(row.path) } : null;
}

// Prepared: every online submission reads it.
const rootUnit = prepared((db) =>
  db
    .selectFrom('org_unit')
    .select(['id', 'path'])
    .where('parent_id', 'is', null)
    .orderBy('created_at')
    .limit(1),
);

export async function listUnits(
  db: Db,
  options: { includeRetired: boolean; withinPath?: string },
): Promise<OrgUnitRow[]> {
  let query = db.selectFrom('org_unit').selectAll();
  if (!options.includeRetired) query = query.where('retired_at', 'is', null);
  if (options.withinPath) query = query.where(withinPath('path', options.withinPath));
  return query.orderBy('depth').orderBy('sort_order').orderBy('code').execute();
}

export async function insertUnit(db: Db, unit: Insertable<OrgUnitTable>): Promise<void> {
  await db.insertInto('org_unit').values(unit).execute();
}

export async function updateUnit(db: Db, id: string, changes: Updateable<OrgUnitTable>): Promise<void> {
  await db.updateTable('org_unit').set(changes).where('id', '=', id).execute();
}

/**
 * Every unit locked until the commit, in id order, as a change counting in the inbox tallies locks
 * its own (`currentUnitPaths`). MySQL only: SQLite runs one writing transaction at a time.
 */
export async function lockEveryUnit(trx: Transaction<DB>): Promise<void> {
  if (dialectOf(trx) === 'mysql')
    await trx.selectFrom('org_unit').select('id').orderBy('id').forUpdate().execute();
}

/** Every unit below (and including) the one at `path`. */
export async function subtreeOf(db: Db, path: string): Promise<Pick<OrgUnitRow, 'id' | 'path' | 'depth'>[]> {
  return db.selectFrom('org_unit').select(['id', 'path', 'depth']).where(withinPath('path', path)).execute();
}

export async function hasActiveChildren(db: Db, id: string): Promise<boolean> {
  const row = await db
    .selectFrom('org_unit')
    .select('id')
    .where('parent_id', '=', id)
    .where('retired_at', 'is', null)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Of these units, the active ones that receive petitions (routing/receivingUnitFor). */
export async function receivingUnitIds(db: Db, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('org_unit')
    .select('id')
    .where('id', 'in', [...ids])
    .where('receives_petitions', '=', 1)
    .where('retired_at', 'is', null)
    .execute();
  return new Set(rows.map((r) => r.id));
}

/**
 * SQL: the petition `p` is held by `unit` — received there and still in triage, or handled there.
 * Every case must keep a unit that answers for it (Art 22), so a unit holding one is not retired.
 */
function holds(unit: RawBuilder<unknown>): RawBuilder<SqlBool> {
  return sql<SqlBool>`(p.handling_unit_id = ${unit} or (p.receiving_unit_id = ${unit} and p.state in (${sql.join([...TRIAGE_STATES])})))`;
}

/** The open petitions the unit holds, oldest first: numbers and states only (an admin reads no cases). */
export async function openPetitionsHeldBy(
  db: Db,
  id: string,
  limit: number,
): Promise<{ total: number; petitions: { number: string; state: string }[] }> {
  const held = db
    .selectFrom('petition as p')
    .where('p.state', 'in', [...OPEN_STATES])
    .where(holds(sql`${id}`));
  const petitions = await held
    .select(['p.number', 'p.state'])
    .orderBy('p.received_at')
    .limit(limit)
    .execute();
  const { total } = await held
    .select((eb) => eb.fn.countAll<number | string>().as('total'))
    .executeTakeFirstOrThrow();
  return { total: Number(total), petitions };
}

/** Per unit of a subtree: the open petitions it holds and its active staff, for the administrators' tree. */
export async function unitLoads(
  db: Db,
  path: string,
): Promise<Map<string, { openPetitions: number; activeStaff: number }>> {
  const loads = new Map<string, { openPetitions: number; activeStaff: number }>();
  const load = (id: string) => {
    const entry = loads.get(id) ?? { openPetitions: 0, activeStaff: 0 };
    loads.set(id, entry);
    return entry;
  };
  const open = await db
    .selectFrom('petition as p')
    .innerJoin('org_unit as u', (join) => join.on(holds(sql.ref('u.id'))))
    .where(withinPath('u.path', path))
    .where('p.state', 'in', [...OPEN_STATES])
    .select(['u.id', (eb) => eb.fn.countAll<number | string>().as('n')])
    .groupBy('u.id')
    .execute();
  for (const row of open) load(row.id).openPetitions = Number(row.n);
  const staff = await db
    .selectFrom('staff_account as s')
    .innerJoin('org_unit as u', 'u.id', 's.unit_id')
    .where(withinPath('u.path', path))
    .where('s.status', '=', 'active')
    .select(['u.id', (eb) => eb.fn.countAll<number | string>().as('n')])
    .groupBy('u.id')
    .execute();
  for (const row of staff) load(row.id).activeStaff = Number(row.n);
  return loads;
}

/**
 * The accusations about one of `accusedIds` that a unit of the subtree at `path` receives, handles,
 * answers, reviews or assists with: their numbers, oldest first, and how many. Art 30 keeps them
 * out of the accused unit's subtree, which a move of this subtree must not break (org.service.ts).
 */
export async function accusationsHeldAgainst(
  db: Db,
  path: string,
  accusedIds: readonly string[],
  limit: number,
): Promise<{ total: number; numbers: string[] }> {
  if (accusedIds.length === 0) return { total: 0, numbers: [] };
  const seen = await db
    .selectFrom('petition_unit as pu')
    .innerJoin('org_unit as u', 'u.id', 'pu.unit_id')
    .innerJoin('petition as p', 'p.id', 'pu.petition_id')
    .where(withinPath('u.path', path))
    .where('p.kind', '=', 'accusation')
    .where('p.concerned_unit_id', 'in', [...accusedIds])
    .select(['p.number', 'p.received_at'])
    .execute();
  const assisted = await db
    .selectFrom('assist_part as a')
    .innerJoin('org_unit as u', 'u.id', 'a.unit_id')
    .innerJoin('petition as p', 'p.id', 'a.petition_id')
    .where(withinPath('u.path', path))
    .where('p.kind', '=', 'accusation')
    .where('p.concerned_unit_id', 'in', [...accusedIds])
    .select(['p.number', 'p.received_at'])
    .execute();
  const received = new Map([...seen, ...assisted].map((r) => [r.number, r.received_at]));
  const numbers = [...received.keys()].sort(
    (a, b) => (received.get(a) as string).localeCompare(received.get(b) as string) || a.localeCompare(b),
  );
  return { total: numbers.length, numbers: numbers.slice(0, limit) };
}

/**
 * What still sits with a unit besides the petitions it holds: its active staff, and the follow-ups
 * (回访), 督办 notices, co-handling parts (Art 24) and re-handling decisions it has yet to answer.
 */
export async function unitCommitments(db: Db, id: string): Promise<UnitCommitments> {
  const n = sql<number | string>`count(*)`.as('n');
  const count = async (query: { executeTakeFirst(): Promise<{ n: number | string } | undefined> }) =>
    Number((await query.executeTakeFirst())?.n ?? 0);
  return {
    staff: await count(
      db.selectFrom('staff_account').select(n).where('unit_id', '=', id).where('status', '=', 'active'),
    ),
    followUps: await count(
      db.selectFrom('follow_up').select(n).where('unit_id', '=', id).where('recorded_at', 'is', null),
    ),
    supervision: await count(
      db
        .selectFrom('supervision_notice')
        .select(n)
        .where('unit_id', '=', id)
        .where('answered_at', 'is', null)
        // One whose case ended can never be answered (Art 40): it keeps no unit from retiring.
        .where('ended_at', 'is', null),
    ),
    assistParts: await count(
      db.selectFrom('assist_part').select(n).where('unit_id', '=', id).where('status', '=', 'open'),
    ),
    rehandling: await count(
      db.selectFrom('rehandling_decision').select(n).where('unit_id', '=', id).where('rehandle', 'is', null),
    ),
  };
}

export interface UnitCommitments {
  staff: number;
  followUps: number;
  supervision: number;
  assistParts: number;
  rehandling: number;
}
