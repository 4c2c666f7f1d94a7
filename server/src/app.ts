import { randomUUID } from 'node:crypto';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import type { Config } from './config';
import healthRoutes from './modules/health/health.route';
import configPlugin from './plugins/config';
import databasePlugin from './plugins/database';
import docsPlugin from './plugins/docs';
import errorsPlugin from './plugins/errors';
import frontendPlugin from './plugins/frontend';
import securityPlugin from './plugins/security';

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
      ...(options.logDestination ? { stream: options.logDestination } : {}),
    },
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    ajv: { customOptions: { allErrors: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(configPlugin, { config });
  await app.register(errorsPlugin);
  await app.register(securityPlugin);
  await app.register(databasePlugin);
  await app.register(docsPlugin);
  await app.register(
    async (api) => {
      await api.register(healthRoutes);
    },
    { prefix: '/api' },
  );
  await app.register(frontendPlugin);
  return app;
}
