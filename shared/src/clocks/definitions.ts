import type { EventType } from '../lifecycle/events';
import type { PetitionKind, Stage } from '../lifecycle/vocabulary';
import type { Period } from './periods';

/**
 * The statutory clocks of a petition. A `deadline` binds staff; a `window` is the time someone
 * else has to act (the petitioner's appeal, the assigned unit's objection): running past it is not
 * a breach but the loss of a right.
 */
export interface ClockDefinition {
  article: string;
  kind: 'deadline' | 'window';
  /** Null for a date set by a person (the report-back date of an assignment, a supervision's due date). */
  period: Period | null;
  label: string;
  /**
   * The events that do what the clock waits for (a petitioner's window: use it, or its lapse that
   * the closing records), so it reads met or missed. Any other end — a withdrawal, an agreed
   * objection, a diversion of the case being handled — only stops it: nobody did the thing in time
   * or late, and saying 「按期」 would be false.
   */
  settledBy: readonly EventType[];
}

/** Art 22, 23 ¶2: the routing decisions; each is told to the petitioner (a notice goes with it). */
const TRIAGE_DECISIONS = ['assigned', 'accepted', 'forwarded', 'diverted', 'declined'] as const;

export const CLOCK_DEFINITIONS = {
  /** Art 22: register, then forward or assign (or decide it here) within 15 days. */
  triage: {
    article: 'Art 22',
    kind: 'deadline',
    period: { length: 15, unit: 'days' },
    label: '转送交办',
    settledBy: TRIAGE_DECISIONS,
  },
  /** Art 23 ¶2: tell the petitioner in writing within 15 days whether and how it is handled. */
  notice: {
    article: 'Art 23 ¶2',
    kind: 'deadline',
    period: { length: 15, unit: 'days' },
    label: '书面告知',
    settledBy: ['notified', ...TRIAGE_DECISIONS],
  },
  /** Art 23 ¶3: the assigned unit tells the petitioner within 15 days of receiving the assignment. */
  assignment_notice: {
    article: 'Art 23 ¶3',
    kind: 'deadline',
    period: { length: 15, unit: 'days' },
    label: '交办后告知',
    settledBy: ['notified', 'accepted', 'diverted'],
  },
  /** Art 23 ¶3: an assigned unit outside its remit objects within 5 working days. */
  objection_window: {
    article: 'Art 23 ¶3',
    kind: 'window',
    period: { length: 5, unit: 'working_days' },
    label: '异议期',
    settledBy: ['objected', 'accepted', 'diverted'],
  },
  /** Art 22: an assignment (交办) is reported back by the date the assigner set. */
  report_back: {
    article: 'Art 22',
    kind: 'deadline',
    period: null,
    label: '交办报告',
    settledBy: ['reply_issued'],
  },
  /** Art 34: concluded within 60 days of acceptance, plus an approved extension of at most 30. */
  handling: {
    article: 'Art 34',
    kind: 'deadline',
    period: { length: 60, unit: 'days' },
    label: '办理期限',
    settledBy: ['reply_issued'],
  },
  /** Art 35: the petitioner may ask for review within 30 days of receiving the written reply. */
  review_window: {
    article: 'Art 35',
    kind: 'window',
    period: { length: 30, unit: 'days' },
    label: '复查请求期',
    settledBy: ['review_requested', 'closed'],
  },
  /** Art 35: the review opinion within 30 days of the request. */
  review_answer: {
    article: 'Art 35',
    kind: 'deadline',
    period: { length: 30, unit: 'days' },
    label: '复查期限',
    settledBy: ['reply_issued'],
  },
  /** Art 36: re-examination may be asked within 30 days of receiving the review opinion. */
  re_examination_window: {
    article: 'Art 36',
    kind: 'window',
    period: { length: 30, unit: 'days' },
    label: '复核请求期',
    settledBy: ['re_examination_requested', 'closed'],
  },
  /** Art 36: the re-examination opinion within 30 days; hearing time is not counted. */
  re_examination_answer: {
    article: 'Art 36',
    kind: 'deadline',
    period: { length: 30, unit: 'days' },
    label: '复核期限',
    settledBy: ['reply_issued'],
  },
  /** Art 21: a suggestion's or accusation's reply, which has no appeal, stays open 30 days for rating. */
  rating_window: {
    article: 'Art 21',
    kind: 'window',
    period: { length: 30, unit: 'days' },
    label: '评价期',
    settledBy: ['rated', 'closed'],
  },
  /** Art 40: a supervision notice is answered in writing by its due date. */
  supervision_answer: {
    article: 'Art 40',
    kind: 'deadline',
    period: null,
    label: '督办答复',
    settledBy: ['supervision_answered'],
  },
} as const satisfies Record<string, ClockDefinition>;

export type ClockName = keyof typeof CLOCK_DEFINITIONS;
export const CLOCK_NAMES = Object.keys(CLOCK_DEFINITIONS) as ClockName[];

/** The petitioner's time to act on a reply: ask for review (Art 35) or re-examination (Art 36), or rate. */
export type ReplyWindow = 'review_window' | 're_examination_window' | 'rating_window';

/**
 * The window a reply of this stage opens: a request's first reply may be reviewed, a review
 * re-examined; a suggestion's or accusation's reply has no appeal and is rated (Art 21). The
 * re-examination's reply is final (Art 36 ¶3) and opens none.
 */
export function replyWindowOf(kind: PetitionKind, stage: Stage): ReplyWindow | null {
  if (stage === 'first') return kind === 'request' ? 'review_window' : 'rating_window';
  return stage === 'review' ? 're_examination_window' : null;
}
