import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  MarkReadBodySchema,
  NotificationListQuerySchema,
  NotificationPageSchema,
  NotificationSettingsBodySchema,
  NotificationSettingsSchema,
  OutboxItemSchema,
  OutboxListQuerySchema,
  OutboxPageSchema,
  SubscriptionResultBodySchema,
  SubscriptionsSchema,
  UnreadSchema,
} from '@xinfang/shared/schemas/notifications';
import {
  NoticeReachSchema,
  ReachBodySchema,
  UnreachedListSchema,
  UnreachedQuerySchema,
} from '@xinfang/shared/schemas/unreached';
import { Type } from 'typebox';
import { rolesWith } from '../../access/capabilities';
import { idempotencyRequest, sendAnswer } from '../../http/idempotency';
import { contextOf, petitionerIdOf, principalOf, staffOf } from '../../http/request-context';
import { answers } from '../../http/responses';
import { createNotificationService } from './notification.service';
import { createUnreachedService } from './unreached.service';

/**
 * The message centre, people's choices and WeChat subscriptions (`/api/me/…`, for petitioners and
 * staff alike), and the outbox for administrators (`/api/admin/outbox`).
 */
const notificationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = createNotificationService({
    db: app.db,
    pii: app.pii,
    wechatTemplates: app.notifications.wechatTemplates,
  });
  const tags = ['notifications'];

  app.get(
    '/me/notifications',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'My messages, newest first (cursor-paged), with how many are unread',
        querystring: NotificationListQuerySchema,
        response: answers({ 200: NotificationPageSchema }),
      },
    },
    async (request) => service.page(principalOf(request), request.query),
  );

  app.post(
    '/me/notifications/read',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Mark messages read: `{ ids: […] }` or `{ all: true }`',
        body: MarkReadBodySchema,
        response: answers({ 200: UnreadSchema }),
      },
    },
    async (request) => service.read(contextOf(request), principalOf(request), request.body),
  );

  app.get(
    '/me/notification-settings',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'My choices: messages the statute does not require, and WeChat or SMS',
        response: answers({ 200: NotificationSettingsSchema }),
      },
    },
    async (request) => service.settings(principalOf(request)),
  );

  app.put(
    '/me/notification-settings',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Change my choices (statutory notices always reach me)',
        body: NotificationSettingsBodySchema,
        response: answers({ 200: NotificationSettingsSchema }),
      },
    },
    async (request) => service.saveSettings(contextOf(request), principalOf(request), request.body),
  );

  app.post(
    '/me/wechat-subscriptions',
    {
      config: { access: { petitioner: true } },
      schema: {
        tags,
        summary: 'Record what wx.requestSubscribeMessage answered: each accepted template allows one message',
        description:
          'Send an Idempotency-Key: a retried answer is counted once (WeChat allows one message per acceptance).',
        body: SubscriptionResultBodySchema,
        response: answers({ 200: SubscriptionsSchema }),
      },
    },
    async (request, reply) => {
      const petitionerId = petitionerIdOf(request);
      const answer = await service.recordSubscriptions(
        contextOf(request),
        petitionerId,
        request.body,
        idempotencyRequest(request, `petitioner:${petitionerId}`),
      );
      return sendAnswer(reply, answer);
    },
  );

  app.get(
    '/admin/outbox',
    {
      config: { access: { staff: ['admin'] } },
      schema: {
        tags,
        summary:
          'Deliveries that died (with the last error) or still wait, newest first, each with any other delivery of its notice',
        description: 'Every unit’s messages: for an administrator at the top of the organisation.',
        querystring: OutboxListQuerySchema,
        response: answers({ 200: OutboxPageSchema }),
      },
    },
    async (request) => service.outbox(contextOf(request), request.query),
  );

  app.post(
    '/admin/outbox/:id/retry',
    {
      config: { access: { staff: ['admin'] } },
      schema: {
        tags,
        summary: 'Send a dead-lettered message again, with fresh tries',
        description:
          'For an administrator at the top of the organisation. Refused (409 IN_USE) when another delivery of the same notice was sent or waits to go (`handedTo`): it would reach the person twice.',
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 26 }) }),
        response: answers({ 200: OutboxItemSchema }),
      },
    },
    async (request) => service.retry(contextOf(request), request.params.id),
  );

  // Statutory notices that reached nobody, for the desk that owes them (unreached.ts).
  const unreached = createUnreachedService({ db: app.db, calendar: app.calendar });

  app.get(
    '/notices/unreached',
    {
      config: { access: { staff: rolesWith('watch_deliveries') } },
      schema: {
        tags,
        summary: 'Statutory notices to petitioners that no channel carried, in my subtree, oldest first',
        description:
          'Accept, decline, forward, assign, divert, other written notices, extensions and hearings (Art 22, 23, 31, 34) nothing sent by WeChat or SMS and nobody read; written answers are the deliveries list’s. `total` counts them all (the inbox badge).',
        querystring: UnreachedQuerySchema,
        response: answers({ 200: UnreachedListSchema }),
      },
    },
    async (request) => unreached.list(staffOf(request), request.query.limit ?? 50, contextOf(request).now),
  );

  app.post(
    '/notices/unreached/:id/reached',
    {
      config: { access: { staff: rolesWith('deliver') } },
      schema: {
        tags,
        summary:
          'Record that an unreached statutory notice was delivered another way (post, in person, phone)',
        description:
          'Once per notice: the same record again is answered as recorded, a different one is refused (409 ALREADY_EXISTS). Post names its registered number, phone whom it told.',
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 26 }) }),
        body: ReachBodySchema,
        response: answers({ 200: NoticeReachSchema }),
      },
    },
    async (request) =>
      unreached.reached(contextOf(request), staffOf(request), request.params.id, request.body),
  );
};

export default notificationRoutes;
