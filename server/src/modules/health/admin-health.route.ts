import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AdminHealthSchema } from '@xinfang/shared/schemas/admin';
import { rolesWith } from '../../access/capabilities';
import { answers } from '../../http/responses';
import { adminHealth } from './admin-health';

/** `GET /api/admin/health`: the service in detail, for administrators. */
const adminHealthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/admin/health',
    {
      config: { access: { staff: rolesWith('administer') } },
      schema: {
        tags: ['system'],
        summary: "The database (reachable, writable), the jobs' last runs, each provider real or stand-in",
        response: answers({ 200: AdminHealthSchema }),
      },
    },
    async () => adminHealth(app, new Date()),
  );
};

export default adminHealthRoutes;
