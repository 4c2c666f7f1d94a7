import { type Static, Type } from 'typebox';
import { ID_MAX, REASON_MAX } from '../lifecycle/action-specs';
import { PETITION_STATES } from '../lifecycle/states';
import { PETITION_KINDS, STAGES } from '../lifecycle/vocabulary';
import { UnitSummarySchema } from './identity';
import { StringEnum } from './string-enum';

/**
 * The registers oversight keeps until each matter is resolved: backlog cases (积案) and repeat
 * petitions (重信重访), each with its resolution plan. They exist to resolve people's matters,
 * never to watch or restrict the people (Art 18 ¶4): no risk score, no "key person" flag.
 */
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);
const Id = Type.String({ minLength: 1, maxLength: ID_MAX, pattern: '\\S' });

/** Why a case is in the backlog: a deadline passed, open too long, or it went to review or re-examination. */
export const BACKLOG_REASONS = ['overdue', 'long_open', 'appealed'] as const;
export type BacklogReason = (typeof BACKLOG_REASONS)[number];

export const ResolutionPlanSchema = Type.Object({
  plan: Type.String(),
  updatedBy: Type.Object({ id: Type.String(), name: Type.String() }),
  updatedAt: Type.String({ format: 'date-time' }),
});

export const RegisterCaseSchema = Type.Object({
  petitionId: Type.String(),
  petitionNumber: Type.String(),
  title: Type.String(),
  kind: StringEnum(PETITION_KINDS),
  stage: StringEnum(STAGES),
  state: StringEnum(PETITION_STATES),
  receivedAt: Type.String({ format: 'date-time' }),
  handlingUnit: Nullable(UnitSummarySchema),
});
export type RegisterCase = Static<typeof RegisterCaseSchema>;

export const BacklogItemSchema = Type.Object({
  case: RegisterCaseSchema,
  reasons: Type.Array(StringEnum(BACKLOG_REASONS)),
  /** Whole days since it was received. */
  ageDays: Type.Integer(),
  /** 包案领导, when a leader owns the case. */
  responsibleLeader: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
  plan: Nullable(ResolutionPlanSchema),
});
export type BacklogItem = Static<typeof BacklogItemSchema>;

export const BacklogSchema = Type.Object({
  items: Type.Array(BacklogItemSchema),
  /** The age past which an open case counts as backlog, in days. */
  longOpenDays: Type.Integer(),
});
export type Backlog = Static<typeof BacklogSchema>;

export const RegisterQuerySchema = Type.Object({
  /** Only cases in this unit's subtree (default: the viewer's own). */
  unitId: Type.Optional(Id),
});
export type RegisterQuery = Static<typeof RegisterQuerySchema>;

/**
 * One matter brought again and again: the petitions its repeat links join (online or at a desk,
 * whichever petitioner record each has), oldest first.
 */
export const RepeatMatterSchema = Type.Object({
  /**
   * Masked (张*), of the oldest petition whose record holds a name, as on the person's history; the
   * petition's detail reveals it, audited. Null where the Art 30 firewall keeps an accuser's name from this viewer.
   */
  petitionerName: Nullable(Type.String()),
  /** For the person's history page (GET /api/registers/petitioners/:id/history); null where the name is. */
  petitionerId: Nullable(Type.String()),
  count: Type.Integer(),
  firstAt: Type.String({ format: 'date-time' }),
  lastAt: Type.String({ format: 'date-time' }),
  /** Whether any of its petitions is still open. */
  open: Type.Boolean(),
  cases: Type.Array(RegisterCaseSchema),
  /** The plan is kept on the latest petition of the matter. */
  plan: Nullable(ResolutionPlanSchema),
});
export type RepeatMatter = Static<typeof RepeatMatterSchema>;

export const RepeatRegisterSchema = Type.Object({
  items: Type.Array(RepeatMatterSchema),
  /** More than this many petitions on one matter… */
  moreThan: Type.Integer(),
  /** …within this many days. */
  periodDays: Type.Integer(),
});
export type RepeatRegister = Static<typeof RepeatRegisterSchema>;

export const RepeatQuerySchema = Type.Object({
  unitId: Type.Optional(Id),
  moreThan: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 2 })),
  periodDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650, default: 365 })),
});
export type RepeatQuery = Static<typeof RepeatQuerySchema>;

export const PlanBodySchema = Type.Object({
  plan: Type.String({ minLength: 1, maxLength: REASON_MAX, pattern: '\\S' }),
});
export type PlanBody = Static<typeof PlanBodySchema>;

/** 包案: a leader takes a case as its responsible leader, with the plan to resolve it. */
export const TakeCaseBodySchema = Type.Object(
  {
    /** The petition's version as last read (optimistic lock). */
    version: Type.Integer({ minimum: 0 }),
    plan: Type.String({ minLength: 1, maxLength: REASON_MAX, pattern: '\\S' }),
  },
  { additionalProperties: false },
);
export type TakeCaseBody = Static<typeof TakeCaseBodySchema>;

/** A case a leader owns (包案), with its progress. */
export const OwnedCaseSchema = Type.Object({
  case: RegisterCaseSchema,
  leader: Type.Object({ id: Type.String(), name: Type.String() }),
  takenAt: Type.String({ format: 'date-time' }),
  plan: Nullable(ResolutionPlanSchema),
  /** The nearest running deadline, or null when none runs. */
  nextDueAt: Nullable(Type.String({ format: 'date-time' })),
  overdue: Type.Boolean(),
  /** The latest step on the case. */
  lastStepAt: Type.String({ format: 'date-time' }),
});
export type OwnedCase = Static<typeof OwnedCaseSchema>;

export const OwnedCaseListSchema = Type.Object({
  items: Type.Array(OwnedCaseSchema),
  open: Type.Integer(),
  closed: Type.Integer(),
});
export type OwnedCaseList = Static<typeof OwnedCaseListSchema>;

export const OwnedQuerySchema = Type.Object({
  /** Whose 包案 (default: the caller's own). */
  leaderId: Type.Optional(Id),
});

/**
 * A repeat petitioner's whole history on one page: their petitions the viewer may see, oldest
 * first, with plans and 包案领导 — to resolve the matter, never to watch the person (Art 18 ¶4).
 * The name is masked (the reveal endpoint shows it, audited); an accusation whose accuser the
 * viewer may not learn is left out (Art 30).
 */
export const PersonHistoryCaseSchema = Type.Object({
  case: RegisterCaseSchema,
  plan: Nullable(ResolutionPlanSchema),
  responsibleLeader: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
  /** Petitions of this history linked to it as the same matter. */
  linkedTo: Type.Array(Type.String()),
  rating: Nullable(Type.String()),
});

export const PersonHistorySchema = Type.Object({
  petitionerId: Type.String(),
  /** Masked (张*): the petitioner's detail reveals it, audited. */
  maskedName: Type.String(),
  /**
   * Only the petitions this viewer may see. Those kept from them (Art 30, or outside their subtree)
   * are neither shown nor counted: a count would tell an accused unit that the person accused it.
   */
  cases: Type.Array(PersonHistoryCaseSchema),
});
export type PersonHistory = Static<typeof PersonHistorySchema>;

/**
 * Why a case without a 包案领导 should have one (Art 18), the most pressing first: a leader handed
 * it back, or can act on it no more (left office, recused); a 督办 is open; a deadline passed; it went to review or re-examination
 * (the first stage's leader does not own that, Art 28); the matter was brought again; a 集体访.
 */
export const UNOWNED_REASONS = [
  'released',
  'leader_left',
  'supervised',
  'overdue',
  'appealed',
  'repeat',
  'collective',
] as const;
export type UnownedReason = (typeof UNOWNED_REASONS)[number];

/** 待包案: an open case nobody leads, with why it needs a leader. */
export const UnownedCaseSchema = Type.Object({
  case: RegisterCaseSchema,
  /** The most pressing first (UNOWNED_REASONS order). */
  reasons: Type.Array(StringEnum(UNOWNED_REASONS)),
  /** The hand-back (交出包案) that left it without a leader: who, when, and his reason. */
  released: Nullable(
    Type.Object({
      leader: Type.Object({ id: Type.String(), name: Type.String() }),
      at: Type.String({ format: 'date-time' }),
      reason: Type.String(),
    }),
  ),
  /** A leader whose 包案 no longer holds: he left office or was recused, or his stage ended. */
  formerLeader: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
  /** The nearest running deadline, or null when none runs. */
  nextDueAt: Nullable(Type.String({ format: 'date-time' })),
  /** Whole days since it was received. */
  ageDays: Type.Integer(),
  plan: Nullable(ResolutionPlanSchema),
});
export type UnownedCase = Static<typeof UnownedCaseSchema>;

export const UnownedCaseListSchema = Type.Object({
  items: Type.Array(UnownedCaseSchema),
  /** Pass back as `cursor` for the next page; null at the end. */
  nextCursor: Nullable(Type.String()),
});
export type UnownedCaseList = Static<typeof UnownedCaseListSchema>;

export const UnownedQuerySchema = Type.Object({
  /** Only cases in this unit's subtree (default: the viewer's own). */
  unitId: Type.Optional(Id),
  /** The answer's `nextCursor`: where the last page ended in the order (opaque). */
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
});
export type UnownedQuery = Static<typeof UnownedQuerySchema>;
