import type { DateString, Instant } from '../clocks/dates';
import type { ReplyWindow } from '../clocks/definitions';
import type { UnitRef } from './units';
import type {
  ActorRole,
  Channel,
  DeclineGround,
  DeliveryMethod,
  DeskChannel,
  DiversionRoute,
  MediationResult,
  PetitionKind,
  Rating,
  ReplyOutcome,
  RewardKind,
  Stage,
  SupervisionConcern,
  SupervisionReview,
} from './vocabulary';

/** A decision letter (信访处理意见书), structured as Art 32 asks (Art 29 for suggestions). */
export interface DecisionLetter {
  request: string;
  factsAndReasons: string;
  decision: string;
  /** Required for requests (Art 32), optional otherwise. */
  legalBasis: string | null;
  outcome: ReplyOutcome;
}

/**
 * A request for review or re-examination (Art 35, 36), to the unit above the one that answered.
 * Made by letter, visit, call, fax or e-mail (Art 17), the reviewing unit's reception records it
 * for the petitioner, with the channel and the day it arrived (the window is judged on that day).
 */
export interface AppealRequested {
  reason: string;
  answeringUnitId: string;
  unitId: string;
  channel?: DeskChannel;
  receivedOn?: DateString;
}

/**
 * The leader who received a visit on a reception day (领导接访, Art 18), and the day. The name is
 * the one the day was published with: the record says who received, as it was that day.
 */
export interface ReceivedByLeader {
  leaderId: string;
  leaderName: string;
  dayId: string;
  date: DateString;
}

/** The data each event type carries. Petitioner-visible events carry nothing internal. */
export interface EventDataMap {
  registered: {
    kind: PetitionKind;
    channel: Channel;
    receivedAt: Instant;
    receivingUnitId: string;
    concernedUnitId: string | null;
    collective: { headcount: number; representatives: string[] } | null;
    contactUnclear: boolean;
    /** The desk that registered an accusation about its own unit, which goes up (Art 30). */
    handedUpFrom?: string;
    /** A visit a leader received on his reception day (Art 18): who, which day, on what date. */
    receivedByLeader?: ReceivedByLeader;
  };
  notified: { message: string };
  forwarded: { recipientOrgan: string; reason: string };
  assigned: { unitId: string; reportBackBy: DateString };
  /** `previousLeaderId`: the office passed a referred case on to another leader. */
  referred: { leaderId: string; note: string | null; previousLeaderId?: string };
  instructed: { instruction: string; takeOwnership: boolean };
  diverted: { route: DiversionRoute; guidance: string };
  /** `guidance`: where to turn instead (Art 22–23); absent when none was asked or given. */
  declined: { ground: DeclineGround; reason: string; guidance?: string };
  accepted: { unitId: string };
  /**
   * The petition office names (or corrects) the unit the petition is about; an accusation about
   * the office's own unit goes up to the top of the organisation with it (Art 30).
   */
  concerned_unit_set: { unitId: string; previousUnitId: string | null; handedUpTo?: string };
  objected: { reasons: string };
  objection_agreed: { note: string | null };
  objection_overruled: { reasons: string; unitId: string };
  note_added: { text: string };
  message_sent: { text: string };
  /** `attachmentIds`: uploads sent with it (补充材料); absent when none were. */
  petitioner_wrote: { text: string; attachmentIds?: string[] };
  investigation_recorded: { summary: string };
  hearing_scheduled: { scheduledFor: Instant; place: string };
  hearing_held: { summary: string };
  mediation_recorded: {
    result: MediationResult;
    summary: string;
    /** Art 33, for an agreement: its terms, the other party, and that both parties confirmed it. */
    terms?: string | null;
    otherParty?: string | null;
  };
  extension_requested: { days: number; reason: string };
  extension_approved: { days: number; reason: string };
  extension_refused: { reason: string };
  reply_drafted: { letter: DecisionLetter };
  reply_approved: Record<string, never>;
  reply_returned: { reason: string };
  reply_issued: { letter: DecisionLetter; unitId: string };
  /** Art 35, 36: the day the written answer was received starts the petitioner's window. */
  reply_delivered: {
    method: DeliveryMethod;
    deliveredOn: DateString;
    /** By post: the posting date (the received date is the postal receipt's). */
    postedOn: DateString | null;
    /** The scanned 送达回证 (in person) or postal receipt, an attachment of this petition. */
    receiptAttachmentId: string | null;
    note: string | null;
  };
  /** A unit head's correction of the delivery date, with the reason; the window moves with it. */
  delivery_corrected: {
    deliveredOn: DateString;
    previousOn: DateString;
    reason: string;
    /** The scanned 送达回证 or postal receipt that an earlier date rests on (absent before 2026-12). */
    receiptAttachmentId?: string | null;
  };
  rated: { rating: Rating; comment: string | null };
  review_requested: AppealRequested;
  re_examination_requested: AppealRequested;
  withdrawn: { reason: string | null };
  /** `lapsed`: the petitioner's window whose end closed the case (recorded since issue 11). */
  closed: { outcome: 'resolved' | 'concluded'; lapsed?: ReplyWindow };
  supervision_issued: {
    no: number;
    /** The unit holding the case when supervised, which must answer. */
    unit: UnitRef;
    /** The supervisor's unit, which reviews the answer (absent on older notices). */
    issuingUnit?: UnitRef;
    concern: SupervisionConcern;
    requirements: string;
    dueDate: DateString;
  };
  supervision_answered: { no: number; answer: string };
  /** Art 40: the issuing unit's review; a returned answer is owed again by `dueDate`. */
  supervision_reviewed: {
    no: number;
    decision: SupervisionReview;
    note: string | null;
    /** Set when returned: the date the new answer is due. */
    dueDate: DateString | null;
  };
  /**
   * Art 28: `recusingUnit` is the unit of whoever decided it, whose head (or one above) may lift
   * it; absent on recusals recorded before 2026-12.
   */
  recused: { staffId: string; reason: string; recusingUnit?: UnitRef };
  /** Art 28: a recusal lifted, with the reason, by whoever decided it or a head above them. */
  recusal_lifted: { staffId: string; reason: string };
  /** The unit head's decision after an unsatisfied rating that cannot be appealed. */
  rehandling_decided: { rehandle: boolean; reason: string };
  /**
   * The same decision as the petitioner is told it: `toPetitioner` is the explanation written for
   * him (告知信访人的说明), never the internal reason; null when handling again without one.
   * Absent on decisions recorded before 2026-12, which the petitioner did not see.
   */
  rehandling_notified: { rehandle: boolean; toPetitioner: string | null };
  /** Art 22: what the organ a case was forwarded to did with it, and when the office learnt it. */
  forward_outcome_recorded: { outcome: string; receivedOn: DateString };
  /** 包案 (Art 18): the actor became the case's responsible leader, with the plan to resolve it. */
  case_taken: {
    plan: string;
    /** Set when the case was taken over from a leader whose account is no longer active. */
    previousLeaderId?: string;
  };
  /**
   * Art 18: the responsible leader handed his 包案 back, with the reason (the event's actor is he);
   * the case has no 包案领导 until a leader takes it.
   */
  case_released: { reason: string };
  /** Art 24: the unit head names (or changes, with a reason) the person answering for the case. */
  handler_set: { staffId: string; previousStaffId: string | null; reason: string | null };
  /** Art 24 (协同): the lead unit asks an assisting unit to answer a part by a date. */
  assist_requested: { no: number; unit: UnitRef; leadUnitId: string; part: string; dueDate: DateString };
  assist_answered: { no: number; unitId: string; answer: string; attachmentIds: string[] };
  /** The lead unit withdraws (撤回) an unanswered part, with its reason: nobody waits for it any more. */
  assist_withdrawn: { no: number; unitId: string; reason: string };
  /**
   * Art 29: the unit that answered rewarded the petitioner for the suggestion it adopted (in whole
   * or in part, `outcome`), with what it gave; told to the petitioner in plain words.
   */
  suggestion_rewarded: {
    reward: RewardKind;
    description: string;
    unitId: string;
    outcome: 'adopted' | 'partly_adopted';
  };
}

export type EventType = keyof EventDataMap;
export type Visibility = 'petitioner' | 'internal';

/**
 * Who may read each event type. Internal events never reach the petitioner (notes, routing
 * disputes, drafts, supervision); Art 34 makes an approved extension's reason petitioner-visible.
 */
export const EVENT_VISIBILITY: Readonly<Record<EventType, Visibility>> = {
  registered: 'petitioner',
  notified: 'petitioner',
  forwarded: 'petitioner',
  assigned: 'petitioner',
  referred: 'internal',
  instructed: 'internal',
  diverted: 'petitioner',
  declined: 'petitioner',
  accepted: 'petitioner',
  concerned_unit_set: 'petitioner',
  objected: 'internal',
  objection_agreed: 'internal',
  objection_overruled: 'internal',
  note_added: 'internal',
  message_sent: 'petitioner',
  petitioner_wrote: 'petitioner',
  investigation_recorded: 'internal',
  hearing_scheduled: 'petitioner',
  hearing_held: 'petitioner',
  mediation_recorded: 'petitioner',
  extension_requested: 'internal',
  extension_approved: 'petitioner',
  extension_refused: 'internal',
  reply_drafted: 'internal',
  reply_approved: 'internal',
  reply_returned: 'internal',
  reply_issued: 'petitioner',
  reply_delivered: 'petitioner',
  delivery_corrected: 'petitioner',
  rated: 'petitioner',
  review_requested: 'petitioner',
  re_examination_requested: 'petitioner',
  withdrawn: 'petitioner',
  closed: 'petitioner',
  supervision_issued: 'internal',
  supervision_answered: 'internal',
  supervision_reviewed: 'internal',
  recused: 'internal',
  recusal_lifted: 'internal',
  rehandling_decided: 'internal',
  rehandling_notified: 'petitioner',
  forward_outcome_recorded: 'petitioner',
  case_taken: 'internal',
  case_released: 'internal',
  handler_set: 'internal',
  assist_requested: 'internal',
  assist_answered: 'internal',
  assist_withdrawn: 'internal',
  suggestion_rewarded: 'petitioner',
};

interface EventBase {
  at: Instant;
  actorId: string;
  actorRole: ActorRole;
  visibility: Visibility;
  /** The round the event belongs to (an appeal request belongs to the round it opens). */
  stage: Stage;
}

export type PetitionEvent = {
  [T in EventType]: EventBase & { type: T; data: EventDataMap[T] };
}[EventType];

export type EventOf<T extends EventType> = Extract<PetitionEvent, { type: T }>;

/** An event before it is stamped with time, actor, visibility and stage. */
export type EventDraft = { [T in EventType]: { type: T; data: EventDataMap[T] } }[EventType];
