import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  PetitionKindSchema,
  ReplyTemplateBodySchema,
  ReplyTemplateSchema,
} from '@xinfang/shared/schemas/petitions';
import { Type } from 'typebox';
import { rolesWith } from '../../access/capabilities';
import { assertWithinScope } from '../../access/scope';
import { recordAudit } from '../../audit/audit-log';
import { newId } from '../../db/ids';
import { AppError } from '../../errors';
import { contextOf, staffOf } from '../../http/request-context';
import { answers } from '../../http/responses';
import { findUnitRef } from '../org/org.repository';
import {
  findTemplate,
  insertTemplate,
  listTemplates,
  templateUnit,
  updateTemplate,
} from './reply-template.repository';

const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 26 }) });
const WRITERS = rolesWith('keep_templates');
const READERS = rolesWith('read_templates');

/**
 * Reusable wording for decision letters, per subject category (issue: "reusable reason templates").
 * A unit's templates serve it and every unit below; a handler sees those of their unit and above.
 */
const replyTemplateRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['reply templates'];
  app.access.registerTarget('reply_template', async (id) => {
    const unit = await templateUnit(app.db, id);
    return unit ? { units: [unit] } : null;
  });

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
    async (request) => {
      const staff = staffOf(request);
      return listTemplates(app.db, { unitIds: staff.unit.path, ...request.query });
    },
  );

  app.post(
    '/reply-templates',
    {
      config: { access: { staff: WRITERS, target: { type: 'unit', from: { body: 'unitId' } } } },
      schema: {
        tags,
        summary: 'Keep a new template for a unit in my subtree',
        body: ReplyTemplateBodySchema,
        response: answers({ 201: ReplyTemplateSchema }),
      },
    },
    async (request, reply) => {
      const context = contextOf(request);
      const staff = staffOf(request);
      const body = request.body;
      const id = newId(context.now.getTime());
      const at = context.now.toISOString();
      await app.db.transaction().execute(async (trx) => {
        await insertTemplate(trx, {
          id,
          unit_id: body.unitId,
          category_code: body.categoryCode ?? null,
          kind: body.kind ?? null,
          title: body.title.trim(),
          facts_and_reasons: body.factsAndReasons,
          decision: body.decision,
          legal_basis: body.legalBasis ?? null,
          active: body.active === false ? 0 : 1,
          created_by: staff.id,
          created_at: at,
          updated_at: at,
        });
        await recordAudit(
          trx,
          context.actor,
          { action: 'reply_template.create', outcome: 'success', target: { type: 'reply_template', id } },
          context.now,
        );
      });
      const template = await findTemplate(app.db, id);
      if (!template) throw new Error(`template ${id} vanished after it was made`);
      return reply.status(201).send(template);
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
    async (request) => {
      const context = contextOf(request);
      const body = request.body;
      assertWithinScope(request.principal, await findUnitRef(app.db, body.unitId));
      await app.db.transaction().execute(async (trx) => {
        await updateTemplate(trx, request.params.id, {
          unit_id: body.unitId,
          category_code: body.categoryCode ?? null,
          kind: body.kind ?? null,
          title: body.title.trim(),
          facts_and_reasons: body.factsAndReasons,
          decision: body.decision,
          legal_basis: body.legalBasis ?? null,
          active: body.active === false ? 0 : 1,
          updated_at: context.now.toISOString(),
        });
        await recordAudit(
          trx,
          context.actor,
          {
            action: 'reply_template.update',
            outcome: 'success',
            target: { type: 'reply_template', id: request.params.id },
          },
          context.now,
        );
      });
      const template = await findTemplate(app.db, request.params.id);
      if (!template) throw new AppError('NOT_FOUND', '没有这个模板');
      return template;
    },
  );
};

export default replyTemplateRoutes;
