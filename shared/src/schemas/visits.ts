import { type Static, Type } from 'typebox';
import { ID_MAX, REASON_MAX } from '../lifecycle/action-specs';
import { CalendarDateSchema } from './calendar-date';
import { UnitSummarySchema } from './identity';
import { StringEnum } from './string-enum';

/**
 * Leaders visiting the grassroots (下访, Art 18): a visit is planned (leader, unit and place, date,
 * topic), then held, with what was done and how many people were met; the petitions it produced
 * are registered as visits and linked to it.
 */
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);
const DateSchema = CalendarDateSchema({ examples: ['2026-12-10'] });
const Id = Type.String({ minLength: 1, maxLength: ID_MAX, pattern: '\\S' });
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max, pattern: '\\S' });

/** `cancelled`: planned, then did not happen; it leaves the counts (audit 36, D7). */
export const VISIT_STATUSES = ['planned', 'held', 'cancelled'] as const;

export const NewVisitSchema = Type.Object(
  {
    /** The leader who goes (default: the caller). */
    leaderId: Type.Optional(Id),
    /** The unit visited (a unit of the caller's subtree). */
    unitId: Id,
    place: Text(200),
    date: DateSchema,
    topic: Text(200),
  },
  { additionalProperties: false },
);
export type NewVisit = Static<typeof NewVisitSchema>;

export const HoldVisitSchema = Type.Object(
  {
    /** What was done and heard. */
    summary: Text(REASON_MAX),
    /** People met (人次). */
    people: Type.Integer({ minimum: 0, maximum: 100_000 }),
  },
  { additionalProperties: false },
);
export type HoldVisit = Static<typeof HoldVisitSchema>;

export const CancelVisitSchema = Type.Object(
  {
    /** Why it does not happen (the leader was called away, the unit asked to move it). */
    reason: Text(200),
  },
  { additionalProperties: false },
);
export type CancelVisit = Static<typeof CancelVisitSchema>;

export const VisitCaseSchema = Type.Object({
  id: Type.String(),
  number: Type.String(),
  title: Type.String(),
});

export const VisitSchema = Type.Object({
  id: Type.String(),
  leader: Type.Object({ id: Type.String(), name: Type.String() }),
  unit: UnitSummarySchema,
  place: Type.String(),
  date: DateSchema,
  topic: Type.String(),
  status: StringEnum(VISIT_STATUSES),
  summary: Nullable(Type.String()),
  people: Nullable(Type.Integer()),
  heldAt: Nullable(Type.String({ format: 'date-time' })),
  /** Why a cancelled visit did not happen; null otherwise. */
  cancelReason: Nullable(Type.String()),
  /** How many of its petitions the viewer may see (never the others: Art 30). */
  caseCount: Type.Integer(),
  /** The petitions registered from it that the viewer may see. */
  cases: Type.Array(VisitCaseSchema),
});
export type Visit = Static<typeof VisitSchema>;

export const VisitListSchema = Type.Object({
  items: Type.Array(VisitSchema),
  planned: Type.Integer(),
  held: Type.Integer(),
  cases: Type.Integer(),
});
export type VisitList = Static<typeof VisitListSchema>;

export const VisitQuerySchema = Type.Object({
  status: Type.Optional(StringEnum([...VISIT_STATUSES, 'all'])),
  unitId: Type.Optional(Id),
});
export type VisitQuery = Static<typeof VisitQuerySchema>;
