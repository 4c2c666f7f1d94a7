import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CategoryOrderBodySchema } from '@xinfang/shared/schemas/admin';
import { Type } from 'typebox';
import { rolesWith } from '../../access/capabilities';
import { assertWithinScope } from '../../access/scope';
import { recordAudit } from '../../audit/audit-log';
import { AppError } from '../../errors';
import { contextOf } from '../../http/request-context';
import { answers } from '../../http/responses';
import { findRootUnitRef } from '../org/org.repository';
import { categoryCodes, setCategoryOrder } from './category-order.repository';

/**
 * `POST /api/categories/order`: the order petitioners see the categories in, all at once (moving
 * one up or down rewrites the list rather than racing two writes). Like the list itself, only an
 * admin at the top of the organisation may change it.
 */
const categoryOrderRoutes: FastifyPluginAsyncTypebox = async (app) => {
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
      assertWithinScope(request.principal, await findRootUnitRef(app.db));
      const context = contextOf(request);
      const { codes } = request.body;
      await app.db.transaction().execute(async (trx) => {
        const known = await categoryCodes(trx);
        const missing = known.filter((code) => !codes.includes(code));
        const unknown = codes.filter((code) => !known.includes(code));
        if (missing.length > 0 || unknown.length > 0) {
          throw new AppError('VALIDATION_FAILED', '分类列表已有变化，请刷新后再排序', [
            ...missing.map((code) => ({ path: '/body/codes', message: `missing ${code}` })),
            ...unknown.map((code) => ({ path: '/body/codes', message: `unknown ${code}` })),
          ]);
        }
        await setCategoryOrder(trx, codes, context.now.toISOString());
        await recordAudit(
          trx,
          context.actor,
          { action: 'category.reorder', outcome: 'success', details: { count: codes.length } },
          context.now,
        );
      });
      return { codes };
    },
  );
};

export default categoryOrderRoutes;
