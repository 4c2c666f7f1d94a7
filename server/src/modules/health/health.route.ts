import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type Health, HealthSchema } from '@xinfang/shared/schemas/health';

/**
 * `GET /api/health`: is the API up, can it reach its database, and does the database take writes?
 * Which database and its version are for administrators only (`GET /api/admin/health`).
 * 503 when not. It asks the database with a bounded probe (DB_PROBE_TIMEOUT_MS), so it answers in
 * about that long even when the database is frozen; writability is what the server's own writes
 * last met (a full disk or a read-only file shows there, not in a probe).
 */
const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/health',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['system'],
        summary: 'Liveness, database reachability and whether it takes writes',
        response: { 200: HealthSchema, 503: HealthSchema },
      },
    },
    async (_request, reply) => {
      const version = await app.dbMonitor.check();
      const { reachable, writable, problem } = app.dbMonitor.status();
      const ok = version !== null && reachable && writable;
      const health: Health = {
        status: ok ? 'ok' : 'degraded',
        db: {
          ok,
          reachable: version !== null && reachable,
          writable,
          problem: problem && { kind: problem.kind, since: problem.since.toISOString() },
          conflicts: { ...app.dbConflicts },
        },
      };
      return reply.status(ok ? 200 : 503).send(health);
    },
  );
};

export default healthRoutes;
