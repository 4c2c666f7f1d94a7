import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CategoryOrderBodySchema } from '@xinfang/shared/schemas/admin';
import { Type } from 'typebox';
import { rolesWith } from '../../access/capabilities';
import { contextOf } from '../../http/request-context';
import { answers } from '../../http/responses';
import { createCategoryService } from './category.service';

/**
 * `POST /api/categories/order`: the order petitioners see the categories in, all at once (moving
 * one up or down rewrites the list rather than racing two writes). Like the list itself, only an
 * admin at the top of the organisation may change it.
 */
const categoryOrderRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = createCategoryService({ db: app.db });

  app.post(
    '/categories/order',
    {
      config: { access: { staff: rolesWith('administer') } },
      schema: {
        tags: ['categories'],
        summary: 'Put the categories in this order (every code named, first shown first)',
        body: CategoryOrderBodySchema,
        response: answers({ 200: Type.Object({ codes: Type.Array(Type.String()) }) }),
      },
    },
    async (request) => {
      await service.reorder(contextOf(request), request.body.codes);
      return { codes: request.body.codes };
    },
  );
};

export default categoryOrderRoutes;
