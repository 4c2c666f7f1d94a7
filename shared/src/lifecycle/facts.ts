import type { Calendar } from '../clocks/calendar';
import type { Clock } from '../clocks/clock';
import { clocksOf } from '../clocks/clocks-of';
import type { DateString, Instant } from '../clocks/dates';
import type { ClockName } from '../clocks/definitions';
import type { AnyActor } from './actor';
import type { EventOf } from './events';
import type { Petition } from './petition';
import { isTerminal, TRIAGE_STATES } from './states';
import type { UnitRef } from './units';

/**
 * The unit that holds the case now: the receiving unit during triage, the handling unit after.
 * Generic over how a unit is named, so that a list can ask it of a row's unit ids.
 */
export function holderUnit<U = UnitRef>(petition: {
  state: string;
  units: { receiving: U; handling: U | null };
}): U {
  const inTriage = (TRIAGE_STATES as readonly string[]).includes(petition.state);
  return inTriage ? petition.units.receiving : (petition.units.handling ?? petition.units.receiving);
}

/** What a supervision notice waits for (Art 40): the unit's answer, its review, or nothing. */
export type SupervisionAwaits = 'answer' | 'review' | 'nothing';

/**
 * Every supervision notice, oldest first, with what it waits for: an answer once issued, and again
 * once the issuing unit returns the answer; the review once answered; nothing once approved.
 */
export function supervisionNotices(
  petition: Petition,
): { issued: EventOf<'supervision_issued'>; awaits: SupervisionAwaits }[] {
  const notices = new Map<number, { issued: EventOf<'supervision_issued'>; awaits: SupervisionAwaits }>();
  for (const event of petition.events) {
    if (event.type === 'supervision_issued') {
      notices.set(event.data.no, { issued: event, awaits: 'answer' });
    } else if (event.type === 'supervision_answered') {
      const notice = notices.get(event.data.no);
      if (notice) notice.awaits = 'review';
    } else if (event.type === 'supervision_reviewed') {
      const notice = notices.get(event.data.no);
      if (notice) notice.awaits = event.data.decision === 'returned' ? 'answer' : 'nothing';
    }
  }
  return [...notices.values()];
}

/** Supervision notices awaiting the supervised unit's written answer (Art 40), oldest first. */
export function openSupervisions(petition: Petition): EventOf<'supervision_issued'>[] {
  return supervisionNotices(petition)
    .filter((n) => n.awaits === 'answer')
    .map((n) => n.issued);
}

/**
 * Whether this staff member's unit issued the notice and so reviews its answer (Art 40). A notice
 * issued before the issuing unit was kept is reviewed by the supervisor who issued it.
 */
export function issuedBy(notice: EventOf<'supervision_issued'>, actor: AnyActor): boolean {
  const issuing = notice.data.issuingUnit;
  return issuing ? actor.unit?.id === issuing.id : actor.id === notice.actorId;
}

export function supervisionCount(petition: Petition): number {
  return petition.events.filter((event) => event.type === 'supervision_issued').length;
}

/** The current stage's written answer and its delivery (Art 35, 36), as far as recorded. */
export interface ReplyDelivery {
  issued: EventOf<'reply_issued'>;
  /** The day it was received, after any correction; null while undelivered. */
  deliveredOn: DateString | null;
  /**
   * Whether a delivery is owed. Not when the petitioner's name or address is unclear (Art 23 ¶2:
   * 无法告知): the answer is kept on file, and a delivery is recorded only if they come forward.
   */
  owed: boolean;
}

/** The last written answer issued, in `replied` or `final`; null in every other state. */
export function replyDelivery(petition: Petition): ReplyDelivery | null {
  if (petition.state !== 'replied' && petition.state !== 'final') return null;
  const index = petition.events.findLastIndex((event) => event.type === 'reply_issued');
  const issued = petition.events[index];
  if (issued?.type !== 'reply_issued') return null;
  let deliveredOn: DateString | null = null;
  for (const event of petition.events.slice(index + 1)) {
    if (event.type === 'reply_delivered' || event.type === 'delivery_corrected')
      deliveredOn = event.data.deliveredOn;
  }
  return { issued, deliveredOn, owed: !petition.contactUnclear };
}

/**
 * Art 18: one responsible leader (包案领导) per case. A leader who has left (the server says whose
 * account is no longer active), or whose ownership ended with its stage (`ownershipHolds`), does
 * not keep the case from being taken over.
 */
export function ownedByActiveLeader(petition: Petition): boolean {
  const leader = petition.responsibleLeaderId;
  return leader !== null && !petition.inactiveStaffIds?.includes(leader) && ownershipHolds(petition);
}

/**
 * Whether the responsible leader's ownership still holds: only in the stage he took the case in.
 * A review or re-examination (Art 35, 36) is the level above's fresh look at the answer he owned
 * and approved; he has a direct interest in it (Art 28), so it needs a leader of its own. A case
 * owned before the events said who took it is taken to be owned in the first stage.
 */
export function ownershipHolds(petition: Petition): boolean {
  const leader = petition.responsibleLeaderId;
  if (leader === null) return false;
  const taken = petition.events.findLast(
    (e) =>
      e.actorId === leader && (e.type === 'case_taken' || (e.type === 'instructed' && e.data.takeOwnership)),
  );
  return (taken?.stage ?? 'first') === petition.stage;
}

/**
 * An unsatisfied rating of a suggestion or an accusation, which no review can answer (Art 35 is
 * for requests), waits for the unit head to decide whether to handle the case again.
 */
export function rehandlingPending(petition: Petition): boolean {
  if (petition.kind === 'request' || petition.state !== 'replied') return false;
  if (petition.ratings[petition.stage]?.rating !== 'unsatisfied') return false;
  const rated = petition.events.findLastIndex((event) => event.type === 'rated');
  return !petition.events.slice(rated + 1).some((event) => event.type === 'rehandling_decided');
}

/** Where an assisting part (协办, Art 24) stands; `withdrawn`: the lead unit took it back. */
export type AssistStatus = 'open' | 'answered' | 'lapsed' | 'withdrawn';

export interface AssistPart {
  no: number;
  unit: UnitRef;
  leadUnitId: string;
  part: string;
  dueDate: DateString;
  status: AssistStatus;
  /** The assisting unit's answer, once given. */
  answer: EventOf<'assist_answered'> | null;
}

/**
 * Every part the lead unit asked assisting units to answer, in order. A part belongs to the lead
 * unit's round: once the case has moved to another unit or stage, or ended, an unanswered part
 * has lapsed — nobody waits for it any more.
 */
export function assistParts(petition: Petition): AssistPart[] {
  const answers = new Map<number, EventOf<'assist_answered'>>();
  const withdrawn = new Set<number>();
  for (const event of petition.events)
    if (event.type === 'assist_answered') answers.set(event.data.no, event);
    else if (event.type === 'assist_withdrawn') withdrawn.add(event.data.no);
  const lead = petition.units.handling?.id ?? null;
  const ended = isTerminal(petition.state);
  return petition.events.flatMap((event) => {
    if (event.type !== 'assist_requested') return [];
    const answer = answers.get(event.data.no) ?? null;
    const current = !ended && event.data.leadUnitId === lead && event.stage === petition.stage;
    const status: AssistStatus = answer
      ? 'answered'
      : withdrawn.has(event.data.no)
        ? 'withdrawn'
        : current
          ? 'open'
          : 'lapsed';
    const { no, unit, leadUnitId, part, dueDate } = event.data;
    return [{ no, unit, leadUnitId, part, dueDate, status, answer }];
  });
}

/** The parts still awaiting their assisting unit's answer: the lead unit's reply waits for them. */
export function openAssists(petition: Petition): AssistPart[] {
  return assistParts(petition).filter((part) => part.status === 'open');
}

/** The deadlines by which the handling unit answers the petitioner, by stage (Art 34, 35, 36). */
const ANSWER_DEADLINES: readonly ClockName[] = ['handling', 'review_answer', 're_examination_answer'];

/**
 * The running deadline of the current stage's answer: 60 days plus an approved extension (Art 34),
 * or the 30 days of a review or re-examination (Art 35, 36); null when none runs.
 */
export function answerDeadline(petition: Petition, calendar: Calendar, now: Instant): Clock | null {
  let first: Clock | null = null;
  for (const clock of clocksOf(petition, calendar, now))
    if (
      clock.finishedAt === null &&
      ANSWER_DEADLINES.includes(clock.name) &&
      (first === null || clock.dueDate < first.dueDate)
    )
      first = clock;
  return first;
}
