import type { NotificationEvent, OutsideChannel } from '@xinfang/shared/schemas/notifications';
import type { Insertable, Transaction } from 'kysely';
import { newId } from '../../db/ids';
import type { DB, NotificationTable, OutboxTable } from '../../db/schema';
import type { SmsTemplateMap, WechatTemplateMap } from '../../integrations/template-maps';
import { type Composed, compose, type MessageFacts } from './catalog';
import {
  type Contact,
  findContacts,
  insertNotifications,
  type RecipientType,
  subscriptionsOf,
} from './notification.repository';
import { mayBeTurnedOff } from './opt-out';
import { insertOutbox } from './outbox.repository';
import { smsParams, wechatData } from './template-values';
import { outsideQuietHours, type QuietHours } from './timing';

type Trx = Transaction<DB>;

/**
 * Telling people: every notice becomes a message-centre row and, where the person can be reached
 * and wants to be, one outbox row for WeChat or SMS — all inside the caller's transaction, so a
 * change that rolls back tells nobody and one that commits is never left untold.
 *
 * The outside channel: nothing for a notice the person turned off (`opt-out.ts`: a petitioner's
 * non-statutory ones, staff's reminders and digests); otherwise their preferred channel when it
 * can carry the message (WeChat: they signed in by WeChat, a template is configured for the event
 * and a one-time subscription is left; SMS: a phone and a template), else the other one. Statutory
 * notices cannot be turned off (Art 23, 34, 35, 36). WeChat and SMS alike wait out the quiet hours
 * unless the catalog marks the notice urgent (a delay would shorten the petitioner's time).
 */
export interface Recipient {
  type: RecipientType;
  id: string;
}

export interface Notice {
  recipient: Recipient;
  event: NotificationEvent;
  facts: MessageFacts;
  /** For time-driven notices: a key that makes a second run of the job tell nobody twice. */
  dedupeKey?: string;
}

/** What an outbox row carries: each channel's rendering, so a fallback needs nothing recomputed. */
export interface OutboxPayload {
  wechat?: { templateId: string; page: string; data: Record<string, string> };
  sms?: { templateId: string; params: string[] };
  /** The catalog's `timeSensitive`: a delay would shorten the petitioner's time, no quiet hours. */
  urgent?: boolean;
  /** Content checks: which check. */
  checkId?: string;
}

export interface NotifierOptions {
  enabled: boolean;
  wechatTemplates: WechatTemplateMap;
  smsTemplates: SmsTemplateMap;
  quietHours: QuietHours | null;
}

export type Notifier = ReturnType<typeof createNotifier>;

export function createNotifier(options: NotifierOptions) {
  /** Records the notices and their deliveries; returns how many people were told. */
  async function notify(trx: Trx, notices: readonly Notice[], now: Date): Promise<number> {
    return (await notifyReading(trx, notices, now)).told;
  }

  /** `notify`, and the contacts it read of the active recipients (none when it read none). */
  async function notifyReading(
    trx: Trx,
    notices: readonly Notice[],
    now: Date,
  ): Promise<{ told: number; contacts: ReadonlyMap<string, Contact> }> {
    if (!options.enabled || notices.length === 0) return { told: 0, contacts: new Map() };
    const people = notices.map((n) => n.recipient);
    const contacts = await findContacts(trx, people);
    const told = await record(trx, notices, contacts, now);
    return { told, contacts };
  }

  async function record(
    trx: Trx,
    notices: readonly Notice[],
    contacts: ReadonlyMap<string, Contact>,
    now: Date,
  ): Promise<number> {
    const reachable = notices.filter((n) => contacts.has(n.recipient.id));
    if (reachable.length === 0) return 0;
    const withWechat = reachable
      .filter((n) => contacts.get(n.recipient.id)?.openid)
      .map((n) => n.recipient.id);
    const subscriptions = await subscriptionsOf(trx, withWechat);

    const at = now.toISOString();
    const notifications: Insertable<NotificationTable>[] = [];
    const deliveries: Insertable<OutboxTable>[] = [];
    for (const notice of reachable) {
      const contact = contacts.get(notice.recipient.id) as Contact;
      const composed = compose(notice.event, notice.facts);
      const notificationId = newId(now.getTime());
      notifications.push({
        id: notificationId,
        recipient_type: notice.recipient.type,
        recipient_id: notice.recipient.id,
        event: notice.event,
        petition_id: notice.facts.petitionId,
        petition_number: notice.facts.number,
        title: composed.title,
        body: composed.body,
        statutory: composed.statutory ? 1 : 0,
        dedupe_key: notice.dedupeKey ?? null,
        created_at: at,
        read_at: null,
      });
      const payload = render(notice.event, composed);
      const optional = mayBeTurnedOff({
        recipientType: notice.recipient.type,
        event: notice.event,
        facts: notice.facts,
        statutory: composed.statutory,
      });
      const channel = chooseChannel({ optional }, payload, contact, subscriptions.get(contact.id));
      if (!channel) continue;
      deliveries.push(
        outboxRow({
          notificationId,
          channel,
          recipient: notice.recipient,
          event: notice.event,
          payload,
          statutory: composed.statutory,
          dueAt: payload.urgent ? now : outsideQuietHours(now, options.quietHours),
          now,
        }),
      );
    }
    await insertNotifications(trx, notifications);
    await insertOutbox(trx, deliveries);
    return notifications.length;
  }

  function render(event: NotificationEvent, composed: Composed): OutboxPayload {
    const wechat = options.wechatTemplates[event];
    const sms = options.smsTemplates[event];
    return {
      ...(wechat
        ? {
            wechat: {
              templateId: wechat.templateId,
              page: composed.page,
              data: wechatData(wechat, composed.values),
            },
          }
        : {}),
      ...(sms ? { sms: { templateId: sms.templateId, params: smsParams(sms.params, composed.values) } } : {}),
      ...(composed.timeSensitive ? { urgent: true } : {}),
    };
  }

  return { notify, notifyReading };
}

/** `optional`: the person's switch for other messages may keep it from them (`opt-out.ts`). */
export function chooseChannel(
  notice: { optional: boolean },
  payload: OutboxPayload,
  contact: Contact,
  subscriptions: Map<string, number> | undefined,
): OutsideChannel | null {
  const { setting } = contact;
  if (notice.optional && setting?.non_statutory === 0) return null;
  const can: Record<OutsideChannel, boolean> = {
    wechat: Boolean(
      contact.openid && payload.wechat && (subscriptions?.get(payload.wechat.templateId) ?? 0) > 0,
    ),
    sms: Boolean(contact.phoneCipher && payload.sms),
  };
  const preferred = setting?.channel ?? (contact.openid ? 'wechat' : 'sms');
  const other: OutsideChannel = preferred === 'wechat' ? 'sms' : 'wechat';
  if (can[preferred]) return preferred;
  return can[other] ? other : null;
}

export function outboxRow(input: {
  notificationId: string | null;
  channel: string;
  recipient: Recipient;
  event: string;
  payload: OutboxPayload;
  statutory: boolean;
  dueAt: Date;
  now: Date;
}): Insertable<OutboxTable> {
  const at = input.now.toISOString();
  return {
    id: newId(input.now.getTime()),
    notification_id: input.notificationId,
    channel: input.channel,
    recipient_type: input.recipient.type,
    recipient_id: input.recipient.id,
    event: input.event,
    payload: JSON.stringify(input.payload),
    statutory: input.statutory ? 1 : 0,
    status: 'pending',
    attempts: 0,
    due_at: input.dueAt.toISOString(),
    lease_token: null,
    last_error: null,
    created_at: at,
    updated_at: at,
    sent_at: null,
  };
}
