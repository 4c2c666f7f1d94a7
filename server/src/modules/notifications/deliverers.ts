import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { SmsSendError, type SmsSender } from '../../integrations/sms/sms-sender';
import { ContentCheckError, type ContentSecurity } from '../../integrations/wechat/content-security';
import { SubscribeSendError, type WechatMessenger } from '../../integrations/wechat/wechat-messenger';
import type { PiiCipher } from '../../security/pii';
import { DISOWNED_SMS, phoneDisowned } from '../petitioners/registration-claim.repository';
import { type ContentCheckRow, findCheck, rememberTrace } from './content-check.repository';
import { type ContentChecks, MEDIA_CHECK, TEXT_CHECK } from './content-checks';
import { type Contact, useSubscriptions } from './notification.repository';
import type { OutboxPayload } from './notifier';
import type { OutboxRow } from './outbox.repository';

type Trx = Transaction<DB>;

/**
 * One delivery per channel: WeChat subscribe messages, SMS, and the two content checks. Each turns
 * the provider's answer into what the outbox does next — sent, tried again later (perhaps not before
 * a quota resets), dead-lettered, or handed to the next channel — plus what to record with it in
 * the same transaction (a subscription used up, a verdict).
 */
export interface Delivery {
  row: OutboxRow;
  payload: OutboxPayload;
  contact: Contact | undefined;
  now: Date;
}

type After = (trx: Trx) => Promise<void>;

/** Tencent SMS: the number had its most messages of the hour; the SMS package is used up. */
const HOURLY_LIMIT = 'LimitExceeded.PhoneNumberOneHourLimit';
const NO_BALANCE = 'FailedOperation.InsufficientBalanceInSmsPackage';
const HOUR = 3600_000;

export type Outcome =
  | { kind: 'sent'; after?: After }
  /**
   * `notBefore`: not before then; `next_day`: a day's limit, lifted the next Beijing morning once
   * the quiet hours are over (the dispatcher knows them). `spare`: the provider will take it once a
   * limit lifts; the try does not count towards the last.
   */
  | { kind: 'retry'; error: string; notBefore?: Date | 'next_day'; spare?: boolean }
  | { kind: 'dead'; error: string }
  | { kind: 'fallback'; error: string; after?: After }
  /** It must not go at all, by any channel: kept on record, never re-sent. */
  | { kind: 'cancelled'; reason: string };

export interface Deliverer {
  deliver(delivery: Delivery): Promise<Outcome>;
  /** What a dead-lettered row leaves behind (a check recorded as not made). */
  onDead?(trx: Trx, delivery: Delivery): Promise<void>;
}

export interface DelivererDeps {
  db: Kysely<DB>;
  messenger: WechatMessenger;
  smsSender: SmsSender;
  contentSecurity: ContentSecurity;
  pii: PiiCipher;
  checks: ContentChecks;
}

export function createDeliverers(deps: DelivererDeps): Record<string, Deliverer> {
  const wechat: Deliverer = {
    async deliver({ row, payload, contact }) {
      const message = payload.wechat;
      if (!contact?.openid || !message)
        return { kind: 'fallback', error: 'no WeChat sign-in or template for this message' };
      const petitionerId = contact.id;
      const used =
        (count: number | 'all', at: Date): After =>
        (trx) =>
          useSubscriptions(trx, petitionerId, message.templateId, count, at.toISOString());
      try {
        await deps.messenger.sendSubscribeMessage({
          openid: contact.openid,
          templateId: message.templateId,
          page: message.page,
          data: message.data,
          key: row.id,
        });
        return { kind: 'sent', after: used(1, new Date()) };
      } catch (error) {
        if (!(error instanceof SubscribeSendError)) throw error;
        switch (error.reason) {
          case 'no_subscription':
            return { kind: 'fallback', error: error.message, after: used('all', new Date()) };
          case 'quota':
            // A statutory notice does not wait for tomorrow's quota when a phone can carry it.
            if (row.statutory && payload.sms && contact.phoneCipher)
              return { kind: 'fallback', error: error.message };
            return { kind: 'retry', error: error.message, notBefore: 'next_day' };
          case 'recipient':
            // WeChat refuses the person (40003), not the message: their phone may still carry it.
            if (payload.sms && contact.phoneCipher) return { kind: 'fallback', error: error.message };
            return { kind: 'dead', error: error.message };
          case 'rejected':
            return { kind: 'dead', error: error.message };
          default:
            return { kind: 'retry', error: error.message };
        }
      }
    },
  };

  const sms: Deliverer = {
    async deliver({ row, payload, contact }) {
      const message = payload.sms;
      if (!contact?.phoneCipher || !message)
        return { kind: 'fallback', error: 'no phone or template for this message' };
      const phone = deps.pii.decrypt(contact.phoneCipher);
      const disowned =
        row.notification_id !== null &&
        (await phoneDisowned(deps.db, {
          notificationId: row.notification_id,
          phoneHash: deps.pii.lookupHash('phone', phone),
        }));
      // Its holder said the petition is not theirs (registration-claims.ts): never sent, no retry.
      if (disowned) return { kind: 'cancelled', reason: DISOWNED_SMS };
      try {
        await deps.smsSender.sendNotification(phone, {
          templateId: message.templateId,
          params: message.params,
          key: row.id,
        });
        return { kind: 'sent' };
      } catch (error) {
        if (!(error instanceof SmsSendError)) throw error;
        const code = error.providerCode ?? '';
        // A number's hourly limit lifts within the hour, and a used-up package once it is topped up:
        // try hourly, never running out of tries, so a statutory notice is not dead-lettered for it.
        if (code === HOURLY_LIMIT || code === NO_BALANCE) {
          return { kind: 'retry', error: error.message, notBefore: new Date(Date.now() + HOUR), spare: true };
        }
        if (error.reason === 'rate_limited') {
          // A number's daily limit lifts tomorrow; the others within the hour.
          const daily = /Daily/i.test(code);
          return {
            kind: 'retry',
            error: error.message,
            ...(daily ? { notBefore: 'next_day' as const } : {}),
          };
        }
        if (error.reason === 'upstream_error') return { kind: 'retry', error: error.message };
        return { kind: 'dead', error: error.message };
      }
    },
  };

  /** The check a row is about, when it still waits for a verdict. */
  async function pendingCheck(payload: OutboxPayload): Promise<ContentCheckRow | null> {
    const check = payload.checkId ? await findCheck(deps.db, { id: payload.checkId }) : undefined;
    return check?.status === 'pending' ? check : null;
  }

  async function textOf(check: ContentCheckRow): Promise<{ content: string; title?: string } | null> {
    if (check.subject === 'petition') {
      const petition = await deps.db
        .selectFrom('petition')
        .select(['title', 'content'])
        .where('id', '=', check.petition_id)
        .executeTakeFirst();
      return petition ? { content: petition.content, title: petition.title } : null;
    }
    const event = await deps.db
      .selectFrom('petition_event')
      .select('data')
      .where('petition_id', '=', check.petition_id)
      .where('seq', '=', Number(check.subject_ref))
      .executeTakeFirst();
    const text = event ? (JSON.parse(event.data) as { text?: unknown }).text : undefined;
    return typeof text === 'string' ? { content: text } : null;
  }

  const checkFailed = (error: unknown): Outcome => {
    if (!(error instanceof ContentCheckError)) throw error;
    return error.reason === 'unusable'
      ? { kind: 'dead', error: error.message }
      : { kind: 'retry', error: error.message };
  };

  const textCheck: Deliverer = {
    async deliver({ payload, contact }) {
      const check = await pendingCheck(payload);
      if (!check) return { kind: 'sent' };
      const text = await textOf(check);
      if (!contact?.openid || !text) return { kind: 'dead', error: 'nothing to check, or no WeChat openid' };
      try {
        const verdict = await deps.contentSecurity.checkText({
          openid: contact.openid,
          scene: check.subject === 'petition' ? 3 : 2,
          ...text,
        });
        return {
          kind: 'sent',
          after: async (trx) => {
            const now = new Date();
            await deps.checks.judged(trx, check, verdict, now);
            await deps.checks.enqueuePhotos(trx, check, now);
          },
        };
      } catch (error) {
        return checkFailed(error);
      }
    },
    async onDead(trx, { payload }) {
      const check = payload.checkId ? await findCheck(trx, { id: payload.checkId }) : undefined;
      if (!check) return;
      const now = new Date();
      await deps.checks.unchecked(trx, check, now);
      await deps.checks.enqueuePhotos(trx, check, now);
    },
  };

  const mediaCheck: Deliverer = {
    async deliver({ payload, contact, now }) {
      const check = await pendingCheck(payload);
      if (!check) return { kind: 'sent' };
      const url = check.subject_ref ? deps.checks.photoUrl(check.subject_ref, now) : null;
      if (!contact?.openid || !url)
        return { kind: 'dead', error: 'no public address for the photo, or no WeChat openid' };
      try {
        const ticket = await deps.contentSecurity.checkMediaAsync({
          openid: contact.openid,
          scene: 3,
          mediaUrl: url,
        });
        return {
          kind: 'sent',
          after: async (trx) => {
            await rememberTrace(trx, check.id, ticket.traceId);
            if (ticket.verdict) await deps.checks.judged(trx, check, ticket.verdict, new Date());
          },
        };
      } catch (error) {
        return checkFailed(error);
      }
    },
    async onDead(trx, { payload }) {
      const check = payload.checkId ? await findCheck(trx, { id: payload.checkId }) : undefined;
      if (check) await deps.checks.unchecked(trx, check, new Date());
    },
  };

  return { wechat, sms, [TEXT_CHECK]: textCheck, [MEDIA_CHECK]: mediaCheck };
}
