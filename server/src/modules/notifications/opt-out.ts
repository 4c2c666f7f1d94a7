import type { NotificationEvent } from '@xinfang/shared/schemas/notifications';
import type { MessageFacts } from './catalog';
import type { RecipientType } from './notification.repository';

/**
 * What a person's switch for other messages (`non_statutory` in their settings) keeps from WeChat
 * and SMS; the message centre has every notice whatever the switch.
 *
 * - A petitioner: every notice the statute does not owe (the owed ones: Art 23, 34, 35, 36).
 * - Staff: only reminders and digests, which time alone produces, and a yellow (due-soon) flag.
 *   Work that waits on them always goes: a new or assigned case, an approval, 督办 and its answer,
 *   a red (overdue) flag (Art 38–40), the petitioner's message… A handler who turns reminders off
 *   is still told what they must act on.
 */
export const STAFF_REMINDERS: readonly NotificationEvent[] = [
  'daily_digest',
  'follow_up_due',
  'forward_outcome_due',
  'rehandling_due',
  'delivery_pending',
  'assist_overdue',
  'screening_overdue',
  'suggestion_overdue',
];

export function mayBeTurnedOff(notice: {
  recipientType: RecipientType;
  event: NotificationEvent;
  facts: Pick<MessageFacts, 'escalation'>;
  statutory: boolean;
}): boolean {
  if (notice.statutory) return false;
  if (notice.recipientType === 'petitioner') return true;
  if (notice.event === 'escalation') return notice.facts.escalation?.flag !== 'red';
  return STAFF_REMINDERS.includes(notice.event);
}
