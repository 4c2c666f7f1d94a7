import {
  addDays,
  type Calendar,
  type Clock,
  calendarExceptions,
  clockKey,
  clocksOf,
  defaultCalendar,
  OFFICIAL_CALENDAR_YEARS,
  overdue,
  startOfBeijingDay,
} from '@xinfang/shared/clocks';
import { isTerminal, type Petition } from '@xinfang/shared/lifecycle';
import type { Kysely, Transaction } from 'kysely';
import { type AuditActor, recordAudit } from '../../audit/audit-log';
import type { DB } from '../../db/schema';
import { countPetitionById } from '../figures/figures.effect';
import { nextDueAt } from '../petitions/next-due';
import { hydrate } from '../petitions/petition.repository';
import type { WritePath } from '../petitions/write-path';
import { type StandingRed, standingReds, withdrawSteps } from '../supervision/escalation.repository';
import { countedYears, petitionsToRecount, saveCountedYears } from './calendar.repository';

const BATCH = 200;

/**
 * How long before the first changed day a case that has ended may still have counted a clock into
 * it: a clock ends by its last event, and its due day lies at most its period after that (60 days
 * and an extension of 30, Art 34; a pause lies before its end) plus the rest days that follow.
 */
const ENDED_MARGIN_DAYS = 120;

export interface CalendarRecount {
  /** The years whose working days differ from those the stored counts were counted with. */
  years: number[];
  /** Cases read; of them, those whose due date moved, and those whose figures were counted anew. */
  checked: number;
  moved: number;
  counted: number;
  /** Red escalation steps withdrawn: the new count put their deadline back in time. */
  withdrawn: number;
}

/**
 * Keeps what is stored of each case counted with the calendar in use: its next due date
 * (`petition.next_due_at`, by which inboxes sort and count overdue cases), the inbox tallies kept
 * from it, and its figure facts and their rollups. When a year's notice is uploaded, or a server
 * starts with another CALENDAR_FILE or another release's calendar, the years whose weekdays off or
 * weekends worked differ from those last counted with (`counted_calendar_year`) are counted again:
 * every open case whose next due date moved is written through the one write path, as the deadline
 * job moves a due date (the tallies and figures follow); every other case with a clock counted
 * through a changed year has its figures counted again. Each case in its own transaction; a case
 * someone changed meanwhile was counted by that change, with the same calendar. Audited (each moved
 * due date, and the count); null when no year changed: running it again does nothing. A red
 * escalation the new count shows was raised too early is withdrawn (`withdrawEarlyReds`).
 *
 * `since`: another instance saved the change, and this one counted with its `calendar` until it
 * noticed (plugins/calendar.ts): the cases written since `changedSince` are counted again through
 * the years that calendar counts otherwise, whatever `counted_calendar_year` says.
 */
export async function recountWithCalendar(
  deps: { db: Kysely<DB>; calendar: Calendar; writer: WritePath },
  context: { actor: AuditActor; now: Date },
  since?: { calendar: Calendar; changedSince: Date },
): Promise<CalendarRecount | null> {
  const { db, calendar, writer } = deps;
  const { actor, now } = context;
  const at = now.toISOString();
  const current = calendarExceptions(calendar);
  const counted = since ? new Map<number, string>() : await countedYears(db);
  // Until the first count the cases were counted with the shipped notices, and weekends elsewhere.
  const before = since
    ? calendarExceptions(since.calendar)
    : counted.size > 0
      ? counted
      : shippedExceptions();
  const years = [...new Set([...before.keys(), ...current.keys()])]
    .filter((year) => (before.get(year) ?? '') !== (current.get(year) ?? ''))
    .sort((a, b) => a - b);
  const report: CalendarRecount = { years, checked: 0, moved: 0, counted: 0, withdrawn: 0 };
  if (years.length > 0) {
    const changed = new Set(years);
    const endedSince = startOfBeijingDay(addDays(`${years[0]}-01-01`, -ENDED_MARGIN_DAYS));
    const details = { calendarYears: years.join(',') };
    for (let after = ''; ; ) {
      const rows = await petitionsToRecount(db, after, endedSince, BATCH, since?.changedSince.toISOString());
      const last = rows.at(-1);
      if (!last) break;
      after = last.id;
      const reds = await standingReds(
        db,
        rows.map((r) => r.id),
      );
      for (const loaded of await hydrate(db, rows)) {
        const { petition, row } = loaded;
        report.checked += 1;
        const due = nextDueAt(petition, calendar, now);
        if (!isTerminal(petition.state) && due !== row.next_due_at) {
          const written = await db.transaction().execute((trx) =>
            writer.write(trx, {
              before: loaded,
              after: petition,
              events: [],
              audit: { actor, action: 'petition.due_moved', details: { due, ...details } },
              now,
            }),
          );
          if (written) report.moved += 1;
        } else if (countedThrough(petition, calendar, at, changed)) {
          await db.transaction().execute((trx) => countPetitionById(trx, petition.id, calendar));
          report.counted += 1;
        }
        if (!isTerminal(petition.state))
          report.withdrawn += await withdrawEarlyReds(db, petition, reds.get(petition.id) ?? [], calendar, {
            actor,
            now,
            details,
          });
      }
    }
  }
  if (since) {
    // The years' marker is the saving instance's; a due date this instance had counted wrong moved.
    if (report.moved > 0) await db.transaction().execute((trx) => auditRecount(trx, actor, report, now));
    return years.length > 0 ? report : null;
  }
  // What each year is now counted with (the first time, the shipped years too).
  const saved = new Map<number, string>();
  for (const year of new Set([...counted.keys(), ...current.keys()])) {
    const days = current.get(year) ?? '';
    if (counted.get(year) !== days) saved.set(year, days);
  }
  if (saved.size > 0)
    await db.transaction().execute(async (trx) => {
      await saveCountedYears(trx, saved, at);
      // A count that read no case changed none: the marker above is all it wrote.
      if (report.checked === 0) return;
      await auditRecount(trx, actor, report, now);
    });
  return years.length > 0 ? report : null;
}

function auditRecount(trx: Transaction<DB>, actor: AuditActor, report: CalendarRecount, now: Date) {
  return recordAudit(
    trx,
    actor,
    {
      action: 'calendar.recount',
      outcome: 'success',
      target: { type: 'calendar_year', id: report.years.join(',') },
      details: {
        checked: report.checked,
        moved: report.moved,
        counted: report.counted,
        withdrawn: report.withdrawn,
      },
    },
    now,
  );
}

/** What the shipped notices make of their years (`calendarExceptions`). */
function shippedExceptions(): Map<number, string> {
  const all = calendarExceptions(defaultCalendar);
  return new Map(OFFICIAL_CALENDAR_YEARS.map(({ year }) => [year, all.get(year) ?? '']));
}

/** Whether a clock of the petition, running or finished, counted days in one of `years`. */
function countedThrough(petition: Petition, calendar: Calendar, at: string, years: ReadonlySet<number>) {
  return clocksOf(petition, calendar, at).some((clock) => {
    for (let year = Number(clock.startDate.slice(0, 4)); year <= Number(clock.dueDate.slice(0, 4)); year += 1)
      if (years.has(year)) return true;
    return false;
  });
}

/**
 * Withdraws the red steps (Art 38–40) of the petition's running deadlines that the new count puts
 * back in time: raised on a due date earlier than the one now counted, which has not passed. A
 * year without its State Council notice is counted on the statutory holidays alone (provisional),
 * and the notice mostly lengthens 春节 and 国庆, so a red raised on that count may have been raised
 * before the deadline passed. Red goes out on the provisional count all the same — holding it back
 * would leave every late case unsupervised for weeks, and an office may load the notice late or
 * never — and is put right when the notice is loaded. The steps are kept, marked withdrawn, so the
 * case's record still shows who was told what, and when; the supervisor's list leaves them out and
 * the escalation job raises red again on the real overdue day. A deadline still overdue on the new
 * count keeps its reds: it was late either way. Audited with the steps withdrawn.
 */
async function withdrawEarlyReds(
  db: Kysely<DB>,
  petition: Petition,
  reds: readonly StandingRed[],
  calendar: Calendar,
  context: { actor: AuditActor; now: Date; details: Record<string, string> },
): Promise<number> {
  if (reds.length === 0) return 0;
  const at = context.now.toISOString();
  const running = new Map<string, Clock>(
    clocksOf(petition, calendar, at)
      .filter((clock) => clock.finishedAt === null && !overdue(clock, at))
      .map((clock) => [clockKey(clock), clock]),
  );
  const early = reds.filter((red) => {
    const clock = running.get(red.clock_key);
    return clock !== undefined && red.due_date < clock.dueDate;
  });
  if (early.length === 0) return 0;
  return db.transaction().execute(async (trx) => {
    const withdrawn = await withdrawSteps(
      trx,
      early.map((red) => red.id),
      context.now,
    );
    if (withdrawn > 0)
      await recordAudit(
        trx,
        context.actor,
        {
          action: 'petition.escalation_withdrawn',
          outcome: 'success',
          target: { type: 'petition', id: petition.id },
          details: {
            steps: withdrawn,
            dueDates: [...new Set(early.map((red) => red.due_date))].sort().join(','),
            ...context.details,
          },
        },
        context.now,
      );
    return withdrawn;
  });
}
