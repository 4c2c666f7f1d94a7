import { beijingDate, type DateString, type Instant } from '../../clocks/dates';
import { replyDelivery } from '../facts';
import type { Petition } from '../petition';
import { done, event, fail, type Transitions } from './outcome';

/**
 * 送达 (Art 35, 36: the windows run "from the day the written answer was received"). The
 * petitioner's first opening of the answer in the app records it (`receive_reply`); staff record
 * a delivery in person (with the signed 送达回证), by post (posting date, and the day received from
 * the postal receipt) or read out at a visit; a unit head corrects a wrong date, with the reason.
 * Each answer is delivered once; the dates lie between the day it was issued and today.
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
    return done(
      {},
      event('delivery_corrected', { deliveredOn: params.deliveredOn, previousOn, reason: params.reason }),
    );
  },
};

/** The Beijing day the current answer was issued (the gate has checked there is one). */
function issueDate(petition: Petition): DateString {
  const issued = replyDelivery(petition)?.issued;
  return issued ? beijingDate(issued.at) : '0000-01-01';
}

function withinIssueAndToday(date: DateString, issuedOn: DateString, now: Instant): boolean {
  return date >= issuedOn && date <= beijingDate(now);
}
