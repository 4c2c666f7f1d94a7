import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { assistParts, refuse } from '@xinfang/shared/lifecycle';
import {
  type AssistAnswerBody,
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
import { loadPetition } from '../petitions/petition.repository';
import { createPetitionService } from '../petitions/petition.service';
import { refused } from '../petitions/petition.support';
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
      const body = request.body;
      const find = async () =>
        (await assistRequests(app.db, staff, { status: 'any', petitionId, no }, context.now))[0];
      /** The part as answered when this answer was given already; a refusal when another was. */
      const answeredAlready = async () => {
        const loaded = await loadPetition(app.db, petitionId);
        const given = loaded && assistParts(loaded.petition).find((p) => p.no === no)?.answer;
        if (!given) return { version: loaded?.row.version ?? 0, part: null };
        if (!sameAnswer(given.data, body)) throw refused(refuse('assist.answered', { param: 'assistNo' }));
        return { version: loaded.row.version, part: await find() };
      };
      if (!(await find())) throw new AppError('NOT_FOUND', '没有找到这个协办事项');
      // A retry of the answer (a lost response, the same Idempotency-Key) gets the first answer.
      const before = await answeredAlready();
      if (before.part) return before.part;
      try {
        await petitions.apply(context, staff, petitionId, {
          type: 'answer_assist',
          params: {
            assistNo: no,
            answer: body.answer,
            ...(body.attachmentIds?.length ? { attachmentIds: body.attachmentIds } : {}),
          },
          version: before.version,
        });
      } catch (error) {
        // The same answer sent twice at once: the one that lost the race answers as the retry.
        const raced = await answeredAlready();
        if (raced.part) return raced.part;
        throw error;
      }
      const answered = await find();
      if (!answered) throw new Error('an answered part is missing from its list');
      return answered;
    },
  );
};

/** The same text and the same uploads, in any order. */
function sameAnswer(
  given: { answer: string; attachmentIds: readonly string[] },
  body: AssistAnswerBody,
): boolean {
  const ids = [...(body.attachmentIds ?? [])].sort();
  return given.answer === body.answer && [...given.attachmentIds].sort().join() === ids.join();
}

export default coHandlingRoutes;
