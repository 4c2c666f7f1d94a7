import { DEFAULT_ESCALATION_POLICY } from '@xinfang/shared/clocks';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { SYSTEM_AUDIT_ACTOR } from '../audit/audit-log';
import { refreshStatistics } from '../db/statistics';
import { runAftercareReminders } from '../modules/aftercare/aftercare.reminders';
import { purgeUnusedAttachments, removeUnnamedUploadFiles } from '../modules/attachments/attachment.service';
import { recountWithCalendar } from '../modules/calendar/calendar-recount';
import { deliveryNotifications } from '../modules/documents/delivery-notifications';
import { runReminders } from '../modules/notifications/reminders';
import { purgeEmptyTallies } from '../modules/petitions/inbox-tally.repository';
import { petitionDeps } from '../modules/petitions/petition.deps';
import { runAssistReminders } from './assist-reminders';
import { runDeadlineJob } from './deadlines';
import { runDeliveryReminders } from './delivery-reminders';
import { runEscalations } from './escalations';
import { runHousekeeping } from './housekeeping';
import { runScreeningEscalations } from './screening-escalations';
import { runScreeningReminders } from './screening-reminders';
import { runSuggestionReminders } from './suggestion-reminders';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
/** How long an idle dispatcher waits before looking at the outbox again. */
const OUTBOX_IDLE_MS = 1000;

/**
 * What runs in the background: the deadline job, the reminders, the escalations, the follow-ups
 * and the overdue co-handling parts hourly, the late screening reports and suggestions,
 * housekeeping, the reminders of undelivered answers and the query planner's statistics daily —
 * each once per period across all instances (plugins/jobs.ts) — and the outbox dispatcher all
 * along (safe to run in several instances at once, see modules/notifications/outbox.repository.ts).
 */
export default fp(
  async function schedule(app: FastifyInstance) {
    const deps = petitionDeps(app);
    /** A job that counts days: with the calendar as the database has it (plugins/calendar.ts). */
    const counting =
      (work: () => Promise<object>): (() => Promise<object>) =>
      () =>
        app.calendarYears.counting(work);
    const escalationDeps = () => ({
      db: app.db,
      calendar: app.calendar,
      policy: {
        dueSoonWorkingDays: DEFAULT_ESCALATION_POLICY.dueSoonWorkingDays,
        upAfterWorkingDays: app.config.escalateUpAfterWorkingDays,
      },
    });
    app.jobs.schedule(
      'deadlines',
      HOUR_MS,
      counting(() => runDeadlineJob(deps, new Date())),
    );
    app.jobs.schedule(
      'reminders',
      HOUR_MS,
      counting(() =>
        runReminders(
          { db: app.db, calendar: app.calendar, notifier: app.notifications.notifier },
          new Date(),
        ),
      ),
    );
    app.jobs.schedule(
      'escalations',
      HOUR_MS,
      counting(() =>
        runEscalations({ ...escalationDeps(), notifier: app.notifications.notifier }, new Date()),
      ),
    );
    // Follow-ups due, forwarded cases to ask about (Art 22), tomorrow's reception bookings.
    app.jobs.schedule(
      'aftercare',
      HOUR_MS,
      counting(() =>
        runAftercareReminders(
          { db: app.db, calendar: app.calendar, notifier: app.notifications.notifier },
          new Date(),
        ),
      ),
    );
    app.jobs.schedule(
      'screeningReminders',
      DAY_MS,
      counting(() =>
        runScreeningReminders(
          { db: app.db, calendar: app.calendar, notifier: app.notifications.notifier },
          new Date(),
        ),
      ),
    );
    // Graded screening items near or past their deadline climb the cases' ladder (issue 15).
    app.jobs.schedule(
      'screeningEscalations',
      HOUR_MS,
      counting(() =>
        runScreeningEscalations({ ...escalationDeps(), notifier: app.notifications.notifier }, new Date()),
      ),
    );
    app.jobs.schedule('suggestionReminders', DAY_MS, () =>
      runSuggestionReminders({ db: app.db, notifier: app.notifications.notifier }, new Date()),
    );
    app.jobs.schedule('assistReminders', HOUR_MS, () =>
      runAssistReminders({ db: app.db, notifier: app.notifications.notifier }, new Date()),
    );
    app.jobs.schedule('deliveryReminders', DAY_MS, () =>
      runDeliveryReminders(
        app.db,
        new Date(),
        deliveryNotifications(app.notifications.notifier, () => new Date()),
      ),
    );
    app.jobs.continually('outbox', OUTBOX_IDLE_MS, async () => {
      const report = await app.notifications.dispatcher.dispatchOnce();
      return report.claimed >= app.config.notifications.batchSize;
    });
    app.jobs.schedule('housekeeping', DAY_MS, async () => {
      const now = new Date();
      const report = await runHousekeeping(app.db, {
        now,
        auditRetentionDays: app.config.auditRetentionDays,
      });
      const uploads = { db: app.db, storage: app.storage, log: app.log };
      const dayAgo = new Date(now.getTime() - DAY_MS);
      return {
        ...report,
        // Uploads never attached to a petition within a day are someone's abandoned photos.
        unusedAttachments: await purgeUnusedAttachments(uploads, dayAgo),
        // Files of uploads that never committed, or that the store would not remove before.
        unnamedUploadFiles: await removeUnnamedUploadFiles(uploads, dayAgo),
        // Inbox tallies of due dates every petition has moved past.
        emptyTallies: await purgeEmptyTallies(app.db),
      };
    });
    // The query planner's picture of the tables, as they grow (db/statistics.ts).
    app.jobs.schedule('statistics', DAY_MS, () => refreshStatistics(app.db));
    // A year another instance uploaded, found here after this instance had counted with the old
    // calendar: what it wrote meanwhile is counted again (and all of it, if the upload's own count
    // never ran). Every instance, jobs or none: its own writes are what may be wrong.
    app.calendarYears.onChange(async (previous, changedSince) => {
      const context = { actor: SYSTEM_AUDIT_ACTOR, now: new Date() };
      await recountWithCalendar(deps, context);
      const report = await recountWithCalendar(deps, context, { calendar: previous, changedSince });
      if (report) app.log.info(report, 'counted again with the calendar another instance changed');
    });
    // Started with another calendar (CALENDAR_FILE, a release's years) than the stored due dates
    // and figures were counted with: they are counted again, once, in the background.
    if (app.config.runJobs) {
      let recount: Promise<unknown> = Promise.resolve();
      app.addHook('onReady', async () => {
        recount = recountWithCalendar(deps, { actor: SYSTEM_AUDIT_ACTOR, now: new Date() })
          .then((report) => report && app.log.info(report, 'counted again with the calendar in use'))
          .catch((err: unknown) => app.log.error({ err }, 'counting again with the calendar failed'));
      });
      app.addHook('onClose', async () => {
        await recount;
      });
    }
  },
  { name: 'job-schedule', dependencies: ['jobs', 'database', 'storage', 'calendar', 'pii', 'notifications'] },
);
