import { accuses, holderUnit, isWithin, type Petition, type UnitRef } from '@xinfang/shared/lifecycle';
import type { Kysely, Selectable, Transaction } from 'kysely';
import { prepared, preparedBy } from '../../db/prepared';
import type { DB, PetitionTable } from '../../db/schema';
import { pathIds } from '../../db/subtree';
import { eventOf } from './event-row';
import { visibleUnits } from './inbox-queues';

type Db = Kysely<DB> | Transaction<DB>;

export type PetitionRow = Selectable<PetitionTable>;

/** The columns kept beside the lifecycle value, for queries, lists and display. */
export type PetitionRecord = Omit<PetitionRow, 'lifecycle'>;

/** What the lifecycle keeps in its JSON column: the petition without its events (they have a table). */
type StoredLifecycle = Omit<Petition, 'events'>;

export interface LoadedPetition<Row = PetitionRecord> {
  row: Row;
  petition: Petition;
  /** The petition's units as read with it (names too, so a view need not read them again). */
  unitsRead?: ReadonlyMap<string, UnitRow>;
}

/** A unit's name and code, as views show it. */
export interface UnitRow {
  id: string;
  code: string;
  name: string;
}

export async function findPetitionRow(
  db: Db,
  by: { id: string } | { number: string },
): Promise<PetitionRow | undefined> {
  const { rows } = 'id' in by ? await rowById(db, by.id) : await rowByNumber(db, by.number);
  return rows[0];
}

/**
 * Every column of a petition's row, by name rather than `*`: the driver makes the rows of a
 * statement that names its columns faster (db/sqlite-rows.ts). The object fails to compile when
 * the table gains a column it lacks.
 */
export const PETITION_COLUMNS = Object.keys({
  id: true,
  number: true,
  query_code_hash: true,
  petitioner_id: true,
  registered_by: true,
  kind: true,
  channel: true,
  category_code: true,
  title: true,
  content: true,
  location: true,
  state: true,
  stage: true,
  version: true,
  receiving_unit_id: true,
  concerned_unit_id: true,
  handling_unit_id: true,
  handler_id: true,
  headcount: true,
  awaiting_approval: true,
  received_at: true,
  next_due_at: true,
  lifecycle: true,
  running_clocks: true,
  created_at: true,
  updated_at: true,
  submission_key: true,
  submission_hash: true,
} satisfies Record<keyof PetitionTable, true>) as (keyof PetitionTable)[];

const rowById = prepared((db, id: string) =>
  db.selectFrom('petition').select(PETITION_COLUMNS).where('id', '=', id),
);
const rowByNumber = prepared((db, number: string) =>
  db.selectFrom('petition').select(PETITION_COLUMNS).where('number', '=', number),
);
const eventRows = preparedBy(
  (ids: string[]) => String(ids.length),
  (db, ids) =>
    db
      .selectFrom('petition_event')
      .select(['petition_id', 'type', 'at', 'actor_id', 'actor_role', 'visibility', 'stage', 'data'])
      .where('petition_id', 'in', ids)
      .orderBy('petition_id')
      .orderBy('seq'),
);
const unitRows = preparedBy(
  (ids: string[]) => String(ids.length),
  (db, ids) => db.selectFrom('org_unit').select(['id', 'path', 'code', 'name']).where('id', 'in', ids),
);
const activeStaffRows = preparedBy(
  (ids: string[]) => String(ids.length),
  (db, ids) =>
    db
      .selectFrom('staff_account as s')
      .innerJoin('org_unit as u', 'u.id', 's.unit_id')
      .select(['s.id', 'u.id as unit_id', 'u.path'])
      .where('s.id', 'in', ids)
      .where('s.status', '=', 'active'),
);

/**
 * Art 18: a 包案领导 acts on his case while he may see it — a leader of the unit holding it or of
 * one above (take_case's `holder` scope), not recused from it (Art 28), not in the line of the
 * unit it accuses (Art 30). One disabled, or moved where he cannot, has left the case: another
 * leader may take it over.
 */
function leaderSees(petition: Petition, leaderUnit: UnitRef | undefined, leaderId: string): boolean {
  return (
    leaderUnit !== undefined &&
    isWithin(holderUnit(petition), leaderUnit) &&
    !petition.recusedStaffIds.includes(leaderId) &&
    !accuses(petition, leaderUnit)
  );
}

/** What decides whether an accuser's identity is hidden from a caller (Art 30), per petition. */
export async function accuserFactsOf(
  db: Db,
  ids: readonly string[],
): Promise<{ kind: string; concerned_unit_id: string | null }[]> {
  return db.selectFrom('petition').select(['kind', 'concerned_unit_id']).where('id', 'in', ids).execute();
}

export async function loadPetition(db: Db, id: string): Promise<LoadedPetition | null> {
  const row = await findPetitionRow(db, { id });
  if (!row) return null;
  return (await hydrate(db, [row]))[0] ?? null;
}

export async function loadPetitions(db: Db, ids: readonly string[]): Promise<LoadedPetition[]> {
  if (ids.length === 0) return [];
  return hydrate(
    db,
    await db
      .selectFrom('petition')
      .selectAll()
      .where('id', 'in', [...ids])
      .execute(),
  );
}

/**
 * The columns a list reads of each petition: what a line shows (`toSummary`), the running clocks
 * its next date is counted from, and the sort keys. Not the lifecycle: its text is most of a row.
 */
export const SUMMARY_COLUMNS = [
  'id',
  'number',
  'category_code',
  'title',
  'kind',
  'channel',
  'state',
  'stage',
  'version',
  'receiving_unit_id',
  'handling_unit_id',
  'running_clocks',
  'next_due_at',
  'received_at',
] as const;
export type SummaryRow = Pick<PetitionRow, (typeof SUMMARY_COLUMNS)[number]>;

/**
 * The petitions as the lifecycle sees them, with their unit paths refreshed (units may have moved
 * since). Whole rows give `PetitionRecord`s.
 */
export async function hydrate<R extends Pick<PetitionRow, 'id' | 'lifecycle'>>(
  db: Db,
  rows: R[],
): Promise<LoadedPetition<Omit<R, 'lifecycle'>>[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const { rows: events } = await eventRows(db, ids);
  // Grouped once: a filter per row compared every row with every event.
  const eventsOf = new Map<string, typeof events>();
  for (const event of events) {
    const list = eventsOf.get(event.petition_id);
    if (list) list.push(event);
    else eventsOf.set(event.petition_id, [event]);
  }
  const stored = rows.map((r) => JSON.parse(r.lifecycle) as StoredLifecycle);
  const unitIds = new Set<string>();
  for (const s of stored) for (const unit of Object.values(s.units)) if (unit) unitIds.add(unit.id);
  const { rows: units } = await unitRows(db, [...unitIds]);
  const paths = new Map(units.map((u) => [u.id, pathIds(u.path)]));
  const unitsRead = new Map(units.map((u) => [u.id, { id: u.id, code: u.code, name: u.name }]));
  // Art 18: whether each 包案领导 may still act on his case is a fact about a person, read afresh
  // like the units' paths (a disabled or moved leader's case may be taken over). Only cases with a
  // leader ask.
  const leaderIds = [
    ...new Set(stored.flatMap((s) => (s.responsibleLeaderId ? [s.responsibleLeaderId] : []))),
  ];
  const activeLeaders =
    leaderIds.length > 0
      ? new Map(
          (await activeStaffRows(db, leaderIds)).rows.map((r) => [
            r.id,
            { id: r.unit_id, path: pathIds(r.path) },
          ]),
        )
      : null;
  // Each parsed value and row is this call's own, so they are completed in place: copying ~30
  // columns per row (an object rest) was most of a list's time outside SQLite.
  return rows.map((row, i) => {
    const petition = stored[i] as Petition;
    for (const unit of Object.values(petition.units)) if (unit) unit.path = paths.get(unit.id) ?? unit.path;
    // Rows written before Art 24's 承办人 was kept have no handler.
    petition.handlerId ??= null;
    const leaderId = petition.responsibleLeaderId;
    if (activeLeaders && leaderId && !leaderSees(petition, activeLeaders.get(leaderId), leaderId))
      petition.inactiveStaffIds = [leaderId];
    else if (petition.inactiveStaffIds) delete petition.inactiveStaffIds;
    petition.events = (eventsOf.get(row.id) ?? []).map(eventOf);
    // The lifecycle text stays on the row, unread: the record is the row's other columns.
    return { row: row as Omit<R, 'lifecycle'>, petition, unitsRead };
  });
}

/** The ids of the units whose subtrees may see a petition (see `visibleUnits`). */
export function visibleUnitIds(petition: Petition): string[] {
  return visibleUnits(petition).map((unit) => unit.id);
}
