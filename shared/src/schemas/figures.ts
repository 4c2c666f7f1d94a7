import { type Static, Type } from 'typebox';
import { FIGURE_METRICS } from '../figures/metrics';
import { PREVENTION_FIGURES } from '../figures/prevention';
import { RATE_NAMES } from '../figures/rates';
import { ID_MAX } from '../lifecycle/action-specs';
import { CalendarDateSchema } from './calendar-date';
import { ChannelSchema, PetitionKindSchema, PetitionStateSchema } from './petitions';
import { StringEnum } from './string-enum';

/** A Beijing date, `YYYY-MM-DD`. */
export const DaySchema = CalendarDateSchema({ description: '北京时间日期' });
export const FigureMetricSchema = StringEnum(FIGURE_METRICS);

/**
 * The ledger's filter. `figure` names the count whose day the period (`from`–`to`) is about —
 * `received` (the default), `replied.first`, `concluded`, … — and narrows the ledger to the
 * petitions that count in it; `unitId` is the unit they are counted for (and below, unless
 * `subtree` is false). A figure carries the filter that lists exactly the cases behind it.
 */
export const LedgerFilterSchema = Type.Object({
  figure: Type.Optional(FigureMetricSchema),
  from: Type.Optional(DaySchema),
  to: Type.Optional(DaySchema),
  unitId: Type.Optional(Type.String({ minLength: 1, maxLength: ID_MAX })),
  subtree: Type.Optional(Type.Boolean()),
  channel: Type.Optional(ChannelSchema),
  kind: Type.Optional(PetitionKindSchema),
  categoryCode: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
  state: Type.Optional(PetitionStateSchema),
  /** Only cases past a running deadline now (true), or none past one (false). */
  overdue: Type.Optional(Type.Boolean()),
  /** Only repeat petitions (重复信访). */
  repeat: Type.Optional(Type.Boolean()),
  /** Only collective petitions (集体访: five or more people, COLLECTIVE_MIN_PEOPLE). */
  collective: Type.Optional(Type.Boolean()),
  /**
   * Of a limit owed (`figure` one of `MET_ON_TIME`'s): only those not met on time (true) — answered
   * late, still open past it, or ended otherwise after it — or only those met on time (false).
   */
  late: Type.Optional(Type.Boolean()),
  /** A number, or words of the title or content. */
  search: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
});
export type LedgerFilter = Static<typeof LedgerFilterSchema>;

export { isOwedLimit, MET_ON_TIME, type OwedLimit } from '../figures/metrics';

export const FiguresQuerySchema = Type.Object({
  from: DaySchema,
  to: DaySchema,
  /** Default: the caller's own unit. */
  unitId: Type.Optional(Type.String({ minLength: 1, maxLength: ID_MAX })),
  /** False: the unit alone, without the units below it. Handlers see only their own unit's. */
  subtree: Type.Optional(Type.Boolean()),
});
export type FiguresQuery = Static<typeof FiguresQuerySchema>;

export const PeriodSchema = Type.Object({ from: DaySchema, to: DaySchema });

/** A number, the same number for the same period a year before (同比) and for the period before (环比). */
export const FigureSchema = Type.Object({
  value: Type.Integer(),
  previousYear: Type.Integer(),
  previousPeriod: Type.Integer(),
  /** The ledger filter that lists exactly the cases behind `value`. */
  ledger: LedgerFilterSchema,
});
export type Figure = Static<typeof FigureSchema>;

export const CountSchema = Type.Object({
  metric: FigureMetricSchema,
  label: Type.String(),
  ...FigureSchema.properties,
});
export type Count = Static<typeof CountSchema>;

export const BreakdownEntrySchema = Type.Object({
  key: Type.String(),
  label: Type.String(),
  ...FigureSchema.properties,
});
export type BreakdownEntry = Static<typeof BreakdownEntrySchema>;

const Ratio = Type.Union([Type.Number(), Type.Null()]);

export const RateSchema = Type.Object({
  rate: StringEnum(RATE_NAMES),
  label: Type.String(),
  formula: Type.String(),
  basis: Type.String(),
  /** numerator ÷ denominator; null when nothing was counted. */
  value: Ratio,
  previousYear: Ratio,
  previousPeriod: Ratio,
  numerator: CountSchema,
  denominator: CountSchema,
});
export type Rate = Static<typeof RateSchema>;

/**
 * A prevention figure (screening, 包案, 下访), counted live for the same units and period. 同比 and
 * 环比 are null for the count of how things stand now (open disputes past their deadline).
 */
export const PreventionCountSchema = Type.Object({
  figure: StringEnum(PREVENTION_FIGURES),
  label: Type.String(),
  value: Type.Integer(),
  previousYear: Type.Union([Type.Integer(), Type.Null()]),
  previousPeriod: Type.Union([Type.Integer(), Type.Null()]),
});
export type PreventionCount = Static<typeof PreventionCountSchema>;

export const FiguresSchema = Type.Object({
  unit: Type.Object({ id: Type.String(), name: Type.String() }),
  subtree: Type.Boolean(),
  period: PeriodSchema,
  previousYear: PeriodSchema,
  previousPeriod: PeriodSchema,
  counts: Type.Array(CountSchema),
  /** The petitions received, by channel, kind, category and unit (each unit below, with its own). */
  breakdowns: Type.Object({
    channel: Type.Array(BreakdownEntrySchema),
    kind: Type.Array(BreakdownEntrySchema),
    category: Type.Array(BreakdownEntrySchema),
    unit: Type.Array(BreakdownEntrySchema),
  }),
  rates: Type.Array(RateSchema),
  prevention: Type.Array(PreventionCountSchema),
});
export type Figures = Static<typeof FiguresSchema>;

export const LedgerQuerySchema = Type.Object({
  ...LedgerFilterSchema.properties,
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});
export type LedgerQuery = Static<typeof LedgerQuerySchema>;

export const LedgerExportQuerySchema = Type.Object({
  ...LedgerFilterSchema.properties,
  format: StringEnum(['csv', 'xlsx']),
});
export type LedgerExportQuery = Static<typeof LedgerExportQuerySchema>;

const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);

/**
 * One petition of the ledger. No phone or ID number; the petitioner's name masked, and withheld
 * altogether from staff of an accused unit (Art 30: `accuserWithheld`).
 */
export const LedgerRowSchema = Type.Object({
  id: Type.String(),
  number: Type.String(),
  title: Type.String(),
  kind: PetitionKindSchema,
  channel: ChannelSchema,
  categoryCode: Type.String(),
  categoryName: Type.String(),
  state: PetitionStateSchema,
  stage: Type.String(),
  receivedAt: Type.String(),
  /** The day the filtered figure counted it on. */
  day: DaySchema,
  /** The unit it is counted for. */
  unitName: Type.String(),
  handlingUnitName: Nullable(Type.String()),
  headcount: Type.Union([Type.Integer(), Type.Null()]),
  overdue: Type.Boolean(),
  petitionerName: Nullable(Type.String()),
  accuserWithheld: Type.Boolean(),
});
export type LedgerRow = Static<typeof LedgerRowSchema>;

export const LedgerPageSchema = Type.Object({
  items: Type.Array(LedgerRowSchema),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
export type LedgerPage = Static<typeof LedgerPageSchema>;

/**
 * The columns of the table of units side by side (各单位对比), in the order the bulletins print
 * them: 收到 (the intake), four rates of `shared` (及时受理率, 按期办结率, 参评率, 满意率 of the first
 * answer: Art 22–23, 34, 21), 重信重访, 集体访 (批次), 越级访, and 超期件 — the answers owed in the
 * period and not given on time (应办结 − 按期办结, Art 34).
 */
export const UNIT_TABLE_COLUMNS = [
  'received',
  'timely_acceptance',
  'on_time.first',
  'participation.first',
  'satisfaction.first',
  'repeat',
  'collective',
  'level_skipping',
  'late.first',
] as const;
export type UnitTableColumn = (typeof UNIT_TABLE_COLUMNS)[number];

/**
 * One cell: a count, or a rate (null when nothing was counted) with its two counts. `ledger` lists
 * the cases behind it — a count's own, a rate's denominator's, 超期件's those of 应办结 not answered
 * on time (`late`).
 */
export const UnitTableCellSchema = Type.Object({
  column: StringEnum(UNIT_TABLE_COLUMNS),
  value: Ratio,
  numerator: Type.Optional(Type.Integer()),
  denominator: Type.Optional(Type.Integer()),
  ledger: LedgerFilterSchema,
});
export type UnitTableCell = Static<typeof UnitTableCellSchema>;

/** A unit's row: the unit alone (本级, `subtree` false), or a unit below with everything under it. */
export const UnitTableRowSchema = Type.Object({
  unitId: Type.String(),
  label: Type.String(),
  subtree: Type.Boolean(),
  cells: Type.Array(UnitTableCellSchema),
});
export type UnitTableRow = Static<typeof UnitTableRowSchema>;

/** The units directly below one (and its own cases as a row) side by side, and their total. */
export const UnitTableSchema = Type.Object({
  unit: Type.Object({ id: Type.String(), name: Type.String() }),
  subtree: Type.Boolean(),
  period: PeriodSchema,
  columns: Type.Array(
    Type.Object({ column: StringEnum(UNIT_TABLE_COLUMNS), label: Type.String(), rate: Type.Boolean() }),
  ),
  rows: Type.Array(UnitTableRowSchema),
  /** The sum of the rows: the unit's own figures for the period. */
  total: UnitTableRowSchema,
});
export type UnitTable = Static<typeof UnitTableSchema>;
