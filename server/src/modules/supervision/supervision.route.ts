import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  EscalationListSchema,
  EscalationSchema,
  IssueSupervisionBodySchema,
  ReviewSupervisionBodySchema,
  SupervisionListSchema,
  SupervisionNoticeListSchema,
  SupervisionNoticeSchema,
  SupervisionQuerySchema,
} from '@xinfang/shared/schemas/supervision';
import { Type } from 'typebox';
import { rolesWith } from '../../access/capabilities';
import { contextOf, staffOf } from '../../http/request-context';
import { answers } from '../../http/responses';
import { petitionDeps } from '../petitions/petition.deps';
import { createPetitionService } from '../petitions/petition.service';
import { createSupervisionService } from './supervision.service';

const Id = Type.String({ minLength: 1, maxLength: 26 });

/** Supervision (Art 38–40): the supervisor's list, 督办单 and their review, a case's escalations. */
const supervisionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = createSupervisionService({
    db: app.db,
    calendar: app.calendar,
    petitions: createPetitionService(petitionDeps(app)),
  });
  const tags = ['supervision'];

  app.get(
    '/supervision',
    {
      config: { access: { staff: rolesWith('supervise') } },
      schema: {
        tags,
        summary:
          'The supervisor’s list: supervision notices by status and escalated cases, of a unit’s subtree',
        querystring: SupervisionQuerySchema,
        response: answers({ 200: SupervisionListSchema }),
      },
    },
    async (request) => service.list(staffOf(request), request.query, new Date()),
  );

  app.post(
    '/supervision/notices',
    {
      config: {
        access: { staff: rolesWith('supervise'), target: { type: 'petition', from: { body: 'petitionId' } } },
      },
      schema: {
        tags,
        summary: 'Issue a 督办单 to the unit holding a case, with the date its written answer is due',
        description:
          'The same step as the case action `issue_supervision`: the notice is numbered, generated as a document ' +
          '(GET /api/documents/:id.pdf) and the supervised unit is told. Send the version last read.',
        body: IssueSupervisionBodySchema,
        response: answers({ 201: SupervisionNoticeSchema }),
      },
    },
    async (request, reply) => {
      reply.code(201);
      return service.issue(contextOf(request), staffOf(request), request.body);
    },
  );

  app.post(
    '/supervision/notices/:petitionId/:no/review',
    {
      config: {
        access: {
          staff: rolesWith('review_supervision'),
          target: { type: 'petition', from: { param: 'petitionId' } },
        },
      },
      schema: {
        tags,
        summary: 'The issuing unit approves the written answer to a 督办单, or returns it for a new one',
        description:
          'The same step as the case action `review_supervision`, by a supervisor of the unit that issued the ' +
          'notice, once per answer. A returned answer is owed again by `dueDate` (default: as many days as the ' +
          'notice first gave) and the supervised unit is told.',
        params: Type.Object({ petitionId: Id, no: Type.Integer({ minimum: 1, maximum: 1000 }) }),
        body: ReviewSupervisionBodySchema,
        response: answers({ 200: SupervisionNoticeSchema }),
      },
    },
    async (request) =>
      service.review(
        contextOf(request),
        staffOf(request),
        request.params.petitionId,
        request.params.no,
        request.body,
      ),
  );

  // Under the notices' own path (a notice is `:petitionId/:no`): the case's list of them.
  app.get(
    '/supervision/notices/:petitionId',
    {
      config: {
        access: {
          staff: rolesWith('read_cases'),
          target: { type: 'petition', from: { param: 'petitionId' } },
        },
      },
      schema: {
        tags,
        summary: 'A case’s 督办单 with their 签收, answers and review, for anyone who reads the case',
        description:
          'Oldest first. `mayAcknowledge` says whether the viewer may sign for the notice now (POST ' +
          '/api/supervision/notices/:petitionId/:no/ack), `mayReview` whether they review its answer.',
        params: Type.Object({ petitionId: Id }),
        response: answers({ 200: SupervisionNoticeListSchema }),
      },
    },
    async (request) => service.noticesOfCase(staffOf(request), request.params.petitionId, new Date()),
  );

  app.get(
    '/petitions/:id/escalations',
    {
      config: {
        access: { staff: rolesWith('read_cases'), target: { type: 'petition', from: { param: 'id' } } },
      },
      schema: {
        tags,
        summary: 'The escalation steps a case’s deadlines reached (yellow, red, and up the line)',
        params: Type.Object({ id: Id }),
        response: answers({ 200: EscalationListSchema }),
      },
    },
    async (request) => service.escalations(staffOf(request), request.params.id, new Date()),
  );

  app.post(
    '/supervision/escalations/:id/ack',
    {
      // The step's case is checked by the service: the policy knows no escalation as a target.
      config: { access: { staff: rolesWith('read_cases') } },
      schema: {
        tags,
        summary: '签收: one of the people a red step was meant for acknowledges it, for the unit',
        description:
          'Level 1: the nearest head up the holding unit; higher levels: the heads and supervisors of the ' +
          'unit it was raised to. Steps told in the same message are acknowledged together; once, audited — ' +
          'a second tap answers the step as it stands. Acknowledging moves no deadline.',
        params: Type.Object({ id: Id }),
        response: answers({ 200: EscalationSchema }),
      },
    },
    async (request) => service.acknowledgeEscalation(contextOf(request), staffOf(request), request.params.id),
  );

  app.post(
    '/supervision/notices/:petitionId/:no/ack',
    {
      config: {
        access: {
          staff: rolesWith('read_cases'),
          target: { type: 'petition', from: { param: 'petitionId' } },
        },
      },
      schema: {
        tags,
        summary: '签收: the supervised unit acknowledges a 督办单 before it answers',
        description:
          'By the supervised unit’s reception, handlers or head (those who answer it), while it awaits the ' +
          'answer; once, audited — a second tap answers the notice as it stands. It is not the answer.',
        params: Type.Object({ petitionId: Id, no: Type.Integer({ minimum: 1, maximum: 1000 }) }),
        response: answers({ 200: SupervisionNoticeSchema }),
      },
    },
    async (request) =>
      service.acknowledgeSupervision(
        contextOf(request),
        staffOf(request),
        request.params.petitionId,
        request.params.no,
      ),
  );
};

export default supervisionRoutes;
