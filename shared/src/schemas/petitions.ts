import { type Static, Type } from 'typebox';
import { CLOCK_NAMES } from '../clocks/definitions';
import { CLOCK_STATUSES } from '../clocks/status';
import {
  ATTACHMENTS_MAX,
  CASE_ACTION_TYPES,
  CONTENT_MAX,
  ID_MAX,
  REPRESENTATIVES_MAX,
  TITLE_MAX,
} from '../lifecycle/action-specs';
import { PETITION_STATES } from '../lifecycle/states';
import { CHANNELS, PETITION_KINDS, STAGES } from '../lifecycle/vocabulary';
import { ACTION_BODY_SCHEMAS, type CaseActionBody } from './actions';
import { CalendarInstantSchema } from './calendar-date';
import { AssistPartSchema } from './co-handling';
import { PublicDocumentSchema } from './documents';
import { IdNumberSchema, PhoneSchema, StaffRoleSchema, UnitSummarySchema } from './identity';
import { NotBlank } from './not-blank';
import { statuteLimit } from './statute';
import { StringEnum } from './string-enum';

/** The API's view of petitions: what petitioners and staff send and receive. */

const Id = Type.String({ minLength: 1, maxLength: ID_MAX });

export const PetitionKindSchema = StringEnum(PETITION_KINDS);
export const ChannelSchema = StringEnum(CHANNELS);
export const PetitionStateSchema = StringEnum(PETITION_STATES);
export const StageSchema = StringEnum(STAGES);

const PetitionContent = {
  kind: PetitionKindSchema,
  /**
   * The unit the petition is about (for accusations: the accused unit, kept from it by Art 30).
   * Left out when the petitioner does not know: the petition office names it while triaging.
   */
  concernedUnitId: Type.Optional(Id),
  categoryCode: Type.String({ minLength: 1, maxLength: 32 }),
  title: NotBlank(TITLE_MAX, '标题'),
  content: NotBlank(CONTENT_MAX, '信访内容'),
  location: Type.Optional(Type.String({ maxLength: 200 })),
  /** Uploaded first (POST /api/attachments), referenced here. */
  attachmentIds: Type.Optional(Type.Array(Id, { maxItems: ATTACHMENTS_MAX, uniqueItems: true })),
  /**
   * A group (Art 20): a headcount of 2 or more, and 1–5 representatives. The figures count it as
   * 集体访 from five people (COLLECTIVE_MIN_PEOPLE).
   */
  headcount: Type.Optional(Type.Integer({ minimum: 2, maximum: 100_000 })),
  representatives: Type.Optional(
    Type.Array(NotBlank(50, '代表姓名'), {
      minItems: 1,
      maxItems: REPRESENTATIVES_MAX,
      ...statuteLimit('collective.too_many_representatives'),
    }),
  ),
};

/** A petitioner's own online submission (网上信访, Art 17). */
export const SubmitPetitionBodySchema = Type.Object(PetitionContent, { additionalProperties: false });
export type SubmitPetitionBody = Static<typeof SubmitPetitionBodySchema>;

/** Who a staff registration is for: an existing petitioner, or one found by phone or created. */
export const PetitionerRefSchema = Type.Union([
  Type.Object({ id: Id }, { additionalProperties: false }),
  Type.Object(
    {
      realName: NotBlank(32, '姓名'),
      phone: Type.Optional(PhoneSchema),
      idNumber: Type.Optional(IdNumberSchema),
      address: Type.Optional(Type.String({ maxLength: 200 })),
    },
    { additionalProperties: false },
  ),
]);

/** Reception registers a letter, visit, call, fax or e-mail on a petitioner's behalf (Art 19, 22). */
export const RegisterPetitionBodySchema = Type.Object(
  {
    ...PetitionContent,
    channel: StringEnum(CHANNELS.filter((c) => c !== 'online')),
    /**
     * When it arrived: the statutory clocks start here. The lifecycle refuses a time in the future;
     * the past is bounded by the calendar's first year, not by a window: a letter found in a
     * backlog is registered with the day it truly arrived and shows overdue, which it is (Art 22
     * counts 15 days from receipt, whoever was late). Nothing before then is a real receipt, only
     * a typing slip (0100 for 2026).
     */
    receivedAt: CalendarInstantSchema(),
    petitioner: PetitionerRefSchema,
    /** Art 23 ¶2: no written notice is owed when the name or address is unclear. */
    contactUnclear: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type RegisterPetitionBody = Static<typeof RegisterPetitionBodySchema>;

export const ClockSchema = Type.Object({
  name: StringEnum(CLOCK_NAMES),
  article: Type.String(),
  kind: StringEnum(['deadline', 'window']),
  stage: StageSchema,
  start: Type.String(),
  dueDate: Type.String(),
  due: Type.String(),
  finishedAt: Type.Union([Type.String(), Type.Null()]),
  /** Null while running, and when stopped by something other than what it waits for. */
  met: Type.Union([Type.Boolean(), Type.Null()]),
  status: StringEnum(CLOCK_STATUSES),
  calendarComplete: Type.Boolean(),
  /** While `paused` (a hearing, Art 36): whole days since the pause began; absent otherwise. */
  pausedDays: Type.Optional(Type.Integer({ minimum: 0 })),
});
export type ClockView = Static<typeof ClockSchema>;

export const TimelineEventSchema = Type.Object({
  seq: Type.Integer(),
  type: Type.String(),
  at: Type.String(),
  stage: StageSchema,
  actorRole: Type.String(),
  /** Staff see who acted; petitioners see the role only. */
  actor: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
  visibility: StringEnum(['petitioner', 'internal']),
  /** The unit the step concerns (assigned to, accepted by, answered by, appealed to), by name. */
  unit: Type.Union([UnitSummarySchema, Type.Null()]),
  data: Type.Record(Type.String(), Type.Unknown()),
});
export type TimelineEvent = Static<typeof TimelineEventSchema>;

export const AttachmentSchema = Type.Object({
  id: Type.String(),
  kind: StringEnum(['image', 'pdf']),
  mime: Type.String(),
  byteSize: Type.Integer(),
  width: Type.Union([Type.Integer(), Type.Null()]),
  height: Type.Union([Type.Integer(), Type.Null()]),
  hasThumbnail: Type.Boolean(),
  createdAt: Type.String(),
});
export type Attachment = Static<typeof AttachmentSchema>;

export const PetitionSummarySchema = Type.Object({
  id: Type.String(),
  number: Type.String(),
  kind: PetitionKindSchema,
  channel: ChannelSchema,
  categoryCode: Type.String(),
  title: Type.String(),
  state: PetitionStateSchema,
  stage: StageSchema,
  version: Type.Integer(),
  receivedAt: Type.String(),
  /** The unit that holds the case now: receiving during triage, handling afterwards. */
  holder: Type.Union([UnitSummarySchema, Type.Null()]),
  /** Staff: the next deadline; petitioners: the one date they are told (`petitionerDate`). */
  nextDue: Type.Union([ClockSchema, Type.Null()]),
  /**
   * No unit above the answering one here takes a 复查/复核 (`appealUnitOf`, Art 35, 36): the
   * petitioner asks 有权处理的上级机关 instead. Absent on a list line whose unit is not known.
   */
  noHigherUnit: Type.Optional(Type.Boolean()),
});
export type PetitionSummary = Static<typeof PetitionSummarySchema>;

/** The petitioner as staff see them: masked, or absent where the accuser firewall applies (Art 30). */
export const PetitionerViewSchema = Type.Object({
  id: Type.String(),
  realName: Type.Union([Type.String(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()]),
  idNumber: Type.Union([Type.String(), Type.Null()]),
  address: Type.Union([Type.String(), Type.Null()]),
  worker: Type.Boolean(),
});

export const LinkSchema = Type.Object({
  petitionId: Type.String(),
  number: Type.String(),
  title: Type.String(),
  state: PetitionStateSchema,
  stage: StageSchema,
  /** 0–1, character-bigram similarity of the texts */
  similarity: Type.Number(),
  source: StringEnum(['detected', 'staff']),
  /** Why staff joined two people registered at a desk as one person (audit 36 D6). */
  reason: Type.Optional(Type.String()),
});

export const AllowedActionSchema = Type.Object({
  type: Type.String(),
  label: Type.String(),
  params: Type.Array(Type.Record(Type.String(), Type.Unknown())),
});

export const PetitionDetailSchema = Type.Object({
  ...PetitionSummarySchema.properties,
  content: Type.String(),
  location: Type.Union([Type.String(), Type.Null()]),
  contactUnclear: Type.Boolean(),
  collective: Type.Union([
    Type.Object({ headcount: Type.Integer(), representatives: Type.Array(Type.String()) }),
    Type.Null(),
  ]),
  units: Type.Object({
    receiving: UnitSummarySchema,
    /** Null until the petition office names it (the petitioner did not know). */
    concerned: Type.Union([UnitSummarySchema, Type.Null()]),
    handling: Type.Union([UnitSummarySchema, Type.Null()]),
  }),
  /** Null for the petitioner themselves, and where the accuser firewall hides them (Art 30). */
  petitioner: Type.Union([PetitionerViewSchema, Type.Null()]),
  /** True when identity fields were withheld from this viewer under Art 30. */
  identityWithheld: Type.Boolean(),
  clocks: Type.Array(ClockSchema),
  timeline: Type.Array(TimelineEventSchema),
  attachments: Type.Array(AttachmentSchema),
  /** Earlier and later petitions of the same person about the same matter (staff only). */
  links: Type.Array(LinkSchema),
  /** The leader who owns the case (包案领导, Art 18): staff only, when there is one. */
  responsibleLeader: Type.Optional(Type.Object({ id: Type.String(), name: Type.String() })),
  /** The 承办人 in the handling unit (Art 24), for staff; petitioners see the unit only. */
  handler: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
  /** The parts assisting units answer for the lead unit (协办, Art 24), for staff. */
  coHandling: Type.Array(AssistPartSchema),
  allowedActions: Type.Array(AllowedActionSchema),
});
export type PetitionDetail = Static<typeof PetitionDetailSchema>;

/** The first answer to a submission or registration: the query code appears here and nowhere else. */
export const SubmittedSchema = Type.Object({
  petition: PetitionDetailSchema,
  /**
   * Shown once; stored only as a hash. With the number it looks the case up without signing in.
   * Empty on a resend whose first answer is no longer kept: the case it made, its code not shown.
   */
  queryCode: Type.String(),
});
export type Submitted = Static<typeof SubmittedSchema>;

/**
 * A lifecycle action with the version the caller saw (optimistic concurrency), discriminated by
 * `type` so a bad body is reported against the one action it names, not against all of them.
 */
export const PetitionActionBodySchema = Type.Unsafe<CaseActionBody & { version: number }>({
  type: 'object',
  title: 'PetitionActionBody',
  required: ['type', 'params', 'version'],
  discriminator: { propertyName: 'type' },
  oneOf: CASE_ACTION_TYPES.map((type) => ({
    type: 'object',
    required: ['type', 'params', 'version'],
    additionalProperties: false,
    properties: {
      type: { type: 'string', const: type },
      params: ACTION_BODY_SCHEMAS[type],
      version: { type: 'integer', minimum: 1 },
    },
  })),
});

export const PetitionPageSchema = Type.Object({
  items: Type.Array(PetitionSummarySchema),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
export type PetitionPage = Static<typeof PetitionPageSchema>;

/** Staff inbox queues (issue: the counts per tab). */
export const QUEUES = ['all', 'triage', 'handling', 'approval', 'overdue', 'mine'] as const;

export const PetitionListQuerySchema = Type.Object({
  queue: Type.Optional(StringEnum(QUEUES)),
  state: Type.Optional(PetitionStateSchema),
  kind: Type.Optional(PetitionKindSchema),
  channel: Type.Optional(ChannelSchema),
  categoryCode: Type.Optional(Type.String({ maxLength: 32 })),
  /** Petitions held by, received by or about this unit (and below). */
  unitId: Type.Optional(Type.String({ maxLength: ID_MAX })),
  due: Type.Optional(StringEnum(['soon', 'overdue'])),
  receivedFrom: Type.Optional(Type.String({ format: 'date-time' })),
  receivedTo: Type.Optional(Type.String({ format: 'date-time' })),
  /** A petition number, or a phone number (matched by its keyed hash). */
  search: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
  /** `due`: nearest deadline first (staff default); `received`: newest first; `oldest`: longest waiting first. */
  sort: Type.Optional(StringEnum(['due', 'received', 'oldest'])),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});
export type PetitionListQuery = Static<typeof PetitionListQuerySchema>;

export const LookupBodySchema = Type.Object({
  number: Type.String({ minLength: 1, maxLength: 20 }),
  queryCode: Type.String({ minLength: 1, maxLength: 20 }),
});

/**
 * What a number and query code reveal without signing in: the case's progress, never personal data
 * (not even the title or anyone's words, which may name people).
 */
export const LookupAnswerSchema = Type.Object({
  number: Type.String(),
  kind: PetitionKindSchema,
  state: PetitionStateSchema,
  stage: StageSchema,
  receivedAt: Type.String(),
  holder: Type.Union([UnitSummarySchema, Type.Null()]),
  clocks: Type.Array(ClockSchema),
  timeline: Type.Array(TimelineEventSchema),
  /** The written notices issued, by title and number: that they exist, never their text. */
  documents: Type.Array(PublicDocumentSchema),
});

export const CategorySchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  hint: Type.Union([Type.String(), Type.Null()]),
  sortOrder: Type.Integer(),
  active: Type.Boolean(),
});
export type Category = Static<typeof CategorySchema>;

/** Reusable wording for decision letters (Art 32), per category, kept by a unit for itself and below. */
export const ReplyTemplateSchema = Type.Object({
  id: Type.String(),
  unit: UnitSummarySchema,
  categoryCode: Type.Union([Type.String(), Type.Null()]),
  kind: Type.Union([PetitionKindSchema, Type.Null()]),
  title: Type.String(),
  factsAndReasons: Type.String(),
  decision: Type.String(),
  legalBasis: Type.Union([Type.String(), Type.Null()]),
  active: Type.Boolean(),
});
export type ReplyTemplate = Static<typeof ReplyTemplateSchema>;

export const ReplyTemplateBodySchema = Type.Object(
  {
    unitId: Id,
    categoryCode: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 32 }), Type.Null()])),
    kind: Type.Optional(Type.Union([PetitionKindSchema, Type.Null()])),
    title: NotBlank(100, '模板名称'),
    factsAndReasons: NotBlank(CONTENT_MAX, '事实和理由'),
    decision: NotBlank(CONTENT_MAX, '处理意见'),
    legalBasis: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type ReplyTemplateBody = Static<typeof ReplyTemplateBodySchema>;

/** A unit's open petitions at a glance: what waits, what is due soon, what is late. */
export const UnitLoadSchema = Type.Object({
  unit: UnitSummarySchema,
  parentId: Type.Union([Type.String(), Type.Null()]),
  depth: Type.Integer(),
  /** Open petitions held by this unit or below, by where they stand. */
  triage: Type.Integer(),
  handling: Type.Integer(),
  awaitingApproval: Type.Integer(),
  replied: Type.Integer(),
  dueSoon: Type.Integer(),
  overdue: Type.Integer(),
});

export const HandlerLoadSchema = Type.Object({
  staffId: Type.String(),
  displayName: Type.String(),
  unit: UnitSummarySchema,
  /** Open petitions this handler acted on last (the one carrying the case). */
  openCases: Type.Integer(),
  overdue: Type.Integer(),
});

export const OverviewSchema = Type.Object({
  asOf: Type.String(),
  units: Type.Array(UnitLoadSchema),
  handlers: Type.Array(HandlerLoadSchema),
});
export type Overview = Static<typeof OverviewSchema>;

export type LookupAnswer = Static<typeof LookupAnswerSchema>;

/** A petitioner as reception finds them by phone before registering a letter or a visit: masked. */
export const PetitionerMatchSchema = Type.Object({
  id: Type.String(),
  realName: Type.Union([Type.String(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()]),
  address: Type.Union([Type.String(), Type.Null()]),
  worker: Type.Boolean(),
});
export type PetitionerMatch = Static<typeof PetitionerMatchSchema>;

/**
 * A petition registered at a desk for the phone a petitioner has proven, waiting for them to say
 * whether it is theirs: it joins their account only then. It shows no more than a receipt does,
 * so a mistyped phone tells a stranger nothing about the person who came (not even the title).
 */
export const PendingRegistrationSchema = Type.Object({
  petitionId: Type.String(),
  number: Type.String(),
  channel: ChannelSchema,
  receivedAt: Type.String(),
  receivingUnit: UnitSummarySchema,
  /** The name the desk wrote down, masked (张*). */
  registeredName: Type.Union([Type.String(), Type.Null()]),
});
export type PendingRegistration = Static<typeof PendingRegistrationSchema>;

/**
 * "Yes, it is mine" (it joins my account) or "no, not mine" (it stays with the desk's record).
 * "Mine" needs the query code from the desk's receipt (required then: the service says so): the
 * holder of a mistyped phone has no receipt, and so never gets another person's case.
 */
export const ClaimRegistrationBodySchema = Type.Object(
  { mine: Type.Boolean(), queryCode: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })) },
  { additionalProperties: false },
);
export type ClaimRegistrationBody = Static<typeof ClaimRegistrationBodySchema>;

/** Reception looks a person up by the phone they give, in the body (never in a URL). */
export const PetitionerSearchBodySchema = Type.Object(
  { phone: PhoneSchema },
  { additionalProperties: false },
);

/**
 * A leader a case may be referred to (呈阅, Art 18, 22, 30), as the office chooses one: who they are
 * and where, nothing more (no phone or other personal data).
 */
export const ReferralLeaderSchema = Type.Object({
  id: Type.String(),
  displayName: Type.String(),
  unit: UnitSummarySchema,
  roles: Type.Array(StaffRoleSchema),
});
export type ReferralLeader = Static<typeof ReferralLeaderSchema>;

/** The leaders the `refer` action accepts for one case, from its receiving unit upwards. */
export const ReferralLeaderListSchema = Type.Object({ items: Type.Array(ReferralLeaderSchema) });
export type ReferralLeaderList = Static<typeof ReferralLeaderListSchema>;
