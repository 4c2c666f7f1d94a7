import type { ClockName } from '@xinfang/shared/clocks';
import { DOCUMENT_TITLES, type DocumentType } from '@xinfang/shared/schemas/documents';
import type { NotificationEvent, OutboxStatus } from '@xinfang/shared/schemas/notifications';
import type { UnreachedEvent, UnreachedReason } from '@xinfang/shared/schemas/unreached';

/**
 * Statutory notices that reached nobody: which notices the desk owing them must see when no channel
 * carried them, and why a notice did not go.
 *
 * The statute owes these to the petitioner, each told by the unit that decided (its reception): the
 * routing decision (受理/不予受理/转送/交办/诉访分离告知, Art 22, 23, 31), any other written notice
 * (Art 23), an extension with its reason (Art 34) and a hearing's time and place (Art 31). The
 * written answers (Art 32, 35, 36) are not here: their 送达 is the documents' own, recorded on the
 * case and listed as 待送达的答复 until it is (`pending-deliveries.query.ts`), so a notice of an
 * answer is never "unreached" twice.
 */
export const OWED_NOTICES = {
  accepted: { article: 'Art 23', document: 'acceptance_notice', clocks: ['notice', 'assignment_notice'] },
  declined: { article: 'Art 23 ¶2', document: 'decline_notice', clocks: ['notice'] },
  forwarded: { article: 'Art 22, 23 ¶2', document: 'forwarding_notice', clocks: ['notice'] },
  assigned: { article: 'Art 22, 23 ¶2', document: 'assignment_notice', clocks: ['notice'] },
  diverted: { article: 'Art 31', document: 'diversion_notice', clocks: ['notice', 'assignment_notice'] },
  notified: { article: 'Art 23', document: 'general_notice', clocks: ['notice', 'assignment_notice'] },
  extension_approved: { article: 'Art 34', document: 'extension_notice', clocks: [] },
  hearing_scheduled: { article: 'Art 31', document: null, clocks: [] },
} as const satisfies Record<
  UnreachedEvent,
  { article: string; document: DocumentType | null; clocks: readonly ClockName[] }
>;

/** The statutory notices whose delivery is the documents' (the written answers, Art 32, 35, 36). */
export const ANSWER_NOTICES: readonly NotificationEvent[] = [
  'reply_issued',
  'review_answered',
  're_examination_answered',
];

/** What the desk reads for each notice: its written notice's title, or the hearing's. */
export function noticeTitle(event: UnreachedEvent): string {
  const document = OWED_NOTICES[event].document;
  return document ? DOCUMENT_TITLES[document] : '听证通知';
}

export interface DeliveryState {
  channel: string;
  status: OutboxStatus;
}

/**
 * Why a notice reached nobody (`UNREACHED_REASONS`), from its outside deliveries:
 * - `phone_disowned`: the holder of the phone said the petition is not theirs (its SMS withdrawn);
 * - `sms_failed`: the SMS was refused for good (a wrong or blocked number) after every try;
 * - `wechat_failed`: WeChat refused it for good and there was no phone to fall back on;
 * - `no_channel`: no outside channel could carry it (no WeChat subscription left, no phone).
 *
 * Null while the notice reached the person or may still: a delivery sent, or one waiting or being
 * sent (its retries are the outbox's). Otherwise the reason, the gravest first.
 */
export function whyUnreached(deliveries: readonly DeliveryState[]): UnreachedReason | null {
  if (deliveries.some((d) => d.status === 'sent' || d.status === 'pending' || d.status === 'sending'))
    return null;
  const sms = deliveries.filter((d) => d.channel === 'sms');
  if (sms.some((d) => d.status === 'cancelled')) return 'phone_disowned';
  if (sms.some((d) => d.status === 'dead')) return 'sms_failed';
  if (deliveries.some((d) => d.channel === 'wechat' && d.status === 'dead')) return 'wechat_failed';
  return 'no_channel';
}
