import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  BacklogSchema,
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
import { staffOf } from '../../http/request-context';
import { answers } from '../../http/responses';
import { findUnitRef } from '../org/org.repository';
import { backlog, repeatMatters } from './registers.query';

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
        const updated = await trx
          .updateTable('resolution_plan')
          .set(values)
          .where('petition_id', '=', request.params.petitionId)
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) === 0) {
          await trx
            .insertInto('resolution_plan')
            .values({ petition_id: request.params.petitionId, ...values })
            .execute();
        }
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
};

export default registerRoutes;
