import {
  type Calendar,
  type Clock,
  type ClockName,
  clockStatus,
  clocksOf,
  nextDueClock,
  pausedDays,
} from '@xinfang/shared/clocks';
import {
  type AnyActor,
  allowedActions,
  appealUnitOf,
  type Channel,
  type EventDataMap,
  type EventType,
  holderUnit,
  type Petition,
  type PetitionEvent,
  type PetitionKind,
  type PetitionState,
  type Stage,
} from '@xinfang/shared/lifecycle';
import { maskIdNumber, maskPhone } from '@xinfang/shared/masking';
import { petitionerDate } from '@xinfang/shared/petitioner-date';
import type {
  Attachment,
  ClockView,
  PetitionDetail,
  PetitionSummary,
  TimelineEvent,
} from '@xinfang/shared/schemas/petitions';
import { accuserHiddenFor } from '../../access/accuser-firewall';
import type { Principal } from '../../access/principal';
import { pathIds } from '../../db/subtree';
import { coHandlingView } from './co-handling.view';
import type { PetitionRecord } from './petition.repository';

/**
 * What a viewer sees of a petition. The petitioner sees their own case without internal events;
 * staff see everything, with phone and ID numbers masked, and nothing of who the accuser is when
 * they work in the accused unit (Art 30).
 */
export interface UnitNames {
  /** `path` (org_unit.path) where the reader read it: a list line tells from it where to appeal. */
  get(id: string): { id: string; code: string; name: string; path?: string } | undefined;
}

export interface ViewContext {
  viewer: Principal;
  actor: AnyActor;
  now: Date;
  calendar: Calendar;
  units: UnitNames;
  /** Display names of the staff who acted, by id. */
  staffNames: Map<string, string>;
}

/**
 * Clocks that run on internal events, which the petitioner never sees (EVENT_VISIBILITY): a
 * supervision notice (Art 40) is between the petition office and the unit, so its answer's due
 * date is not shown to the petitioner either — nor to anyone looking the case up by its code.
 */
const INTERNAL_CLOCKS: readonly Clock['name'][] = ['supervision_answer'];

/** The clocks a viewer may see: all of them for staff, the others for petitioners and lookups. */
export function clocksFor(clocks: readonly Clock[], viewer: Principal | null): Clock[] {
  return viewer?.kind === 'staff' ? [...clocks] : clocks.filter((c) => !INTERNAL_CLOCKS.includes(c.name));
}

export function clockView(clock: Clock, now: string, calendar: Calendar): ClockView {
  const paused = pausedDays(clock, now);
  return {
    name: clock.name,
    article: clock.article,
    kind: clock.kind,
    stage: clock.stage,
    start: clock.start,
    dueDate: clock.dueDate,
    due: clock.due,
    finishedAt: clock.finishedAt,
    met: clock.met,
    status: clockStatus(clock, now, calendar),
    calendarComplete: clock.calendarComplete,
    ...(paused === null ? {} : { pausedDays: paused }),
  };
}

export function unitSummary(units: UnitNames, id: string) {
  const unit = units.get(id);
  return unit
    ? { id: unit.id, code: unit.code, name: unit.name }
    : { id, code: '', name: '（已撤销的单位）' };
}

/** Whether a 复查/复核 must go outside the organisation (`appealUnitOf`); nothing when unknown. */
function noHigherUnitOf(units: UnitNames, handlingId: string | null): { noHigherUnit?: boolean } {
  const path = handlingId === null ? undefined : units.get(handlingId)?.path;
  return handlingId === null || path === undefined
    ? {}
    : { noHigherUnit: appealUnitOf({ id: handlingId, path: pathIds(path) }) === null };
}

/** What a list's line needs: no staff names, and no units but the petition's own. */
export type SummaryContext = Pick<ViewContext, 'viewer' | 'now' | 'calendar' | 'units'>;

/**
 * A petition's running clock due first among those `include` accepts: counted from its events
 * (`nextDueClock`) or, in a list, from the running clocks kept with it (`nextDueAmong`).
 */
export type NextDue = (include: (clock: { name: ClockName; kind: Clock['kind'] }) => boolean) => Clock | null;

/**
 * A petition's line in a list, from its row's own columns (the write path writes them with its
 * lifecycle, the receiving unit too when an accusation goes up) and its next date.
 */
export function toSummary(row: SummaryColumns, nextDue: NextDue, context: SummaryContext): PetitionSummary {
  const now = context.now.toISOString();
  // The next date only: a list counts the due dates of running clocks, not of every clock. Staff
  // get their next deadline; a petitioner the one date their case page tells them too.
  const first =
    context.viewer.kind === 'staff' ? nextDue((clock) => clock.kind === 'deadline') : petitionerDate(nextDue);
  return {
    id: row.id,
    number: row.number,
    kind: row.kind as PetitionKind,
    channel: row.channel as Channel,
    categoryCode: row.category_code,
    title: row.title,
    state: row.state as PetitionState,
    stage: row.stage as Stage,
    version: row.version,
    receivedAt: row.received_at,
    holder: unitSummary(context.units, holderOf(row)),
    nextDue: first ? clockView(first, now, context.calendar) : null,
    ...noHigherUnitOf(context.units, row.handling_unit_id),
  };
}

/** The columns a list's line is made of (`toSummary`). */
export type SummaryColumns = Pick<
  PetitionRecord,
  | 'id'
  | 'number'
  | 'category_code'
  | 'title'
  | 'kind'
  | 'channel'
  | 'state'
  | 'stage'
  | 'version'
  | 'received_at'
  | 'receiving_unit_id'
  | 'handling_unit_id'
>;

/** The id of the unit holding the case now (`holderUnit`), from its row. */
export function holderOf(
  row: Pick<SummaryColumns, 'state' | 'receiving_unit_id' | 'handling_unit_id'>,
): string {
  return holderUnit({
    state: row.state,
    units: { receiving: row.receiving_unit_id, handling: row.handling_unit_id },
  });
}

export interface PetitionerFacts {
  realName: string | null;
  phone: string | null;
  idNumber: string | null;
  address: string | null;
  worker: boolean;
}

export function toDetail(
  row: PetitionRecord,
  petition: Petition,
  context: ViewContext,
  extra: {
    petitioner: PetitionerFacts | null;
    attachments: Attachment[];
    links: PetitionDetail['links'];
  },
): PetitionDetail {
  const now = context.now.toISOString();
  const viewer = context.viewer;
  const isPetitioner = viewer.kind === 'petitioner';
  const withheld = accuserHiddenFor(petition, viewer);
  const { receiving, concerned, handling } = petition.units;
  // Counted once: the summary's next date is picked from the same clocks (clocksOf keeps them).
  const clocks = clocksOf(petition, context.calendar, now);
  const nextDue: NextDue = (include) => nextDueClock(petition, context.calendar, now, include);
  // Assigned onto the summary, not spread with it: Node 20's V8 makes a new hidden class for every
  // key added after a leading spread, 20–30 µs per detail (docs/benchmarks.md, round 21).
  return Object.assign(toSummary(row, nextDue, context), {
    content: row.content,
    location: row.location,
    contactUnclear: petition.contactUnclear,
    collective: petition.collective && {
      headcount: petition.collective.headcount,
      // Art 30: not even masked — in a team a surname and a last character name the person.
      representatives: withheld ? [] : [...petition.collective.representatives],
    },
    units: {
      receiving: unitSummary(context.units, receiving.id),
      concerned: concerned ? unitSummary(context.units, concerned.id) : null,
      handling: handling ? unitSummary(context.units, handling.id) : null,
    },
    petitioner:
      isPetitioner || withheld || !extra.petitioner
        ? null
        : {
            id: petition.petitionerId,
            realName: extra.petitioner.realName,
            phone: extra.petitioner.phone && maskPhone(extra.petitioner.phone),
            idNumber: extra.petitioner.idNumber && maskIdNumber(extra.petitioner.idNumber),
            address: extra.petitioner.address,
            worker: extra.petitioner.worker,
          },
    identityWithheld: withheld,
    noHigherUnit: appealUnitOf(handling) === null,
    clocks: clocksFor(clocks, viewer).map((clock) => clockView(clock, now, context.calendar)),
    timeline: timelineFor(petition.events, context, context.units, withheld),
    attachments: withheld ? [] : extra.attachments,
    links: isPetitioner ? [] : extra.links,
    ...(viewer.kind === 'staff' && petition.responsibleLeaderId
      ? {
          responsibleLeader: {
            id: petition.responsibleLeaderId,
            name: context.staffNames.get(petition.responsibleLeaderId) ?? '包案领导',
          },
        }
      : {}),
    ...coHandlingView(petition, context),
    allowedActions: allowedActions(petition, context.actor, now, context.calendar).map((action) => ({
      type: action.type,
      label: action.label,
      params: action.params.map((param) => ({ ...param }) as Record<string, unknown>),
    })),
  });
}

/**
 * What each petitioner-visible event tells the petitioner (and, narrower still, a lookup): the
 * keys of its data, nothing else. A new key stays with staff until it is listed here, so a staff
 * remark (a delivery's 说明) never reaches the petitioner (events.ts: nothing internal). A type not
 * listed shows no data.
 */
export const PETITIONER_DATA: { readonly [T in EventType]?: readonly (keyof EventDataMap[T])[] } = {
  // Not `receivedByLeader`: which leader received the visit is the office's record (Art 18).
  registered: [
    'kind',
    'channel',
    'receivedAt',
    'receivingUnitId',
    'concernedUnitId',
    'collective',
    'contactUnclear',
    'handedUpFrom',
  ],
  notified: ['message'],
  forwarded: ['recipientOrgan', 'reason'],
  assigned: ['unitId', 'reportBackBy'],
  diverted: ['route', 'guidance'],
  declined: ['ground', 'reason', 'guidance'],
  accepted: ['unitId'],
  concerned_unit_set: ['unitId', 'previousUnitId', 'handedUpTo'],
  message_sent: ['text'],
  petitioner_wrote: ['text', 'attachmentIds'],
  hearing_scheduled: ['scheduledFor', 'place'],
  hearing_held: ['summary'],
  mediation_recorded: ['result', 'summary', 'terms', 'otherParty'],
  extension_approved: ['days', 'reason'],
  reply_issued: ['letter', 'unitId'],
  reply_delivered: ['method', 'deliveredOn', 'postedOn', 'receiptAttachmentId'],
  delivery_corrected: ['deliveredOn', 'previousOn', 'reason', 'receiptAttachmentId'],
  rated: ['rating', 'comment'],
  review_requested: ['reason', 'answeringUnitId', 'unitId', 'channel', 'receivedOn'],
  re_examination_requested: ['reason', 'answeringUnitId', 'unitId', 'channel', 'receivedOn'],
  withdrawn: ['reason'],
  closed: ['outcome', 'lapsed'],
  rehandling_notified: ['rehandle', 'toPetitioner'],
  forward_outcome_recorded: ['outcome', 'receivedOn'],
  suggestion_rewarded: ['reward', 'description', 'unitId', 'outcome'],
};

function petitionerData(event: PetitionEvent): Record<string, unknown> {
  const allowed: readonly string[] = PETITIONER_DATA[event.type] ?? [];
  return Object.fromEntries(Object.entries(event.data).filter(([key]) => allowed.includes(key)));
}

/** The unit an event is about: the one assigned, accepting, answering or appealed to. */
export function eventUnitId(event: PetitionEvent): string | null {
  const data = event.data as { unitId?: unknown; unit?: { id?: unknown } };
  if (typeof data.unitId === 'string') return data.unitId;
  return typeof data.unit?.id === 'string' ? data.unit.id : null;
}

/** The events a viewer may read, in order. Petitioners see only what is addressed to them. */
export function timelineFor(
  events: readonly PetitionEvent[],
  context: Pick<ViewContext, 'viewer' | 'staffNames'> | null,
  units: UnitNames,
  withheld = false,
): TimelineEvent[] {
  const forStaff = context?.viewer.kind === 'staff';
  return events.flatMap((event, index) => {
    if (!forStaff && event.visibility !== 'petitioner') return [];
    const data = forStaff ? { ...(event.data as Record<string, unknown>) } : petitionerData(event);
    if (forStaff && event.type === 'handler_set') {
      const names = context?.staffNames ?? new Map<string, string>();
      data.staffName = names.get(event.data.staffId) ?? '工作人员';
      if (event.data.previousStaffId)
        data.previousStaffName = names.get(event.data.previousStaffId) ?? '工作人员';
    }
    // Who the case was referred to, and, when the office passed it on, who is no longer asked.
    if (forStaff && event.type === 'referred') {
      const names = context?.staffNames ?? new Map<string, string>();
      data.leaderName = names.get(event.data.leaderId) ?? '领导';
      if (event.data.previousLeaderId)
        data.previousLeaderName = names.get(event.data.previousLeaderId) ?? '领导';
    }
    if (withheld && event.type === 'registered' && event.data.collective) {
      data.collective = { ...event.data.collective, representatives: [] };
    }
    // Art 30: the accuser's materials (补充材料) are not shown to whom the accuser is hidden from.
    if (withheld && event.type === 'petitioner_wrote' && event.data.attachmentIds) data.attachmentIds = [];
    return [
      {
        seq: index + 1,
        type: event.type,
        at: event.at,
        stage: event.stage,
        actorRole: event.actorRole,
        actor: forStaff ? actorOf(event, context?.staffNames ?? new Map(), withheld) : null,
        visibility: event.visibility,
        unit: unitOf(units, eventUnitId(event)),
        data,
      },
    ];
  });
}

function unitOf(units: UnitNames, id: string | null) {
  return id === null ? null : (units.get(id) ?? null);
}

function actorOf(event: PetitionEvent, staffNames: Map<string, string>, withheld: boolean) {
  if (event.actorRole === 'system') return { id: 'system', name: '系统' };
  if (event.actorRole === 'petitioner')
    return withheld ? { id: '', name: '信访人' } : { id: event.actorId, name: '信访人' };
  return { id: event.actorId, name: staffNames.get(event.actorId) ?? '工作人员' };
}
