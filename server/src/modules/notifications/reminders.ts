import {
  addWorkingDays,
  beijingDate,
  type Calendar,
  type Clock,
  clocksOf,
  type DateString,
  daysBetween,
  endOfBeijingDay,
  type Instant,
  isPaused,
  overdue,
} from '@xinfang/shared/clocks';
import { type Petition, parentOf } from '@xinfang/shared/lifecycle';
import type { StaffRole } from '@xinfang/shared/schemas/identity';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { isUniqueViolation } from '../../db/unique-violation';
import { NO_DUE } from '../petitions/next-due';
import { hydrate, type LoadedPetition } from '../petitions/petition.repository';
import type { Notice, Notifier } from './notifier';
import { type StaffTarget, staffAudiences } from './staff-audience';
import { beijingHour, MORNING_HOUR } from './timing';

/**
 * What time alone makes worth saying, read off the statutory clocks, each said once however often
 * the job runs (a key per reminder; a second run, or a second server, inserts nothing):
 * - to the petitioner, from 08:00 Beijing time (the job's first run of a day is soon after
 *   midnight), 5 days before an appeal window closes (Art 35, 36), and an invitation to rate a
 *   reply two days after it, while it is unrated;
 * - to staff, each working morning from 08:00 Beijing time, a digest of their cases due within 3
 *   working days and overdue.
 */
export const APPEAL_REMINDER_DAYS = 5;
export const RATE_INVITATION_AFTER_DAYS = 2;
export const DIGEST_WORKING_DAYS = 3;
const BATCH = 200;

export interface ReminderReport {
  reminders: number;
  invitations: number;
  digests: number;
}

export async function runReminders(
  deps: { db: Kysely<DB>; calendar: Calendar; notifier: Notifier },
  now: Date,
): Promise<ReminderReport> {
  const report: ReminderReport = { reminders: 0, invitations: 0, digests: 0 };
  const notices: Notice[] = [];
  if (beijingHour(now) >= MORNING_HOUR) {
    for await (const batch of petitionsWhere(deps.db, (q) => q.where('state', '=', 'replied'))) {
      for (const loaded of batch) notices.push(...petitionerReminders(loaded, deps.calendar, now));
    }
  }
  const said = await sayOnce(deps, notices, now);
  report.reminders = said.filter((n) => n.event === 'appeal_reminder').length;
  report.invitations = said.filter((n) => n.event === 'rate_invitation').length;
  report.digests = (await sayOnce(deps, await digests(deps, now), now)).length;
  return report;
}

function petitionerReminders(loaded: LoadedPetition, calendar: Calendar, now: Date): Notice[] {
  const { petition, row } = loaded;
  const at = now.toISOString();
  const today = beijingDate(at);
  const clocks = clocksOf(petition, calendar, at);
  const notices: Notice[] = [];
  const facts = (date: string, window: 'review' | 're_examination' | 'rating') => ({
    number: row.number,
    petitionId: petition.id,
    at,
    date,
    window,
  });
  const recipient = { type: 'petitioner' as const, id: petition.petitionerId };
  const appeal = clocks.find(
    (c) => (c.name === 'review_window' || c.name === 're_examination_window') && c.finishedAt === null,
  );
  // Answered by the top of the organisation: the appeal lies outside it (Art 35, 36), and the
  // answer said so; no reminder names a right the system cannot hear.
  const above = petition.units.handling ? parentOf(petition.units.handling) : null;
  if (appeal && above && !overdue(appeal, at) && daysBetween(today, appeal.dueDate) <= APPEAL_REMINDER_DAYS) {
    notices.push({
      recipient,
      event: 'appeal_reminder',
      facts: facts(appeal.dueDate, appeal.name === 'review_window' ? 'review' : 're_examination'),
      dedupeKey: `appeal_reminder:${petition.id}:${appeal.stage}`,
    });
  }
  const reply = petition.events.findLast((e) => e.type === 'reply_issued' && e.stage === petition.stage);
  const window = clocks.find((c) => c.kind === 'window' && c.finishedAt === null && !overdue(c, at));
  if (
    reply &&
    window &&
    !petition.ratings[petition.stage] &&
    daysBetween(beijingDate(reply.at), today) >= RATE_INVITATION_AFTER_DAYS
  ) {
    notices.push({
      recipient,
      event: 'rate_invitation',
      facts: facts(window.dueDate, 'rating'),
      dedupeKey: `rate_invitation:${petition.id}:${petition.stage}`,
    });
  }
  return notices;
}

/** Who must act on a running deadline: reception for triage and notice, the handling unit otherwise. */
function actorsOf(clock: Clock, petition: Petition): StaffTarget[] {
  const handling = petition.units.handling?.id;
  switch (clock.name) {
    case 'triage':
    case 'notice':
      return [{ unitId: petition.units.receiving.id, roles: ['reception'] }];
    case 'supervision_answer': {
      const notice = petition.events.findLast(
        (e) => e.type === 'supervision_issued' && e.data.no === clock.ref,
      );
      return notice?.type === 'supervision_issued'
        ? [{ unitId: notice.data.unit.id, roles: ['reception', 'handler', 'unit_head'] as StaffRole[] }]
        : [];
    }
    default:
      return handling ? [{ unitId: handling, roles: ['handler', 'unit_head'] }] : [];
  }
}

/**
 * The deadlines a morning digest tells of, to its last day `horizon`, each overdue or due soon as
 * the case's badge says it: a deadline paused for its hearing (Art 36) is neither; one whose
 * hearing was scheduled after it had run out is overdue (`isPaused`, shared/clocks/status.ts).
 */
export function digestDeadlines(
  clocks: readonly Clock[],
  at: Instant,
  horizon: DateString,
): { clock: Clock; late: boolean }[] {
  return clocks
    .filter((c) => c.kind === 'deadline' && c.finishedAt === null && !isPaused(c) && c.dueDate <= horizon)
    .map((clock) => ({ clock, late: overdue(clock, at) }));
}

async function digests(deps: { db: Kysely<DB>; calendar: Calendar }, now: Date): Promise<Notice[]> {
  const at = now.toISOString();
  const today = beijingDate(at);
  if (beijingHour(now) < MORNING_HOUR || !deps.calendar.isWorkingDay(today)) return [];
  const horizon = addWorkingDays(today, DIGEST_WORKING_DAYS, deps.calendar);
  const until = endOfBeijingDay(horizon);

  const counts = new Map<string, { dueSoon: Set<string>; overdue: Set<string> }>();
  for await (const batch of petitionsWhere(deps.db, (q) =>
    q.where('next_due_at', '<=', until).where('next_due_at', '<', NO_DUE),
  )) {
    const work = batch.flatMap(({ petition }) =>
      digestDeadlines(clocksOf(petition, deps.calendar, at), at, horizon).map(({ clock, late }) => ({
        petition,
        late,
        targets: actorsOf(clock, petition),
      })),
    );
    // A role nobody holds any more (the desk's only reception disabled) falls to the nearest head
    // up the line, as every staff notice does: the deadline still runs (Art 22).
    const audiences = await staffAudiences(deps.db, work);
    work.forEach(({ petition, late }, i) => {
      for (const id of audiences[i] ?? []) {
        const own = counts.get(id) ?? { dueSoon: new Set<string>(), overdue: new Set<string>() };
        (late ? own.overdue : own.dueSoon).add(petition.id);
        counts.set(id, own);
      }
    });
  }
  return [...counts].map(([id, own]) => {
    const late = own.overdue.size;
    const soon = [...own.dueSoon].filter((p) => !own.overdue.has(p)).length;
    return {
      recipient: { type: 'staff', id },
      event: 'daily_digest',
      facts: { number: null, petitionId: null, at, dueSoon: soon, overdue: late },
      dedupeKey: `daily_digest:${id}:${today}`,
    };
  });
}

/** Records each notice not yet recorded under its key, each in its own transaction. */
export async function sayOnce(
  deps: { db: Kysely<DB>; notifier: Notifier },
  notices: readonly Notice[],
  now: Date,
): Promise<Notice[]> {
  const keys = notices.flatMap((n) => (n.dedupeKey ? [n.dedupeKey] : []));
  const known = new Set<string>();
  for (let i = 0; i < keys.length; i += 500) {
    const rows = await deps.db
      .selectFrom('notification')
      .select('dedupe_key')
      .where('dedupe_key', 'in', keys.slice(i, i + 500))
      .execute();
    for (const r of rows) if (r.dedupe_key) known.add(r.dedupe_key);
  }
  const said: Notice[] = [];
  for (const notice of notices) {
    if (notice.dedupeKey && known.has(notice.dedupeKey)) continue;
    try {
      const told = await deps.db.transaction().execute((trx) => deps.notifier.notify(trx, [notice], now));
      if (told > 0) said.push(notice);
    } catch (error) {
      // Another run (or another server) said it first.
      if (!isUniqueViolation(error)) throw error;
    }
  }
  return said;
}

export async function* petitionsWhere(
  db: Kysely<DB>,
  filter: (query: PetitionQuery) => PetitionQuery,
): AsyncGenerator<LoadedPetition[]> {
  let after = '';
  for (;;) {
    const rows = await filter(base(db)).where('id', '>', after).orderBy('id').limit(BATCH).execute();
    if (rows.length === 0) return;
    after = rows.at(-1)?.id ?? after;
    yield await hydrate(db, rows);
  }
}

function base(db: Kysely<DB>) {
  return db.selectFrom('petition').selectAll();
}
type PetitionQuery = ReturnType<typeof base>;
