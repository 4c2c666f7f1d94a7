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
import { loadStaff, pickAudience, type StaffMember } from '../modules/notifications/staff-audience';
import { NO_DUE } from '../modules/petitions/next-due';
import { isNewStep, recordedSteps, recordStep } from '../modules/supervision/escalation.repository';
import { redRung } from './escalation-targets';

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
 * or a second server at the same time, record and tell nothing twice. A yellow whose deadline moved
 * later (an approved extension) is raised again, once, before the new due date (`isNewStep`): a
 * row of its own, so the record keeps every warning and the date it warned of (Art 40).
 *
 * `shared` counts a red step's levels up the tree; who can act is the server's to know. So each
 * red step goes to the nearest unit up with someone who may be told (`redRung`): a unit with
 * nobody is passed over, and a level with no unit left above is not raised.
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
    const reached = batch.map(({ petition, row }) => {
      const steps = escalationsOf(
        petition,
        clocksOf(petition, deps.calendar, at),
        deps.calendar,
        at,
        deps.policy,
      );
      const fresh = steps.filter((step) => isNewStep(known, petition.id, step));
      return { petition, number: row.number, steps, fresh };
    });
    // The staff along the holders' lines, once per batch, to know who can act at each level.
    const staff = await loadStaff(deps.db, {
      unitIds: reached.flatMap(({ steps, fresh }) =>
        fresh.length > 0 ? steps.flatMap((s) => (s.level <= 1 ? s.unit.path : [])) : [],
      ),
    });
    for (const { petition, number, steps, fresh } of reached) {
      const raising = fresh.flatMap((step) => {
        const told = toldAt(step, steps, petition, staff);
        return told ? [told] : [];
      });
      // Deadlines that reach the same level at the same unit together (triage and the written
      // notice run side by side) are told in one message.
      for (const key of new Set(raising.map(({ step }) => groupOf(step)))) {
        const group = raising.filter(({ step }) => groupOf(step) === key);
        if (await raise(deps, petition, number, group, now)) raised += group.length;
      }
    }
  }
  return { raised };
}

const groupOf = (step: EscalationStep) => `${step.level} ${step.unit.id}`;

/** A step as it is raised: recorded at `step.unit`, told to `recipients`. */
interface Raising {
  step: EscalationStep;
  recipients: string[];
}

const YELLOW_ROLES: Partial<Record<EscalationStep['clock'], StaffRole[]>> = {
  triage: ['reception'],
  notice: ['reception'],
  supervision_answer: ['reception', 'handler', 'unit_head'],
};

/**
 * Where a step is raised and who is told. Yellow: the holder's staff who act on it. Red: the
 * rung `redRung` gives from the holder (level 1 recorded at the holder); null when none is left.
 */
function toldAt(
  step: EscalationStep,
  steps: readonly EscalationStep[],
  petition: Petition,
  staff: readonly StaffMember[],
): Raising | null {
  const mayTell = (unitId: string, roles: readonly StaffRole[]) =>
    pickAudience(staff, petition, [{ unitId, roles }]);
  if (step.level === 0)
    return { step, recipients: mayTell(step.unit.id, YELLOW_ROLES[step.clock] ?? ['handler', 'unit_head']) };
  // Every red step comes with its level 1, recorded at the holder.
  const holder = steps.find((s) => s.clockKey === step.clockKey && s.level === 1)?.unit ?? step.unit;
  const rung = redRung(step.level, holder, mayTell);
  return rung ? { step: { ...step, unit: rung.unit }, recipients: rung.recipients } : null;
}

/** Records steps of one level at one unit, tells who must know, and audits — all or nothing. */
async function raise(
  deps: EscalationDeps,
  petition: Petition,
  number: string,
  raising: readonly Raising[],
  now: Date,
): Promise<boolean> {
  const step = raising[0]?.step;
  if (!step) return false;
  const steps = raising.map((r) => r.step);
  const recipients = [...new Set(raising.flatMap((r) => r.recipients))];
  try {
    await deps.db.transaction().execute(async (trx) => {
      for (const each of steps) await recordStep(trx, petition.id, each, now);
      const unit = await trx
        .selectFrom('org_unit')
        .select(['name', 'path'])
        .where('id', '=', step.unit.id)
        .executeTakeFirst();
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
            details: {
              clock: each.clock,
              level: each.level,
              flag: each.flag,
              unitId: each.unit.id,
              dueDate: each.dueDate,
            },
            unitPath: unit ? unit.path : pathOf(each.unit.path),
          },
          now,
        );
      }
    });
    return true;
  } catch (error) {
    // Another run (or another server) recorded it first: this transaction tells nobody.
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}
