import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { runDeadlineJob } from '../jobs/deadlines';
import { runDeliveryReminders } from '../jobs/delivery-reminders';
import { runHousekeeping } from '../jobs/housekeeping';
import { recordedRun } from '../jobs/job-runs';
import { purgeUnusedAttachments } from '../modules/attachments/attachment.service';
import { logNotifications } from '../modules/documents/delivery-notifications';

declare module 'fastify' {
  interface FastifyInstance {
    jobs: {
      /** Runs housekeeping now (also what the daily timer does); resolves when it is done. */
      housekeeping(): Promise<void>;
      /** Runs the deadline job now (also what the hourly timer does). */
      deadlines(): Promise<void>;
      /** Reminds offices of written answers still undelivered (also what the daily timer does). */
      deliveryReminders(): Promise<void>;
    };
  }
}

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/**
 * Background work inside the server process: the deadline job hourly, housekeeping and the
 * reminders of undelivered answers daily, each once when the app is ready. Timers are unref'd (they never keep the process alive) and stopped
 * on close, which also waits for runs in progress. A job never runs twice at once. `RUN_JOBS=false`
 * (the test config) schedules nothing; `app.jobs` still runs on demand.
 */
export default fp(
  async function jobs(app: FastifyInstance) {
    const timers: NodeJS.Timeout[] = [];
    const running = new Map<string, Promise<void>>();

    const single = (name: string, work: () => Promise<object>) => (): Promise<void> => {
      const current = running.get(name);
      if (current) return current;
      const run = recordedRun(app.db, app.log, name, work)
        .then((report) => app.log.info({ job: name, ...report }, `${name} done`))
        .catch((err: unknown) => app.log.error({ err, job: name }, `${name} failed`))
        .finally(() => running.delete(name));
      running.set(name, run);
      return run;
    };

    const housekeeping = single('housekeeping', async () => {
      const now = new Date();
      const report = await runHousekeeping(app.db, {
        now,
        auditRetentionDays: app.config.auditRetentionDays,
      });
      // Uploads never attached to a petition within a day are someone's abandoned photos.
      return {
        ...report,
        unusedAttachments: await purgeUnusedAttachments(app, new Date(now.getTime() - DAY_MS)),
      };
    });
    const deadlines = single('deadlines', () => runDeadlineJob(app, new Date()));
    // Until the notification outbox (#13) is wired in, reminders go to the log, marked as not sent.
    const enqueue = logNotifications(app.log);
    const deliveryReminders = single('deliveryReminders', () =>
      runDeliveryReminders(app, new Date(), enqueue),
    );
    app.decorate('jobs', { housekeeping, deadlines, deliveryReminders });

    if (!app.config.runJobs) return;
    app.addHook('onReady', async () => {
      void deadlines();
      void housekeeping();
      void deliveryReminders();
      timers.push(
        setInterval(() => void deadlines(), HOUR_MS),
        setInterval(() => void housekeeping(), DAY_MS),
        setInterval(() => void deliveryReminders(), DAY_MS),
      );
      for (const timer of timers) timer.unref();
    });
    app.addHook('onClose', async () => {
      for (const timer of timers) clearInterval(timer);
      await Promise.all(running.values());
    });
  },
  { name: 'jobs', dependencies: ['config', 'database', 'storage'] },
);
