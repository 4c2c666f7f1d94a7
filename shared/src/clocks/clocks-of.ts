import type { PetitionEvent } from '../lifecycle/events';
import type { Petition } from '../lifecycle/petition';
import type { Stage } from '../lifecycle/vocabulary';
import type { Calendar } from './calendar';
import type { Clock, PauseInterval } from './clock';
import {
  beijingDayNumber,
  compareInstants,
  type DateString,
  dateOfDayNumber,
  dayNumber,
  endOfBeijingDayNumber,
  type Instant,
  startOfBeijingDay,
} from './dates';
import { CLOCK_DEFINITIONS, type ClockDefinition, type ClockName, replyWindowOf } from './definitions';
import { dueDayOf, type Period } from './periods';
import { dueBefore } from './status';

/**
 * A clock as the events start and stop it, before its due date is counted: independent of the
 * calendar and of the instant it is read at, so a petition's running ones can be kept with it
 * (`runningClocksOf`) and counted when read.
 */
export interface OpenClock {
  name: ClockName;
  stage: Stage;
  ref: number | null;
  start: Instant;
  setDate: DateString | null;
  extraDays: number;
  paused: PauseInterval[];
  finishedAt: Instant | null;
  finishedBy: string | null;
}

/** Events that end the petition and with it every clock still running. */
const ENDING_EVENTS = new Set(['forwarded', 'diverted', 'declined', 'withdrawn', 'closed']);

/**
 * Every clock of a petition, running and finished, computed from its events (the rules are in
 * definitions.ts; which event starts and stops which clock is below). Pure: `now` only moves the
 * due date of a clock paused by a hearing that is still running (Art 36).
 */
export function clocksOf(petition: Petition, calendar: Calendar, now: Instant): Clock[] {
  const kept = computed.get(petition);
  if (kept && kept.calendar === calendar && kept.now === now) return kept.clocks;
  const clocks = Object.freeze(computeClocks(petition, calendar, now)) as Clock[];
  computed.set(petition, { calendar, now, clocks });
  return clocks;
}

/**
 * The clocks last computed for a petition value, with the calendar and instant they were computed
 * for. A view, the guards of `allowedActions` and the next due date all ask for the same
 * petition's clocks at the same instant; petitions are values (`decide` makes new ones), so asking
 * again answers from here. The array is frozen: a caller that sorted it would change everyone's.
 */
const computed = new WeakMap<Petition, { calendar: Calendar; now: Instant; clocks: Clock[] }>();

function computeClocks(petition: Petition, calendar: Calendar, now: Instant): Clock[] {
  return openClocks(petition).map((clock) => resolve(clock, calendar, now));
}

/**
 * The running clock due first among those `include` accepts (by name and kind), as `nextDue` would
 * pick it from `clocksOf` — but counting the due dates of running clocks only: a list shows each
 * petition's next date, and most listed petitions have finished clocks only.
 */
export function nextDueClock(
  petition: Petition,
  calendar: Calendar,
  now: Instant,
  include: (clock: { name: ClockName; kind: Clock['kind'] }) => boolean,
): Clock | null {
  const kept = computed.get(petition);
  if (!kept || kept.calendar !== calendar || kept.now !== now)
    return nextDueAmong(openClocks(petition), calendar, now, include);
  return firstDue(kept.clocks, include);
}

/** The running clock due first among `clocks` that `include` accepts (paused last: `dueBefore`). */
export function firstDue(
  clocks: readonly Clock[],
  include: (clock: { name: ClockName; kind: Clock['kind'] }) => boolean,
): Clock | null {
  let first: Clock | null = null;
  for (const clock of clocks)
    if (clock.finishedAt === null && include(clock) && (first === null || dueBefore(clock, first)))
      first = clock;
  return first;
}

/** `nextDueClock` over clocks kept from `runningClocksOf` (finished ones are passed over). */
export function nextDueAmong(
  clocks: readonly OpenClock[],
  calendar: Calendar,
  now: Instant,
  include: (clock: { name: ClockName; kind: Clock['kind'] }) => boolean,
): Clock | null {
  let first: Clock | null = null;
  for (const open of clocks) {
    if (open.finishedAt !== null || !include({ name: open.name, kind: CLOCK_DEFINITIONS[open.name].kind }))
      continue;
    const clock = resolve(open, calendar, now);
    if (first === null || dueBefore(clock, first)) first = clock;
  }
  return first;
}

/**
 * Clocks kept from `runningClocksOf`, their due dates counted (finished ones are passed over).
 * `now` matters only to a clock whose pause is still running (`countsOnNow`).
 */
export function countRunning(clocks: readonly OpenClock[], calendar: Calendar, now: Instant): Clock[] {
  return clocks.filter((clock) => clock.finishedAt === null).map((clock) => resolve(clock, calendar, now));
}

/** Whether counting these clocks depends on the instant: a hearing's pause still running (Art 36). */
export function countsOnNow(clocks: readonly OpenClock[]): boolean {
  return clocks.some((clock) => clock.finishedAt === null && clock.paused.some((pause) => pause.to === null));
}

/**
 * The clocks of a petition still running, to keep with it: all a list needs to show its next date
 * without reading its events. They change only with its events, never with the calendar or the
 * day, so the write path keeps them beside the lifecycle (petition.running_clocks).
 */
export function runningClocksOf(petition: Petition): OpenClock[] {
  return openClocks(petition).filter((clock) => clock.finishedAt === null);
}

/** The clocks the events start and stop, before their due dates are counted. */
function openClocks(petition: Petition): OpenClock[] {
  const sheet = new ClockSheet();
  for (const event of petition.events) {
    switch (event.type) {
      case 'registered':
        sheet.start('triage', event, event.data.receivedAt);
        if (!event.data.contactUnclear) sheet.start('notice', event, event.data.receivedAt);
        break;
      case 'notified':
        sheet.finish(event, 'notice', 'assignment_notice');
        break;
      case 'assigned':
        sheet.finish(event, 'triage', 'notice');
        if (!petition.contactUnclear) sheet.start('assignment_notice', event, event.at);
        sheet.start('objection_window', event, event.at);
        sheet.start('report_back', event, event.at, event.data.reportBackBy);
        break;
      case 'accepted':
        sheet.finish(event, 'triage', 'notice', 'assignment_notice', 'objection_window');
        sheet.start('handling', event, event.at);
        break;
      case 'objected':
        sheet.finish(event, 'objection_window');
        break;
      case 'objection_agreed':
        sheet.finish(event, 'assignment_notice', 'report_back');
        sheet.start('triage', event, event.at);
        break;
      case 'objection_overruled':
        sheet.start('handling', event, event.at);
        break;
      case 'extension_approved': {
        const handling = sheet.running('handling');
        if (handling) handling.extraDays += event.data.days;
        break;
      }
      case 'hearing_scheduled':
        sheet.running('re_examination_answer')?.paused.push({ from: event.at, to: null });
        break;
      case 'hearing_held': {
        const pause = sheet.running('re_examination_answer')?.paused.at(-1);
        if (pause && pause.to === null) pause.to = event.at;
        break;
      }
      case 'reply_issued':
        if (event.stage === 'first') sheet.finish(event, 'handling', 'report_back');
        else if (event.stage === 'review') sheet.finish(event, 'review_answer');
        else sheet.finishAll(event);
        break;
      case 'reply_delivered': {
        // Art 35, 36: counted from the day the written answer was received.
        const name = replyWindowOf(petition.kind, event.stage);
        if (name) sheet.start(name, event, startOfBeijingDay(event.data.deliveredOn));
        break;
      }
      case 'delivery_corrected': {
        const name = replyWindowOf(petition.kind, event.stage);
        const window = name ? sheet.running(name) : undefined;
        if (window) window.start = startOfBeijingDay(event.data.deliveredOn);
        break;
      }
      case 'rated':
        sheet.finish(event, 'rating_window');
        break;
      case 'review_requested':
      case 're_examination_requested': {
        // Art 35, 36: a request that came by letter or at a desk was made the day it arrived, and
        // the answer's 30 days count from then, not from the day staff recorded it.
        const madeAt = event.data.receivedOn ? startOfBeijingDay(event.data.receivedOn) : event.at;
        const review = event.type === 'review_requested';
        sheet.finishAt(event, madeAt, review ? 'review_window' : 're_examination_window');
        sheet.start(review ? 'review_answer' : 're_examination_answer', event, madeAt);
        break;
      }
      case 'rehandling_decided':
        // Handled again: a new answer is owed, within the handling period counted afresh.
        if (event.data.rehandle) sheet.start('handling', event, event.at);
        break;
      case 'supervision_issued':
        sheet.start('supervision_answer', event, event.at, event.data.dueDate);
        break;
      case 'supervision_answered': {
        const clock = sheet.running('supervision_answer', event.data.no);
        if (clock) {
          clock.finishedAt = event.at;
          clock.finishedBy = event.type;
        }
        break;
      }
      case 'supervision_reviewed':
        // Art 40: a returned answer is owed again, by the date the return sets.
        if (event.data.dueDate) sheet.start('supervision_answer', event, event.at, event.data.dueDate);
        break;
      default:
        if (ENDING_EVENTS.has(event.type)) sheet.finishAll(event);
    }
  }
  return sheet.clocks;
}

/**
 * The clocks of one petition as its events are read: which run, which started and which stopped
 * (methods, not closures made anew for every petition of a list).
 */
class ClockSheet {
  readonly clocks: OpenClock[] = [];

  running(name: ClockName, ref: number | null = null): OpenClock | undefined {
    return this.clocks.find((c) => c.name === name && c.ref === ref && c.finishedAt === null);
  }

  start(name: ClockName, event: PetitionEvent, at: Instant, setDate: DateString | null = null): void {
    this.clocks.push({
      name,
      stage: event.stage,
      ref:
        name === 'supervision_answer' &&
        (event.type === 'supervision_issued' || event.type === 'supervision_reviewed')
          ? event.data.no
          : null,
      start: at,
      setDate,
      extraDays: 0,
      paused: [],
      finishedAt: null,
      finishedBy: null,
    });
  }

  finish(event: PetitionEvent, ...names: ClockName[]): void {
    this.finishAt(event, event.at, ...names);
  }

  /** Finishes the named clocks at `at`: when the event says the act happened earlier than it. */
  finishAt(event: PetitionEvent, at: Instant, ...names: ClockName[]): void {
    for (const clock of this.clocks) {
      if (clock.finishedAt === null && names.includes(clock.name)) {
        clock.finishedAt = at;
        clock.finishedBy = event.type;
        const pause = clock.paused.at(-1);
        if (pause && pause.to === null) pause.to = at;
      }
    }
  }

  finishAll(event: PetitionEvent): void {
    this.finish(event, ...this.clocks.map((c) => c.name));
  }
}

function resolve(clock: OpenClock, calendar: Calendar, now: Instant): Clock {
  const definition = CLOCK_DEFINITIONS[clock.name];
  const period = definition.period;
  const startDay = beijingDayNumber(clock.start);
  const counted =
    period === null
      ? { day: clock.setDate === null ? startDay : dayNumber(clock.setDate), calendarComplete: true }
      : countPauses(
          clock,
          startDay,
          clock.extraDays === 0 ? period : { ...period, length: period.length + clock.extraDays },
          calendar,
          now,
        );
  const due = endOfBeijingDayNumber(counted.day);
  return {
    name: clock.name,
    article: definition.article,
    kind: definition.kind,
    stage: clock.stage,
    ref: clock.ref,
    period,
    extraDays: clock.extraDays,
    start: clock.start,
    startDate: dateOfDayNumber(startDay),
    dueDate: dateOfDayNumber(counted.day),
    due,
    paused: clock.paused,
    finishedAt: clock.finishedAt,
    finishedBy: clock.finishedBy,
    met:
      clock.finishedAt !== null && settles(definition, clock.finishedBy)
        ? compareInstants(clock.finishedAt, due) <= 0
        : null,
    calendarComplete: counted.calendarComplete,
  };
}

/**
 * The due day, each pause's days added (Art 36: the hearing time is not counted) — but only a pause
 * that began by the due day counted so far: a limit that had run out before the hearing was
 * scheduled is not revived by it, so the case stays late (超期) while the hearing is awaited, and
 * its date does not move.
 */
function countPauses(
  clock: OpenClock,
  startDay: number,
  period: Period,
  calendar: Calendar,
  now: Instant,
): { day: number; calendarComplete: boolean } {
  let pausedDays = 0;
  let counted = dueDayOf(startDay, period, calendar);
  for (const pause of clock.paused) {
    const from = beijingDayNumber(pause.from);
    if (from > counted.day) continue;
    const days = beijingDayNumber(pause.to ?? clock.finishedAt ?? now) - from;
    if (days <= 0) continue;
    pausedDays += days;
    counted = dueDayOf(startDay, period, calendar, pausedDays);
  }
  return counted;
}

/** Whether the event that ended a clock did what the clock waits for (else it only stopped it). */
function settles(definition: ClockDefinition, finishedBy: string | null): boolean {
  return (definition.settledBy as readonly string[]).includes(finishedBy ?? '');
}
