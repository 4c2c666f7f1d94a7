import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type Health, HealthSchema } from '@xinfang/shared/schemas/health';
import { serverVersion } from '../../db/dialect';

/** `GET /api/health`: is the API up, and can it reach its database? 503 when it cannot. */
const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/health',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['system'],
        summary: 'Liveness and database reachability',
        response: { 200: HealthSchema, 503: HealthSchema },
      },
    },
    async (request, reply) => {
      let health: Health;
      try {
        const version = await serverVersion(app.db);
        health = { status: 'ok', db: { dialect: app.dialect, ok: true, version } };
      } catch (error) {
        request.log.error({ err: error }, 'health check: database unreachable');
        health = { status: 'degraded', db: { dialect: app.dialect, ok: false, version: null } };
      }
      return reply.status(health.db.ok ? 200 : 503).send(health);
    },
  );
};

export default healthRoutes;
