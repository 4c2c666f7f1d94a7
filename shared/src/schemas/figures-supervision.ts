import { type Static, Type } from 'typebox';
import { ID_MAX } from '../lifecycle/action-specs';
import { DaySchema, PeriodSchema } from './figures';

const Count = Type.Integer({ minimum: 0 });

/**
 * 督办 figures of one unit (or of them all: the total) for a period, for the 通报 of Art 41: the
 * escalation steps raised to it (Art 38–40; withdrawn ones not counted) and the 督办单 issued to
 * it, each counted on the day it was raised or issued. A notice is counted once, where it stands
 * now: answered by its due date or after it, still waiting, overdue today, or ended with its case
 * unanswered — so `issued` is the sum of those five.
 */
export const SupervisionFiguresRowSchema = Type.Object({
  unitId: Type.String({ minLength: 1, maxLength: ID_MAX }),
  label: Type.String(),
  /** Yellow steps (a deadline near), and red steps (missed) of every level. */
  yellow: Count,
  red: Count,
  /** The red steps by level: 1 the holder's head, n ≥ 2 raised n − 1 levels up. */
  redLevels: Type.Array(Type.Object({ level: Type.Integer({ minimum: 1 }), steps: Count })),
  /** Red steps acknowledged (签收), and the working days from raised to acknowledged. */
  redAcknowledged: Count,
  acknowledgeDays: Type.Object({
    median: Type.Union([Type.Number({ minimum: 0 }), Type.Null()]),
    longest: Type.Union([Count, Type.Null()]),
  }),
  notices: Type.Object({
    issued: Count,
    answeredOnTime: Count,
    answeredLate: Count,
    /** Not answered, not yet due. */
    waiting: Count,
    /** Not answered and past its due date today. */
    overdue: Count,
    /** Not answered when its case ended. */
    ended: Count,
    /** Answers sent back for a new one (each time). */
    returned: Count,
  }),
  /** Cases with a 督办单 issued in the period. */
  casesSupervised: Count,
});
export type SupervisionFiguresRow = Static<typeof SupervisionFiguresRowSchema>;

/**
 * The units of the subtree with anything counted, worst first (overdue and late answers, then red
 * steps, returns, yellow steps), and the total of the whole scope.
 */
export const SupervisionFiguresSchema = Type.Object({
  unit: Type.Object({ id: Type.String(), name: Type.String() }),
  subtree: Type.Boolean(),
  period: PeriodSchema,
  /** The day `overdue` is counted as of (Beijing). */
  today: DaySchema,
  rows: Type.Array(SupervisionFiguresRowSchema),
  total: SupervisionFiguresRowSchema,
});
export type SupervisionFigures = Static<typeof SupervisionFiguresSchema>;
