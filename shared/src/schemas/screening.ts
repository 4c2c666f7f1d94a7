import { type Static, Type } from 'typebox';
import { CALENDAR_YEAR_PATTERN } from '../clocks/calendar-years';
import { ID_MAX, REASON_MAX } from '../lifecycle/action-specs';
import { CalendarDateSchema } from './calendar-date';
import { UnitSummarySchema } from './identity';
import { StringEnum } from './string-enum';

/**
 * Risk screening (矛盾纠纷排查, 「抓早、抓小」): the disputes a unit finds, graded A (most urgent or
 * largest) to C and tracked to closure; and the weekly report every unit sends, its new items or
 * "nothing to report" (零报告), with the office's view of who has not reported.
 */
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);
const DateSchema = CalendarDateSchema({ examples: ['2026-12-11'] });
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max, pattern: '\\S' });
/** An ISO week, `2026-W49`, or a day of a sensitive period, `2027-03-05` (reported daily). */
export const PeriodSchema = Type.String({
  pattern: `^${CALENDAR_YEAR_PATTERN}-(W\\d{2}|\\d{2}-\\d{2})$`,
  examples: ['2026-W49', '2027-03-05'],
});

export const SCREENING_GRADES = ['A', 'B', 'C'] as const;
export const SCREENING_STATUSES = ['open', 'closed'] as const;

export const NewScreeningItemSchema = Type.Object({
  /** The reporting unit, when not the reporter's own (a unit of their subtree). */
  unitId: Type.Optional(Type.String({ minLength: 1, maxLength: ID_MAX })),
  subject: Text(200),
  /** Who is involved, described (「综采一队部分职工」): never a list of names. */
  involved: Text(200),
  headcount: Type.Integer({ minimum: 1, maximum: 100_000 }),
  grade: StringEnum(SCREENING_GRADES),
  responsible: Text(64),
  measures: Text(REASON_MAX),
  deadline: DateSchema,
});
export type NewScreeningItem = Static<typeof NewScreeningItemSchema>;

export const ScreeningItemSchema = Type.Object({
  id: Type.String(),
  unit: UnitSummarySchema,
  period: PeriodSchema,
  subject: Type.String(),
  involved: Type.String(),
  headcount: Type.Integer(),
  grade: StringEnum(SCREENING_GRADES),
  responsible: Type.String(),
  measures: Type.String(),
  deadline: DateSchema,
  status: StringEnum(SCREENING_STATUSES),
  /** Open past its deadline. */
  overdue: Type.Boolean(),
  /** The highest step it has reached on the cases' escalation ladder, while open (issue 15). */
  escalation: Type.Optional(
    Type.Object({ flag: StringEnum(['yellow', 'red']), level: Type.Integer({ minimum: 0 }) }),
  ),
  closingNote: Nullable(Type.String()),
  closedAt: Nullable(Type.String({ format: 'date-time' })),
  createdAt: Type.String({ format: 'date-time' }),
});
export type ScreeningItem = Static<typeof ScreeningItemSchema>;

export const ScreeningItemListSchema = Type.Object({ items: Type.Array(ScreeningItemSchema) });
export type ScreeningItemList = Static<typeof ScreeningItemListSchema>;

export const ScreeningItemQuerySchema = Type.Object({
  unitId: Type.Optional(Type.String({ minLength: 1, maxLength: ID_MAX })),
  status: Type.Optional(StringEnum([...SCREENING_STATUSES, 'all'])),
});

export const CloseScreeningItemSchema = Type.Object({ note: Text(REASON_MAX) });

/** A week's report: `nil` says there is nothing to report; otherwise the week's items are its content. */
export const NewScreeningReportSchema = Type.Object({
  unitId: Type.Optional(Type.String({ minLength: 1, maxLength: ID_MAX })),
  period: PeriodSchema,
  nil: Type.Boolean(),
});
export type NewScreeningReport = Static<typeof NewScreeningReportSchema>;

export const ScreeningReportSchema = Type.Object({
  unit: UnitSummarySchema,
  period: PeriodSchema,
  nil: Type.Boolean(),
  itemCount: Type.Integer(),
  late: Type.Boolean(),
  reportedAt: Type.String({ format: 'date-time' }),
});
export type ScreeningReport = Static<typeof ScreeningReportSchema>;

export const ScreeningReportListSchema = Type.Object({ items: Type.Array(ScreeningReportSchema) });
export type ScreeningReportList = Static<typeof ScreeningReportListSchema>;

export const MissingReportsQuerySchema = Type.Object({
  period: PeriodSchema,
  unitId: Type.Optional(Type.String({ minLength: 1, maxLength: ID_MAX })),
});

/** Who owes a week's report: the units that have not sent it, and those that sent it late. */
export const MissingReportsSchema = Type.Object({
  period: PeriodSchema,
  dueDate: DateSchema,
  /** Past the due day: every unit still missing is late. */
  pastDue: Type.Boolean(),
  missing: Type.Array(UnitSummarySchema),
  late: Type.Array(ScreeningReportSchema),
  reported: Type.Integer(),
});
export type MissingReports = Static<typeof MissingReportsSchema>;

/** A sensitive period the office declares (敏感时期): every unit reports daily through it. */
export const NewSensitivePeriodSchema = Type.Object(
  { name: Text(64), from: DateSchema, to: DateSchema },
  { additionalProperties: false },
);
export type NewSensitivePeriod = Static<typeof NewSensitivePeriodSchema>;

export const SensitivePeriodSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  from: DateSchema,
  to: DateSchema,
  declaredAt: Type.String({ format: 'date-time' }),
  /** Why the office withdrew it (it then ends that day, `to`); null while it stands. */
  withdrawalReason: Type.Union([Type.String(), Type.Null()]),
});
export type SensitivePeriodView = Static<typeof SensitivePeriodSchema>;

export const SensitivePeriodListSchema = Type.Object({
  items: Type.Array(SensitivePeriodSchema),
  /** The period a report made now belongs to. */
  current: PeriodSchema,
});
export type SensitivePeriodList = Static<typeof SensitivePeriodListSchema>;
