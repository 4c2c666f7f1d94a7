import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { rolesWith } from '../../access/capabilities';
import { contextOf } from '../../http/request-context';
import { answers } from '../../http/responses';
import { createRosterService } from './roster.service';

const rosterRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const roster = createRosterService(app);

  app.post(
    '/roster/import',
    {
      config: { access: { staff: rolesWith('administer') } },
      bodyLimit: 8 * 1024 * 1024,
      schema: {
        tags: ['staff'],
        summary: 'Import the employee roster from CSV: employee_number,name,phone,unit_code',
        consumes: ['text/csv'],
        body: Type.String({ minLength: 1, maxLength: 8 * 1024 * 1024 }),
        response: answers({ 200: Type.Object({ imported: Type.Integer() }) }),
      },
    },
    async (request) => roster.importCsv(contextOf(request), request.body),
  );
};

export default rosterRoutes;
