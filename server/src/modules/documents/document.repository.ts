import type { Visibility } from '@xinfang/shared/lifecycle';
import { ANSWER_TYPES } from '@xinfang/shared/schemas/documents';
import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import { onConflictUpdate } from '../../db/dialect';
import type { DB, DeliveryTable, DocumentTable, UnitDocumentSettingsTable } from '../../db/schema';

type Db = Kysely<DB> | Transaction<DB>;

export type DocumentRow = Selectable<DocumentTable>;
export type DeliveryRow = Selectable<DeliveryTable>;
export type SettingsRow = Selectable<UnitDocumentSettingsTable>;

const DOCUMENT_COLUMNS = [
  'id',
  'petition_id',
  'type',
  'stage',
  'visibility',
  'issuing_unit_id',
  'series',
  'year',
  'seq',
  'number',
  'answer_id',
  'event_seq',
  'facts',
  'issued_at',
] as const;

export async function insertDocument(trx: Transaction<DB>, row: Insertable<DocumentTable>): Promise<void> {
  await trx.insertInto('document').values(row).execute();
}

export async function findDocument(db: Db, id: string): Promise<DocumentRow | undefined> {
  return db.selectFrom('document').select(DOCUMENT_COLUMNS).where('id', '=', id).executeTakeFirst();
}

/** A petition's documents, oldest first; a petitioner's list leaves out the internal ones. */
export async function documentsOf(
  db: Db,
  petitionId: string,
  petitionerOnly: boolean,
): Promise<DocumentRow[]> {
  let query = db.selectFrom('document').select(DOCUMENT_COLUMNS).where('petition_id', '=', petitionId);
  if (petitionerOnly) query = query.where('visibility', '=', 'petitioner');
  // A 送达回证 is issued with its answer, and listed after it (`answer_id` is null for the answer).
  return query.orderBy('issued_at').orderBy('answer_id').orderBy('id').execute();
}

/** The written answer of a stage, latest first (a stage has one). */
export async function answerOf(db: Db, petitionId: string, stage: string): Promise<DocumentRow | undefined> {
  return db
    .selectFrom('document')
    .select(DOCUMENT_COLUMNS)
    .where('petition_id', '=', petitionId)
    .where('stage', '=', stage)
    .where('type', 'in', [...ANSWER_TYPES])
    .orderBy('issued_at', 'desc')
    .executeTakeFirst();
}

export async function insertDelivery(trx: Transaction<DB>, row: Insertable<DeliveryTable>): Promise<void> {
  await trx.insertInto('delivery').values(row).execute();
}

/** Every delivery row of these documents, oldest first (corrections follow what they correct). */
export async function deliveriesOf(db: Db, documentIds: readonly string[]): Promise<DeliveryRow[]> {
  if (documentIds.length === 0) return [];
  return db
    .selectFrom('delivery')
    .selectAll()
    .where('document_id', 'in', [...documentIds])
    .orderBy('recorded_at')
    .orderBy('id')
    .execute();
}

export interface UnitFacts {
  id: string;
  code: string;
  name: string;
  /** `/rootId/…/id/`: the units above it, for the name and prefix documents print. */
  path: string;
  retired: boolean;
  settings: SettingsRow | null;
}

function unitsQuery(db: Db) {
  return db
    .selectFrom('org_unit as u')
    .leftJoin('unit_document_settings as s', 's.unit_id', 'u.id')
    .select([
      'u.id',
      'u.code',
      'u.name',
      'u.path',
      'u.retired_at',
      's.unit_id',
      's.prefix',
      's.signatory_name',
      's.signatory_title',
      's.seal_key',
      's.updated_by',
      's.updated_at',
    ]);
}

type UnitRow = Awaited<ReturnType<ReturnType<typeof unitsQuery>['execute']>>[number];

function unitFacts(r: UnitRow): UnitFacts {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    path: r.path,
    retired: r.retired_at !== null,
    settings:
      r.unit_id && r.updated_by && r.updated_at
        ? {
            unit_id: r.unit_id,
            prefix: r.prefix,
            signatory_name: r.signatory_name,
            signatory_title: r.signatory_title,
            seal_key: r.seal_key,
            updated_by: r.updated_by,
            updated_at: r.updated_at,
          }
        : null,
  };
}

/** Units by id with their document settings. */
export async function unitsWithSettings(db: Db, ids: readonly string[]): Promise<Map<string, UnitFacts>> {
  if (ids.length === 0) return new Map();
  const rows = await unitsQuery(db)
    .where('u.id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, unitFacts(r)]));
}

/** Every unit, retired ones too, with its document settings: to keep prefixes apart. */
export async function allUnitsWithSettings(db: Db): Promise<Map<string, UnitFacts>> {
  const rows = await unitsQuery(db).execute();
  return new Map(rows.map((r) => [r.id, unitFacts(r)]));
}

export async function saveSettings(db: Db, row: SettingsRow): Promise<void> {
  const { unit_id: _, ...changes } = row;
  await onConflictUpdate(
    db,
    db.insertInto('unit_document_settings').values(row),
    ['unit_id'],
    changes,
  ).execute();
}

/**
 * Attaches a scanned 送达回证 or postal receipt to its petition: only an upload of the person
 * recording the delivery, not yet used elsewhere (or already this petition's). It is seen by whom
 * the delivery is seen (`visibility`): the petitioner too, who signed it.
 */
export async function claimReceipt(
  trx: Transaction<DB>,
  attachmentId: string,
  ownerId: string,
  petitionId: string,
  visibility: Visibility,
): Promise<boolean> {
  const result = await trx
    .updateTable('attachment')
    .set({ petition_id: petitionId, visibility })
    .where('id', '=', attachmentId)
    .where('owner_id', '=', ownerId)
    .where((eb) => eb.or([eb('petition_id', 'is', null), eb('petition_id', '=', petitionId)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** What a notice states about its petition: number, title, receipt, kind, and the petitioner's name. */
export async function petitionFacts(db: Db, petitionId: string) {
  return db
    .selectFrom('petition as p')
    .innerJoin('petitioner_account as a', 'a.id', 'p.petitioner_id')
    .select(['p.number', 'p.title', 'p.received_at', 'p.kind', 'a.real_name'])
    .where('p.id', '=', petitionId)
    .executeTakeFirstOrThrow();
}

export async function staffUnitId(db: Db, staffId: string): Promise<string | null> {
  const row = await db
    .selectFrom('staff_account')
    .select('unit_id')
    .where('id', '=', staffId)
    .executeTakeFirst();
  return row?.unit_id ?? null;
}

/** The unit a petition is with: the one handling it, or until then the one that received it. */
export async function holdingUnitByNumber(db: Db, number: string): Promise<string | null> {
  const row = await db
    .selectFrom('petition')
    .select(['handling_unit_id', 'receiving_unit_id'])
    .where('number', '=', number)
    .executeTakeFirst();
  return row ? (row.handling_unit_id ?? row.receiving_unit_id) : null;
}
