import {
  addDays,
  beijingDate,
  type Calendar,
  screeningPeriodOf,
  screeningReportDue,
} from '@xinfang/shared/clocks';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { Notice, Notifier } from '../modules/notifications/notifier';
import { sayOnce } from '../modules/notifications/reminders';
import { reportingUnits, reportsOf } from '../modules/screening/screening.repository';
import { sensitivePeriods } from '../modules/screening/sensitive-period.repository';

/** How many days back a late report is still looked for (a job that did not run for a while). */
const LOOK_BACK_DAYS = 3;

/**
 * Late screening reports (零报告): for each period whose due day has passed in the last few days —
 * a week, or a day of a sensitive period — the units that owe it and have not sent it are told,
 * their liaison officers and heads, once per period (the notice's key).
 */
export async function runScreeningReminders(
  deps: { db: Kysely<DB>; calendar: Calendar; notifier: Notifier },
  now: Date,
): Promise<{ told: number }> {
  const at = now.toISOString();
  const today = beijingDate(at);
  const sensitive = await sensitivePeriods(deps.db);
  const periods = new Map<string, string>();
  for (let back = 1; back <= LOOK_BACK_DAYS; back += 1) {
    const day = addDays(today, -back);
    const period = screeningPeriodOf(day, sensitive);
    const due = screeningReportDue(period, deps.calendar, sensitive);
    if (due !== null && due < today) periods.set(period, due);
  }
  const root = await deps.db
    .selectFrom('org_unit')
    .select('path')
    .where('parent_id', 'is', null)
    .executeTakeFirst();
  if (!root) return { told: 0 };
  const notices: Notice[] = [];
  for (const [period, due] of periods) {
    const reported = new Set((await reportsOf(deps.db, root.path, period)).map((r) => r.unit_id));
    const late = (await reportingUnits(deps.db, root.path)).filter((u) => !reported.has(u.id));
    if (late.length === 0) continue;
    const staff = await deps.db
      .selectFrom('staff_account as s')
      .innerJoin('staff_role as r', 'r.staff_id', 's.id')
      .select(['s.id', 's.unit_id'])
      .where(
        's.unit_id',
        'in',
        late.map((u) => u.id),
      )
      .where('s.status', '=', 'active')
      .where('r.role', 'in', ['liaison_officer', 'unit_head'])
      .distinct()
      .execute();
    const names = new Map(late.map((u) => [u.id, u.name]));
    for (const member of staff) {
      notices.push({
        recipient: { type: 'staff', id: member.id },
        event: 'screening_overdue',
        facts: {
          number: null,
          petitionId: null,
          at,
          date: due,
          unitName: names.get(member.unit_id) ?? null,
          text: period.includes('W') ? '本周' : `${period}（敏感时期每日报告）`,
        },
        dedupeKey: `screening_overdue:${member.id}:${period}`,
      });
    }
  }
  return { told: (await sayOnce(deps, notices, now)).length };
}
