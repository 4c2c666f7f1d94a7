import { type Calendar, firstDue } from '@xinfang/shared/clocks';
import type { Petition } from '@xinfang/shared/lifecycle';
import type { Attachment, PetitionDetail, PetitionSummary } from '@xinfang/shared/schemas/petitions';
import type { Kysely, Transaction } from 'kysely';
import { accuserHiddenFor, accuserShown } from '../../access/accuser-firewall';
import type { Principal, StaffPrincipal } from '../../access/principal';
import { prepared, preparedBy } from '../../db/prepared';
import type { DB } from '../../db/schema';
import type { PiiCipher } from '../../security/pii';
import type { LoadedPetition, SummaryRow, UnitRow } from './petition.repository';
import { actorOf } from './petition.support';
import {
  eventUnitId,
  holderOf,
  type PetitionerFacts,
  type SummaryContext,
  toDetail,
  toSummary,
  type UnitNames,
  type ViewContext,
} from './petition.view';
import { countedRunningClocks } from './running-clocks';
import { staffSeesPetition } from './visibility';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * The names of every unit the petitions and their steps mention, retired ones included; `known`
 * are units already read (with the petitions: `LoadedPetition.unitsRead`), not read again.
 */
export async function unitNames(
  db: Db,
  petitions: readonly Petition[],
  known: ReadonlyMap<string, UnitRow> = new Map(),
): Promise<UnitNames> {
  const ids = new Set<string>();
  const note = (id: string) => {
    if (!known.has(id)) ids.add(id);
  };
  for (const petition of petitions) {
    for (const unit of Object.values(petition.units)) if (unit) note(unit.id);
    for (const event of petition.events) {
      const id = eventUnitId(event);
      if (id) note(id);
    }
  }
  const rows = ids.size ? (await unitRows(db, [...ids])).rows : [];
  const byId = new Map([...known, ...rows.map((u) => [u.id, u] as const)]);
  return { get: (id) => byId.get(id) };
}

/** Everything a view needs besides the petitions themselves: unit and staff names. */
export async function viewContext(
  db: Db,
  viewer: Principal,
  petitions: readonly Petition[],
  now: Date,
  calendar: Calendar,
  knownUnits?: ReadonlyMap<string, UnitRow>,
): Promise<ViewContext> {
  const staffIds = new Set<string>();
  for (const petition of petitions) {
    for (const event of petition.events) {
      if (event.actorRole !== 'petitioner' && event.actorRole !== 'system') staffIds.add(event.actorId);
      if (event.type === 'handler_set') staffIds.add(event.data.staffId);
      if (event.type === 'referred') {
        staffIds.add(event.data.leaderId);
        if (event.data.previousLeaderId) staffIds.add(event.data.previousLeaderId);
      }
    }
    if (petition.handlerId) staffIds.add(petition.handlerId);
  }
  const staff = viewer.kind === 'staff' && staffIds.size ? (await staffNames(db, [...staffIds])).rows : [];
  return {
    viewer,
    actor: actorOf(viewer),
    now,
    calendar,
    units: await unitNames(db, petitions, knownUnits),
    staffNames: new Map(staff.map((s) => [s.id, s.display_name])),
  };
}

/**
 * A list's lines, from the rows alone: a line shows the petition's holder (one unit name to read)
 * and its next date, counted from the running clocks the write path keeps in the row — no events
 * and no lifecycle read, where the full view context read every acting staff member's name and
 * scanned every event for units.
 */
export async function summaries(
  db: Db,
  viewer: Principal,
  rows: readonly SummaryRow[],
  now: Date,
  calendar: Calendar,
): Promise<PetitionSummary[]> {
  if (rows.length === 0) return [];
  const { rows: units } = await unitRows(db, [...new Set(rows.map(holderOf))]);
  const byId = new Map(units.map((u) => [u.id, u]));
  const context: SummaryContext = { viewer, now, calendar, units: { get: (id) => byId.get(id) } };
  const at = now.toISOString();
  return rows.map((row) => {
    const running = countedRunningClocks(row.running_clocks, calendar, at);
    return toSummary(row, (include) => firstDue(running, include), context);
  });
}

/** The full view of one petition for one viewer. Staff get the petitioner masked (see petition.view). */
export async function detailOf(
  db: Db,
  pii: PiiCipher,
  viewer: Principal,
  loaded: LoadedPetition,
  now: Date,
  calendar: Calendar,
): Promise<PetitionDetail> {
  const context = await viewContext(db, viewer, [loaded.petition], now, calendar, loaded.unitsRead);
  const { row, petition } = loaded;
  return toDetail(row, petition, context, {
    petitioner: viewer.kind === 'staff' ? await petitionerFacts(db, pii, petition) : null,
    attachments: await attachmentsOf(db, { petitionId: petition.id, viewer }),
    // Art 30: who else the accuser is (their other petitions) stays hidden from the accused unit.
    links:
      viewer.kind === 'staff' && !accuserHiddenFor(petition, viewer)
        ? await linksOf(db, petition.id, viewer)
        : [],
  });
}

export async function petitionerFacts(
  db: Db,
  pii: PiiCipher,
  petition: Petition,
): Promise<PetitionerFacts | null> {
  const row = await db
    .selectFrom('petitioner_account')
    .select(['real_name', 'phone_cipher', 'id_number_cipher', 'address', 'worker_unit_id'])
    .where('id', '=', petition.petitionerId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    realName: row.real_name,
    phone: row.phone_cipher ? pii.decrypt(row.phone_cipher) : null,
    idNumber: row.id_number_cipher ? pii.decrypt(row.id_number_cipher) : null,
    address: row.address,
    worker: row.worker_unit_id !== null,
  };
}

/**
 * A petition's attachments as `viewer` may see them: a petitioner not those internal events
 * brought (an assisting unit's files, Art 24); or the given uploads of a submission being made.
 */
export async function attachmentsOf(
  db: Db,
  of: { petitionId: string; viewer: Principal } | { ids: readonly string[] },
): Promise<Attachment[]> {
  if ('ids' in of && of.ids.length === 0) return [];
  const { rows } =
    'ids' in of
      ? await attachmentsByIds(db, [...of.ids])
      : of.viewer.kind === 'staff'
        ? await attachmentsOfPetition(db, of.petitionId)
        : await petitionerAttachmentsOfPetition(db, of.petitionId);
  return rows.map((a) => ({
    id: a.id,
    kind: a.kind,
    mime: a.mime,
    byteSize: a.byte_size,
    width: a.width,
    height: a.height,
    hasThumbnail: a.thumbnail_key !== null,
    createdAt: a.created_at,
  }));
}

/**
 * The petitions linked to this one that the viewer may see (their subtree, not recused: Art 28),
 * leaving out any whose accuser is hidden from them (a link would name the accuser, Art 30).
 */
export async function linksOf(
  db: Db,
  petitionId: string,
  viewer: StaffPrincipal,
): Promise<PetitionDetail['links']> {
  const rows = await db
    .selectFrom('petition_link as l')
    .innerJoin('petition as p', 'p.id', 'l.linked_id')
    .select(['p.id', 'p.number', 'p.title', 'p.state', 'p.stage', 'l.similarity', 'l.source', 'l.reason'])
    .where('l.petition_id', '=', petitionId)
    .where(staffSeesPetition(viewer, 'p'))
    .where(accuserShown(viewer, 'p'))
    .orderBy('l.similarity', 'desc')
    .execute();
  return rows.map((r) => ({
    petitionId: r.id,
    number: r.number,
    title: r.title,
    state: r.state as PetitionDetail['state'],
    stage: r.stage as PetitionDetail['stage'],
    similarity: r.similarity / 1000,
    source: r.source,
    ...(r.reason ? { reason: r.reason } : {}),
  }));
}

const ATTACHMENT_COLUMNS = [
  'id',
  'kind',
  'mime',
  'byte_size',
  'width',
  'height',
  'thumbnail_key',
  'created_at',
] as const;
const attachmentsOfPetition = prepared((db, petitionId: string) =>
  db
    .selectFrom('attachment')
    .select(ATTACHMENT_COLUMNS)
    .where('petition_id', '=', petitionId)
    .orderBy('created_at'),
);
const petitionerAttachmentsOfPetition = prepared((db, petitionId: string) =>
  db
    .selectFrom('attachment')
    .select(ATTACHMENT_COLUMNS)
    .where('petition_id', '=', petitionId)
    .where('visibility', '=', 'petitioner')
    .orderBy('created_at'),
);
const attachmentsByIds = preparedBy(
  (ids: string[]) => String(ids.length),
  (db, ids) =>
    db.selectFrom('attachment').select(ATTACHMENT_COLUMNS).where('id', 'in', ids).orderBy('created_at'),
);
const unitRows = preparedBy(
  (ids: string[]) => String(ids.length),
  (db, ids) => db.selectFrom('org_unit').select(['id', 'code', 'name', 'path']).where('id', 'in', ids),
);
const staffNames = preparedBy(
  (ids: string[]) => String(ids.length),
  (db, ids) => db.selectFrom('staff_account').select(['id', 'display_name']).where('id', 'in', ids),
);
