import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { PERMISSIONS } from '@xinfang/shared/lifecycle';
import {
  HandOverBodySchema,
  HandOverPlanSchema,
  HandOverResultSchema,
} from '@xinfang/shared/schemas/hand-over';
import { STAFF_ROLES, type StaffRole } from '@xinfang/shared/schemas/identity';
import { Type } from 'typebox';
import { idempotencyRequest, sendAnswer } from '../../http/idempotency';
import { contextOf, staffOf } from '../../http/request-context';
import { answers } from '../../http/responses';
import { createPetitionWriter } from '../petitions/petition-writer';
import { createHandOverService } from './hand-over.service';

const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 26 }) });

/** Who names a case's 承办人 (Art 24): the roles of the lifecycle's own grant, nobody else. */
const NAMES_HANDLERS: readonly StaffRole[] = STAFF_ROLES.filter((role) =>
  PERMISSIONS.set_handler.some((grant) => (grant.roles as readonly string[]).includes(role)),
);

/**
 * 一键移交: a unit head whose subtree holds the person's unit sees what would move and to whom, and
 * hands it over (registered by the staff routes, which know the `staff` target).
 */
const handOverRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = createHandOverService({
    db: app.db,
    pii: app.pii,
    calendar: app.calendar,
    writer: createPetitionWriter({ calendar: app.calendar, notify: app.notifications.effect }),
    notifier: app.notifications.notifier,
  });
  const tags = ['staff'];
  const access = { staff: NAMES_HANDLERS, target: { type: 'staff', from: { param: 'id' } } } as const;

  app.get(
    '/staff/:id/hand-over',
    {
      config: { access },
      schema: {
        tags,
        summary:
          'What a hand-over of this person’s open cases (承办人) would move, and who may lawfully take all of them',
        params: IdParams,
        response: answers({ 200: HandOverPlanSchema }),
      },
    },
    async (request) => service.plan(contextOf(request), staffOf(request), request.params.id),
  );

  app.post(
    '/staff/:id/hand-over',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Hand every open case this person answers for (承办人) to one successor, all or nothing',
        description:
          'Each case is the lifecycle’s change of 承办人 (set_handler), with the reason; one the successor may not take (not a case worker of its handling unit, recused from it) refuses them all (LIFECYCLE_REFUSED, with the numbers). Cases whose state allows no change of 承办人 (under objection) stay, listed in the plan as blocked. Send the plan’s planVersion: if any case was assigned, gone or changed since, VERSION_CONFLICT (nothing moved; read the plan again); with nothing to move, VERSION_CONFLICT too. Send an Idempotency-Key: a retry is answered as the first time, never handed over twice.',
        params: IdParams,
        body: HandOverBodySchema,
        response: answers({ 200: HandOverResultSchema }),
      },
    },
    async (request, reply) => {
      const staff = staffOf(request);
      const idem = idempotencyRequest(request, `hand-over:${staff.id}`);
      const answer = await service.handOver(contextOf(request), staff, request.params.id, request.body, idem);
      return sendAnswer(reply, answer);
    },
  );
};

export default handOverRoutes;
