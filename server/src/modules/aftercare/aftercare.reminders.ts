import { addDays, addWorkingDays, beijingDate, type Calendar } from '@xinfang/shared/clocks';
import type { Kysely } from 'kysely';
import { accuserHiddenFor } from '../../access/accuser-firewall';
import type { DB } from '../../db/schema';
import { pathIds } from '../../db/subtree';
import type { Notice, Notifier } from '../notifications/notifier';
import { petitionsWhere, sayOnce } from '../notifications/reminders';
import { loadStaff, type StaffMember, staffAudiences } from '../notifications/staff-audience';
import { beijingHour, MORNING_HOUR } from '../notifications/timing';
import { releasePastBookings } from '../reception/reception.lapse';
import { activeBookingsFrom, leaderActive } from '../reception/reception.repository';
import {
  type FollowUpRow,
  followUpsDueBy,
  type RehandlingRow,
  recusalsOf,
  waitingRehandling,
} from './follow-up.repository';
import { aftercareSettings } from './office-settings';
import { rehandlingDueDate } from './rehandling-deadline';

/** A follow-up is worth a reminder this many days before its due date, and again once overdue. */
export const FOLLOW_UP_REMIND_DAYS = 3;
/** Forwarded cases older than this are not asked about any more: their reminder was long given. */
const FORWARD_LOOKBACK_DAYS = 400;

export interface AftercareDeps {
  db: Kysely<DB>;
  calendar: Calendar;
  notifier: Notifier;
}

export interface AftercareReport {
  followUps: number;
  forwarded: number;
  bookings: number;
  rehandling: number;
}

/**
 * What time makes worth saying after a case ends, each said once however often the job runs (a
 * key per reminder): to the handling unit, a follow-up due within three days, and again once
 * overdue; to the receiving office, a forwarded case whose organ has not reported back within
 * the working days the office set (Art 22); to a unit head, a re-handling decision on its due day
 * and again once overdue; to a petitioner, from 08:00 Beijing time (the job's first run of a day
 * is soon after midnight), a reception-day booking tomorrow, or, when the day's leader can no
 * longer receive, that the day will not take place.
 */
export async function runAftercareReminders(deps: AftercareDeps, now: Date): Promise<AftercareReport> {
  const today = beijingDate(now.toISOString());
  // A booking of a day gone by that the desk left unrecorded no longer holds its person.
  await releasePastBookings(deps.db, now);
  const said = await sayOnce(
    deps,
    [
      ...(await followUpNotices(deps, now, today)),
      ...(await forwardNotices(deps, now, today)),
      ...(await bookingNotices(deps, now, today)),
      ...(await rehandlingNotices(deps, now, today)),
    ],
    now,
  );
  const count = (event: Notice['event']) => said.filter((n) => n.event === event).length;
  return {
    followUps: count('follow_up_due'),
    forwarded: count('forward_outcome_due'),
    bookings: count('booking_reminder'),
    rehandling: count('rehandling_due'),
  };
}

async function followUpNotices(deps: AftercareDeps, now: Date, today: string): Promise<Notice[]> {
  const rows = await followUpsDueBy(deps.db, addDays(today, FOLLOW_UP_REMIND_DAYS));
  const staff = await loadStaff(deps.db, { unitIds: rows.flatMap((r) => pathIds(r.unit_path)) });
  const recused = await recusalsOf(
    deps.db,
    rows.map((r) => r.petition_id),
  );
  return rows.flatMap((row) => {
    const late = row.due_date < today;
    const ids = followUpAudience(staff, row, recused);
    return ids.map(
      (id): Notice => ({
        recipient: { type: 'staff', id },
        event: 'follow_up_due',
        facts: {
          number: row.number,
          petitionId: row.petition_id,
          at: now.toISOString(),
          date: row.due_date,
          unitName: row.unit_name,
          text: late ? 'overdue' : 'due',
        },
        dedupeKey: `follow_up_${late ? 'overdue' : 'due'}:${row.id}:${id}`,
      }),
    );
  });
}

/**
 * Who follows up: the handlers of the unit that handled the case, and the head of the nearest unit
 * up its line that has one (a section's head, or the mine's) — those the notice rules let be told.
 */
function followUpAudience(staff: readonly StaffMember[], row: FollowUpRow, recused: Recusals): string[] {
  const headUnit = nearestHeadUnit(staff, row.unit_path);
  const ids = staff
    .filter(
      (s) =>
        ((s.unit_id === row.unit_id && s.role === 'handler') ||
          (s.unit_id === headUnit && s.role === 'unit_head')) &&
        mayBeTold(s, row, recused),
    )
    .map((s) => s.id);
  return [...new Set(ids)];
}

type Recusals = ReadonlyMap<string, ReadonlySet<string>>;

/**
 * The rules every staff notice obeys (`pickAudience`), on a reminder's row: never staff recused
 * from the case (Art 28), nor, for an accusation, anyone in the accused unit's line (Art 30). As
 * with `pickAudience`'s `nearestUp` targets, the nearest head is settled before they apply: when
 * that unit's only head is recused, no head further up is told instead.
 */
function mayBeTold(
  member: StaffMember,
  row: Pick<FollowUpRow | RehandlingRow, 'petition_id' | 'kind' | 'concerned_unit_id'>,
  recused: Recusals,
): boolean {
  if (recused.get(row.petition_id)?.has(member.id)) return false;
  return !accuserHiddenFor(row, {
    kind: 'staff',
    unit: { id: member.unit_id, path: pathIds(member.path) },
  });
}

/** The nearest unit up a unit's line (itself first) that has a head. */
function nearestHeadUnit(staff: readonly StaffMember[], unitPath: string): string | undefined {
  return [...pathIds(unitPath)]
    .reverse()
    .find((id) => staff.some((s) => s.unit_id === id && s.role === 'unit_head'));
}

/**
 * A re-handling decision waiting past the working days the office set: its unit's head (or the
 * nearest head up the line), unless the notice rules keep them out (`mayBeTold`), is told on the
 * due day, and again once it is overdue.
 */
async function rehandlingNotices(deps: AftercareDeps, now: Date, today: string): Promise<Notice[]> {
  const { rehandlingWorkingDays } = await aftercareSettings(deps.db);
  const due = (await waitingRehandling(deps.db)).flatMap((row) => {
    const date = rehandlingDueDate(row.rated_at, rehandlingWorkingDays, deps.calendar);
    return date <= today ? [{ row, date }] : [];
  });
  const staff = await loadStaff(deps.db, { unitIds: due.flatMap(({ row }) => pathIds(row.unit_path)) });
  const recused = await recusalsOf(
    deps.db,
    due.map(({ row }) => row.petition_id),
  );
  return due.flatMap(({ row, date }) => {
    const late = date < today;
    const headUnit = nearestHeadUnit(staff, row.unit_path);
    const heads = staff.filter(
      (s) => s.unit_id === headUnit && s.role === 'unit_head' && mayBeTold(s, row, recused),
    );
    return heads.map(
      (head): Notice => ({
        recipient: { type: 'staff', id: head.id },
        event: 'rehandling_due',
        facts: {
          number: row.number,
          petitionId: row.petition_id,
          at: now.toISOString(),
          date,
          unitName: row.unit_name,
          text: late ? 'overdue' : 'due',
        },
        dedupeKey: `rehandling_${late ? 'overdue' : 'due'}:${row.petition_id}:${row.rated_seq}:${head.id}`,
      }),
    );
  });
}

async function forwardNotices(deps: AftercareDeps, now: Date, today: string): Promise<Notice[]> {
  const { forwardOutcomeWorkingDays } = await aftercareSettings(deps.db);
  const since = new Date(now.getTime() - FORWARD_LOOKBACK_DAYS * 86_400_000).toISOString();
  // A case forwarded fewer calendar days ago than the working days set cannot be due yet.
  const until = new Date(now.getTime() - forwardOutcomeWorkingDays * 86_400_000).toISOString();
  const notices: Notice[] = [];
  for await (const batch of petitionsWhere(deps.db, (q) =>
    q.where('state', '=', 'forwarded').where('updated_at', '>=', since).where('updated_at', '<=', until),
  )) {
    const due = batch.flatMap(({ petition, row }) => {
      if (petition.events.some((e) => e.type === 'forward_outcome_recorded')) return [];
      const forwarded = petition.events.findLast((e) => e.type === 'forwarded');
      if (forwarded?.type !== 'forwarded') return [];
      const askOn = addWorkingDays(beijingDate(forwarded.at), forwardOutcomeWorkingDays, deps.calendar);
      return askOn <= today ? [{ petition, row, forwarded }] : [];
    });
    // The receiving office's reception; with nobody at its desk any more, the nearest head up.
    const audiences = await staffAudiences(
      deps.db,
      due.map(({ petition }) => ({
        petition,
        targets: [{ unitId: petition.units.receiving.id, roles: ['reception' as const] }],
      })),
    );
    for (const [i, { petition, row, forwarded }] of due.entries()) {
      for (const id of audiences[i] ?? []) {
        notices.push({
          recipient: { type: 'staff', id },
          event: 'forward_outcome_due',
          facts: {
            number: row.number,
            petitionId: petition.id,
            at: now.toISOString(),
            date: beijingDate(forwarded.at),
            recipientOrgan: forwarded.data.recipientOrgan,
          },
          dedupeKey: `forward_outcome_due:${petition.id}:${id}`,
        });
      }
    }
  }
  return notices;
}

/**
 * A booking tomorrow is a reminder to come; a booking of a day whose leader can no longer receive
 * (Art 18: the day is published for one leader) is never that, but word, once, that the day will
 * not take place and another may be chosen.
 */
async function bookingNotices(deps: AftercareDeps, now: Date, today: string): Promise<Notice[]> {
  if (beijingHour(now) < MORNING_HOUR) return [];
  const rows = await activeBookingsFrom(deps.db, today);
  return rows.flatMap((row): Notice[] => {
    if (!leaderActive(row)) {
      return [
        {
          recipient: { type: 'petitioner', id: row.petitioner_id },
          event: 'reception_leader_unavailable',
          facts: { number: null, petitionId: null, at: now.toISOString(), date: row.date },
          dedupeKey: `reception_leader_unavailable:${row.id}`,
        },
      ];
    }
    if (row.date !== addDays(today, 1)) return [];
    const slot = (JSON.parse(row.slots) as { from: string; to: string }[])[row.slot];
    return [
      {
        recipient: { type: 'petitioner', id: row.petitioner_id },
        event: 'booking_reminder',
        facts: {
          number: null,
          petitionId: null,
          at: now.toISOString(),
          date: row.date,
          text: `${slot ? `${slot.from}—${slot.to} ` : ''}在${row.place}`,
        },
        // A day changed after its reminder went out (reception.service.ts) is reminded of again.
        dedupeKey: `booking_reminder:${row.id}:${row.date}:${slot?.from ?? ''}`,
      },
    ];
  });
}
