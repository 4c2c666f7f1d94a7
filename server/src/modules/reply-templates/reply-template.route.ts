import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  PetitionKindSchema,
  ReplyTemplateBodySchema,
  ReplyTemplateSchema,
} from '@xinfang/shared/schemas/petitions';
import { Type } from 'typebox';
import { rolesWith } from '../../access/capabilities';
import { idempotencyRequest, sendAnswer } from '../../http/idempotency';
import { contextOf, staffOf } from '../../http/request-context';
import { answers } from '../../http/responses';
import { createReplyTemplateService } from './reply-template.service';

const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 26 }) });
const WRITERS = rolesWith('keep_templates');
const READERS = rolesWith('read_templates');

/**
 * Reusable wording for decision letters, per subject category (issue: "reusable reason templates").
 * A unit's templates serve it and every unit below; a handler sees those of their unit and above.
 */
const replyTemplateRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = createReplyTemplateService({ db: app.db, pii: app.pii });
  const tags = ['reply templates'];
  app.access.registerTarget('reply_template', (id) => service.scope(id));

  app.get(
    '/reply-templates',
    {
      config: { access: { staff: READERS } },
      schema: {
        tags,
        summary: 'Templates for my unit and the units above it, for a category and kind when given',
        querystring: Type.Object({
          categoryCode: Type.Optional(Type.String({ maxLength: 32 })),
          kind: Type.Optional(PetitionKindSchema),
          includeRetired: Type.Optional(Type.Boolean()),
        }),
        response: answers({ 200: Type.Array(ReplyTemplateSchema) }),
      },
    },
    async (request) => service.list(staffOf(request), request.query),
  );

  app.post(
    '/reply-templates',
    {
      config: { access: { staff: WRITERS, target: { type: 'unit', from: { body: 'unitId' } } } },
      schema: {
        tags,
        summary: 'Keep a new template for a unit in my subtree',
        description: 'Send an Idempotency-Key: a retried creation is answered with the first template.',
        body: ReplyTemplateBodySchema,
        response: answers({ 201: ReplyTemplateSchema }),
      },
    },
    async (request, reply) => {
      const staff = staffOf(request);
      const answer = await service.create(
        contextOf(request),
        staff,
        request.body,
        idempotencyRequest(request, `staff:${staff.id}`),
      );
      return sendAnswer(reply, answer);
    },
  );

  app.put(
    '/reply-templates/:id',
    {
      config: { access: { staff: WRITERS, target: { type: 'reply_template', from: { param: 'id' } } } },
      schema: {
        tags,
        summary: 'Change or retire a template',
        params: IdParams,
        body: ReplyTemplateBodySchema,
        response: answers({ 200: ReplyTemplateSchema }),
      },
    },
    async (request) => service.update(contextOf(request), request.params.id, request.body),
  );
};

export default replyTemplateRoutes;
