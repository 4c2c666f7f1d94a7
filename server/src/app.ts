import { randomUUID } from 'node:crypto';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import type { Config } from './config';
import { useHoldableDateTime } from './http/date-time-format';
import { frameworkErrors } from './http/framework-errors';
import { requestSerializer } from './http/log-redaction';
import administrationRoutes from './modules/administration';
import attachmentRoutes from './modules/attachments/attachment.route';
import auditRoutes from './modules/audit/audit.route';
import authRoutes from './modules/auth/auth.route';
import calendarRoutes from './modules/calendar/calendar.route';
import categoryRoutes from './modules/categories/category.route';
import documentRoutes from './modules/documents/document.route';
import unitSettingsRoutes from './modules/documents/unit-settings.route';
import healthRoutes from './modules/health/health.route';
import orgRoutes from './modules/org/org.route';
import overviewRoutes from './modules/overview/overview.route';
import petitionerRoutes from './modules/petitioners/petitioner.route';
import petitionRoutes from './modules/petitions/petition.route';
import replyTemplateRoutes from './modules/reply-templates/reply-template.route';
import rosterRoutes from './modules/roster/roster.route';
import staffRoutes from './modules/staff/staff.route';
import accessPlugin from './plugins/access';
import authPlugin from './plugins/auth';
import calendarPlugin from './plugins/calendar';
import configPlugin from './plugins/config';
import csvPlugin from './plugins/csv';
import databasePlugin from './plugins/database';
import docsPlugin from './plugins/docs';
import errorsPlugin from './plugins/errors';
import frontendPlugin from './plugins/frontend';
import integrationsPlugin from './plugins/integrations';
import jobsPlugin from './plugins/jobs';
import piiPlugin from './plugins/pii';
import securityPlugin from './plugins/security';
import storagePlugin from './plugins/storage';

export interface AppOptions {
  /** Where logs go instead of stdout: tests capture them to prove what is never logged. */
  logDestination?: DestinationStream;
}

/** The whole product as one Fastify instance; `server.ts` only starts it, tests `inject` into it. */
export async function buildApp(config: Config, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
      serializers: { req: requestSerializer },
      ...(options.logDestination ? { stream: options.logDestination } : {}),
    },
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    },
    bodyLimit: config.bodyLimitBytes,
    frameworkErrors,
    trustProxy: config.trustProxy,
    // removeAdditional would strip fields while trying each branch of a union: reject unknown fields instead.
    ajv: {
      customOptions: { allErrors: true, discriminator: true, removeAdditional: false },
      onCreate: useHoldableDateTime,
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(configPlugin, { config });
  await app.register(errorsPlugin);
  await app.register(securityPlugin);
  await app.register(databasePlugin);
  await app.register(piiPlugin);
  await app.register(calendarPlugin);
  await app.register(integrationsPlugin);
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
      await api.register(attachmentRoutes);
      await api.register(documentRoutes);
      await api.register(unitSettingsRoutes);
      await api.register(administrationRoutes);
    },
    { prefix: '/api' },
  );
  await app.register(frontendPlugin);
  await app.register(jobsPlugin);
  return app;
}
