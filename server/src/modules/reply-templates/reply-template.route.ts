import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { PetitionKind } from '@xinfang/shared/lifecycle';
import {
  PetitionKindSchema,
  type ReplyTemplate,
  ReplyTemplateBodySchema,
  ReplyTemplateSchema,
} from '@xinfang/shared/schemas/petitions';
import { Type } from 'typebox';
import { rolesWith } from '../../access/capabilities';
import { assertWithinScope } from '../../access/scope';
import { recordAudit } from '../../audit/audit-log';
import { newId } from '../../db/ids';
import { pathIds } from '../../db/subtree';
import { AppError } from '../../errors';
import { contextOf, staffOf } from '../../http/request-context';
import { answers } from '../../http/responses';
import { findUnitRef } from '../org/org.repository';

const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 26 }) });
const WRITERS = rolesWith('keep_templates');
const READERS = rolesWith('read_templates');

/**
 * Reusable wording for decision letters, per subject category (issue: "reusable reason templates").
 * A unit's templates serve it and every unit below; a handler sees those of their unit and above.
 */
const replyTemplateRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['reply templates'];
  const query = () =>
    app.db
      .selectFrom('reply_template as t')
      .innerJoin('org_unit as u', 'u.id', 't.unit_id')
      .select([
        't.id',
        't.category_code',
        't.kind',
        't.title',
        't.facts_and_reasons',
        't.decision',
        't.legal_basis',
        't.active',
        'u.id as unit_id',
        'u.code as unit_code',
        'u.name as unit_name',
      ]);
  type Row = Awaited<ReturnType<ReturnType<typeof query>['executeTakeFirstOrThrow']>>;
  const toTemplate = (r: Row): ReplyTemplate => ({
    id: r.id,
    unit: { id: r.unit_id, code: r.unit_code, name: r.unit_name },
    categoryCode: r.category_code,
    kind: r.kind as PetitionKind | null,
    title: r.title,
    factsAndReasons: r.facts_and_reasons,
    decision: r.decision,
    legalBasis: r.legal_basis,
    active: r.active === 1,
  });

  app.access.registerTarget('reply_template', async (id) => {
    const row = await app.db
      .selectFrom('reply_template as t')
      .innerJoin('org_unit as u', 'u.id', 't.unit_id')
      .select(['u.id', 'u.path'])
      .where('t.id', '=', id)
      .executeTakeFirst();
    return row ? { units: [{ id: row.id, path: pathIds(row.path) }] } : null;
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
      const { categoryCode, kind, includeRetired } = request.query;
      let select = query().where('t.unit_id', 'in', [...staff.unit.path]);
      if (!includeRetired) select = select.where('t.active', '=', 1);
      if (categoryCode)
        select = select.where((eb) =>
          eb.or([eb('t.category_code', '=', categoryCode), eb('t.category_code', 'is', null)]),
        );
      if (kind) select = select.where((eb) => eb.or([eb('t.kind', '=', kind), eb('t.kind', 'is', null)]));
      return (await select.orderBy('u.depth', 'desc').orderBy('t.title').execute()).map(toTemplate);
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
        await trx
          .insertInto('reply_template')
          .values({
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
          })
          .execute();
        await recordAudit(
          trx,
          context.actor,
          { action: 'reply_template.create', outcome: 'success', target: { type: 'reply_template', id } },
          context.now,
        );
      });
      return reply
        .status(201)
        .send(toTemplate(await query().where('t.id', '=', id).executeTakeFirstOrThrow()));
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
        await trx
          .updateTable('reply_template')
          .set({
            unit_id: body.unitId,
            category_code: body.categoryCode ?? null,
            kind: body.kind ?? null,
            title: body.title.trim(),
            facts_and_reasons: body.factsAndReasons,
            decision: body.decision,
            legal_basis: body.legalBasis ?? null,
            active: body.active === false ? 0 : 1,
            updated_at: context.now.toISOString(),
          })
          .where('id', '=', request.params.id)
          .execute();
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
      const row = await query().where('t.id', '=', request.params.id).executeTakeFirst();
      if (!row) throw new AppError('NOT_FOUND', '没有这个模板');
      return toTemplate(row);
    },
  );
};

export default replyTemplateRoutes;
