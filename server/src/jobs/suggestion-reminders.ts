import { beijingDate } from '@xinfang/shared/clocks';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { Notice, Notifier } from '../modules/notifications/notifier';
import { sayOnce } from '../modules/notifications/reminders';

/**
 * Suggestions to improve work left unanswered past their date (Art 40) are flagged to the unit
 * that owes the answer — its heads — once per suggestion (the notice's key), as a 督办单's answer
 * is chased.
 */
export async function runSuggestionReminders(
  deps: { db: Kysely<DB>; notifier: Notifier },
  now: Date,
): Promise<{ told: number }> {
  const at = now.toISOString();
  const overdue = await deps.db
    .selectFrom('improvement_suggestion as s')
    .innerJoin('org_unit as u', 'u.id', 's.unit_id')
    .innerJoin('staff_account as h', 'h.unit_id', 's.unit_id')
    .innerJoin('staff_role as r', 'r.staff_id', 'h.id')
    .select(['s.id', 's.due_date', 'u.name as unit_name', 'h.id as head_id'])
    .where('s.answered_at', 'is', null)
    .where('s.due_date', '<', beijingDate(at))
    .where('h.status', '=', 'active')
    .where('r.role', '=', 'unit_head')
    .limit(1000)
    .execute();
  const notices: Notice[] = overdue.map((row) => ({
    recipient: { type: 'staff', id: row.head_id },
    event: 'suggestion_overdue',
    // The case is not named to the unit in the message: an accusation's number could reach it (Art 30).
    facts: { number: null, petitionId: null, at, date: row.due_date, unitName: row.unit_name },
    dedupeKey: `suggestion_overdue:${row.head_id}:${row.id}`,
  }));
  return { told: (await sayOnce(deps, notices, now)).length };
}
