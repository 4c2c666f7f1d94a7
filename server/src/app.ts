import { randomUUID } from 'node:crypto';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { STATUTE } from '@xinfang/shared/schemas/statute';
import Fastify, { type FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import type { Config } from './config';
import type { Database } from './db/database';
import { clientErrorHandler } from './http/client-errors';
import { useHoldableDateTime } from './http/date-time-format';
import { errorSerializer } from './http/error-serialization';
import { refuseNonFiniteNumbers } from './http/finite-numbers';
import { frameworkErrors } from './http/framework-errors';
import { requestSerializer } from './http/log-redaction';
import { routeOverriddenPatch } from './http/method-override';
import { RequestLog } from './http/request-log';
import { refuseUnfitText } from './http/typed-text';
import jobSchedule from './jobs/schedule';
import administrationRoutes from './modules/administration';
import aftercareRoutes from './modules/aftercare/aftercare.route';
import attachmentRoutes from './modules/attachments/attachment.route';
import auditRoutes from './modules/audit/audit.route';
import authRoutes from './modules/auth/auth.route';
import calendarRoutes from './modules/calendar/calendar.route';
import categoryRoutes from './modules/categories/category.route';
import coHandlingRoutes from './modules/co-handling/co-handling.route';
import documentRoutes from './modules/documents/document.route';
import unitSettingsRoutes from './modules/documents/unit-settings.route';
import figuresRoutes from './modules/figures/figures.route';
import healthRoutes from './modules/health/health.route';
import ledgerRoutes from './modules/ledger/ledger.route';
import contentCheckRoutes from './modules/notifications/content-check.route';
import notificationRoutes from './modules/notifications/notification.route';
import orgRoutes from './modules/org/org.route';
import overviewRoutes from './modules/overview/overview.route';
import petitionerRoutes from './modules/petitioners/petitioner.route';
import petitionRoutes from './modules/petitions/petition.route';
import receptionRoutes from './modules/reception/reception.route';
import registerRoutes from './modules/registers/registers.route';
import replyTemplateRoutes from './modules/reply-templates/reply-template.route';
import reportRoutes from './modules/reports/report.route';
import rosterRoutes from './modules/roster/roster.route';
import screeningRoutes from './modules/screening/screening.route';
import staffRoutes from './modules/staff/staff.route';
import suggestionRoutes from './modules/suggestions/suggestions.route';
import supervisionRoutes from './modules/supervision/supervision.route';
import visitRoutes from './modules/visits/visits.route';
import accessPlugin from './plugins/access';
import authPlugin from './plugins/auth';
import calendarPlugin from './plugins/calendar';
import compressionPlugin from './plugins/compression';
import configPlugin from './plugins/config';
import csvPlugin from './plugins/csv';
import databasePlugin from './plugins/database';
import docsPlugin from './plugins/docs';
import drainingPlugin from './plugins/draining';
import errorsPlugin from './plugins/errors';
import frontendPlugin from './plugins/frontend';
import integrationsPlugin from './plugins/integrations';
import jobsPlugin from './plugins/jobs';
import notificationsPlugin from './plugins/notifications';
import piiPlugin from './plugins/pii';
import securityPlugin from './plugins/security';
import storagePlugin from './plugins/storage';

export interface AppOptions {
  /** Where logs go instead of stdout: tests capture them to prove what is never logged. */
  logDestination?: DestinationStream;
  /** A database opened already, instead of the one the config names. */
  database?: Database;
}

/** The whole product as one Fastify instance; `server.ts` only starts it, tests `inject` into it. */
export async function buildApp(config: Config, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
      serializers: { req: requestSerializer, err: errorSerializer },
      ...(options.logDestination ? { stream: options.logDestination } : {}),
    },
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    },
    bodyLimit: config.bodyLimitBytes,
    logController: new RequestLog(config.requestLogEvery),
    // A connection silent this long is closed: a stalled upload, a client that vanished.
    connectionTimeout: config.http.idleTimeoutMs,
    // A request, body included, must arrive within this time (Node answers 408 and closes).
    requestTimeout: config.http.requestTimeoutMs,
    http: {
      // How often Node checks the request timeout (its default, 30 s, is too coarse for it).
      connectionsCheckingInterval: Math.min(30_000, Math.ceil(config.http.requestTimeoutMs / 10)),
      // Node's own rule when it is given a request timeout; set after creation (as Fastify does),
      // a request timeout below the default 60 s headers timeout only took effect at 60 s.
      headersTimeout: Math.min(60_000, config.http.requestTimeoutMs),
    },
    // Our draining plugin answers requests that arrive during a shutdown, in our error shape.
    return503OnClosing: false,
    frameworkErrors,
    clientErrorHandler,
    // The mini-program's PATCH arrives as a POST that names it (wx.request has no PATCH).
    rewriteUrl: routeOverriddenPatch,
    trustProxy: config.trustProxy,
    // removeAdditional would strip fields while trying each branch of a union: reject unknown fields instead.
    // `verbose` and the statute keyword: a failure at a statutory limit is answered as the lifecycle's
    // refusal (plugins/errors.ts, shared/schemas/statute.ts).
    ajv: {
      customOptions: {
        allErrors: true,
        discriminator: true,
        removeAdditional: false,
        verbose: true,
        keywords: [STATUTE],
      },
      onCreate: (ajv) => {
        useHoldableDateTime(ajv);
        refuseNonFiniteNumbers(ajv);
      },
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('preValidation', refuseUnfitText);

  await app.register(configPlugin, { config });
  await app.register(errorsPlugin);
  await app.register(drainingPlugin);
  await app.register(securityPlugin);
  await app.register(compressionPlugin);
  await app.register(databasePlugin, { database: options.database });
  await app.register(piiPlugin);
  await app.register(calendarPlugin);
  await app.register(integrationsPlugin);
  await app.register(notificationsPlugin);
  await app.register(storagePlugin);
  await app.register(csvPlugin);
  await app.register(docsPlugin);
  await app.register(authPlugin);
  await app.register(accessPlugin);
  await app.register(
    async (api) => {
      await api.register(healthRoutes);
      await api.register(authRoutes);
      await api.register(petitionerRoutes);
      await api.register(orgRoutes);
      await api.register(staffRoutes);
      await api.register(rosterRoutes);
      await api.register(auditRoutes);
      await api.register(categoryRoutes);
      await api.register(calendarRoutes);
      await api.register(petitionRoutes);
      await api.register(replyTemplateRoutes);
      await api.register(overviewRoutes);
      await api.register(figuresRoutes);
      await api.register(ledgerRoutes);
      await api.register(reportRoutes);
      await api.register(attachmentRoutes);
      await api.register(documentRoutes);
      await api.register(unitSettingsRoutes);
      await api.register(administrationRoutes);
      await api.register(notificationRoutes);
      await api.register(contentCheckRoutes);
      await api.register(supervisionRoutes);
      await api.register(coHandlingRoutes);
      await api.register(registerRoutes);
      await api.register(screeningRoutes);
      await api.register(receptionRoutes);
      await api.register(aftercareRoutes);
      await api.register(suggestionRoutes);
      await api.register(visitRoutes);
    },
    { prefix: '/api' },
  );
  await app.register(frontendPlugin);
  await app.register(jobsPlugin);
  await app.register(jobSchedule);
  return app;
}
