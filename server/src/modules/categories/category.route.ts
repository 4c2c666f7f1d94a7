import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { NotBlank } from '@xinfang/shared/schemas/not-blank';
import { CategorySchema } from '@xinfang/shared/schemas/petitions';
import { Type } from 'typebox';
import { rolesWith } from '../../access/capabilities';
import { contextOf } from '../../http/request-context';
import { answers } from '../../http/responses';
import { createCategoryService } from './category.service';

const CategoryBody = Type.Object({
  name: NotBlank(50, '分类名称'),
  hint: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
  sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
  active: Type.Optional(Type.Boolean()),
});

/** Subject categories (工资待遇, 安全生产 …): a list the admin keeps, separate from the statutory kinds. */
const categoryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = createCategoryService({ db: app.db });
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
    async (request) => service.list({ all: Boolean(request.query.all) }),
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
    async (request) => service.save(contextOf(request), request.params.code, request.body),
  );
};

export default categoryRoutes;
