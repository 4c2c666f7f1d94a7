import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AssistAnswerBodySchema,
  AssistListQuerySchema,
  AssistRequestSchema,
} from '@xinfang/shared/schemas/co-handling';
import { Type } from 'typebox';
import { rolesWith } from '../../access/capabilities';
import { contextOf, staffOf } from '../../http/request-context';
import { answers } from '../../http/responses';
import { petitionDeps } from '../petitions/petition.deps';
import { createPetitionService } from '../petitions/petition.service';
import { createPartAnswering } from './answer-part';
import { assistList } from './assist-list';

const PartParams = Type.Object({
  petitionId: Type.String({ minLength: 1, maxLength: 26 }),
  no: Type.Integer({ minimum: 1, maximum: 100 }),
});

/**
 * Co-handling (协办, Art 24) for the assisting unit: its list of parts to answer, and the answer.
 * The assisting unit does not see the case itself — only the part, with the case's number and
 * kind — so these routes do not go through the case's own access check; they reach only parts
 * asked of the caller's subtree, and the answer is the lifecycle's `answer_assist`.
 */
const coHandlingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const answerPart = createPartAnswering({
    db: app.db,
    petitions: createPetitionService(petitionDeps(app)),
  });
  const tags = ['co-handling'];
  const access = { staff: rolesWith('co_handle') };

  app.get(
    '/co-handling',
    {
      config: { access },
      schema: {
        tags,
        summary: 'The parts of cases other units asked my unit (and those below it) to answer',
        querystring: AssistListQuerySchema,
        response: answers({ 200: Type.Object({ items: Type.Array(AssistRequestSchema) }) }),
      },
    },
    async (request) => ({
      items: await assistList(app.db, contextOf(request), staffOf(request), request.query),
    }),
  );

  app.post(
    '/co-handling/:petitionId/parts/:no/answer',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Answer a part for the lead unit (text, and optionally my own uploads)',
        description:
          'The case action `answer_assist`. The lead unit’s reply waits until every part is answered. Answered once: the same answer sent again is answered as given; another is refused (422, `assist.answered`).',
        params: PartParams,
        body: AssistAnswerBodySchema,
        response: answers({ 200: AssistRequestSchema }),
      },
    },
    async (request) => answerPart(contextOf(request), staffOf(request), request.params, request.body),
  );
};

export default coHandlingRoutes;
