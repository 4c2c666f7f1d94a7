import { DEFAULT_ESCALATION_POLICY } from '@xinfang/shared/clocks';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { DatabaseUnavailable } from '../db/failures';
import { runDeadlineJob } from '../jobs/deadlines';
import { runDeliveryReminders } from '../jobs/delivery-reminders';
import { runEscalations } from '../jobs/escalations';
import { runHousekeeping } from '../jobs/housekeeping';
import { purgeUnusedAttachments } from '../modules/attachments/attachment.service';
import { deliveryNotifications } from '../modules/documents/delivery-notifications';
import { runReminders } from '../modules/notifications/reminders';

declare module 'fastify' {
  interface FastifyInstance {
    jobs: {
      /** Runs housekeeping now (also what the daily timer does); resolves when it is done. */
      housekeeping(): Promise<void>;
      /** Runs the deadline job now (also what the hourly timer does). */
      deadlines(): Promise<void>;
      /** Reminds offices of written answers still undelivered (also what the daily timer does). */
      deliveryReminders(): Promise<void>;
      /** Runs the reminders now: appeal windows, invitations to rate, staff digests (hourly). */
      reminders(): Promise<void>;
      /** Raises overdue and nearly due deadlines up the line, each step once (hourly). */
      escalations(): Promise<void>;
    };
  }
}

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
/** How long an idle dispatcher waits before looking at the outbox again. */
const OUTBOX_IDLE_MS = 1000;

/**
 * Background work inside the server process: the deadline job, the reminders and the escalations hourly,
 * housekeeping and the reminders of undelivered answers daily, each once when the app is ready,
 * and the outbox dispatcher all along (a round after another while there is work, a pause when
 * there is none; safe to run in several instances at once, see
 * modules/notifications/outbox.repository.ts). Timers are unref'd (they never keep the process alive) and stopped
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
      const run = work()
        .then((report) => app.log.info({ job: name, ...report }, `${name} done`))
        .catch((err: unknown) =>
          // The database's outage is logged once by its monitor; a job that met it says so briefly.
          err instanceof DatabaseUnavailable
            ? app.log.warn({ job: name, problem: err.kind }, `${name} skipped: the database is unavailable`)
            : app.log.error({ err, job: name }, `${name} failed`),
        )
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
    const deliveryReminders = single('deliveryReminders', () =>
      runDeliveryReminders(
        app,
        new Date(),
        deliveryNotifications(app.notifications.notifier, () => new Date()),
      ),
    );
    const reminders = single('reminders', () =>
      runReminders({ db: app.db, calendar: app.calendar, notifier: app.notifications.notifier }, new Date()),
    );
    const escalations = single('escalations', () =>
      runEscalations(
        {
          db: app.db,
          calendar: app.calendar,
          notifier: app.notifications.notifier,
          policy: {
            dueSoonWorkingDays: DEFAULT_ESCALATION_POLICY.dueSoonWorkingDays,
            upAfterWorkingDays: app.config.escalateUpAfterWorkingDays,
          },
        },
        new Date(),
      ),
    );
    app.decorate('jobs', { housekeeping, deadlines, deliveryReminders, reminders, escalations });

    if (!app.config.runJobs) return;
    let stopping = false;
    let wake: (() => void) | null = null;
    const dispatching = async () => {
      while (!stopping) {
        const report = await app.notifications.dispatcher.dispatchOnce().catch((err: unknown) => {
          app.log.error({ err, job: 'outbox' }, 'outbox round failed');
          return null;
        });
        if (report && report.claimed >= app.config.notifications.batchSize) continue;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, OUTBOX_IDLE_MS);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = null;
      }
    };
    let dispatcher: Promise<void> | null = null;
    app.addHook('onReady', async () => {
      void deadlines();
      void housekeeping();
      void deliveryReminders();
      void reminders();
      void escalations();
      dispatcher = dispatching();
      timers.push(
        setInterval(() => void deadlines(), HOUR_MS),
        setInterval(() => void reminders(), HOUR_MS),
        setInterval(() => void escalations(), HOUR_MS),
        setInterval(() => void housekeeping(), DAY_MS),
        setInterval(() => void deliveryReminders(), DAY_MS),
      );
      for (const timer of timers) timer.unref();
    });
    app.addHook('onClose', async () => {
      stopping = true;
      (wake as (() => void) | null)?.();
      for (const timer of timers) clearInterval(timer);
      await Promise.all([...running.values(), dispatcher]);
    });
  },
  { name: 'jobs', dependencies: ['config', 'database', 'storage', 'notifications'] },
);
