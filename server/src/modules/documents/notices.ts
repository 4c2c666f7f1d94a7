import { type Calendar, clocksOf } from '@xinfang/shared/clocks';
import {
  type EventOf,
  holderUnit,
  type Petition,
  type PetitionEvent,
  parentOf,
} from '@xinfang/shared/lifecycle';
import type { DocumentType } from '@xinfang/shared/schemas/documents';
import type { NoticeBody } from './notice-facts';

/** A lifecycle change as the notices see it: the petition before and after, and the events it added. */
export interface LifecycleChange {
  before: Petition | null;
  after: Petition;
  /** The new events, in order; the first has sequence number `before.events.length + 1`. */
  events: readonly PetitionEvent[];
  now: Date;
}

/** A notice the change calls for, before it is numbered. */
export interface PlannedNotice {
  type: DocumentType;
  event: PetitionEvent;
  eventSeq: number;
  /** Who issues it: a unit of the petition, or the unit of the staff member who acted (督办). */
  issuer: { unitId: string } | { staffId: string };
  visibility: 'petitioner' | 'internal';
  /** The body, given the names of the units involved. */
  body(names: UnitNames): NoticeBody;
}

export type UnitNames = (unitId: string) => string;

/**
 * Which written notice each event calls for (信访工作条例 Art 22, 23, 29–36, 40), and who issues it:
 * the routing decisions are the receiving office's notices to the petitioner (Art 22, 23 ¶2), but
 * a diversion the handling unit decides is its own (Art 31); an acceptance is the accepting unit's
 * (Art 23 ¶3); extensions, answers and agreements are the handling unit's (Art 32–36); a
 * supervision notice is the supervisor's unit's (Art 40). Every written answer also gets the
 * 送达回证 form that goes out with it.
 */
export function plannedNotices(change: LifecycleChange, calendar: Calendar): PlannedNotice[] {
  const { after } = change;
  const firstSeq = (change.before?.events.length ?? 0) + 1;
  const now = change.now.toISOString();
  const receiving = { unitId: after.units.receiving.id };
  const handling = { unitId: (after.units.handling ?? after.units.receiving).id };
  const planned: PlannedNotice[] = [];
  const plan = (
    event: PetitionEvent,
    type: DocumentType,
    issuer: PlannedNotice['issuer'],
    body: PlannedNotice['body'],
    visibility: PlannedNotice['visibility'] = 'petitioner',
  ) =>
    planned.push({
      type,
      event,
      eventSeq: firstSeq + change.events.indexOf(event),
      issuer,
      visibility,
      body,
    });
  const dueOf = (name: 'handling') =>
    clocksOf(after, calendar, now).findLast((c) => c.name === name)?.dueDate ?? '';

  for (const event of change.events) {
    switch (event.type) {
      case 'accepted':
        plan(event, 'acceptance_notice', { unitId: event.data.unitId }, (names) => ({
          type: 'acceptance_notice',
          unitName: names(event.data.unitId),
          dueDate: dueOf('handling'),
        }));
        break;
      case 'declined':
        plan(event, 'decline_notice', receiving, () => ({ type: 'decline_notice', ...event.data }));
        break;
      case 'forwarded':
        plan(event, 'forwarding_notice', receiving, () => ({ type: 'forwarding_notice', ...event.data }));
        break;
      case 'assigned':
        plan(event, 'assignment_notice', receiving, (names) => ({
          type: 'assignment_notice',
          unitName: names(event.data.unitId),
        }));
        break;
      case 'diverted':
        // Art 31: the office diverts at triage, the handling unit once it has the case.
        plan(event, 'diversion_notice', handling, () => ({ type: 'diversion_notice', ...event.data }));
        break;
      case 'notified':
        plan(event, 'general_notice', { unitId: holderUnit(after).id }, () => ({
          type: 'general_notice',
          message: event.data.message,
        }));
        break;
      case 'extension_approved':
        plan(event, 'extension_notice', handling, () => ({
          type: 'extension_notice',
          days: event.data.days,
          reason: event.data.reason,
          dueDate: dueOf('handling'),
        }));
        break;
      case 'reply_issued':
        planAnswer(after, event, plan);
        break;
      case 'supervision_issued':
        plan(
          event,
          'supervision_notice',
          { staffId: event.actorId },
          (names) => ({
            type: 'supervision_notice',
            no: event.data.no,
            unitName: names(event.data.unit.id),
            concern: event.data.concern,
            requirements: event.data.requirements,
            dueDate: event.data.dueDate,
          }),
          'internal',
        );
        break;
      case 'mediation_recorded':
        if (event.data.result === 'agreement') {
          const { terms, otherParty } = event.data;
          // The unit the petition concerns; while none was named, the unit that handles it answers
          // for it. Never an accusation's accused unit: it would sign and keep a paper naming the
          // accuser (Art 30; mediation is for requests, Art 33, and `record_mediation` says so).
          const concerned = after.kind === 'accusation' ? null : after.units.concerned;
          plan(event, 'mediation_agreement', handling, (names) => ({
            type: 'mediation_agreement',
            summary: event.data.summary,
            terms: terms ?? '',
            otherParty: otherParty ?? names((concerned ?? after.units.handling ?? after.units.receiving).id),
          }));
        }
        break;
      default:
        break;
    }
  }
  return planned;
}

const ANSWER_TYPE = {
  first: { request: 'decision', suggestion: 'reply', accusation: 'reply' },
  review: { request: 'review_decision', suggestion: 'review_decision', accusation: 'review_decision' },
  re_examination: {
    request: 're_examination_decision',
    suggestion: 're_examination_decision',
    accusation: 're_examination_decision',
  },
} as const;

/**
 * Art 32, 35, 36: the written answer, with the appeal it opens — one level up, or, where the
 * organisation ends above the answering unit, to whoever outside it may hear the matter — and its
 * 送达回证 form.
 */
function planAnswer(
  after: Petition,
  event: EventOf<'reply_issued'>,
  plan: (
    event: PetitionEvent,
    type: DocumentType,
    issuer: PlannedNotice['issuer'],
    body: PlannedNotice['body'],
    visibility?: PlannedNotice['visibility'],
  ) => void,
) {
  const type = ANSWER_TYPE[event.stage][after.kind];
  const above = after.units.handling ? parentOf(after.units.handling) : null;
  const appealable = after.kind === 'request' && event.stage !== 're_examination';
  const issuer = { unitId: event.data.unitId };
  plan(event, type, issuer, (names) => ({
    type,
    letter: event.data.letter,
    appeal: appealable
      ? {
          unitName: above ? names(above.id) : null,
          days: 30,
          kind: event.stage === 'first' ? 'review' : 're_examination',
        }
      : null,
  }));
  plan(
    event,
    'delivery_receipt',
    issuer,
    () => ({ type: 'delivery_receipt', answerTitle: '', answerNumber: null }),
    'internal',
  );
}
