import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { DatabaseUnavailable } from '../db/failures';
import { newHolderName } from '../db/holder';
import { runDeadlineJob } from '../jobs/deadlines';
import { runDeliveryReminders } from '../jobs/delivery-reminders';
import { runHousekeeping } from '../jobs/housekeeping';
import { claimRun, finishRun, periodOf, type RunClaim, renewRun } from '../jobs/job-runs';
import { purgeUnusedAttachments } from '../modules/attachments/attachment.service';
import { deliveryNotifications } from '../modules/documents/delivery-notifications';
import { runReminders } from '../modules/notifications/reminders';

declare module 'fastify' {
  interface FastifyInstance {
    /** Each job runs now, here, unclaimed, and resolves when done: true if it succeeded. */
    jobs: {
      /** Runs housekeeping now (also what the daily timer does). */
      housekeeping(): Promise<boolean>;
      /** Runs the deadline job now (also what the hourly timer does). */
      deadlines(): Promise<boolean>;
      /** Reminds offices of written answers still undelivered (also what the daily timer does). */
      deliveryReminders(): Promise<boolean>;
      /** Runs the reminders now: appeal windows, invitations to rate, staff digests (hourly). */
      reminders(): Promise<boolean>;
      /**
       * Runs, under their claims, the jobs whose period (as of `now`) no instance has run yet — what
       * the timer does every minute. Resolves with the jobs this instance ran.
       */
      runDue(now?: Date): Promise<string[]>;
    };
  }
}

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
/** How often an instance looks for a job due; a dead instance's run is taken over within a lease and a tick. */
const TICK_MS = 60 * 1000;
/** How long a job's claim stands unrenewed (renewed every third of it while the job runs). */
const JOB_LEASE_MS = 5 * 60 * 1000;
/** How long an idle dispatcher waits before looking at the outbox again. */
const OUTBOX_IDLE_MS = 1000;

/**
 * Background work inside the server process: the deadline job and the reminders hourly,
 * housekeeping and the reminders of undelivered answers daily — each once per period across all
 * instances, whichever claims the period first (jobs/job-runs.ts), looked for when the app is
 * ready and every minute after — and the outbox dispatcher all along (a round after another while there is work, a pause when
 * there is none; safe to run in several instances at once, see
 * modules/notifications/outbox.repository.ts). Timers are unref'd (they never keep the process alive) and stopped
 * on close, which also waits for runs in progress. A job never runs twice at once. `RUN_JOBS=false`
 * (the test config) schedules nothing; `app.jobs` still runs on demand.
 */
export default fp(
  async function jobs(app: FastifyInstance) {
    const timers: NodeJS.Timeout[] = [];
    const running = new Map<string, Promise<boolean>>();
    const holder = newHolderName();

    const failed = (name: string, err: unknown) =>
      // The database's outage is logged once by its monitor; a job that met it says so briefly.
      err instanceof DatabaseUnavailable
        ? app.log.warn({ job: name, problem: err.kind }, `${name} skipped: the database is unavailable`)
        : app.log.error({ err, job: name }, `${name} failed`);

    /** Runs the job unless it is running here already; resolves true when it succeeded. */
    const single = (name: string, work: () => Promise<object>) => (): Promise<boolean> => {
      const current = running.get(name);
      if (current) return current;
      const run = work()
        .then((report) => {
          app.log.info({ job: name, holder, ...report }, `${name} done`);
          return true;
        })
        .catch((err: unknown) => {
          failed(name, err);
          return false;
        })
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

    const schedule = [
      { job: 'deadlines', periodMs: HOUR_MS, run: deadlines },
      { job: 'reminders', periodMs: HOUR_MS, run: reminders },
      { job: 'housekeeping', periodMs: DAY_MS, run: housekeeping },
      { job: 'deliveryReminders', periodMs: DAY_MS, run: deliveryReminders },
    ];
    const runClaimed = async (claim: RunClaim, run: () => Promise<boolean>): Promise<void> => {
      const renewal = setInterval(() => {
        void renewRun(app.db, { ...claim, now: new Date() }).catch(() => {});
      }, JOB_LEASE_MS / 3);
      try {
        // A failed run stays unfinished: its lease runs out and the next look tries it again.
        if (await run()) await finishRun(app.db, claim, new Date());
      } finally {
        clearInterval(renewal);
      }
    };
    const runDue = async (now = new Date()): Promise<string[]> => {
      const ran: string[] = [];
      for (const { job, periodMs, run } of schedule) {
        const claim = { job, period: periodOf(now, periodMs), holder, now, leaseMs: JOB_LEASE_MS };
        try {
          if (!(await claimRun(app.db, claim))) continue;
          await runClaimed(claim, run);
          ran.push(job);
        } catch (err) {
          failed(job, err);
        }
      }
      return ran;
    };
    app.decorate('jobs', { housekeeping, deadlines, deliveryReminders, reminders, runDue });

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
    let looking: Promise<unknown> | null = null;
    const look = () => {
      if (stopping) return;
      looking ??= runDue().finally(() => {
        looking = null;
      });
    };
    app.addHook('onReady', async () => {
      look();
      dispatcher = dispatching();
      timers.push(setInterval(look, TICK_MS));
      for (const timer of timers) timer.unref();
    });
    app.addHook('onClose', async () => {
      stopping = true;
      (wake as (() => void) | null)?.();
      for (const timer of timers) clearInterval(timer);
      await Promise.all([looking, ...running.values(), dispatcher]);
    });
  },
  { name: 'jobs', dependencies: ['config', 'database', 'storage', 'notifications'] },
);
