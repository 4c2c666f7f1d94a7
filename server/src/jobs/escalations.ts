import {
  addWorkingDays,
  beijingDate,
  type Calendar,
  CLOCK_DEFINITIONS,
  clocksOf,
  type EscalationPolicy,
  type EscalationStep,
  endOfBeijingDay,
  escalationsOf,
} from '@xinfang/shared/clocks';
import type { Petition } from '@xinfang/shared/lifecycle';
import type { StaffRole } from '@xinfang/shared/schemas/identity';
import type { Kysely } from 'kysely';
import { recordAudit, SYSTEM_AUDIT_ACTOR } from '../audit/audit-log';
import type { DB } from '../db/schema';
import { pathOf } from '../db/subtree';
import { isUniqueViolation } from '../db/unique-violation';
import type { Notifier } from '../modules/notifications/notifier';
import { petitionsWhere } from '../modules/notifications/reminders';
import { type StaffTarget, staffAudience } from '../modules/notifications/staff-audience';
import { NO_DUE } from '../modules/petitions/next-due';
import { insertStep, recordedSteps, stepKey } from '../modules/supervision/escalation.repository';

export interface EscalationDeps {
  db: Kysely<DB>;
  calendar: Calendar;
  notifier: Notifier;
  policy: EscalationPolicy;
}

/**
 * The escalation job (Art 38–40): reads every petition with a deadline near or past, works out the
 * steps `shared` says its deadlines have reached, and records each step not yet recorded — with its
 * notices and an audit entry, in one transaction per step. The step's unique key makes a second run,
 * or a second server at the same time, record and tell nothing twice.
 */
export async function runEscalations(deps: EscalationDeps, now: Date): Promise<{ raised: number }> {
  const at = now.toISOString();
  const horizon = endOfBeijingDay(
    addWorkingDays(beijingDate(at), deps.policy.dueSoonWorkingDays, deps.calendar),
  );
  let raised = 0;
  for await (const batch of petitionsWhere(deps.db, (q) =>
    q.where('next_due_at', '<=', horizon).where('next_due_at', '<', NO_DUE),
  )) {
    const known = await recordedSteps(
      deps.db,
      batch.map((b) => b.petition.id),
    );
    for (const { petition, row } of batch) {
      const fresh = escalationsOf(
        petition,
        clocksOf(petition, deps.calendar, at),
        deps.calendar,
        at,
        deps.policy,
      ).filter((step) => !known.has(stepKey(petition.id, step.clockKey, step.level)));
      // Deadlines that reach the same level at the same unit together (triage and the written
      // notice run side by side) are told in one message.
      for (const key of new Set(fresh.map(groupOf))) {
        const group = fresh.filter((step) => groupOf(step) === key);
        if (await raise(deps, petition, row.number, group, now)) raised += group.length;
      }
    }
  }
  return { raised };
}

const groupOf = (step: EscalationStep) => `${step.level} ${step.unit.id}`;

/** Records steps of one level at one unit, tells who must know, and audits — all or nothing. */
async function raise(
  deps: EscalationDeps,
  petition: Petition,
  number: string,
  steps: readonly EscalationStep[],
  now: Date,
): Promise<boolean> {
  const step = steps[0];
  if (!step) return false;
  try {
    await deps.db.transaction().execute(async (trx) => {
      for (const each of steps) await insertStep(trx, petition.id, each, now);
      const unit = await trx
        .selectFrom('org_unit')
        .select(['name', 'path'])
        .where('id', '=', step.unit.id)
        .executeTakeFirst();
      const recipients = await staffAudience(trx, petition, audienceOf(step));
      await deps.notifier.notify(
        trx,
        recipients.map((id) => ({
          recipient: { type: 'staff' as const, id },
          event: 'escalation' as const,
          facts: {
            number,
            petitionId: petition.id,
            at: now.toISOString(),
            date: steps.map((s) => s.dueDate).sort()[0] ?? step.dueDate,
            unitName: unit?.name ?? null,
            escalation: {
              flag: step.flag,
              deadline: steps.map((s) => CLOCK_DEFINITIONS[s.clock].label).join('、'),
            },
          },
        })),
        now,
      );
      for (const each of steps) {
        await recordAudit(
          trx,
          SYSTEM_AUDIT_ACTOR,
          {
            action: 'petition.escalate',
            outcome: 'success',
            target: { type: 'petition', id: petition.id },
            details: { clock: each.clock, level: each.level, flag: each.flag, unitId: each.unit.id },
            unitPath: unit ? unit.path : pathOf(each.unit.path),
          },
          now,
        );
      }
    });
    return true;
  } catch (error) {
    // Another run (or another server) recorded it first.
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

const YELLOW_ROLES: Partial<Record<EscalationStep['clock'], StaffRole[]>> = {
  triage: ['reception'],
  notice: ['reception'],
  supervision_answer: ['reception', 'handler', 'unit_head'],
};

/**
 * Who is told: at yellow the holder's staff who act on it; at red the holder's head (the nearest
 * head up the line when the unit has none); higher up, the heads and supervisors of that unit.
 */
function audienceOf(step: EscalationStep): StaffTarget[] {
  if (step.level === 0)
    return [{ unitId: step.unit.id, roles: YELLOW_ROLES[step.clock] ?? ['handler', 'unit_head'] }];
  if (step.level === 1) return [{ nearestUp: step.unit.path, roles: ['unit_head'] }];
  return [{ unitId: step.unit.id, roles: ['unit_head', 'supervisor'] }];
}
