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
} from '@xinfang/shared/schemas/registers';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { rolesWith } from '../../access/capabilities';
import type { StaffPrincipal } from '../../access/principal';
import { assertWithinScope } from '../../access/scope';
import { auditActor, recordAudit } from '../../audit/audit-log';
import { AppError } from '../../errors';
import { staffOf } from '../../http/request-context';
import { answers } from '../../http/responses';
import { findUnitRef } from '../org/org.repository';
import { personHistory } from './history.query';
import { ownedCases } from './owned.query';
import { backlog, repeatMatters } from './registers.query';
import { savePlan } from './resolution-plan.repository';

/**
 * The registers (积案, 重信重访) of a unit's subtree, and the resolution plan per case. Reading the
 * repeat register shows people's names: each read is audited.
 */
const registerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['registers'];
  const access = { staff: rolesWith('read_registers') };

  /** The viewer narrowed to the unit asked for, which must lie in their subtree. */
  async function scopeOf(request: FastifyRequest, unitId: string | undefined): Promise<StaffPrincipal> {
    const staff = staffOf(request);
    const unit = await findUnitRef(app.db, unitId ?? staff.unit.id);
    assertWithinScope(staff, unit, unitId);
    return { ...staff, unit: unit ?? staff.unit };
  }

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
    async (request) => {
      const longOpenDays = app.config.backlogOpenDays;
      const scope = await scopeOf(request, request.query.unitId);
      return { items: await backlog(app.db, scope, { longOpenDays, now: new Date() }), longOpenDays };
    },
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
    async (request) => {
      const moreThan = request.query.moreThan ?? 2;
      const periodDays = request.query.periodDays ?? 365;
      const scope = await scopeOf(request, request.query.unitId);
      const now = new Date();
      const items = await repeatMatters(app.db, staffOf(request), scope, { moreThan, periodDays, now });
      await recordAudit(
        app.db,
        auditActor(request),
        {
          action: 'register.repeat_petitioners.read',
          outcome: 'success',
          target: { type: 'unit', id: scope.unit.id },
          details: { matters: items.length, moreThan, periodDays },
        },
        now,
      );
      return { items, moreThan, periodDays };
    },
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
      const staff = staffOf(request);
      const now = new Date();
      const values = { plan: request.body.plan, updated_by: staff.id, updated_at: now.toISOString() };
      await app.db.transaction().execute(async (trx) => {
        await savePlan(trx, request.params.petitionId, values);
        await recordAudit(
          trx,
          auditActor(request),
          {
            action: 'register.plan',
            outcome: 'success',
            target: { type: 'petition', id: request.params.petitionId },
          },
          now,
        );
      });
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
      return ownedCases(app.db, staff, request.query.leaderId ?? staff.id, new Date());
    },
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
    async (request) => {
      const staff = staffOf(request);
      const history = await personHistory(app.db, staff, request.params.petitionerId);
      if (!history) throw new AppError('NOT_FOUND', '没有找到这位信访人的信访事项');
      await recordAudit(app.db, auditActor(request), {
        action: 'register.person_history.read',
        outcome: 'success',
        target: { type: 'petitioner', id: request.params.petitionerId },
        details: { cases: history.cases.length, withheld: history.withheld },
      });
      return history;
    },
  );
};

export default registerRoutes;
