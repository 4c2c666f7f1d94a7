import { type Static, Type } from 'typebox';
import { ID_MAX } from '../lifecycle/action-specs';
import { CalendarDateSchema } from './calendar-date';
import { StringEnum } from './string-enum';
import { FOLLOW_UP_METHODS, FOLLOW_UP_STATUSES } from './value-lists';

/**
 * Aftercare of a concluded case: the follow-up (回访) the handling unit owes within the days the
 * office sets, with its outcome; the unit head's decisions after an unsatisfied rating that cannot
 * be appealed; and the office's settings for these and for asking a forwarded case's organ (Art 22).
 */
const DateSchema = CalendarDateSchema({ examples: ['2026-12-10'] });
const Id = Type.String({ minLength: 1, maxLength: ID_MAX });

// A page's lists of methods and statuses live in a module that builds no schema (value-lists.ts).
export {
  FOLLOW_UP_METHODS,
  FOLLOW_UP_STATUSES,
  type FollowUpMethod,
  type FollowUpStatus,
} from './value-lists';

/** What the settings allow, and their defaults when an administrator has set none. */
export const AFTERCARE_LIMITS = {
  followUpDays: { default: 15, min: 1, max: 90 },
  forwardOutcomeWorkingDays: { default: 20, min: 1, max: 120 },
  rehandlingWorkingDays: { default: 10, min: 1, max: 60 },
} as const;

/** A page of a list: pass the answer's `nextCursor` back as `cursor` for the next one. */
const pageFields = {
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
};
const NextCursor = Type.Union([Type.String(), Type.Null()]);

const range = (limit: { min: number; max: number }) => ({ minimum: limit.min, maximum: limit.max });

export const AftercareSettingsSchema = Type.Object(
  {
    /** Calendar days after a case concludes within which its unit follows up. */
    followUpDays: Type.Integer(range(AFTERCARE_LIMITS.followUpDays)),
    /** Working days after forwarding a case before the office is reminded to ask for its outcome. */
    forwardOutcomeWorkingDays: Type.Integer(range(AFTERCARE_LIMITS.forwardOutcomeWorkingDays)),
    /** Working days after an unsatisfied rating within which the unit head decides on re-handling. */
    rehandlingWorkingDays: Type.Integer(range(AFTERCARE_LIMITS.rehandlingWorkingDays)),
  },
  { additionalProperties: false },
);
export type AftercareSettings = Static<typeof AftercareSettingsSchema>;
export const UpdateAftercareSettingsSchema = Type.Partial(AftercareSettingsSchema, {
  additionalProperties: false,
  minProperties: 1,
});
export type UpdateAftercareSettings = Static<typeof UpdateAftercareSettingsSchema>;

const UnitSchema = Type.Object({ id: Type.String(), name: Type.String() });

const outcomeFields = {
  method: StringEnum(FOLLOW_UP_METHODS),
  /** The day of the call, visit or message (Beijing). */
  followedOn: DateSchema,
  /** What the petitioner said, in a few sentences. */
  petitionerSaid: Type.String({ minLength: 1, maxLength: 2000, pattern: '\\S' }),
  satisfied: Type.Boolean(),
};
export const FollowUpOutcomeSchema = Type.Object(outcomeFields, { additionalProperties: false });
export type FollowUpOutcome = Static<typeof FollowUpOutcomeSchema>;

export const FollowUpSchema = Type.Object({
  id: Type.String(),
  petitionId: Type.String(),
  number: Type.String(),
  title: Type.String(),
  kind: Type.String(),
  /** How the case ended: resolved, concluded, or final (re-examination). */
  state: Type.String(),
  unit: UnitSchema,
  dueDate: DateSchema,
  status: StringEnum(FOLLOW_UP_STATUSES),
  outcome: Type.Union([Type.Object({ ...outcomeFields, recordedAt: Type.String() }), Type.Null()]),
  createdAt: Type.String(),
});
export type FollowUp = Static<typeof FollowUpSchema>;

export const FollowUpListSchema = Type.Object({ items: Type.Array(FollowUpSchema), nextCursor: NextCursor });
export type FollowUpList = Static<typeof FollowUpListSchema>;

export const FollowUpQuerySchema = Type.Object(
  {
    status: Type.Optional(StringEnum(FOLLOW_UP_STATUSES)),
    /** A unit in the caller's subtree: its own and its subtree's follow-ups. */
    unitId: Type.Optional(Id),
    petitionId: Type.Optional(Id),
    ...pageFields,
  },
  { additionalProperties: false },
);
export type FollowUpQuery = Static<typeof FollowUpQuerySchema>;

export const RehandlingItemSchema = Type.Object({
  petitionId: Type.String(),
  number: Type.String(),
  title: Type.String(),
  kind: Type.String(),
  unit: UnitSchema,
  ratedAt: Type.String(),
  /** The day the unit head should decide by: the working days the office set after the rating. */
  dueDate: DateSchema,
  /** Still waiting after its due date. */
  overdue: Type.Boolean(),
  /** Null while waiting for the unit head. */
  rehandle: Type.Union([Type.Boolean(), Type.Null()]),
  decidedAt: Type.Union([Type.String(), Type.Null()]),
});
export type RehandlingItem = Static<typeof RehandlingItemSchema>;
export const RehandlingListSchema = Type.Object({
  items: Type.Array(RehandlingItemSchema),
  nextCursor: NextCursor,
});
export type RehandlingList = Static<typeof RehandlingListSchema>;
export const RehandlingQuerySchema = Type.Object(
  { waiting: Type.Optional(Type.Boolean()), unitId: Type.Optional(Id), ...pageFields },
  { additionalProperties: false },
);
export type RehandlingQuery = Static<typeof RehandlingQuerySchema>;
