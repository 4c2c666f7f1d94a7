import { assistParts, refuse } from '@xinfang/shared/lifecycle';
import type { AssistAnswerBody, AssistRequest } from '@xinfang/shared/schemas/co-handling';
import type { Kysely } from 'kysely';
import type { StaffPrincipal } from '../../access/principal';
import type { DB } from '../../db/schema';
import { AppError } from '../../errors';
import type { RequestContext } from '../../http/request-context';
import { loadPetition } from '../petitions/petition.repository';
import type { createPetitionService } from '../petitions/petition.service';
import { refused } from '../petitions/petition.support';
import { assistRequests } from './co-handling.query';

/**
 * How many times an answer is tried while the lead unit keeps changing the case under it: each try
 * loses only to a change committed since it read the case.
 */
const ANSWER_ATTEMPTS = 5;

/**
 * An assisting unit answers its part (协办, Art 24) through the lifecycle's `answer_assist`. An
 * answer stands as given: the same answer sent again — a retry after a lost response, with or
 * without the same Idempotency-Key, or a duplicate racing the first — gets the part as answered and
 * writes nothing; another answer to an answered part is refused (`assist.answered`).
 */
export function createPartAnswering(deps: {
  db: Kysely<DB>;
  petitions: Pick<ReturnType<typeof createPetitionService>, 'apply'>;
}) {
  const { db, petitions } = deps;

  return async function answerPart(
    context: RequestContext,
    staff: StaffPrincipal,
    part: { petitionId: string; no: number },
    body: AssistAnswerBody,
  ): Promise<AssistRequest> {
    const { petitionId, no } = part;
    // Only parts asked of the caller's subtree, of a case they are not recused from (Art 28):
    // another is answered as one that does not exist, before the lifecycle is asked.
    const find = async () =>
      (await assistRequests(db, staff, { status: 'any', petitionId, no }, context.now))[0];
    /** The part as answered when this answer was given already; a refusal when another was. */
    const answeredAlready = async () => {
      const loaded = await loadPetition(db, petitionId);
      const given = loaded && assistParts(loaded.petition).find((p) => p.no === no)?.answer;
      if (!given) return { version: loaded?.row.version ?? 0, part: null };
      if (!sameAnswer(given.data, body)) throw refused(refuse('assist.answered', { param: 'assistNo' }));
      return { version: loaded.row.version, part: await find() };
    };
    if (!(await find())) throw new AppError('NOT_FOUND', '没有找到这个协办事项');
    let current = await answeredAlready();
    for (let attempt = 1; !current.part; attempt += 1) {
      try {
        await petitions.apply(context, staff, petitionId, {
          type: 'answer_assist',
          params: {
            assistNo: no,
            answer: body.answer,
            ...(body.attachmentIds?.length ? { attachmentIds: body.attachmentIds } : {}),
          },
          version: current.version,
        });
      } catch (error) {
        // The same answer sent twice at once: the one that lost the race answers as the retry.
        current = await answeredAlready();
        if (current.part) break;
        if (!(error instanceof AppError && error.code === 'VERSION_CONFLICT')) throw error;
        // The lead unit changed the case since it was read (a note, a step): the part is still
        // open, so answer again on what it is now. The conflict's own details, the case's state
        // and version, stay out of the answer: this unit does not see the case.
        if (attempt >= ANSWER_ATTEMPTS)
          throw new AppError('VERSION_CONFLICT', '牵头单位正在办理这件信访事项，请稍后再提交');
        continue;
      }
      const answered = await find();
      if (!answered) throw new Error('an answered part is missing from its list');
      return answered;
    }
    return current.part;
  };
}

/** The same text and the same uploads, in any order. */
function sameAnswer(
  given: { answer: string; attachmentIds: readonly string[] },
  body: AssistAnswerBody,
): boolean {
  const ids = [...(body.attachmentIds ?? [])].sort();
  return given.answer === body.answer && [...given.attachmentIds].sort().join() === ids.join();
}
