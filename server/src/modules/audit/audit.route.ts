import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AuditPageSchema, AuditQuerySchema } from '@xinfang/shared/schemas/audit';
import { rolesWith } from '../../access/capabilities';
import { staffOf } from '../../http/request-context';
import { answers } from '../../http/responses';
import { queryAudit } from './audit.query';

const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/audit',
    {
      config: { access: { staff: rolesWith('read_audit') } },
      schema: {
        tags: ['audit'],
        summary: 'The audit log of my subtree, newest first',
        querystring: AuditQuerySchema,
        response: answers({ 200: AuditPageSchema }),
      },
    },
    async (request) => queryAudit(app.db, staffOf(request), request.query),
  );
};

export default auditRoutes;
