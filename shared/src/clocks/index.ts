export type { Calendar, CalendarYear } from './calendar';
export { createCalendar, defaultCalendar, liveCalendar } from './calendar';
export type { CalendarChange } from './calendar-review';
export {
  calendarChanges,
  calendarExceptions,
  missingCalendarYear,
  NEXT_YEAR_AWAITED_FROM_MONTH,
} from './calendar-review';
export type { Clock, PauseInterval } from './clock';
export type { OpenClock } from './clocks-of';
export {
  clocksOf,
  countRunning,
  countsOnNow,
  firstDue,
  nextDueAmong,
  nextDueClock,
  runningClocksOf,
} from './clocks-of';
export type { DateString, Instant } from './dates';
export {
  addDays,
  beijingDate,
  beijingTimeOfDay,
  compareInstants,
  daysBetween,
  endOfBeijingDay,
  isDateString,
  isInstant,
  startOfBeijingDay,
} from './dates';
export type { ClockDefinition, ClockName, ReplyWindow } from './definitions';
export { CLOCK_DEFINITIONS, CLOCK_NAMES, replyWindowOf } from './definitions';
export type { EscalationFlag, EscalationPolicy, EscalationRung, EscalationStep } from './escalation';
export {
  clockKey,
  DEFAULT_ESCALATION_POLICY,
  deadlineHolder,
  escalationsOf,
  ladderOf,
  workingDaysAfter,
} from './escalation';
export type { NoticeIssue, NoticeReading } from './holiday-notice';
export { readHolidayNotice } from './holiday-notice';
export { OFFICIAL_CALENDAR_YEARS } from './official-calendar';
export type { DueDay, Period } from './periods';
export { addWorkingDays, dueDateOf, nextWorkingDay } from './periods';
export type { ScreeningDeadline } from './screening-escalation';
export { screeningEscalationsOf } from './screening-escalation';
export type { ScreeningPeriod, SensitivePeriod } from './screening-period';
export {
  currentScreeningPeriod,
  isDailyPeriod,
  screeningPeriodBounds,
  screeningPeriodDays,
  screeningPeriodOf,
  screeningReportDue,
  sensitivePeriodsOverlap,
} from './screening-period';
export type { ClockStatus } from './status';
export {
  CLOCK_STATUSES,
  clockStatus,
  DUE_SOON_WORKING_DAYS,
  dueBefore,
  dueSoon,
  isPaused,
  isRunning,
  nextDue,
  overdue,
  pausedDays,
  withinWorkingDays,
} from './status';
