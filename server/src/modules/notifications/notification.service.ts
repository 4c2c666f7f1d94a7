import type {
  MarkReadBody,
  Notification,
  NotificationEvent,
  NotificationPage,
  NotificationSettings,
  NotificationSettingsBody,
  OutboxItem,
  OutsideChannel,
  SubscriptionResultBody,
} from '@xinfang/shared/schemas/notifications';
import type { Kysely, Transaction } from 'kysely';
import type { Principal } from '../../access/principal';
import { assertWithinScope } from '../../access/scope';
import { recordAudit } from '../../audit/audit-log';
import { decodeCursor, encodeCursor } from '../../db/cursor';
import type { DB } from '../../db/schema';
import { AppError } from '../../errors';
import { type IdempotencyRequest, once } from '../../http/idempotency';
import type { RequestContext } from '../../http/request-context';
import type { WechatTemplateMap } from '../../integrations/template-maps';
import type { PiiCipher } from '../../security/pii';
import { findRootUnitRef } from '../org/org.repository';
import { pageOf } from './catalog';
import {
  addSubscriptions,
  findContacts,
  listNotifications,
  markRead,
  type NotificationRow,
  saveSetting,
  subscriptionsOf,
  unreadCount,
} from './notification.repository';
import {
  findOutbox,
  listOutbox,
  type OtherDelivery,
  type OutboxRow,
  otherDeliveries,
  resend,
} from './outbox.repository';
import { petitionerTemplates } from './template-values';

/** What the message centre works with — no more. */
export interface NotificationServiceDeps {
  db: Kysely<DB>;
  /** Keeps the first answer to a recorded subscription, encrypted, for its retries. */
  pii: PiiCipher;
  /** The WeChat subscription templates in use: the ones a petitioner is offered. */
  wechatTemplates: WechatTemplateMap;
}

/**
 * The message centre (my messages, newest first, the unread count, marking read), my choices, the
 * WeChat subscriptions the mini-program recorded for me, and the outbox for administrators.
 */
export function createNotificationService({ db, pii, wechatTemplates }: NotificationServiceDeps) {
  const templates = () => petitionerTemplates(wechatTemplates);

  async function page(
    principal: Principal,
    query: { cursor?: string; limit?: number },
  ): Promise<NotificationPage> {
    const limit = query.limit ?? 20;
    const before = query.cursor ? String(decodeCursor(query.cursor, 1)[0]) : undefined;
    const rows = await listNotifications(db, principal.id, { before, limit: limit + 1 });
    const items = rows.slice(0, limit).map(toNotification);
    const last = items.at(-1);
    return {
      items,
      nextCursor: rows.length > limit && last ? encodeCursor([last.id]) : null,
      unread: await unreadCount(db, principal.id),
    };
  }

  async function read(context: RequestContext, principal: Principal, body: MarkReadBody) {
    const { now } = context;
    await db.transaction().execute(async (trx) => {
      const marked = await markRead(trx, principal.id, 'all' in body ? 'all' : body.ids, now.toISOString());
      await recordAudit(
        trx,
        context.actor,
        {
          action: 'notification.read',
          outcome: 'success',
          target: { type: principal.kind, id: principal.id },
          details: { all: 'all' in body, marked },
        },
        now,
      );
    });
    return { unread: await unreadCount(db, principal.id) };
  }

  async function settings(
    principal: Principal,
    from: Kysely<DB> | Transaction<DB> = db,
  ): Promise<NotificationSettings> {
    const type = principal.kind;
    const [contact] = [...(await findContacts(from, [{ type, id: principal.id }])).values()];
    const saved = contact?.setting;
    const offered = type === 'petitioner' ? templates() : [];
    const wechat = Boolean(contact?.openid) && offered.length > 0;
    const sms = Boolean(contact?.phoneCipher);
    const left = (await subscriptionsOf(from, wechat ? [principal.id] : [])).get(principal.id);
    return {
      nonStatutory: saved ? saved.non_statutory === 1 : true,
      channel: saved?.channel ?? (contact?.openid ? 'wechat' : 'sms'),
      available: { wechat, sms },
      subscriptions: wechat
        ? offered.map((t) => ({
            templateId: t.templateId,
            remaining: left?.get(t.templateId) ?? 0,
            events: t.events,
          }))
        : [],
    };
  }

  async function saveSettings(
    context: RequestContext,
    principal: Principal,
    body: NotificationSettingsBody,
  ): Promise<NotificationSettings> {
    await db.transaction().execute(async (trx) => {
      await saveSetting(trx, {
        recipient_id: principal.id,
        recipient_type: principal.kind,
        non_statutory: body.nonStatutory ? 1 : 0,
        channel: body.channel,
        updated_at: context.now.toISOString(),
      });
      await recordAudit(
        trx,
        context.actor,
        {
          action: 'notification.settings',
          outcome: 'success',
          target: { type: principal.kind, id: principal.id },
          details: { nonStatutory: body.nonStatutory, channel: body.channel },
        },
        context.now,
      );
    });
    return settings(principal);
  }

  /**
   * What `wx.requestSubscribeMessage` answered: each accepted template allows one more message.
   * Once per Idempotency-Key: a retry counted again would let us send more than WeChat allows.
   */
  async function recordSubscriptions(
    context: RequestContext,
    petitionerId: string,
    body: SubscriptionResultBody,
    idem: IdempotencyRequest,
  ) {
    const known = new Set(templates().map((t) => t.templateId));
    const accepted = Object.entries(body.results).flatMap(([id, answer]) =>
      answer === 'accept' ? [id] : [],
    );
    return once(
      db,
      pii,
      idem,
      context.now,
      async () => {
        const unknown = Object.keys(body.results).filter((id) => !known.has(id));
        if (unknown.length > 0) {
          throw new AppError('VALIDATION_FAILED', '订阅的消息模板不存在', [
            { path: '/body/results', message: `unknown template ${unknown.join(', ')}` },
          ]);
        }
      },
      async (trx) => {
        await addSubscriptions(trx, petitionerId, accepted, context.now.toISOString());
        await recordAudit(
          trx,
          context.actor,
          {
            action: 'notification.subscribe',
            outcome: 'success',
            target: { type: 'petitioner', id: petitionerId },
            details: {
              moment: body.moment,
              asked: Object.keys(body.results).length,
              accepted: accepted.length,
            },
          },
          context.now,
        );
        const { subscriptions } = await settings({ kind: 'petitioner', id: petitionerId }, trx);
        return { status: 200, body: { subscriptions } as Pick<NotificationSettings, 'subscriptions'> };
      },
    );
  }

  /**
   * The outbox holds every unit's messages to people: like the other organisation-wide settings,
   * only an administrator at the top watches and re-sends it.
   */
  async function assertAtTop(principal: Principal | null): Promise<void> {
    assertWithinScope(principal, await findRootUnitRef(db));
  }

  async function outbox(
    context: RequestContext,
    query: { status: 'dead' | 'pending'; cursor?: string; limit?: number },
  ) {
    await assertAtTop(context.principal);
    const limit = query.limit ?? 50;
    const before = query.cursor ? String(decodeCursor(query.cursor, 1)[0]) : undefined;
    const rows = await listOutbox(db, { status: query.status, before, limit: limit + 1 });
    const shown = rows.slice(0, limit);
    const others = await otherDeliveries(db, shown);
    const items = shown.map((row) => toOutboxItem(row, others.get(row.id)));
    const last = items.at(-1);
    return { items, nextCursor: rows.length > limit && last ? encodeCursor([last.id]) : null };
  }

  async function retry(context: RequestContext, id: string): Promise<OutboxItem> {
    await assertAtTop(context.principal);
    return db.transaction().execute(async (trx) => {
      const found = await findOutbox(trx, id);
      if (!found) throw new AppError('NOT_FOUND', '没有找到这条消息');
      // Locked with the other deliveries of its notice: no re-send of the other one crosses this.
      const other = (await otherDeliveries(trx, [found], { lock: true })).get(id);
      if (found.status === 'dead' && other) throw alreadyDelivered(other);
      if (!(await resend(trx, id, context.now.toISOString()))) {
        const status = (await findOutbox(trx, id))?.status ?? found.status;
        throw new AppError('VALIDATION_FAILED', '只有发送失败（已停止重试）的消息可以重新发送', [
          { path: '/params/id', message: `is ${status}, not dead` },
        ]);
      }
      await recordAudit(
        trx,
        context.actor,
        { action: 'outbox.retry', outcome: 'success', target: { type: 'outbox', id } },
        context.now,
      );
      const row = await findOutbox(trx, id);
      if (!row) throw new Error(`outbox row ${id} vanished inside its own transaction`);
      return toOutboxItem(row, undefined);
    });
  }

  return { page, read, settings, saveSettings, recordSubscriptions, outbox, retry };
}

function toNotification(row: NotificationRow): Notification {
  return {
    id: row.id,
    event: row.event as NotificationEvent,
    title: row.title,
    body: row.body,
    petitionId: row.petition_id,
    petitionNumber: row.petition_number,
    statutory: row.statutory === 1,
    createdAt: row.created_at,
    readAt: row.read_at,
    page: pageOf(row.event as NotificationEvent, row.petition_id),
  };
}

const CHANNEL_NAMES: Record<string, string> = { wechat: '微信', sms: '短信' };

/** A re-send refused: the person already has the notice by another channel, or soon will. */
function alreadyDelivered(other: OtherDelivery): AppError {
  const by = CHANNEL_NAMES[other.channel] ?? other.channel;
  return new AppError(
    'IN_USE',
    other.sent
      ? `这条通知已改由${by}送达，不能重新发送，以免重复打扰`
      : `这条通知已改由${by}发送，正在排队，不能重新发送，以免重复打扰`,
    { handedTo: { id: other.id, channel: other.channel, sent: other.sent } },
  );
}

/** What administrators see of a delivery: no text, no address, no petition (they read no petitions). */
function toOutboxItem(row: OutboxRow, other: OtherDelivery | undefined): OutboxItem {
  return {
    id: row.id,
    channel: row.channel,
    event: row.event,
    recipientType: row.recipient_type,
    status: row.status,
    statutory: row.statutory === 1,
    attempts: row.attempts,
    lastError: row.last_error,
    dueAt: row.due_at,
    createdAt: row.created_at,
    sentAt: row.sent_at,
    handedTo: other ? { channel: other.channel as OutsideChannel, sent: other.sent } : null,
  };
}
