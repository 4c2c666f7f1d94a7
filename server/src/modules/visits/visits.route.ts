import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { RegisterPetitionBodySchema, SubmittedSchema } from '@xinfang/shared/schemas/petitions';
import {
  CancelVisitSchema,
  HoldVisitSchema,
  NewVisitSchema,
  VisitListSchema,
  VisitQuerySchema,
  VisitSchema,
} from '@xinfang/shared/schemas/visits';
import { Type } from 'typebox';
import { rolesWith } from '../../access/capabilities';
import { idempotencyRequest, sendAnswer } from '../../http/idempotency';
import { contextOf, staffOf } from '../../http/request-context';
import { answers } from '../../http/responses';
import { petitionDeps } from '../petitions/petition.deps';
import { createPetitionService } from '../petitions/petition.service';
import { createVisitService } from './visit.service';

const Id = Type.Object({ id: Type.String({ minLength: 1, maxLength: 26 }) });

/** Leaders' visits to the grassroots (下访): planned, held, and the petitions they produced. */
const visitRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = createVisitService({
    db: app.db,
    pii: app.pii,
    petitions: createPetitionService(petitionDeps(app)),
  });
  const tags = ['visits'];
  const keepers = rolesWith('keep_visits');

  app.get(
    '/grassroots-visits',
    {
      config: { access: { staff: keepers } },
      schema: {
        tags,
        summary: '下访: planned and held visits to a unit’s subtree, with the petitions each produced',
        querystring: VisitQuerySchema,
        response: answers({ 200: VisitListSchema }),
      },
    },
    async (request) => service.list(staffOf(request), request.query),
  );

  app.post(
    '/grassroots-visits',
    {
      config: { access: { staff: keepers } },
      schema: {
        tags,
        summary: 'Plan a leader’s visit to a unit: leader, unit and place, date, topic',
        description: 'Send an Idempotency-Key: a retried plan is answered with the first visit.',
        body: NewVisitSchema,
        response: answers({ 201: VisitSchema }),
      },
    },
    async (request, reply) => {
      const staff = staffOf(request);
      const answer = await service.plan(
        contextOf(request),
        staff,
        request.body,
        idempotencyRequest(request, `staff:${staff.id}`),
      );
      return sendAnswer(reply, answer);
    },
  );

  app.post(
    '/grassroots-visits/:id/held',
    {
      config: { access: { staff: keepers } },
      schema: {
        tags,
        summary: 'Record a visit as held: what was done, how many people were met (once)',
        params: Id,
        body: HoldVisitSchema,
        response: answers({ 200: VisitSchema }),
      },
    },
    async (request) => service.hold(contextOf(request), staffOf(request), request.params.id, request.body),
  );

  app.post(
    '/grassroots-visits/:id/cancel',
    {
      config: { access: { staff: keepers } },
      schema: {
        tags,
        summary: 'Cancel a planned visit that will not happen, with the reason (not once held)',
        params: Id,
        body: CancelVisitSchema,
        response: answers({ 200: VisitSchema }),
      },
    },
    async (request) => service.cancel(contextOf(request), staffOf(request), request.params.id, request.body),
  );

  app.post(
    '/grassroots-visits/:id/cases',
    {
      config: { access: { staff: rolesWith('register_cases') } },
      schema: {
        tags,
        summary:
          'Register a petition met on a held visit, as a visit (来访), linked to it (Idempotency-Key required)',
        params: Id,
        body: RegisterPetitionBodySchema,
        response: answers({ 201: SubmittedSchema }),
      },
    },
    async (request, reply) => {
      const staff = staffOf(request);
      const idem = idempotencyRequest(request, `staff:${staff.id}`);
      const answer = await service.registerCase(
        contextOf(request),
        staff,
        request.params.id,
        request.body,
        idem,
      );
      return sendAnswer(reply, answer);
    },
  );
};

export default visitRoutes;
