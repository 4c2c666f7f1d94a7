import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CategorySchema } from '@xinfang/shared/schemas/petitions';
import { Type } from 'typebox';
import { rolesWith } from '../../access/capabilities';
import { assertWithinScope } from '../../access/scope';
import { recordAudit } from '../../audit/audit-log';
import { AppError } from '../../errors';
import { contextOf } from '../../http/request-context';
import { answers } from '../../http/responses';
import { findRootUnitRef } from '../org/org.repository';
import { findCategory, listCategories, saveCategory } from './category.repository';

const CategoryBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 50 }),
  hint: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
  sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
  active: Type.Optional(Type.Boolean()),
});

/** Subject categories (工资待遇, 安全生产 …): a list the admin keeps, separate from the statutory kinds. */
const categoryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['categories'];

  app.get(
    '/categories',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary: 'The subject categories in use (all of them, retired ones too, with ?all=true)',
        querystring: Type.Object({ all: Type.Optional(Type.Boolean()) }),
        response: answers({ 200: Type.Array(CategorySchema) }),
      },
    },
    async (request) => listCategories(app.db, { all: Boolean(request.query.all) }),
  );

  app.put(
    '/categories/:code',
    {
      config: { access: { staff: rolesWith('administer') } },
      schema: {
        tags,
        summary: 'Create or change a category (retire it with active: false)',
        params: Type.Object({ code: Type.String({ minLength: 1, maxLength: 32, pattern: '^[a-z0-9_]+$' }) }),
        body: CategoryBody,
        response: answers({ 200: CategorySchema }),
      },
    },
    async (request) => {
      // The list serves the whole organisation: only an admin at its top may change it.
      assertWithinScope(request.principal, await findRootUnitRef(app.db));
      const context = contextOf(request);
      const { code } = request.params;
      const body = request.body;
      const at = context.now.toISOString();
      await app.db.transaction().execute(async (trx) => {
        const existed = await saveCategory(trx, code, {
          name: body.name.trim(),
          ...(body.hint !== undefined ? { hint: body.hint } : {}),
          ...(body.sortOrder !== undefined ? { sort_order: body.sortOrder } : {}),
          ...(body.active !== undefined ? { active: body.active ? 1 : 0 } : {}),
          updated_at: at,
        });
        await recordAudit(
          trx,
          context.actor,
          {
            action: existed ? 'category.update' : 'category.create',
            outcome: 'success',
            target: { type: 'category', id: code },
          },
          context.now,
        );
      });
      const category = await findCategory(app.db, code);
      if (!category) throw new AppError('NOT_FOUND', '没有这个分类');
      return category;
    },
  );
};

export default categoryRoutes;
