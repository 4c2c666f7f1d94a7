import { type Static, Type } from 'typebox';
import { CLOCK_NAMES } from '../clocks/definitions';
import { ID_MAX, REASON_MAX } from '../lifecycle/action-specs';
import { SUPERVISION_CONCERNS, SUPERVISION_REVIEWS } from '../lifecycle/vocabulary';
import { CalendarDateSchema } from './calendar-date';
import { UnitSummarySchema } from './identity';
import { StringEnum } from './string-enum';

/**
 * Oversight (Art 38–40): the steps of automatic escalation, the supervision notices (督办单) with
 * their written answers and the supervisor's review, and the supervisor's list of both.
 */
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);
const DateSchema = CalendarDateSchema({ examples: ['2026-10-08'] });
const Id = Type.String({ minLength: 1, maxLength: ID_MAX, pattern: '\\S' });

export const ESCALATION_FLAGS = ['yellow', 'red'] as const;

/**
 * 签收 (Art 38–40): a red step, or a 督办单, acknowledged by the unit it reached — by the first of
 * the people it was meant for, once. Acknowledging is not the answer: the clock runs on.
 */
export const AcknowledgementSchema = Type.Object({
  at: Type.String({ format: 'date-time' }),
  /** The name of who acknowledged it, for the unit. */
  by: Type.String(),
});
export type Acknowledgement = Static<typeof AcknowledgementSchema>;

/** Where a step's or a notice's 签收 stands, as both lists and the case page show it. */
const ReceiptFields = {
  /** Null until acknowledged (and always for a yellow, which asks for none). */
  acknowledged: Nullable(AcknowledgementSchema),
  /**
   * Working days it has waited unacknowledged since it was raised or issued (「未签收，已N个工作日」);
   * null when acknowledged, or when no 签收 is awaited.
   */
  unacknowledgedDays: Nullable(Type.Integer({ minimum: 0 })),
  /** Whether the viewer may acknowledge it now: one of the people it was meant for. */
  mayAcknowledge: Type.Boolean(),
};

/** One step of a deadline's escalation: yellow to the holder, red to its head, then up the line. */
export const EscalationSchema = Type.Object({
  /** The step's own id (POST /api/escalations/:id/ack). */
  id: Type.String(),
  clock: StringEnum(CLOCK_NAMES),
  /** The deadline's name in Chinese (办理期限, 督办答复…). */
  deadline: Type.String(),
  /**
   * 0 yellow; 1 red to the holder's head (the nearest up); n ≥ 2 red, raised to the (n − 1)th unit
   * above that head's that has a head or supervisor to act (units with nobody are passed over).
   */
  level: Type.Integer({ minimum: 0 }),
  flag: StringEnum(ESCALATION_FLAGS),
  unit: Type.Object({ id: Type.String(), name: Type.String() }),
  dueDate: DateSchema,
  reachedAt: Type.String({ format: 'date-time' }),
  /**
   * When a red was withdrawn: it was raised on a due date counted without the year's holiday
   * notice, which the notice moved later. Kept in the case's record; never on the supervisor's list.
   */
  withdrawnAt: Nullable(Type.String({ format: 'date-time' })),
  ...ReceiptFields,
});
export type Escalation = Static<typeof EscalationSchema>;

export const EscalationListSchema = Type.Object({ items: Type.Array(EscalationSchema) });
export type EscalationList = Static<typeof EscalationListSchema>;

/**
 * Where a notice stands: waiting for the answer, past its date, answered (awaiting review),
 * approved, returned (waiting for a new answer), or ended: the case ended while the notice still
 * waited for its answer or review, which can then never come.
 */
export const SUPERVISION_STATUSES = ['open', 'overdue', 'answered', 'approved', 'returned', 'ended'] as const;
export type SupervisionStatus = (typeof SUPERVISION_STATUSES)[number];

export const SupervisionNoticeSchema = Type.Object({
  petitionId: Type.String(),
  petitionNumber: Type.String(),
  petitionTitle: Type.String(),
  no: Type.Integer({ minimum: 1 }),
  unit: UnitSummarySchema,
  concern: StringEnum(SUPERVISION_CONCERNS),
  issuedAt: Type.String({ format: 'date-time' }),
  dueDate: DateSchema,
  status: StringEnum(SUPERVISION_STATUSES),
  answeredAt: Nullable(Type.String({ format: 'date-time' })),
  reviewNote: Nullable(Type.String()),
  /** The 督办单 as a document (GET /api/documents/:id.pdf). */
  documentId: Nullable(Type.String()),
  /** Whether the viewer may review its answer now: a supervisor of the unit that issued it. */
  mayReview: Type.Boolean(),
  ...ReceiptFields,
  /** The unit that issued it and reviews the answer; null on notices older than that record. */
  issuingUnit: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
  /** What it asks of the supervised unit (督办要求), as the 督办单 says it. */
  requirements: Type.String(),
  /** The supervised unit's latest written answer; null until it answers. */
  answer: Nullable(Type.String()),
});
export type SupervisionNotice = Static<typeof SupervisionNoticeSchema>;

/** A case's 督办单, oldest first, as the case page shows them. */
export const SupervisionNoticeListSchema = Type.Object({ items: Type.Array(SupervisionNoticeSchema) });
export type SupervisionNoticeList = Static<typeof SupervisionNoticeListSchema>;

/** A case whose deadline has been escalated, at its highest step so far. */
export const EscalatedCaseSchema = Type.Object({
  petitionId: Type.String(),
  petitionNumber: Type.String(),
  petitionTitle: Type.String(),
  escalation: EscalationSchema,
  /** Whether the deadline still runs (false once met, or the case ended). */
  open: Type.Boolean(),
});
export type EscalatedCase = Static<typeof EscalatedCaseSchema>;

export const SupervisionListSchema = Type.Object({
  notices: Type.Array(SupervisionNoticeSchema),
  escalated: Type.Array(EscalatedCaseSchema),
});
export type SupervisionList = Static<typeof SupervisionListSchema>;

export const SUPERVISION_FILTERS = ['open', 'answered', 'overdue', 'all'] as const;

export const SupervisionQuerySchema = Type.Object({
  /** open: not yet answered (overdue included); answered: answered, reviewed or not; overdue; all. */
  status: Type.Optional(StringEnum(SUPERVISION_FILTERS)),
  /** Only notices to, and escalations of, this unit's subtree (default: the viewer's own). */
  unitId: Type.Optional(Id),
});
export type SupervisionQuery = Static<typeof SupervisionQuerySchema>;

/** A 督办单 to the unit holding the case, with the date its written answer is due. */
export const IssueSupervisionBodySchema = Type.Object({
  petitionId: Id,
  /** The petition's version as last read (optimistic lock). */
  version: Type.Integer({ minimum: 0 }),
  concern: StringEnum(SUPERVISION_CONCERNS),
  requirements: Type.String({ minLength: 1, maxLength: REASON_MAX, pattern: '\\S' }),
  dueDate: DateSchema,
});
export type IssueSupervisionBody = Static<typeof IssueSupervisionBodySchema>;

/**
 * The issuing unit's review of a written answer: approved, or returned with what is missing and,
 * optionally, the date the new answer is due (otherwise as many days as the notice first gave).
 */
export const ReviewSupervisionBodySchema = Type.Object({
  decision: StringEnum(SUPERVISION_REVIEWS),
  note: Type.Optional(Type.String({ minLength: 1, maxLength: REASON_MAX, pattern: '\\S' })),
  dueDate: Type.Optional(DateSchema),
});
export type ReviewSupervisionBody = Static<typeof ReviewSupervisionBodySchema>;
