import { replyDelivery } from '@xinfang/shared/lifecycle';
import type { CaseActionBody } from '@xinfang/shared/schemas/actions';
import {
  ANSWER_TYPES,
  type CorrectDeliveryBody,
  type Delivery,
  DOCUMENT_TITLES,
  type DocumentSummary,
  type DocumentType,
  type PublicDocument,
  type RecordDeliveryBody,
} from '@xinfang/shared/schemas/documents';
import type { PetitionDetail } from '@xinfang/shared/schemas/petitions';
import type { Kysely } from 'kysely';
import { accuserHiddenFor } from '../../access/accuser-firewall';
import type { TargetScope } from '../../access/policy';
import type { Principal, StaffPrincipal } from '../../access/principal';
import { recordAudit } from '../../audit/audit-log';
import type { DB } from '../../db/schema';
import { AppError } from '../../errors';
import type { IdempotencyRequest } from '../../http/idempotency';
import type { RequestContext } from '../../http/request-context';
import { type FileAsk, openStored, type StoredFile } from '../../http/send-file';
import { type FileStorage, readStored } from '../../integrations/storage/file-storage';
import { type LoadedPetition, loadPetition } from '../petitions/petition.repository';
import { petitionScope } from '../petitions/petition.scope';
import type { createPetitionService } from '../petitions/petition.service';
import {
  type DeliveryRow,
  type DocumentRow,
  deliveriesOf,
  documentsOf,
  findDocument,
  unitsWithSettings,
} from './document.repository';
import type { NoticeFacts } from './notice-facts';
import { compose } from './pdf/compose';
import { unprintableInNotice } from './unprintable';

const ANSWERS: readonly string[] = ANSWER_TYPES;

/** A document's PDF opened for reading. */
export interface OpenedDocument extends StoredFile {
  /**
   * For the petitioner's reading of the answer awaiting delivery: records the delivery (Art 35,
   * 36), to be run once the whole file has gone out to them (`deliveringBody`), never before.
   */
  deliver: (() => Promise<void>) | null;
}

/** What the document service works with — no more. */
export interface DocumentServiceDeps {
  db: Kysely<DB>;
  /** Where each PDF is kept once rendered, and the units' seals are read from. */
  storage: FileStorage;
  /** Records a delivery through the petition's lifecycle (once per Idempotency-Key). */
  petitions: Pick<ReturnType<typeof createPetitionService>, 'act' | 'actOnce'>;
  /** Where the fonts for rare characters (生僻字) are: DOCUMENT_FALLBACK_FONT_DIR. */
  fallbackFontDir: string;
}

/**
 * Documents over their petitions: which exist (for the petitioner, staff in scope, and — by title
 * and number only — the lookup), the PDF of each (rendered on first request from the facts fixed at
 * issue, then kept in the file storage), and the deliveries of written answers. The petitioner's
 * first complete download of the current answer is its delivery (Art 35, 36), recorded through
 * the lifecycle.
 */
export function createDocumentService(deps: DocumentServiceDeps) {
  const { db, storage, petitions, fallbackFontDir } = deps;

  async function mustLoad(petitionId: string): Promise<LoadedPetition> {
    const loaded = await loadPetition(db, petitionId);
    if (!loaded) throw new AppError('NOT_FOUND', '没有找到这件信访事项');
    return loaded;
  }

  async function list(viewer: Principal, petitionId: string): Promise<DocumentSummary[]> {
    const { petition } = await mustLoad(petitionId);
    const withheld = accuserHiddenFor(petition, viewer);
    const rows = await documentsOf(db, petitionId, viewer.kind === 'petitioner');
    const deliveries = await deliveriesOf(
      db,
      rows.filter((r) => ANSWERS.includes(r.type)).map((r) => r.id),
    );
    const units = await unitsWithSettings(
      db,
      rows.map((r) => r.issuing_unit_id),
    );
    // To staff, before they print; the petitioner can do nothing about it.
    const unprintable =
      viewer.kind === 'staff'
        ? await Promise.all(rows.map((row) => unprintableInNotice(row, withheld, fallbackFontDir)))
        : null;
    return rows.map((row, index) => {
      const unit = units.get(row.issuing_unit_id);
      const delivery = deliveryOf(deliveries.filter((d) => d.document_id === row.id));
      return {
        id: row.id,
        type: row.type as DocumentType,
        title: DOCUMENT_TITLES[row.type as DocumentType],
        number: row.number,
        stage: row.stage as DocumentSummary['stage'],
        issuingUnit: {
          id: row.issuing_unit_id,
          code: unit?.code ?? '',
          name: unit?.name ?? '（已撤销的单位）',
        },
        issuedAt: row.issued_at,
        sealed: (JSON.parse(row.facts) as NoticeFacts).seal !== null,
        delivery,
        awaitingDelivery: delivery === null && awaitsDelivery(row, petition),
        ...(unprintable && { unprintable: unprintable[index] ?? [] }),
      };
    });
  }

  /**
   * The PDF, rendered once per variant and kept. Staff for whom an accusation's accuser is withheld
   * (Art 30) get a variant that names no one. Every read is audited, the petitioner's too; the
   * petitioner's reading of the answer awaiting delivery comes with its delivery, to be recorded
   * once the file has gone out.
   */
  async function open(
    context: RequestContext,
    viewer: Principal,
    documentId: string,
    ask: FileAsk,
  ): Promise<OpenedDocument> {
    const row = await findDocument(db, documentId);
    if (!row) throw new AppError('NOT_FOUND', '没有找到这份文书');
    const loaded = await mustLoad(row.petition_id);
    const withheld = accuserHiddenFor(loaded.petition, viewer);
    const key = `documents/${row.issued_at.slice(0, 4)}/${row.id}${withheld ? '-withheld' : ''}.pdf`;
    // Rendered the first time it is read, then kept; only the part asked for is read from storage.
    // Its ETag comes from what storage tells (`storageEtag`): the key is written once.
    let file = await openStored(storage, key, ask);
    if (!file) {
      await storage.put(key, await render(row, withheld));
      file = await openStored(storage, key, ask);
    }
    if (!file) throw new AppError('NOT_FOUND', '没有找到这份文书');
    try {
      // Every read, a petitioner's too: which notice they had, and when, can matter in a dispute
      // about its delivery (Art 35, 36); the entry's actor type tells staff reads apart.
      await recordAudit(
        db,
        context.actor,
        {
          action: 'document.view',
          outcome: 'success',
          target: { type: 'document', id: row.id },
          // The case's audit trail (and Art 30's firewall on reading it) finds the entry by this.
          petitionId: row.petition_id,
          details: { type: row.type },
        },
        context.now,
      );
    } catch (error) {
      // Nobody will read the stream: close its file or socket.
      file.stream?.destroy();
      throw error;
    }
    const deliver =
      viewer.kind === 'petitioner' && awaitsDelivery(row, loaded.petition)
        ? () => receive(context, viewer, row)
        : null;
    return { ...file, mime: 'application/pdf', filename: `${row.type}-${row.id}.pdf`, deliver };
  }

  async function render(row: DocumentRow, withheld: boolean): Promise<Buffer> {
    const facts = JSON.parse(row.facts) as NoticeFacts;
    const seal = facts.seal ? await readStored(storage, facts.seal.key) : null;
    // pdfkit and its font parser (~6 MB of heap) load with the first document a server renders.
    const { renderPdf } = await import('./pdf/render');
    return renderPdf({
      composed: compose(facts, row.number, withheld),
      seal,
      issuedAt: row.issued_at,
      fallbackFontDir,
    });
  }

  /**
   * Art 35, 36: the petitioner has the whole of the current answer — its delivery, unless the case
   * moved on while the file went out (staff recorded a delivery, a new answer was issued).
   */
  async function receive(context: RequestContext, viewer: Principal, row: DocumentRow): Promise<void> {
    const { petition } = await mustLoad(row.petition_id);
    if (!awaitsDelivery(row, petition)) return;
    try {
      await petitions.act(context, viewer, petition.id, {
        type: 'receive_reply',
        params: {},
        version: petition.version,
      });
    } catch (error) {
      // Someone changed the case a moment ago: the next reading records it. The file is theirs anyway.
      if (!(error instanceof AppError && error.code === 'VERSION_CONFLICT')) throw error;
    }
  }

  /**
   * A delivery recorded or corrected as a lifecycle action. Under an Idempotency-Key a resend (a
   * lost answer, a second tap) gets the case as it is now, as the actions route answers it.
   */
  async function deliveryAction(
    context: RequestContext,
    staff: StaffPrincipal,
    petitionId: string,
    action: CaseActionBody & { version: number },
    idem: IdempotencyRequest | null,
  ): Promise<{ detail: PetitionDetail; replayed: boolean }> {
    if (!idem) return { detail: await petitions.act(context, staff, petitionId, action), replayed: false };
    return petitions.actOnce(context, staff, petitionId, action, idem);
  }

  async function recordDelivery(
    context: RequestContext,
    staff: StaffPrincipal,
    petitionId: string,
    body: RecordDeliveryBody,
    idem: IdempotencyRequest | null,
  ) {
    const { version, ...params } = body;
    return deliveryAction(context, staff, petitionId, { type: 'record_delivery', params, version }, idem);
  }

  async function correctDelivery(
    context: RequestContext,
    staff: StaffPrincipal,
    petitionId: string,
    body: CorrectDeliveryBody,
    idem: IdempotencyRequest | null,
  ) {
    const { version, ...params } = body;
    return deliveryAction(context, staff, petitionId, { type: 'correct_delivery', params, version }, idem);
  }

  /** Who may open a document: as its petition, except that petitioners never see internal ones. */
  async function scope(documentId: string, viewer: Principal | null): Promise<TargetScope | null> {
    const row = await findDocument(db, documentId);
    if (!row) return null;
    const petitionAccess = await petitionScope(db, row.petition_id);
    if (!petitionAccess || viewer?.kind === 'staff' || row.visibility === 'petitioner') return petitionAccess;
    const { ownerId: _, ...staffOnly } = petitionAccess;
    return staffOnly;
  }

  return { list, open, recordDelivery, correctDelivery, scope };
}

/**
 * Whether the petitioner's window waits for this document's delivery: it is the case's current
 * written answer (the last one issued: a case handled again after an unsatisfied rating has an
 * earlier answer in the same stage, aftercare.ts) and no delivery of it is recorded.
 * `undeliveredAnswers` says the same in SQL.
 */
function awaitsDelivery(row: DocumentRow, petition: LoadedPetition['petition']): boolean {
  const current = replyDelivery(petition);
  return (
    ANSWERS.includes(row.type) &&
    current !== null &&
    current.deliveredOn === null &&
    row.event_seq === petition.events.indexOf(current.issued) + 1
  );
}

/** The lookup's view (Art 18, 21): titles and numbers of the petitioner's documents, never their text. */
export async function publicDocuments(db: Kysely<DB>, petitionId: string): Promise<PublicDocument[]> {
  const rows = await documentsOf(db, petitionId, true);
  const delivered = new Set(
    (
      await deliveriesOf(
        db,
        rows.map((r) => r.id),
      )
    ).map((d) => d.document_id),
  );
  return rows.map((row) => ({
    type: row.type as DocumentType,
    title: DOCUMENT_TITLES[row.type as DocumentType],
    number: row.number,
    issuedAt: row.issued_at,
    delivered: delivered.has(row.id),
  }));
}

/** The delivery as it stands after any corrections: the first record, with the latest date. */
function deliveryOf(rows: readonly DeliveryRow[]): Delivery | null {
  const first = rows.find((r) => r.corrects_id === null);
  const last = rows.at(-1);
  if (!first || !last) return null;
  return {
    method: first.method as Delivery['method'],
    deliveredOn: last.delivered_on,
    postedOn: first.posted_on,
    receiptAttachmentId: first.receipt_attachment_id,
    recordedAt: first.recorded_at,
    correction: last.corrects_id
      ? {
          previousOn: (rows.at(-2) ?? first).delivered_on,
          reason: last.reason ?? '',
          receiptAttachmentId: last.receipt_attachment_id,
        }
      : null,
  };
}
