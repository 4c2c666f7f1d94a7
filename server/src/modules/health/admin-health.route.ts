import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AdminHealthSchema } from '@xinfang/shared/schemas/admin';
import { rolesWith } from '../../access/capabilities';
import { answers } from '../../http/responses';
import { LogSmsSender } from '../../integrations/sms/log-sms-sender';
import { DevWechatAuth } from '../../integrations/wechat/dev-wechat-auth';
import { type AdminHealthDeps, adminHealth } from './admin-health';

/** `GET /api/admin/health`: the service in detail, for administrators. */
const adminHealthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps: AdminHealthDeps = {
    db: app.db,
    dialect: app.dialect,
    monitor: app.dbMonitor,
    databaseUrl: app.config.databaseUrl,
    runJobs: app.config.runJobs,
    standIns: {
      wechat: app.wechatAuth instanceof DevWechatAuth,
      sms: app.smsSender instanceof LogSmsSender,
    },
    calendar: app.calendar,
    log: app.log,
  };
  app.get(
    '/admin/health',
    {
      config: { access: { staff: rolesWith('administer') } },
      schema: {
        tags: ['system'],
        summary: "The database (reachable, writable), the jobs' last runs, each provider real or stand-in",
        response: answers({ 200: AdminHealthSchema }),
      },
    },
    async () => adminHealth(deps, new Date()),
  );
};

export default adminHealthRoutes;
