import { beijingDate, type Calendar } from '@xinfang/shared/clocks';
import { earlierCaseNumber, type PetitionEvent, parentOf } from '@xinfang/shared/lifecycle';
import { DOCUMENT_TITLES } from '@xinfang/shared/schemas/documents';
import type { Transaction } from 'kysely';
import { newId } from '../../db/ids';
import type { DB } from '../../db/schema';
import { AppError } from '../../errors';
import {
  answerOf,
  claimReceipt,
  deliveriesOf,
  holdingUnitByNumber,
  insertDelivery,
  insertDocument,
  petitionFacts,
  staffUnitId,
} from './document.repository';
import { formatNumber, nextSequence, SERIES } from './document-number';
import type { NoticeFacts } from './notice-facts';
import { type LifecycleChange, type PlannedNotice, plannedNotices } from './notices';
import { printedUnits } from './printed-unit';

/** A step of a lifecycle change's transaction, run after the petition and its events are saved. */
export type Effect = (trx: Transaction<DB>, change: LifecycleChange) => Promise<void>;

/**
 * The documents' part of every lifecycle change, an effect of the one write path: issue the written
 * notices the change calls for (numbered in the same transaction), and keep the record of
 * deliveries (送达) that the appeal windows run from.
 */
export function createDocumentEffect(deps: { calendar: Calendar }): Effect {
  return async (trx, change) => {
    await issueNotices(trx, change, deps);
    await recordDeliveries(trx, change);
  };
}

async function issueNotices(
  trx: Transaction<DB>,
  change: LifecycleChange,
  deps: { calendar: Calendar },
): Promise<void> {
  const planned = plannedNotices(change, deps.calendar);
  if (planned.length === 0) return;
  const { after } = change;
  const issuerIds = await Promise.all(
    planned.map(async (notice) =>
      'unitId' in notice.issuer ? notice.issuer.unitId : await staffUnitId(trx, notice.issuer.staffId),
    ),
  );
  const petition = await petitionFacts(trx, after.id);
  const earlierUnits = await earlierCaseUnits(trx, planned, petition.number);
  const handling = after.units.handling;
  const unitIds = [
    ...earlierUnits.values(),
    ...Object.values(after.units).flatMap((unit) => (unit ? [unit.id] : [])),
    ...(handling && parentOf(handling) ? [parentOf(handling)?.id as string] : []),
    ...issuerIds.flatMap((id) => (id ? [id] : [])),
    ...change.events.flatMap((e) => {
      const data = e.data as { unitId?: unknown; unit?: { id?: unknown } };
      return [data.unitId, data.unit?.id].filter((id): id is string => typeof id === 'string');
    }),
  ];
  const units = await printedUnits(trx, unitIds);
  const names = (id: string) => units.get(id)?.printedName ?? '（已撤销的单位）';
  const year = Number(beijingDate(change.now.toISOString()).slice(0, 4));
  let lastAnswer = null as { id: string; type: string; number: string | null } | null;

  for (const [index, notice] of planned.entries()) {
    const unit = units.get(issuerIds[index] ?? '');
    if (!unit) throw new Error(`document issuer unit not found for ${notice.type} of petition ${after.id}`);
    const series = SERIES[notice.type];
    const seq = series ? await nextSequence(trx, { prefix: unit.prefix, series, year }) : null;
    const id = newId(Date.parse(notice.event.at));
    let body = notice.body(names);
    const earlierUnit = earlierUnits.get(notice.event);
    if (body.type === 'decline_notice' && earlierUnit)
      body = { ...body, earlierUnitName: names(earlierUnit) };
    if (body.type === 'delivery_receipt' && lastAnswer) {
      body = {
        ...body,
        answerTitle: DOCUMENT_TITLES[lastAnswer.type as keyof typeof DOCUMENT_TITLES],
        answerNumber: lastAnswer.number,
      };
    }
    const number: string | null =
      series && seq ? formatNumber(unit.prefix, series, year, seq) : (lastAnswer?.number ?? null);
    const facts: NoticeFacts = {
      petition: {
        number: petition.number,
        title: petition.title,
        receivedOn: beijingDate(petition.received_at),
        kind: after.kind,
      },
      addressee: petition.real_name?.trim() || null,
      issuingUnit: { id: unit.id, name: unit.printedName },
      issuedOn: beijingDate(notice.event.at),
      seal: unit.settings?.seal_key ? { key: unit.settings.seal_key } : null,
      signatory: unit.settings?.signatory_name
        ? { name: unit.settings.signatory_name, title: unit.settings.signatory_title }
        : null,
      body,
    };
    await insertDocument(trx, {
      id,
      petition_id: after.id,
      type: notice.type,
      stage: notice.event.stage,
      visibility: notice.visibility,
      issuing_unit_id: unit.id,
      series,
      year: series ? year : null,
      seq,
      number,
      answer_id: body.type === 'delivery_receipt' ? (lastAnswer?.id ?? null) : null,
      event_seq: notice.eventSeq,
      facts: JSON.stringify(facts),
      issued_at: notice.event.at,
    });
    if (notice.type !== 'delivery_receipt' && series === '复') lastAnswer = { id, type: notice.type, number };
  }
}

/**
 * Art 19 ¶3: a decline because the same matter is pending below names the unit handling the
 * earlier case, so the petitioner knows where to follow it — by the number its reason names.
 */
async function earlierCaseUnits(
  trx: Transaction<DB>,
  planned: readonly PlannedNotice[],
  ownNumber: string,
): Promise<Map<PetitionEvent, string>> {
  const found = new Map<PetitionEvent, string>();
  for (const { event } of planned) {
    if (event.type !== 'declined' || event.data.ground !== 'pending_elsewhere') continue;
    const number = earlierCaseNumber(event.data.reason, ownNumber);
    const unitId = number ? await holdingUnitByNumber(trx, number) : null;
    if (unitId) found.set(event, unitId);
  }
  return found;
}

/**
 * Keeps the delivery record (送达) beside the events: the method and dates of each delivery of a
 * written answer, and each correction as a new row naming what it corrects, with the receipt its
 * date rests on. A scanned 送达回证 or postal receipt must be the recorder's own unused upload; it
 * joins the petition's attachments. Answers issued before documents existed have no document, and
 * so no record beyond the event.
 */
async function recordDeliveries(trx: Transaction<DB>, change: LifecycleChange): Promise<void> {
  for (const event of change.events) {
    if (event.type !== 'reply_delivered' && event.type !== 'delivery_corrected') continue;
    const answer = await answerOf(trx, change.after.id, event.stage);
    if (!answer) continue;
    const receipt = event.data.receiptAttachmentId ?? null;
    if (receipt && !(await claimReceipt(trx, receipt, event.actorId, change.after.id, event.visibility))) {
      throw new AppError(
        'VALIDATION_FAILED',
        '送达回证或回执的扫描件不存在、不是您上传的，或已被使用，请重新上传',
        [{ path: '/body/receiptAttachmentId', message: 'must be your own unused upload' }],
      );
    }
    const common = {
      id: newId(Date.parse(event.at)),
      document_id: answer.id,
      petition_id: change.after.id,
      delivered_on: event.data.deliveredOn,
      recorded_by: event.actorId,
      recorded_role: event.actorRole,
      recorded_at: event.at,
    };
    if (event.type === 'reply_delivered') {
      await insertDelivery(trx, {
        ...common,
        method: event.data.method,
        posted_on: event.data.postedOn,
        receipt_attachment_id: receipt,
        note: event.data.note,
        corrects_id: null,
        reason: null,
      });
    } else {
      const previous = (await deliveriesOf(trx, [answer.id])).at(-1);
      if (!previous) continue;
      await insertDelivery(trx, {
        ...common,
        method: previous.method,
        posted_on: previous.posted_on,
        receipt_attachment_id: receipt,
        note: previous.note,
        corrects_id: previous.id,
        reason: event.data.reason,
      });
    }
  }
}
