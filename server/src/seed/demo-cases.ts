import type { FastifyInstance } from 'fastify';
import { seedDemoCancelledDay, seedDemoReceivedBooking } from './demo-aftercare';
import { caseSeeder, DAY, type DemoCase, HOUR } from './demo-case-seeder';
import { DEMO_CASE_TITLES, DEMO_LINKED_TITLES, NAMED_CASES } from './demo-cases-named';
import { STAGE_CASES } from './demo-cases-stages';
import { seedDemoDocumentSettings } from './demo-documents';
import { seedDemoLinkedRecords } from './demo-links';
import { seedDemoPostedNotice } from './demo-notices';
import { seedDemoDeadLetter } from './demo-outbox';
import { seedDemoPlans, seedDemoPrevention } from './demo-oversight';
import { seedDemoCancelledVisit, seedDemoPreventionWork } from './demo-prevention';
import { seedDemoChangedDay, seedDemoPastDay } from './demo-reception';
import { seedDemoCaseStaff } from './demo-staff';
import { seedDemoEscalations } from './demo-supervision';

export { withinToday } from './demo-case-seeder';
export {
  DEMO_CASE_TITLES,
  DEMO_LINK_REASON,
  DEMO_LINKED_TITLES,
  DEMO_RARE_NAME,
  DEMO_SUPERVISION_TITLES,
} from './demo-cases-named';
export { DEMO_CANCELLED_VISIT_REASON } from './demo-prevention';
export { DEMO_CHANGED_DAY, DEMO_PAST_DAY } from './demo-reception';

/**
 * A handful of demo cases, one in each stage a new user will want to see, so that the inboxes,
 * the approvals and "my petitions" are not empty on first start. Each one is made the way the API
 * makes it — submitted or registered, then acted on through the petition service with the
 * lifecycle's checks, events, clocks and audit entries — only with each step's time in the past;
 * a registration's phone holder says 「是我的」 or 「不是我的」 through the claims' service.
 * The audit entries name the demo person who "acted" and carry the address `demo-seed`.
 */
export const DEMO_CASES: DemoCase[] = [...STAGE_CASES, ...NAMED_CASES];

/** Makes the demo cases, oldest step first within each case; `now` is when the demo starts. */
export async function seedDemoCases(app: FastifyInstance, now: Date = new Date()): Promise<number> {
  await seedDemoCaseStaff(app, now);
  const seeder = await caseSeeder(app, now);
  const oldest = Math.max(...DEMO_CASES.map((c) => c.ago));
  const setUp = seeder.contextAt('admin', oldest + DAY);
  await seedDemoDocumentSettings(app, setUp.actor, seeder.principal('admin').id, setUp.now);
  const made = await seeder.seed(DEMO_CASES, 'demo-case');
  const idOf = (title: string) => made.find((m) => m.demo.title === title)?.id as string;
  await seedDemoDeadLetter(app.db, idOf(DEMO_CASE_TITLES.smsDead), now, app.config.notifications.maxAttempts);
  await seedDemoPostedNotice(app, seeder, idOf(DEMO_CASE_TITLES.posted), now);
  await seedDemoLinkedRecords(app, seeder, {
    letter: idOf(DEMO_LINKED_TITLES.letter),
    visit: idOf(DEMO_LINKED_TITLES.visit),
  });
  await seedDemoEscalations(app, seeder, now, idOf);
  const planned = seeder.contextAt('ds.head', HOUR);
  await seedDemoPlans(app, planned.actor, seeder.principal('ds.head').id, planned.now);
  await seedDemoPrevention(
    app,
    planned.actor,
    {
      liaisonId: seeder.principal('ds.liaison').id,
      xhHeadId: seeder.principal('xh.head').id,
      receptionId: seeder.principal('reception').id,
      leaderId: seeder.principal('leader').id,
    },
    planned.now,
  );
  await seedDemoReceivedBooking(app, seeder, now);
  await seedDemoCancelledDay(app, seeder, now);
  await seedDemoPastDay(app, seeder, now);
  await seedDemoChangedDay(app, seeder, now);
  await seedDemoPreventionWork(
    app,
    planned.actor,
    {
      supervisorId: seeder.principal('supervisor').id,
      dsHeadId: seeder.principal('ds.head').id,
      leaderId: seeder.principal('leader').id,
      receptionId: seeder.principal('reception').id,
    },
    planned.now,
  );
  await seedDemoCancelledVisit(app, seeder, now);
  return DEMO_CASES.length;
}
