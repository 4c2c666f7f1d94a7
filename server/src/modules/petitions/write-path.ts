import { type Calendar, type OpenClock, runningClocksOf } from '@xinfang/shared/clocks';
import type { Petition, PetitionEvent, UnitRef } from '@xinfang/shared/lifecycle';
import type { Insertable, Transaction, Updateable } from 'kysely';
import { type AuditActor, type AuditEntry, recordAudit } from '../../audit/audit-log';
import { newId } from '../../db/ids';
import { prepared, preparedBy, rowInserter } from '../../db/prepared';
import type {
  DB,
  PetitionEventTable,
  PetitionSignatureTable,
  PetitionTable,
  PetitionUnitTable,
} from '../../db/schema';
import { awaitsApproval, visibleUnits } from './inbox-queues';
import { nextDeadlineAmong } from './next-due';
import type { LoadedPetition, PetitionRecord } from './petition.repository';
import { signatureBands } from './signature';

type Trx = Transaction<DB>;

/**
 * The one way a petition's lifecycle changes reach the database — a submission, a registration,
 * every action, the automatic decline, the deadline job, the seeds. Inside the caller's
 * transaction it: works out the next due date; saves the row and the new events under the
 * optimistic lock (nothing, and null back, when someone changed the petition first); keeps who may
 * see it, the recusals and, for a new petition, its text signature; writes the audit entry; then
 * runs the effects it was built with, in order, each given the same self-contained
 * `PetitionChange` — the inbox tallies today; notifications (an outbox) and the figures' rollups
 * hang on here too, without any caller changing.
 */
export interface PetitionChange {
  /** The petition as it was, or null when it is new. */
  before: Petition | null;
  after: Petition;
  /** The events this change added, in order; the first has sequence number `firstSeq`. */
  events: readonly PetitionEvent[];
  firstSeq: number;
  facts: PetitionFacts;
  /** A new petition's title and content, as written; null for a change to an existing one. */
  text: { title: string; content: string } | null;
  /** The nearest running deadline before (null: new) and after; NO_DUE when none runs. */
  due: { before: string | null; after: string };
  /** The clocks still running after the change, kept with the row (`petition.running_clocks`). */
  running: OpenClock[];
  /** The units whose subtrees see the petition, before (none: new) and after. */
  visible: { before: readonly UnitRef[]; after: readonly UnitRef[] };
  /** Who made the change and how (the audit log's actor). */
  actor: AuditActor;
  /** The audit action, e.g. `petition.submit`, `petition.assign`, `petition.close`. */
  action: string;
  now: Date;
}

/** What the row knows of a petition beside its lifecycle value, for effects that count or notify. */
export interface PetitionFacts {
  id: string;
  number: string;
  petitionerId: string;
  kind: string;
  channel: string;
  categoryCode: string;
  receivedAt: string;
  receivingUnitId: string;
  /** Null while nobody has named the unit the petition is about. */
  concernedUnitId: string | null;
  handlingUnitId: string | null;
}

export type ChangeEffect = (trx: Trx, change: PetitionChange) => Promise<void>;

/** A new petition's columns that its lifecycle value does not hold. */
export interface NewPetitionColumns {
  number: string;
  query_code_hash: string;
  registered_by: string | null;
  category_code: string;
  title: string;
  content: string;
  location: string | null;
  headcount: number | null;
  /** An online submission's Idempotency-Key and request fingerprint, kept for good (intake). */
  submission_key?: string | null;
  submission_hash?: string | null;
}

export interface PetitionWrite {
  /** As read (the row's due date is part of the lock); null for a new petition. */
  before: LoadedPetition | null;
  after: Petition;
  events: readonly PetitionEvent[];
  /** Required when `before` is null. */
  created?: NewPetitionColumns;
  audit: { actor: AuditActor; action: string; details?: AuditEntry['details'] };
  now: Date;
}

/** The rows a change writes, as plain values: the write path's, and the bench seeder's in bulk. */
export interface ChangeRows {
  /** The whole row of a new petition, or null. */
  inserted: Insertable<PetitionTable> | null;
  /** The columns a change to an existing petition sets. */
  updated: Updateable<PetitionTable>;
  events: Insertable<PetitionEventTable>[];
  /** Null when who may see it did not change. */
  units: Insertable<PetitionUnitTable>[] | null;
  /** Null when the recusals did not change. */
  recusals: { petition_id: string; staff_id: string }[] | null;
  /** The text signature's bands; null when they did not change (they hang on the person and the unit). */
  signature: Insertable<PetitionSignatureTable>[] | null;
}

/** A change as written: the change, and the petition as it now stands (row and lifecycle). */
export interface Written extends LoadedPetition {
  change: PetitionChange;
}

export interface WritePath {
  /** Null when someone changed the petition since it was read (the caller answers 409). */
  write(trx: Trx, input: PetitionWrite): Promise<Written | null>;
}

export function createWritePath(deps: { calendar: Calendar; effects: readonly ChangeEffect[] }): WritePath {
  return {
    async write(trx, input) {
      const change = describeChange(input, deps.calendar);
      const rows = changeRows(change, input);
      if (!(await saveRows(trx, input.before, rows))) return null;
      await recordAudit(trx, input.audit.actor, auditEntry(input), input.now);
      for (const effect of deps.effects) await effect(trx, change);
      return { change, petition: input.after, row: storedRecord(input.before, rows) };
    },
  };
}

function auditEntry(input: PetitionWrite): AuditEntry {
  return {
    action: input.audit.action,
    outcome: 'success',
    target: { type: 'petition', id: input.after.id },
    details: input.audit.details ?? { version: input.after.version, state: input.after.state },
  };
}

/** The change as effects see it: everything about it, computed once, nothing read back. */
export function describeChange(input: PetitionWrite, calendar: Calendar): PetitionChange {
  const { before, after } = input;
  const row = before?.row;
  const created = input.created;
  if (!row && !created) throw new Error('a new petition needs its columns');
  const running = runningClocksOf(after);
  return {
    before: before?.petition ?? null,
    after,
    events: input.events,
    firstSeq: (before?.petition.events.length ?? 0) + 1,
    facts: {
      id: after.id,
      number: row?.number ?? (created as NewPetitionColumns).number,
      petitionerId: after.petitionerId,
      kind: after.kind,
      channel: after.channel,
      categoryCode: row?.category_code ?? (created as NewPetitionColumns).category_code,
      receivedAt: after.receivedAt,
      receivingUnitId: after.units.receiving.id,
      concernedUnitId: after.units.concerned?.id ?? null,
      handlingUnitId: after.units.handling?.id ?? null,
    },
    text: created && !row ? { title: created.title, content: created.content } : null,
    due: { before: row?.next_due_at ?? null, after: nextDeadlineAmong(running, calendar, input.now) },
    running,
    visible: { before: before ? visibleUnits(before.petition) : [], after: visibleUnits(after) },
    actor: input.audit.actor,
    action: input.audit.action,
    now: input.now,
  };
}

/** The rows `change` writes (pure). */
export function changeRows(
  change: PetitionChange,
  input: Pick<PetitionWrite, 'created' | 'before'>,
): ChangeRows {
  const { after, before } = change;
  const at = change.now.toISOString();
  const { events: _events, ...lifecycle } = after;
  const columns = {
    state: after.state,
    stage: after.stage,
    version: after.version,
    handling_unit_id: after.units.handling?.id ?? null,
    handler_id: after.handlerId,
    // Triage names a unit nobody knew (set_concerned_unit); a desk registration is claimed by its person.
    concerned_unit_id: after.units.concerned?.id ?? null,
    petitioner_id: after.petitionerId,
    awaiting_approval: awaitsApproval(after) ? 1 : 0,
    next_due_at: change.due.after,
    lifecycle: JSON.stringify(lifecycle),
    running_clocks: JSON.stringify(change.running),
    updated_at: at,
  };
  const created = before === null ? (input.created as NewPetitionColumns) : null;
  const visible = change.visible.after.map((u) => u.id);
  const recused = after.recusedStaffIds;
  // Art 30: an accusation named as about its receiving office's own unit goes up (`receiverOf`).
  const handedUp = before !== null && before.units.receiving.id !== after.units.receiving.id;
  return {
    updated: handedUp ? { ...columns, receiving_unit_id: after.units.receiving.id } : columns,
    inserted: created
      ? {
          id: after.id,
          ...created,
          kind: after.kind,
          channel: after.channel,
          receiving_unit_id: after.units.receiving.id,
          received_at: after.receivedAt,
          created_at: at,
          ...columns,
        }
      : null,
    events: change.events.map((event, i) => ({
      id: newId(Date.parse(event.at)),
      petition_id: after.id,
      seq: change.firstSeq + i,
      type: event.type,
      at: event.at,
      actor_id: event.actorId,
      actor_role: event.actorRole,
      visibility: event.visibility,
      stage: event.stage,
      data: JSON.stringify(event.data),
    })),
    units:
      before === null || change.visible.before.map((u) => u.id).join() !== visible.join()
        ? visible.map((unit_id) => ({ unit_id, petition_id: after.id }))
        : null,
    recusals:
      (before?.recusedStaffIds ?? []).join() !== recused.join()
        ? recused.map((staff_id) => ({ petition_id: after.id, staff_id }))
        : null,
    signature: signatureOf(change, created ?? input.before?.row),
  };
}

/** The bands of a new petition, or of one whose person or unit changed; null when they stay. */
function signatureOf(
  change: PetitionChange,
  text: { title: string; content: string } | undefined,
): Insertable<PetitionSignatureTable>[] | null {
  const { before, after } = change;
  const concerned = after.units.concerned?.id ?? null;
  const same =
    before !== null &&
    before.petitionerId === after.petitionerId &&
    (before.units.concerned?.id ?? null) === concerned;
  if (same || !text) return null;
  return signatureBands(`${text.title}\n${text.content}`, concerned).map((band) => ({
    petitioner_id: after.petitionerId,
    band,
    petition_id: after.id,
  }));
}

/** The row as it stands after the write, without its lifecycle text. */
function storedRecord(before: LoadedPetition | null, rows: ChangeRows): PetitionRecord {
  const { lifecycle: _lifecycle, ...columns } = rows.inserted ?? { ...before?.row, ...rows.updated };
  return columns as PetitionRecord;
}

/**
 * Writes the rows. An update applies only if the petition still has the version and the due date
 * it was read with (the deadline job moves due dates without a new version): false when not.
 */
async function saveRows(trx: Trx, before: LoadedPetition | null, rows: ChangeRows): Promise<boolean> {
  if (rows.inserted) {
    await insertPetition(trx, [rows.inserted]);
  } else if (before) {
    const result = await updatePetition(
      trx,
      rows.updated,
      before.row.id,
      before.petition.version,
      before.row.next_due_at,
    );
    if (Number(result.numAffectedRows) !== 1) return false;
  }
  const petitionId = (rows.inserted?.id ?? before?.row.id) as string;
  await insertEvents(trx, rows.events);
  if (rows.units) {
    if (before) await deleteUnits(trx, petitionId);
    await insertUnits(trx, rows.units);
  }
  if (rows.recusals) {
    await deleteRecusals(trx, petitionId);
    await insertRecusals(trx, rows.recusals);
  }
  if (rows.signature) {
    if (before) await deleteSignature(trx, before.petition.petitionerId, petitionId);
    await insertSignature(trx, rows.signature);
  }
  return true;
}

const insertPetition = rowInserter('petition');
const insertEvents = rowInserter('petition_event');
const insertUnits = rowInserter('petition_unit');
const insertRecusals = rowInserter('petition_recusal');
const insertSignature = rowInserter('petition_signature');
const updatePetition = preparedBy(
  (columns: Updateable<PetitionTable>, _id: string, _version: number, _due: string) =>
    Object.keys(columns).join(),
  (db, columns, id: string, version: number, due: string) =>
    db
      .updateTable('petition')
      .set(columns)
      .where('id', '=', id)
      .where('version', '=', version)
      .where('next_due_at', '=', due),
);
const deleteUnits = prepared((db, petitionId: string) =>
  db.deleteFrom('petition_unit').where('petition_id', '=', petitionId),
);
const deleteSignature = prepared((db, petitionerId: string, petitionId: string) =>
  db
    .deleteFrom('petition_signature')
    .where('petitioner_id', '=', petitionerId)
    .where('petition_id', '=', petitionId),
);
const deleteRecusals = prepared((db, petitionId: string) =>
  db.deleteFrom('petition_recusal').where('petition_id', '=', petitionId),
);
