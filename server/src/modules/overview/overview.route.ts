import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { OverviewSchema } from '@xinfang/shared/schemas/petitions';
import { Type } from 'typebox';
import { rolesWith } from '../../access/capabilities';
import { assertWithinScope } from '../../access/scope';
import { pathOf } from '../../db/subtree';
import { staffOf } from '../../http/request-context';
import { answers } from '../../http/responses';
import { findUnitRef } from '../org/org.repository';
import { unitOverview } from './overview.query';

/** "My unit at a glance": counts, due soon and overdue per unit below me, and each handler's load. */
const overviewRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/overview',
    {
      config: { access: { staff: rolesWith('overview') } },
      schema: {
        tags: ['overview'],
        summary: 'Open petitions per unit of a subtree (default: mine) and the handlers’ loads',
        querystring: Type.Object({ unitId: Type.Optional(Type.String({ minLength: 1, maxLength: 26 })) }),
        response: answers({ 200: OverviewSchema }),
      },
    },
    async (request) => {
      const staff = staffOf(request);
      const unit = await findUnitRef(app.db, request.query.unitId ?? staff.unit.id);
      // The unit is named in the query string, so the policy is asked here rather than by the hook.
      assertWithinScope(staff, unit);
      return unitOverview(app.db, { path: pathOf(unit?.path ?? []) }, new Date(), app.calendar);
    },
  );
};

export default overviewRoutes;
