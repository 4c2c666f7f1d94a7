import { beijingDate, type DateString, type Instant } from '../../clocks/dates';
import { replyDelivery } from '../facts';
import type { Petition } from '../petition';
import type { DeliveryMethod } from '../vocabulary';
import { done, event, fail, type Transitions } from './outcome';

/**
 * 送达 (Art 35, 36: the windows run "from the day the written answer was received"). The
 * petitioner's first opening of the answer in the app records it (`receive_reply`); staff record
 * a delivery in person (with the signed 送达回证), by post (posting date, and the day received from
 * the postal receipt) or read out at a visit; a unit head corrects a wrong date, with the reason.
 * Each answer is delivered once; the dates lie between the day it was issued and today.
 *
 * A correction to an earlier day shortens the petitioner's window after the fact, and the unit
 * whose answer is contested makes it: it rests on the scanned receipt that shows the day, and the
 * system's own record of an opening in the app is never moved earlier.
 */
export const deliveryTransitions: Transitions<'receive_reply' | 'record_delivery' | 'correct_delivery'> = {
  receive_reply: (_params, { now }) =>
    done(
      {},
      event('reply_delivered', {
        method: 'app',
        deliveredOn: beijingDate(now),
        postedOn: null,
        receiptAttachmentId: null,
        note: null,
      }),
    ),

  record_delivery: (params, { petition, now }) => {
    const issuedOn = issueDate(petition);
    if (!withinIssueAndToday(params.deliveredOn, issuedOn, now))
      return fail('delivery.date_invalid', 'deliveredOn');
    const postedOn = params.postedOn ?? null;
    const postal = params.method === 'post';
    if (
      postal !== (postedOn !== null) ||
      (postedOn !== null && (postedOn < issuedOn || postedOn > params.deliveredOn))
    )
      return fail('delivery.posting_date_invalid', 'postedOn');
    const receiptAttachmentId = params.receiptAttachmentId?.trim() ? params.receiptAttachmentId.trim() : null;
    if (params.method === 'in_person' && receiptAttachmentId === null)
      return fail('delivery.receipt_required', 'receiptAttachmentId');
    return done(
      {},
      event('reply_delivered', {
        method: params.method,
        deliveredOn: params.deliveredOn,
        postedOn,
        receiptAttachmentId,
        note: params.note?.trim() ? params.note : null,
      }),
    );
  },

  correct_delivery: (params, { petition, now }) => {
    const previousOn = replyDelivery(petition)?.deliveredOn;
    if (!previousOn) return fail('delivery.not_recorded');
    if (!withinIssueAndToday(params.deliveredOn, issueDate(petition), now))
      return fail('delivery.date_invalid', 'deliveredOn');
    if (params.deliveredOn === previousOn) return fail('delivery.date_unchanged', 'deliveredOn');
    const receiptAttachmentId = params.receiptAttachmentId?.trim() ? params.receiptAttachmentId.trim() : null;
    if (params.deliveredOn < previousOn) {
      if (deliveryMethod(petition) === 'app') return fail('delivery.app_not_earlier', 'deliveredOn');
      if (receiptAttachmentId === null)
        return fail('delivery.correction_receipt_required', 'receiptAttachmentId');
    }
    return done(
      {},
      event('delivery_corrected', {
        deliveredOn: params.deliveredOn,
        previousOn,
        reason: params.reason,
        receiptAttachmentId,
      }),
    );
  },
};

/** How the current answer was delivered, as first recorded (a correction changes only the day). */
export function deliveryMethod(petition: Petition): DeliveryMethod | null {
  const answer = replyDelivery(petition);
  if (!answer) return null;
  const from = petition.events.indexOf(answer.issued);
  const delivered = petition.events.slice(from + 1).find((e) => e.type === 'reply_delivered');
  return delivered?.type === 'reply_delivered' ? delivered.data.method : null;
}

/** The Beijing day the current answer was issued (the gate has checked there is one). */
function issueDate(petition: Petition): DateString {
  const issued = replyDelivery(petition)?.issued;
  return issued ? beijingDate(issued.at) : '0000-01-01';
}

function withinIssueAndToday(date: DateString, issuedOn: DateString, now: Instant): boolean {
  return date >= issuedOn && date <= beijingDate(now);
}
