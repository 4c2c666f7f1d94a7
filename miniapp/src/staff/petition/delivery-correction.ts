import type { TimelineEvent } from '@xinfang/shared/schemas/petitions';

/** The current answer's delivery: how it was first recorded, and the day it stands at now. */
export interface RecordedDelivery {
  method: string;
  deliveredOn: string;
}

/**
 * The current answer's delivery as the case's timeline shows it (the latest `reply_issued`, then its
 * `reply_delivered`; a `delivery_corrected` changes only the day). Null while it is undelivered.
 */
export function recordedDelivery(
  timeline: readonly Pick<TimelineEvent, 'type' | 'data'>[],
): RecordedDelivery | null {
  const issued = timeline.map((event) => event.type).lastIndexOf('reply_issued');
  let recorded = null as RecordedDelivery | null;
  for (const event of timeline.slice(issued + 1)) {
    const { method, deliveredOn } = event.data;
    if (typeof deliveredOn !== 'string') continue;
    if (event.type === 'reply_delivered' && typeof method === 'string') recorded = { method, deliveredOn };
    else if (event.type === 'delivery_corrected' && recorded) recorded = { ...recorded, deliveredOn };
  }
  return recorded;
}

/**
 * What moving the delivery to `chosen` asks for (Art 35, as `transitions/delivery.ts` rules it): an
 * earlier day shortens the petitioner's window after the fact, so it rests on the scanned 送达回证
 * or postal receipt (`receipt`), and the system's record of an opening in the app never moves
 * earlier (`not_earlier`). A later day, or one not yet typed in full, asks for nothing.
 */
export function earlierDateNeeds(
  chosen: string | null,
  recorded: RecordedDelivery | null,
): 'receipt' | 'not_earlier' | null {
  if (!chosen || !recorded || chosen >= recorded.deliveredOn) return null;
  return recorded.method === 'app' ? 'not_earlier' : 'receipt';
}

const FIELDS = ['deliveredOn', 'reason', 'receiptAttachmentId'] as const;
export type CorrectionField = (typeof FIELDS)[number];

/**
 * The field of the correction form a server refusal names, to show its words there: a lifecycle
 * refusal's `param`, or the body path of a validation failure (a receipt not the head's own
 * upload). Null for any other failure, which the form shows below it.
 */
export function refusedField(error: unknown): CorrectionField | null {
  // Read as any refusal (an `ApiError`'s shape) so that this stays free of the HTTP client.
  const refusal = error as { code?: unknown; details?: unknown } | null;
  const details = refusal?.details;
  let named: unknown = null;
  if (refusal?.code === 'LIFECYCLE_REFUSED') named = (details as { param?: unknown } | null)?.param;
  else if (refusal?.code === 'VALIDATION_FAILED' && Array.isArray(details)) {
    const path = (details[0] as { path?: unknown } | undefined)?.path;
    named = typeof path === 'string' ? path.replace(/^\/body\//, '').split('/')[0] : null;
  }
  return FIELDS.find((field) => field === named) ?? null;
}
