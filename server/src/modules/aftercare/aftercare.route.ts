import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AftercareSettingsSchema,
  FollowUpListSchema,
  FollowUpOutcomeSchema,
  FollowUpQuerySchema,
  FollowUpSchema,
  RehandlingListSchema,
  RehandlingQuerySchema,
  UpdateAftercareSettingsSchema,
} from '@xinfang/shared/schemas/aftercare';
import { Type } from 'typebox';
import { rolesWith } from '../../access/capabilities';
import { contextOf, staffOf } from '../../http/request-context';
import { answers } from '../../http/responses';
import { createAftercareService } from './aftercare.service';

/** Aftercare over HTTP: follow-ups (回访) and their outcomes, re-handling decisions, the settings. */
const aftercareRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = createAftercareService({ db: app.db, calendar: app.calendar });
  const tags = ['aftercare'];
  const followers = { staff: rolesWith('follow_up') };
  const admins = { staff: rolesWith('administer') };

  app.get(
    '/follow-ups',
    {
      config: { access: followers },
      schema: {
        tags,
        summary: 'Follow-ups (回访) of the caller’s subtree’s concluded cases: open, overdue or done',
        querystring: FollowUpQuerySchema,
        response: answers({ 200: FollowUpListSchema }),
      },
    },
    async (request) => service.list(staffOf(request), request.query, new Date()),
  );

  app.post(
    '/follow-ups/:id/outcome',
    {
      config: { access: followers },
      schema: {
        tags,
        summary:
          'Record how a follow-up went: by phone, visit or message, when, what was said, satisfied or not',
        description:
          'Recorded once: the same outcome sent again is answered as recorded; another is refused.',
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 26 }) }),
        body: FollowUpOutcomeSchema,
        response: answers({ 200: FollowUpSchema }),
      },
    },
    async (request) => service.record(contextOf(request), staffOf(request), request.params.id, request.body),
  );

  app.get(
    '/rehandling-decisions',
    {
      config: { access: { staff: rolesWith('approve') } },
      schema: {
        tags,
        summary:
          'Unsatisfied ratings of suggestions and accusations in the subtree, waiting for or given the unit head’s decision',
        querystring: RehandlingQuerySchema,
        response: answers({ 200: RehandlingListSchema }),
      },
    },
    async (request) => service.rehandling(staffOf(request), request.query, new Date()),
  );

  app.get(
    '/admin/settings/aftercare',
    {
      config: { access: admins },
      schema: {
        tags,
        summary:
          'The days to follow up a concluded case, the working days before asking a forwarded case’s organ, and those a unit head has to decide on re-handling',
        response: answers({ 200: AftercareSettingsSchema }),
      },
    },
    async () => service.settings(),
  );

  app.put(
    '/admin/settings/aftercare',
    {
      config: { access: admins },
      schema: {
        tags,
        summary: 'Change the aftercare settings (audited)',
        body: UpdateAftercareSettingsSchema,
        response: answers({ 200: AftercareSettingsSchema }),
      },
    },
    async (request) => service.updateSettings(contextOf(request), staffOf(request), request.body),
  );
};

export default aftercareRoutes;
