import type { Stage } from '../lifecycle/vocabulary';
import type { DateString, Instant } from './dates';
import type { ClockName } from './definitions';
import type { Period } from './periods';

export interface PauseInterval {
  from: Instant;
  /** Null while the pause is still running. */
  to: Instant | null;
}

/** One statutory clock of a petition, running or finished. */
export interface Clock {
  name: ClockName;
  article: string;
  kind: 'deadline' | 'window';
  stage: Stage;
  /** The supervision notice's number, for `supervision_answer`. */
  ref: number | null;
  /** Null for a date set by a person rather than counted. */
  period: Period | null;
  /** Days added to the period (an approved extension, Art 34). */
  extraDays: number;
  start: Instant;
  startDate: DateString;
  /** The last day, after the rest-day rule and any pauses. */
  dueDate: DateString;
  /** The end of the due day in Beijing time. */
  due: Instant;
  paused: readonly PauseInterval[];
  finishedAt: Instant | null;
  /** The event type that stopped the clock. */
  finishedBy: string | null;
  /**
   * Whether what it waits for was done by its due instant; null while running, and when another
   * end stopped it (`finishedBy` not among its definition's `settledBy`: a withdrawal, …).
   */
  met: boolean | null;
  /** False when the count passes through a year without an official holiday schedule. */
  calendarComplete: boolean;
}
