import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AnswerSuggestionSchema,
  DecideSuggestionSchema,
  NewSuggestionSchema,
  SuggestionListSchema,
  SuggestionQuerySchema,
  SuggestionSchema,
} from '@xinfang/shared/schemas/suggestions';
import { Type } from 'typebox';
import { rolesWith } from '../../access/capabilities';
import { idempotencyRequest } from '../../http/idempotency';
import { contextOf, staffOf } from '../../http/request-context';
import { answers } from '../../http/responses';
import { createSuggestionService } from './suggestion.service';

const Id = Type.Object({ id: Type.String({ minLength: 1, maxLength: 26 }) });

/** Suggestions to improve work (改进建议, Art 40): issued, answered, their adoption recorded. */
const suggestionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = createSuggestionService({ db: app.db, pii: app.pii, calendar: app.calendar });
  const tags = ['suggestions'];
  const issuers = rolesWith('suggest');
  const answerers = rolesWith('answer_suggestions');

  app.get(
    '/suggestions',
    {
      config: { access: { staff: [...new Set([...issuers, ...answerers])] } },
      schema: {
        tags,
        summary: 'Suggestions to improve work: those I issued, or those to a unit of my subtree, by status',
        querystring: SuggestionQuerySchema,
        response: answers({ 200: SuggestionListSchema }),
      },
    },
    async (request) => ({ items: await service.list(staffOf(request), request.query, new Date()) }),
  );

  app.post(
    '/suggestions',
    {
      config: {
        access: { staff: issuers, target: { type: 'petition', from: { body: 'petitionId' } } },
      },
      schema: {
        tags,
        summary: 'Issue a suggestion to improve work to a unit, from a case (and its supervision notice)',
        description: 'Send an Idempotency-Key: a retried suggestion is answered with the first one.',
        body: NewSuggestionSchema,
        response: answers({ 201: SuggestionSchema }),
      },
    },
    async (request, reply) => {
      const staff = staffOf(request);
      const answer = await service.issue(
        contextOf(request),
        staff,
        request.body,
        idempotencyRequest(request, `staff:${staff.id}`),
      );
      return reply.code(answer.status).send(answer.body);
    },
  );

  app.post(
    '/suggestions/:id/answer',
    {
      config: { access: { staff: answerers } },
      schema: {
        tags,
        summary: 'The unit’s written answer to a suggestion (once)',
        params: Id,
        body: AnswerSuggestionSchema,
        response: answers({ 200: SuggestionSchema }),
      },
    },
    async (request) =>
      service.answer(contextOf(request), staffOf(request), request.params.id, request.body.answer),
  );

  app.post(
    '/suggestions/:id/adoption',
    {
      config: { access: { staff: issuers } },
      schema: {
        tags,
        summary:
          'Record whether an answered suggestion was adopted, partly adopted or not (the issuer, once)',
        params: Id,
        body: DecideSuggestionSchema,
        response: answers({ 200: SuggestionSchema }),
      },
    },
    async (request) => service.decide(contextOf(request), staffOf(request), request.params.id, request.body),
  );
};

export default suggestionRoutes;
