import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AssistAnswerBodySchema,
  AssistListQuerySchema,
  AssistRequestSchema,
} from '@xinfang/shared/schemas/co-handling';
import { Type } from 'typebox';
import { rolesWith } from '../../access/capabilities';
import { AppError } from '../../errors';
import { contextOf, staffOf } from '../../http/request-context';
import { answers } from '../../http/responses';
import { petitionDeps } from '../petitions/petition.deps';
import { findPetitionRow } from '../petitions/petition.repository';
import { createPetitionService } from '../petitions/petition.service';
import { assistRequests } from './co-handling.query';

const PartParams = Type.Object({
  petitionId: Type.String({ minLength: 1, maxLength: 26 }),
  no: Type.Integer({ minimum: 1, maximum: 100 }),
});

/**
 * Co-handling (协办, Art 24) for the assisting unit: its list of parts to answer, and the answer.
 * The assisting unit does not see the case itself — only the part, with the case's number and
 * title — so these routes do not go through the case's own access check; they reach only parts
 * asked of the caller's subtree, and the answer is the lifecycle's `answer_assist`.
 */
const coHandlingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const petitions = createPetitionService(petitionDeps(app));
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
    async (request) => ({ items: await assistRequests(app.db, staffOf(request), request.query, new Date()) }),
  );

  app.post(
    '/co-handling/:petitionId/parts/:no/answer',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Answer a part for the lead unit (text, and optionally my own uploads)',
        description:
          'The case action `answer_assist`. The lead unit’s reply waits until every part is answered.',
        params: PartParams,
        body: AssistAnswerBodySchema,
        response: answers({ 200: AssistRequestSchema }),
      },
    },
    async (request) => {
      const staff = staffOf(request);
      const context = contextOf(request);
      const { petitionId, no } = request.params;
      const find = () => assistRequests(app.db, staff, { status: 'any', petitionId, no }, context.now);
      const row = (await find()).length > 0 ? await findPetitionRow(app.db, { id: petitionId }) : undefined;
      if (!row) throw new AppError('NOT_FOUND', '没有找到这个协办事项');
      const { answer, attachmentIds } = request.body;
      await petitions.apply(context, staff, petitionId, {
        type: 'answer_assist',
        params: { assistNo: no, answer, ...(attachmentIds?.length ? { attachmentIds } : {}) },
        version: row.version,
      });
      const [answered] = await find();
      if (!answered) throw new Error('an answered part is missing from its list');
      return answered;
    },
  );
};

export default coHandlingRoutes;
