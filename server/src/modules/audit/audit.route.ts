import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AuditPageSchema, AuditQuerySchema } from '@xinfang/shared/schemas/audit';
import { pathOf } from '../../db/subtree';
import { staffOf } from '../../http/request-context';
import { answers } from '../../http/responses';
import { queryAudit } from './audit.query';

const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/audit',
    {
      config: { access: { staff: ['supervisor', 'admin'] } },
      schema: {
        tags: ['audit'],
        summary: 'The audit log of my subtree, newest first',
        querystring: AuditQuerySchema,
        response: answers({ 200: AuditPageSchema }),
      },
    },
    async (request) => {
      const staff = staffOf(request);
      return queryAudit(
        app.db,
        { path: pathOf(staff.unit.path), isRoot: staff.unit.path.length === 1 },
        request.query,
      );
    },
  );
};

export default auditRoutes;
