import {
  clocksOf,
  DEFAULT_ESCALATION_POLICY,
  type EscalationStep,
  escalationsOf,
} from '@xinfang/shared/clocks';
import type { FastifyInstance } from 'fastify';
import type { StaffPrincipal } from '../access/principal';
import { recordAudit, SYSTEM_AUDIT_ACTOR } from '../audit/audit-log';
import { petitionsWhere } from '../modules/notifications/reminders';
import { petitionDeps } from '../modules/petitions/petition.deps';
import { createPetitionService } from '../modules/petitions/petition.service';
import { isNewStep, recordedSteps, recordStep } from '../modules/supervision/escalation.repository';
import { createSupervisionService } from '../modules/supervision/supervision.service';
import { type caseSeeder, DAY, HOUR } from './demo-case-seeder';
import { DEMO_SUPERVISION_TITLES } from './demo-cases-named';

type Seeder = Awaited<ReturnType<typeof caseSeeder>>;

/**
 * The escalation steps of this month's 督办通报 (Art 38–41), as the hourly job recorded them: the
 * letter 西河煤矿 left unaccepted went red to its head six days ago, and 钱进 signed for it
 * (签收) three days later; the letter waiting at 东山煤矿安全科 turned yellow two hours ago. The
 * 督办单 are the cases' own steps (demo-cases-named.ts).
 */
export async function seedDemoEscalations(
  app: FastifyInstance,
  seeder: Seeder,
  now: Date,
  idOf: (title: string) => string,
): Promise<void> {
  const red = idOf(DEMO_SUPERVISION_TITLES.red);
  await raiseAsTheJob(app, red, new Date(now.getTime() - 6 * DAY), (step) => step.level <= 1);
  await raiseAsTheJob(
    app,
    idOf(DEMO_SUPERVISION_TITLES.yellow),
    new Date(now.getTime() - 2 * HOUR),
    (step) => step.level === 0,
  );
  const supervision = createSupervisionService({
    db: app.db,
    calendar: app.calendar,
    petitions: createPetitionService(petitionDeps(app)),
  });
  const signed = seeder.contextAt('xh.head', 3 * DAY);
  const first = await app.db
    .selectFrom('escalation')
    .select('id')
    .where('petition_id', '=', red)
    .where('flag', '=', 'red')
    .orderBy('id')
    .executeTakeFirst();
  // One 签收 takes the steps told in the same message (triage and the written notice together).
  // A holiday in those weeks moves the date: then it was not yet red six days ago, nothing to sign.
  if (first) await supervision.acknowledgeEscalation(signed, signed.principal as StaffPrincipal, first.id);
}

/**
 * What the escalation job (jobs/escalations.ts) records for one case at `at`: its steps reached
 * and not yet recorded, each audited as the system's. Nobody is told: it would be old news.
 */
async function raiseAsTheJob(
  app: FastifyInstance,
  petitionId: string,
  at: Date,
  which: (step: EscalationStep) => boolean,
): Promise<void> {
  const policy = { ...DEFAULT_ESCALATION_POLICY, upAfterWorkingDays: app.config.escalateUpAfterWorkingDays };
  for await (const batch of petitionsWhere(app.db, (q) => q.where('id', '=', petitionId))) {
    for (const { petition } of batch) {
      const known = await recordedSteps(app.db, [petition.id]);
      const instant = at.toISOString();
      const steps = escalationsOf(
        petition,
        clocksOf(petition, app.calendar, instant),
        app.calendar,
        instant,
        policy,
      )
        .filter(which)
        .filter((step) => isNewStep(known, petition.id, step));
      await app.db.transaction().execute(async (trx) => {
        for (const step of steps) {
          await recordStep(trx, petition.id, step, at);
          await recordAudit(
            trx,
            SYSTEM_AUDIT_ACTOR,
            {
              action: 'petition.escalate',
              outcome: 'success',
              target: { type: 'petition', id: petition.id },
              details: {
                clock: step.clock,
                level: step.level,
                flag: step.flag,
                unitId: step.unit.id,
                dueDate: step.dueDate,
              },
            },
            at,
          );
        }
      });
    }
  }
}
