import type { DateString } from '../clocks/dates';
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
 * account is no longer active) does not keep the case from being taken over.
 */
export function ownedByActiveLeader(petition: Petition): boolean {
  const leader = petition.responsibleLeaderId;
  return leader !== null && !petition.inactiveStaffIds?.includes(leader);
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

/** Where an assisting part (协办, Art 24) stands. */
export type AssistStatus = 'open' | 'answered' | 'lapsed';

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
  for (const event of petition.events)
    if (event.type === 'assist_answered') answers.set(event.data.no, event);
  const lead = petition.units.handling?.id ?? null;
  const ended = isTerminal(petition.state);
  return petition.events.flatMap((event) => {
    if (event.type !== 'assist_requested') return [];
    const answer = answers.get(event.data.no) ?? null;
    const current = !ended && event.data.leadUnitId === lead && event.stage === petition.stage;
    const status: AssistStatus = answer ? 'answered' : current ? 'open' : 'lapsed';
    const { no, unit, leadUnitId, part, dueDate } = event.data;
    return [{ no, unit, leadUnitId, part, dueDate, status, answer }];
  });
}

/** The parts still awaiting their assisting unit's answer: the lead unit's reply waits for them. */
export function openAssists(petition: Petition): AssistPart[] {
  return assistParts(petition).filter((part) => part.status === 'open');
}
