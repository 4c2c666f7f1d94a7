import type { Petition, PetitionEvent } from '@xinfang/shared/lifecycle';
import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import { newId } from '../../db/ids';
import type { DB, PetitionTable } from '../../db/schema';
import { pathIds } from '../../db/subtree';

type Db = Kysely<DB> | Transaction<DB>;

export type PetitionRow = Selectable<PetitionTable>;

/** The columns kept beside the lifecycle value, for queries, lists and display. */
export type PetitionRecord = Omit<PetitionRow, 'lifecycle' | 'awaiting_approval'> & {
  awaiting_approval: number;
};

/** What the lifecycle keeps in its JSON column: the petition without its events (they have a table). */
type StoredLifecycle = Omit<Petition, 'events'>;

export interface LoadedPetition {
  row: PetitionRecord;
  petition: Petition;
}

export async function findPetitionRow(db: Db, by: { id: string } | { number: string }) {
  const query = db.selectFrom('petition').selectAll();
  return 'id' in by
    ? query.where('id', '=', by.id).executeTakeFirst()
    : query.where('number', '=', by.number).executeTakeFirst();
}

/** The petition as the lifecycle sees it, with its unit paths refreshed (units may have moved since). */
export async function loadPetition(db: Db, id: string): Promise<LoadedPetition | null> {
  const row = await findPetitionRow(db, { id });
  if (!row) return null;
  return (await hydrate(db, [row]))[0] ?? null;
}

export async function hydrate(db: Db, rows: PetitionRow[]): Promise<LoadedPetition[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const events = await db
    .selectFrom('petition_event')
    .select(['petition_id', 'type', 'at', 'actor_id', 'actor_role', 'visibility', 'stage', 'data'])
    .where('petition_id', 'in', ids)
    .orderBy('petition_id')
    .orderBy('seq')
    .execute();
  const stored = rows.map((r) => JSON.parse(r.lifecycle) as StoredLifecycle);
  const unitIds = new Set<string>();
  for (const s of stored) for (const unit of Object.values(s.units)) if (unit) unitIds.add(unit.id);
  const paths = new Map(
    (
      await db
        .selectFrom('org_unit')
        .select(['id', 'path'])
        .where('id', 'in', [...unitIds])
        .execute()
    ).map((u) => [u.id, pathIds(u.path)]),
  );
  return rows.map((row, i) => {
    const s = stored[i] as StoredLifecycle;
    const units = Object.fromEntries(
      Object.entries(s.units).map(([role, unit]) => [
        role,
        unit ? { id: unit.id, path: paths.get(unit.id) ?? unit.path } : null,
      ]),
    ) as unknown as Petition['units'];
    const petitionEvents = events
      .filter((e) => e.petition_id === row.id)
      .map(
        (e) =>
          ({
            type: e.type,
            at: e.at,
            actorId: e.actor_id,
            actorRole: e.actor_role,
            visibility: e.visibility,
            stage: e.stage,
            data: JSON.parse(e.data),
          }) as PetitionEvent,
      );
    const { lifecycle: _, ...record } = row;
    return { row: record, petition: { ...s, units, events: petitionEvents } };
  });
}

/** The units whose subtrees may see a petition. Art 30: an accusation is kept from the accused unit. */
export function visibleUnitIds(petition: Petition): string[] {
  const { receiving, concerned, handling, answering, reviewing, reExamining } = petition.units;
  const units = [receiving, handling, answering, reviewing, reExamining];
  if (petition.kind !== 'accusation') units.push(concerned);
  return [...new Set(units.filter((u) => u !== null).map((u) => u.id))];
}

export interface SaveInput {
  /** The petition as loaded, or null when it is new. */
  before: Petition | null;
  after: Petition;
  /** The events `decide`/`register` produced, in order. */
  events: readonly PetitionEvent[];
  /** Row columns that are not in the lifecycle value (set on insert, changed on update). */
  columns: Partial<Insertable<PetitionTable>>;
}

/**
 * Writes a petition's new state, its new events, and who may see it — with an optimistic lock:
 * the update applies only if nobody changed the petition since it was read. Returns false when
 * someone did (the caller answers 409).
 */
export async function savePetition(db: Db, input: SaveInput): Promise<boolean> {
  const { before, after, events, columns } = input;
  const { events: _events, ...lifecycle } = after;
  const common = {
    state: after.state,
    stage: after.stage,
    version: after.version,
    handling_unit_id: after.units.handling?.id ?? null,
    concerned_unit_id: after.units.concerned?.id ?? null,
    awaiting_approval: after.state === 'reply_drafted' || after.extension.status === 'requested' ? 1 : 0,
    lifecycle: JSON.stringify(lifecycle),
    ...columns,
  };
  if (before === null) {
    await db
      .insertInto('petition')
      .values({ id: after.id, ...common } as Insertable<PetitionTable>)
      .execute();
  } else {
    const result = await db
      .updateTable('petition')
      .set(common)
      .where('id', '=', after.id)
      .where('version', '=', before.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
  }

  const firstSeq = (before?.events.length ?? 0) + 1;
  if (events.length > 0) {
    await db
      .insertInto('petition_event')
      .values(
        events.map((event, i) => ({
          id: newId(Date.parse(event.at)),
          petition_id: after.id,
          seq: firstSeq + i,
          type: event.type,
          at: event.at,
          actor_id: event.actorId,
          actor_role: event.actorRole,
          visibility: event.visibility,
          stage: event.stage,
          data: JSON.stringify(event.data),
        })),
      )
      .execute();
  }

  const visible = visibleUnitIds(after);
  if (before === null || visibleUnitIds(before).join() !== visible.join()) {
    await db.deleteFrom('petition_unit').where('petition_id', '=', after.id).execute();
    await db
      .insertInto('petition_unit')
      .values(visible.map((unit_id) => ({ unit_id, petition_id: after.id })))
      .execute();
  }
  if ((before?.recusedStaffIds ?? []).join() !== after.recusedStaffIds.join()) {
    await db.deleteFrom('petition_recusal').where('petition_id', '=', after.id).execute();
    if (after.recusedStaffIds.length > 0) {
      await db
        .insertInto('petition_recusal')
        .values(after.recusedStaffIds.map((staff_id) => ({ petition_id: after.id, staff_id })))
        .execute();
    }
  }
  return true;
}
