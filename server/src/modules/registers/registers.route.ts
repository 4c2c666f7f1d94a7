import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  BacklogSchema,
  OwnedCaseListSchema,
  OwnedQuerySchema,
  PersonHistorySchema,
  PlanBodySchema,
  RegisterQuerySchema,
  RepeatQuerySchema,
  RepeatRegisterSchema,
  UnownedCaseListSchema,
  UnownedQuerySchema,
} from '@xinfang/shared/schemas/registers';
import { Type } from 'typebox';
import { rolesWith } from '../../access/capabilities';
import { contextOf, staffOf } from '../../http/request-context';
import { answers } from '../../http/responses';
import { createRegistersService } from './registers.service';

/**
 * The registers (积案, 重信重访, 待包案) of a unit's subtree, and the resolution plan per case.
 * Reading the repeat register shows people's names: each read is audited.
 */
const registerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['registers'];
  const access = { staff: rolesWith('read_registers') };
  const service = createRegistersService({ db: app.db, backlogOpenDays: app.config.backlogOpenDays });

  app.get(
    '/registers/backlog',
    {
      config: { access },
      schema: {
        tags,
        summary: '积案: open cases past a deadline, open too long, or under review or re-examination',
        querystring: RegisterQuerySchema,
        response: answers({ 200: BacklogSchema }),
      },
    },
    async (request) => service.backlogOf(staffOf(request), request.query.unitId, new Date()),
  );

  app.get(
    '/registers/repeat-petitioners',
    {
      config: { access },
      schema: {
        tags,
        summary:
          '重信重访: one person’s petitions on one matter, more than N within a period, to resolve them',
        description:
          'A register of matters to resolve, never of people to watch (Art 18 ¶4): no risk score or flag. ' +
          'An accuser’s name is left out for anyone in the accused unit’s line (Art 30).',
        querystring: RepeatQuerySchema,
        response: answers({ 200: RepeatRegisterSchema }),
      },
    },
    async (request) => service.repeatRegister(contextOf(request), staffOf(request), request.query),
  );

  app.put(
    '/registers/plans/:petitionId',
    {
      config: { access: { ...access, target: { type: 'petition', from: { param: 'petitionId' } } } },
      schema: {
        tags,
        summary: 'Set or revise the resolution plan (化解方案) of a case in a register (audited)',
        params: Type.Object({ petitionId: Type.String({ minLength: 1, maxLength: 26 }) }),
        body: PlanBodySchema,
        response: answers({ 204: Type.Null() }),
      },
    },
    async (request, reply) => {
      const { petitionId } = request.params;
      await service.setPlan(contextOf(request), staffOf(request), petitionId, request.body.plan);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/registers/owned',
    {
      config: { access },
      schema: {
        tags,
        summary: '包案: the cases a leader owns (default: the caller), with plan and progress',
        description:
          'A leader takes a case with the case action `take_case` (POST /api/petitions/:id/actions). ' +
          'Only the cases the caller may see are listed.',
        querystring: OwnedQuerySchema,
        response: answers({ 200: OwnedCaseListSchema }),
      },
    },
    async (request) => {
      const staff = staffOf(request);
      return service.ownedBy(staff, request.query.leaderId ?? staff.id, new Date());
    },
  );

  app.get(
    '/registers/unowned',
    {
      config: { access },
      schema: {
        tags,
        summary:
          '待包案: open cases of the subtree nobody leads that should have a leader, most pressing first',
        description:
          'Why each is there: a leader handed it back (who, when, why) or left office, a supervision notice ' +
          'is open, a deadline passed, it was appealed, the matter was brought again, or a group visit. A ' +
          'leader takes one with the case action `take_case` (POST /api/petitions/:id/actions). Every ' +
          'case of the subtree is weighed; a page goes on from where the last ended in that order ' +
          '(`nextCursor`), so a case taken or handed back between pages neither skips nor repeats another.',
        querystring: UnownedQuerySchema,
        response: answers({ 200: UnownedCaseListSchema }),
      },
    },
    async (request) => service.unownedIn(staffOf(request), request.query, new Date()),
  );

  app.get(
    '/registers/petitioners/:petitionerId/history',
    {
      config: { access },
      schema: {
        tags,
        summary: 'A repeat petitioner’s whole history on one page, to resolve the matter (read audited)',
        description:
          'Never to restrict or watch the person (Art 18 ¶4): no risk score or label. The name is masked; an ' +
          'accusation whose accuser the caller may not learn is left out and only counted (Art 30).',
        params: Type.Object({ petitionerId: Type.String({ minLength: 1, maxLength: 26 }) }),
        response: answers({ 200: PersonHistorySchema }),
      },
    },
    async (request) => service.historyOf(contextOf(request), staffOf(request), request.params.petitionerId),
  );
};

export default registerRoutes;
