import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CsvBodySchema,
  RosterImportReportSchema,
  RosterImportSchema,
  RosterPreviewSchema,
} from '@xinfang/shared/schemas/admin';
import { Type } from 'typebox';
import { rolesWith } from '../../access/capabilities';
import { idempotencyRequest, sendAnswer } from '../../http/idempotency';
import { contextOf, staffOf } from '../../http/request-context';
import { answers } from '../../http/responses';
import { createRosterService } from './roster.service';

/** The file as sent: `text/csv` from a script, `{ csv }` from the app. */
const csvOf = (body: string | { csv: string }) => (typeof body === 'string' ? body : body.csv);

const rosterRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const roster = createRosterService({ db: app.db, pii: app.pii });
  const admin = rolesWith('administer');
  const tags = ['staff'];
  const csvRoute = {
    bodyLimit: 8 * 1024 * 1024,
    consumes: ['text/csv', 'application/json'],
  };

  app.post(
    '/roster/preview',
    {
      config: { access: { staff: admin } },
      bodyLimit: csvRoute.bodyLimit,
      schema: {
        tags,
        summary: 'What importing this roster file would change, and every bad line (nothing is written)',
        consumes: csvRoute.consumes,
        body: CsvBodySchema,
        response: answers({ 200: RosterPreviewSchema }),
      },
    },
    async (request) => roster.preview(contextOf(request), csvOf(request.body)),
  );

  app.post(
    '/roster/import',
    {
      config: { access: { staff: admin } },
      bodyLimit: csvRoute.bodyLimit,
      schema: {
        tags,
        summary: 'Import the employee roster from CSV: employee_number,name,phone,unit_code (all or nothing)',
        description: 'Send an Idempotency-Key: a retried import is answered with the first report.',
        consumes: csvRoute.consumes,
        body: CsvBodySchema,
        response: answers({ 200: RosterImportReportSchema }),
      },
    },
    async (request, reply) => {
      const answer = await roster.importCsv(
        contextOf(request),
        csvOf(request.body),
        idempotencyRequest(request, `staff:${staffOf(request).id}`),
      );
      return sendAnswer(reply, answer);
    },
  );

  app.get(
    '/roster/imports',
    {
      config: { access: { staff: admin } },
      schema: {
        tags,
        summary: 'The latest imports made in my subtree; the newest of all, if it is mine to undo, says so',
        response: answers({ 200: Type.Array(RosterImportSchema) }),
      },
    },
    async (request) => roster.history(contextOf(request)),
  );

  app.post(
    '/roster/imports/:id/undo',
    {
      config: { access: { staff: admin } },
      schema: {
        tags,
        summary: 'Undo the newest import: what it changed is put back, whom it added is removed',
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 26 }) }),
        response: answers({ 200: RosterImportSchema }),
      },
    },
    async (request) => roster.undo(contextOf(request), request.params.id),
  );
};

export default rosterRoutes;
