import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { LogSmsSender } from '../integrations/sms/log-sms-sender';
import type { WechatTemplateMap } from '../integrations/template-maps';
import { type ContentChecks, createContentChecks } from '../modules/notifications/content-checks';
import { createDeliverers } from '../modules/notifications/deliverers';
import { createDispatcher, type Dispatcher } from '../modules/notifications/dispatcher';
import { createNotificationsEffect, type NotificationsEffect } from '../modules/notifications/effect';
import { createNotifier, type Notifier } from '../modules/notifications/notifier';
import { createPetitionNotices, type PetitionNotices } from '../modules/notifications/petition-notices';
import { DEV_SMS_TEMPLATES, DEV_WECHAT_TEMPLATES } from '../modules/notifications/template-values';

declare module 'fastify' {
  interface FastifyInstance {
    notifications: {
      /** The write path's effect: notices and content checks for a lifecycle change, in its transaction. */
      effect: NotificationsEffect;
      /** Records notices (message centre + outbox) inside a transaction. */
      notifier: Notifier;
      /** Tells a petition's petitioner of an event, for modules outside the lifecycle (written notices). */
      petitionNotices: PetitionNotices;
      dispatcher: Dispatcher;
      contentChecks: ContentChecks;
      /** The WeChat subscription templates in use (the configured ones, or the stand-in's). */
      wechatTemplates: WechatTemplateMap;
    };
  }
}

/**
 * Notifications wired from the config: the templates per channel (the development stand-ins get
 * templates of their own, so every channel works on a developer's machine), the notifier, the
 * lifecycle effect, content checks, and the outbox's dispatcher. The dispatcher runs as a job
 * (plugins/jobs.ts).
 */
export default fp(
  async function notifications(app: FastifyInstance) {
    const { config } = app;
    const wechatTemplates =
      config.wechat.subscribeTemplates ?? (app.wechat.standIn ? DEV_WECHAT_TEMPLATES : {});
    const smsTemplates =
      config.sms.notifyTemplates ?? (app.smsSender instanceof LogSmsSender ? DEV_SMS_TEMPLATES : {});
    const notifier = createNotifier({
      enabled: config.notifications.enabled,
      wechatTemplates,
      smsTemplates,
      quietHours: config.notifications.quietHours,
    });
    const contentChecks = createContentChecks({
      enabled: config.notifications.enabled,
      notifier,
      publicBaseUrl: config.publicBaseUrl,
      canReceiveVerdicts: app.wechat.push !== null || app.wechat.standIn,
      urlKey: createHash('sha256').update(`media-check:${config.jwtSecret}`).digest(),
    });
    const dispatcher = createDispatcher({
      db: app.db,
      deliverers: createDeliverers({
        db: app.db,
        messenger: app.wechat.messenger,
        smsSender: app.smsSender,
        contentSecurity: app.wechat.contentSecurity,
        pii: app.pii,
        checks: contentChecks,
      }),
      options: {
        batchSize: config.notifications.batchSize,
        concurrency: config.notifications.concurrency,
        leaseMs: config.notifications.leaseSeconds * 1000,
        maxAttempts: config.notifications.maxAttempts,
        quietHours: config.notifications.quietHours,
        rates: config.notifications.rates,
      },
      logger: app.log,
    });
    app.decorate('notifications', {
      effect: createNotificationsEffect({ notifier, calendar: app.calendar, contentChecks }),
      notifier,
      petitionNotices: createPetitionNotices(notifier),
      dispatcher,
      contentChecks,
      wechatTemplates,
    });
  },
  { name: 'notifications', dependencies: ['config', 'database', 'integrations', 'calendar', 'pii'] },
);
