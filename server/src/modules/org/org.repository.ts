import { OPEN_STATES, TRIAGE_STATES, type UnitRef } from '@xinfang/shared/lifecycle';
import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
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

/** Whether open petitions are held by the unit: received there and in triage, or handled there. */
export async function holdsOpenPetitions(db: Db, id: string): Promise<boolean> {
  const row = await db
    .selectFrom('petition')
    .select('id')
    .where('state', 'in', [...OPEN_STATES])
    .where((eb) =>
      eb.or([
        eb('handling_unit_id', '=', id),
        eb.and([eb('receiving_unit_id', '=', id), eb('state', 'in', [...TRIAGE_STATES])]),
      ]),
    )
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
