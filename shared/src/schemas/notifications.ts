import { type Static, Type } from 'typebox';
import { StringEnum } from './string-enum';

/**
 * Notifications: what the system tells people (the message centre, WeChat subscribe messages, SMS),
 * their choices, and the outbox administrators watch. Every event a person can be told about is
 * named here once; the server composes the words, the mini-program shows them.
 */

/** What a petitioner is told. Statutory notices (see `STATUTORY_EVENTS`) cannot be turned off. */
export const PETITIONER_EVENTS = [
  'received',
  'accepted',
  // Written notices at triage that stop the notice clock (Art 22, 23): handed to a unit (交办),
  // or another written notice (书面告知).
  'assigned',
  'notified',
  'declined',
  'diverted',
  'forwarded',
  'extension_approved',
  // A hearing (听证) set: when and where.
  'hearing_scheduled',
  'reply_issued',
  'review_answered',
  're_examination_answered',
  'answer_received',
  'handler_message',
  'rate_invitation',
  'appeal_reminder',
  // A review or re-examination request has arrived (asked in the app, or recorded from a letter or
  // a visit): who answers it and by when.
  'appeal_received',
  'content_held',
  'booking_reminder',
  // Art 29: the unit rewarded the petitioner for a suggestion it adopted.
  'suggestion_rewarded',
  // A booked reception day will not take place (Art 18): the desk cancelled it, with its reason
  // (the booking ended with it), or its leader can no longer receive (the booking still stands).
  'reception_day_cancelled',
  'reception_leader_unavailable',
  // The desk changed a booked reception day (its date, times, place or leader): the booking
  // follows it, or — the new slot having fewer places — could not be kept and ended.
  'reception_day_changed',
  // After an unsatisfied rating of a suggestion or an accusation: whether it is handled again.
  'rehandling_decided',
  // The desk found that a registration this account confirmed is someone else's (认领有误): it
  // left the account. No number, no link: the case is not his to learn more of.
  'claim_undone',
] as const;

/** What staff are told. */
export const STAFF_EVENTS = [
  'case_new',
  'case_assigned',
  'case_referred',
  'objection_answered',
  'approval_waiting',
  'supervision_notice',
  'content_review',
  'daily_digest',
  'delivery_pending',
  'escalation',
  'follow_up_due',
  'forward_outcome_due',
  // A unit head's re-handling decision after an unsatisfied rating, due or overdue.
  'rehandling_due',
  'screening_overdue',
  'suggestion_overdue',
  // Art 24: a case's 承办人 named; a unit asked to answer a part of another unit's case (协办).
  'handler_named',
  'assist_requested',
  'assist_overdue',
  // The lead unit took back a part it had asked (撤回): it leaves the assisting unit's list.
  'assist_withdrawn',
  // Work waiting on someone: an objection to decide, a draft returned to its drafter, an approved
  // answer to issue, an extension refused, the petitioner wrote, the petition withdrawn.
  'objection_raised',
  'reply_returned',
  'reply_ready',
  'extension_refused',
  'petitioner_wrote',
  'case_withdrawn',
  // The holder of the phone a desk registered said the petition is not his: the desk that
  // registered it must find the real petitioner (its number only, never the phone or name).
  'registration_disowned',
  // Art 40: a 督办单 answered, for the supervisor who issued it to review; an answer returned, owed
  // again by the supervised unit with the reviewer's note and the new date.
  'supervision_answered',
  'supervision_returned',
  // Art 22: a leader's instruction (批示) sends the case back to the receiving office, its 15 days
  // still running; Art 24: a 协办 part answered, for the lead unit; a unit head decided to handle a
  // case again after an unsatisfied rating, for its 承办人.
  'case_returned',
  'assist_answered',
  'rehandling_started',
  // Art 24: a case's 承办人 whose account was disabled no longer answers for it: the handling
  // unit's head names another.
  'handler_released',
  // Art 24: the unit head handed the cases a 承办人 answered for to another (一键移交): he is told
  // of each case he no longer answers for (its new 承办人 is told by `handler_named`).
  'case_handed_over',
  // Art 18: a 包案领导 handed a case back (交出包案): the head of the unit holding it arranges
  // another leader, told the reason.
  'case_released',
] as const;

export const NOTIFICATION_EVENTS = [...PETITIONER_EVENTS, ...STAFF_EVENTS] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

/**
 * Notices the statute owes the petitioner: whether it is accepted (Art 22, 23 — accepted,
 * assigned, notified, declined, diverted, forwarded), a hearing set (Art 31, 36), an extension
 * with its reason (Art 34) and each written answer (Art 32, 35, 36). They always reach the message centre and one outside channel when the person has one.
 * Acknowledgements the statute does not ask for — a petition registered (`received`), an appeal
 * arrived (`appeal_received`: Art 35, 36 owe the answer, not a receipt) — the person may turn off.
 */
export const STATUTORY_EVENTS: readonly NotificationEvent[] = [
  'accepted',
  'assigned',
  'notified',
  'declined',
  'diverted',
  'forwarded',
  'hearing_scheduled',
  'extension_approved',
  'reply_issued',
  'review_answered',
  're_examination_answered',
];

export const NotificationEventSchema = StringEnum(NOTIFICATION_EVENTS);

export const NotificationSchema = Type.Object({
  id: Type.String(),
  event: NotificationEventSchema,
  title: Type.String(),
  body: Type.String(),
  /** The petition it is about, if any (a digest is about several). */
  petitionId: Type.Union([Type.String(), Type.Null()]),
  petitionNumber: Type.Union([Type.String(), Type.Null()]),
  statutory: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
  readAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  /** The mini-program page it opens, as a tap on its WeChat message does (an assisting unit's list). */
  page: Type.String(),
});
export type Notification = Static<typeof NotificationSchema>;

export const NotificationListQuerySchema = Type.Object({
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })),
});

export const NotificationPageSchema = Type.Object({
  items: Type.Array(NotificationSchema),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
  /** How many of the person's messages are unread, all pages together. */
  unread: Type.Integer({ minimum: 0 }),
});
export type NotificationPage = Static<typeof NotificationPageSchema>;

export const MarkReadBodySchema = Type.Union([
  Type.Object(
    { ids: Type.Array(Type.String({ minLength: 1, maxLength: 26 }), { minItems: 1, maxItems: 100 }) },
    { additionalProperties: false },
  ),
  Type.Object({ all: Type.Literal(true) }, { additionalProperties: false }),
]);
export type MarkReadBody = Static<typeof MarkReadBodySchema>;

export const UnreadSchema = Type.Object({ unread: Type.Integer({ minimum: 0 }) });

/** The outside channels a notification can travel by. The message centre always has it. */
export const OUTSIDE_CHANNELS = ['wechat', 'sms'] as const;
export type OutsideChannel = (typeof OUTSIDE_CHANNELS)[number];

/** A WeChat subscription template the person may be asked to accept, and how many sends remain. */
export const SubscriptionTemplateSchema = Type.Object({
  templateId: Type.String(),
  /** One-time subscriptions accepted and not yet used. */
  remaining: Type.Integer({ minimum: 0 }),
  events: Type.Array(NotificationEventSchema),
});

export const NotificationSettingsSchema = Type.Object({
  /** Receive messages the statute does not require (received, messages, reminders) outside the app. */
  nonStatutory: Type.Boolean(),
  /** The outside channel preferred when both are possible. */
  channel: StringEnum(OUTSIDE_CHANNELS),
  /** Which channels this person can be reached by at all (WeChat needs a WeChat sign-in, SMS a phone). */
  available: Type.Object({ wechat: Type.Boolean(), sms: Type.Boolean() }),
  /** The subscription templates to ask for on weapp (at most 3 per request, as WeChat allows). */
  subscriptions: Type.Array(SubscriptionTemplateSchema),
});
export type NotificationSettings = Static<typeof NotificationSettingsSchema>;

export const NotificationSettingsBodySchema = Type.Object(
  { nonStatutory: Type.Boolean(), channel: StringEnum(OUTSIDE_CHANNELS) },
  { additionalProperties: false },
);
export type NotificationSettingsBody = Static<typeof NotificationSettingsBodySchema>;

/** When the mini-program asked (the moments people expect: after submitting, on a detail, after a reply). */
export const SUBSCRIBE_MOMENTS = ['submitted', 'detail', 'reply'] as const;

/** What `wx.requestSubscribeMessage` answered, template by template. */
export const SubscriptionResultBodySchema = Type.Object(
  {
    moment: StringEnum(SUBSCRIBE_MOMENTS),
    results: Type.Record(
      Type.String({ minLength: 1, maxLength: 64 }),
      StringEnum(['accept', 'reject', 'ban', 'filter']),
      { maxProperties: 3 },
    ),
  },
  { additionalProperties: false },
);
export type SubscriptionResultBody = Static<typeof SubscriptionResultBodySchema>;

export const SubscriptionsSchema = Type.Object({ subscriptions: Type.Array(SubscriptionTemplateSchema) });

export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'dead', 'fallback', 'cancelled'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** An outbox row as administrators see it: no text, no address, no petition — only the delivery. */
export const OutboxItemSchema = Type.Object({
  id: Type.String(),
  channel: Type.String(),
  event: Type.String(),
  recipientType: StringEnum(['petitioner', 'staff']),
  status: StringEnum(OUTBOX_STATUSES),
  statutory: Type.Boolean(),
  attempts: Type.Integer(),
  lastError: Type.Union([Type.String(), Type.Null()]),
  dueAt: Type.String({ format: 'date-time' }),
  createdAt: Type.String({ format: 'date-time' }),
  sentAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  /**
   * Another delivery of the same notice that was sent (`sent`) or waits to go: a WeChat notice
   * handed to SMS. This one is then never sent again (it would tell the person twice).
   */
  handedTo: Type.Union([
    Type.Object({ channel: StringEnum(OUTSIDE_CHANNELS), sent: Type.Boolean() }),
    Type.Null(),
  ]),
});
export type OutboxItem = Static<typeof OutboxItemSchema>;

export const OutboxListQuerySchema = Type.Object({
  status: StringEnum(['dead', 'pending']),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
});

export const OutboxPageSchema = Type.Object({
  items: Type.Array(OutboxItemSchema),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
export type OutboxPage = Static<typeof OutboxPageSchema>;

/**
 * The values a notification offers to provider templates (WeChat fields, SMS parameters), by name.
 * None is personal: the petition number, a short status (≤ 5 Chinese characters), a short detail, a
 * date, a time, a unit's name, a count.
 */
export const TEMPLATE_VALUES = ['number', 'status', 'detail', 'date', 'time', 'unit', 'count'] as const;
export type TemplateValue = (typeof TEMPLATE_VALUES)[number];

/** A WeChat content-security verdict that holds something a petitioner wrote or uploaded for review. */
export const ContentCheckSchema = Type.Object({
  id: Type.String(),
  petitionId: Type.String(),
  petitionNumber: Type.String(),
  subject: StringEnum(['petition', 'message', 'photo']),
  status: StringEnum(['pending', 'passed', 'held', 'released', 'unchecked']),
  /** WeChat's suggestion (`review`, `risky`) and label (20001 politics, 20002 porn, 20006 crime…). */
  suggest: Type.Union([Type.String(), Type.Null()]),
  label: Type.Union([Type.Integer(), Type.Null()]),
  /** The attachment, for a photo. */
  attachmentId: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  checkedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type ContentCheck = Static<typeof ContentCheckSchema>;

export const ContentCheckListSchema = Type.Object({ items: Type.Array(ContentCheckSchema) });
