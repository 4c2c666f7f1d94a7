import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { purgeUnusedAttachments } from '../modules/attachments/attachment.service';
import { purgeEmptyTallies } from '../modules/petitions/inbox-tally.repository';
import { petitionDeps } from '../modules/petitions/petition.deps';
import { runDeadlineJob } from './deadlines';
import { runHousekeeping } from './housekeeping';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** What runs in the background: the deadline job hourly, housekeeping daily. */
export default fp(
  async function schedule(app: FastifyInstance) {
    const deps = petitionDeps(app);
    app.jobs.schedule('deadlines', HOUR_MS, () => runDeadlineJob(deps, new Date()));
    app.jobs.schedule('housekeeping', DAY_MS, async () => {
      const now = new Date();
      const report = await runHousekeeping(app.db, {
        now,
        auditRetentionDays: app.config.auditRetentionDays,
      });
      return {
        ...report,
        // Uploads never attached to a petition within a day are someone's abandoned photos.
        unusedAttachments: await purgeUnusedAttachments(app, new Date(now.getTime() - DAY_MS)),
        // Inbox tallies of due dates every petition has moved past.
        emptyTallies: await purgeEmptyTallies(app.db),
      };
    });
  },
  { name: 'job-schedule', dependencies: ['jobs', 'database', 'storage', 'calendar', 'pii'] },
);
