import {
  addWorkingDays,
  beijingDate,
  type Calendar,
  type EscalationPolicy,
  type EscalationRung,
  screeningEscalationsOf,
} from '@xinfang/shared/clocks';
import type { UnitRef } from '@xinfang/shared/lifecycle';
import type { StaffRole } from '@xinfang/shared/schemas/identity';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { pathIds } from '../db/subtree';
import type { Notice, Notifier } from '../modules/notifications/notifier';
import { sayOnce } from '../modules/notifications/reminders';
import { loadStaff, type StaffMember } from '../modules/notifications/staff-audience';
import { openItemsDueBy } from '../modules/screening/screening.repository';
import { redRung } from './escalation-targets';

/**
 * Graded risk-screening items (矛盾纠纷排查) escalate like cases (Art 38–40, issue 15): an open item
 * near or past its deadline climbs the ladder `shared` gives, and each step is told once — the
 * notice's key is the item, the level and the person — however often the job runs.
 */
export async function runScreeningEscalations(
  deps: { db: Kysely<DB>; calendar: Calendar; notifier: Notifier; policy: EscalationPolicy },
  now: Date,
): Promise<{ told: number }> {
  const at = now.toISOString();
  const horizon = addWorkingDays(beijingDate(at), deps.policy.dueSoonWorkingDays, deps.calendar);
  const items = await openItemsDueBy(deps.db, horizon);
  const climbed = items.map((item) => {
    const unit = { id: item.unit_id, path: pathIds(item.unit_path) };
    return {
      item,
      unit,
      rungs: screeningEscalationsOf({ ...item, unit }, deps.calendar, at, deps.policy),
    };
  });
  const staff = await loadStaff(deps.db, {
    unitIds: climbed.flatMap(({ rungs }) => rungs.flatMap((r) => r.unit.path)),
    staffIds: climbed.map(({ item }) => item.reported_by),
  });
  const notices: Notice[] = climbed.flatMap(({ item, unit, rungs }) =>
    rungs.flatMap((rung) =>
      audienceOf(rung, { unit, reporter: item.reported_by }, staff).map((id) => ({
        recipient: { type: 'staff' as const, id },
        event: 'escalation' as const,
        facts: {
          number: null,
          petitionId: null,
          at,
          date: item.deadline,
          unitName: item.unit_name,
          text: item.subject,
          escalation: { flag: rung.flag, deadline: `${item.grade}级` },
        },
        dedupeKey: `screening_escalation:${item.id}:${rung.level}:${id}`,
      })),
    ),
  );
  return { told: (await sayOnce(deps, notices, now)).length };
}

/**
 * Who is told: at yellow the unit's liaison officers and whoever registered the item (the
 * responsible person is a name, not an account); at red the rung `redRung` gives, as for a case's
 * deadline: a unit with nobody to act is passed over, so nobody is told of one item twice, and a
 * level with no unit left to climb to tells nobody.
 */
function audienceOf(
  rung: EscalationRung,
  item: { unit: UnitRef; reporter: string },
  staff: readonly StaffMember[],
): string[] {
  const mayTell = (unitId: string, roles: readonly StaffRole[]) => [
    ...new Set(
      staff.filter((s) => s.unit_id === unitId && roles.includes(s.role as StaffRole)).map((s) => s.id),
    ),
  ];
  if (rung.level === 0)
    return [
      ...new Set([
        ...mayTell(item.unit.id, ['liaison_officer']),
        ...staff.filter((s) => s.id === item.reporter).map((s) => s.id),
      ]),
    ];
  return redRung(rung.level, item.unit, mayTell)?.recipients ?? [];
}
