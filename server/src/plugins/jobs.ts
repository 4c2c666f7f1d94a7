import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { runHousekeeping } from '../jobs/housekeeping';

declare module 'fastify' {
  interface FastifyInstance {
    jobs: {
      /** Runs housekeeping now (also what the daily timer does); resolves when it is done. */
      housekeeping(): Promise<void>;
    };
  }
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Background work inside the server process: housekeeping once the app is ready, then daily. The
 * timer is unref'd (it never keeps the process alive) and stopped on close, which also waits for a
 * run in progress. `RUN_JOBS=false` (the test config) schedules nothing; `app.jobs` still runs on
 * demand.
 */
export default fp(
  async function jobs(app: FastifyInstance) {
    let running: Promise<void> | null = null;
    let timer: NodeJS.Timeout | null = null;

    const housekeeping = (): Promise<void> => {
      running ??= runHousekeeping(app.db, {
        now: new Date(),
        auditRetentionDays: app.config.auditRetentionDays,
      })
        .then((report) => app.log.info({ job: 'housekeeping', ...report }, 'housekeeping done'))
        .catch((err: unknown) => app.log.error({ err, job: 'housekeeping' }, 'housekeeping failed'))
        .finally(() => {
          running = null;
        });
      return running;
    };
    app.decorate('jobs', { housekeeping });

    if (!app.config.runJobs) return;
    app.addHook('onReady', async () => {
      void housekeeping();
      timer = setInterval(() => void housekeeping(), DAY_MS);
      timer.unref();
    });
    app.addHook('onClose', async () => {
      if (timer) clearInterval(timer);
      await running;
    });
  },
  { name: 'jobs', dependencies: ['config', 'database'] },
);
