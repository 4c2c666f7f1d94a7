import { compareInstants, type ReplyWindow, replyWindowOf } from '@xinfang/shared/clocks';
import type { PetitionKind, PetitionState, Stage } from '@xinfang/shared/lifecycle';
import { type PetitionerClockName, petitionerDate } from '@xinfang/shared/petitioner-date';
import type { ClockView } from '@xinfang/shared/schemas/petitions';

/**
 * Where a petition stands, as a petitioner reads it: a plain step bar (已提交 → 已受理 → 办理中 →
 * 已答复 → 评价) and one promise with a date (「预计最晚X月X日（含当天）答复您」). The statutory
 * clocks behind them are kept for the fold-out and the staff pages. Plain functions of the API's
 * data.
 */
export const STEPS = ['submitted', 'accepted', 'handling', 'replied', 'rated'] as const;
export type Step = (typeof STEPS)[number];

/**
 * The last step reached in the current stage, or null when the case left the path (forwarded,
 * diverted, declined, withdrawn): those ends are told in words, not on the bar.
 */
export function reachedStep(state: PetitionState, ratedThisStage: boolean): Step | null {
  switch (state) {
    case 'registered':
    case 'referred':
    case 'objected':
    case 'assigned':
      return 'submitted';
    case 'handling':
    case 'reply_drafted':
    case 'reply_approved':
      return 'handling';
    case 'replied':
    case 'resolved':
    case 'concluded':
    case 'final':
      return ratedThisStage ? 'rated' : 'replied';
    default:
      return null;
  }
}

/** The clocks that promise the petitioner something, or give them time to act. */
export { PETITIONER_CLOCKS } from '@xinfang/shared/petitioner-date';

/** What the pledge is about: the answer, the news whether it is taken up, or the person's own time. */
export type PledgeKind = 'answer' | 'notice' | 'review' | 're_examination' | 'rating';

const PLEDGE_OF: Record<PetitionerClockName, PledgeKind> = {
  review_window: 'review',
  re_examination_window: 're_examination',
  rating_window: 'rating',
  handling: 'answer',
  review_answer: 'answer',
  re_examination_answer: 'answer',
  notice: 'notice',
  assignment_notice: 'notice',
};

export interface Pledge {
  kind: PledgeKind;
  /** The Beijing date, `YYYY-MM-DD`. */
  dueDate: string;
  /** The date has passed and nothing happened yet. */
  late: boolean;
  /** The holiday schedule of a year it runs through is not out yet: the date may move. */
  provisional: boolean;
  /** The answer waits for a hearing (Art 36): its clock stands still, so no date is promised. */
  paused: boolean;
  /**
   * The appeal the date is for goes to 有权处理的上级机关, not to a unit here (the detail's
   * `noHigherUnit`, Art 35, 36): the app takes no such request.
   */
  elsewhere: boolean;
}

/**
 * The one date to tell (the pledge), chosen as the server chooses the date of a line in 我的信访
 * (`petitionerDate`): the person's own window if one runs (they must act), else when the answer is
 * due, else when they will hear whether it is taken up — the earliest of its kind.
 */
export function pledgeOf(clocks: readonly ClockView[], now: number, noHigherUnit = false): Pledge | null {
  const running = clocks.filter((c) => c.finishedAt === null);
  const first = petitionerDate(
    (include) => running.filter(include).sort((a, b) => compareInstants(a.due, b.due))[0] ?? null,
  );
  if (!first) return null;
  const kind = PLEDGE_OF[first.name as PetitionerClockName];
  return {
    kind,
    dueDate: first.dueDate,
    late: first.status !== 'paused' && now > Date.parse(first.due),
    provisional: !first.calendarComplete,
    paused: first.status === 'paused',
    elsewhere: noHigherUnit && (kind === 'review' || kind === 're_examination'),
  };
}

/**
 * The window the petitioner's own receipt of the answer will open, while the answer is issued but
 * not yet received (Art 21, 35, 36: the time runs from the day the written answer is received —
 * its first opening in the app, or a delivery staff record). Null when nothing waits for them.
 */
export function windowAwaitingReceipt(
  kind: PetitionKind,
  state: PetitionState,
  stage: Stage,
  timeline: readonly { type: string }[],
): ReplyWindow | null {
  if (state !== 'replied') return null;
  const types = timeline.map((event) => event.type);
  const issued = types.lastIndexOf('reply_issued');
  if (issued < 0 || types.indexOf('reply_delivered', issued) >= 0) return null;
  return replyWindowOf(kind, stage);
}

/** Whether the petitioner rated the reply of this stage (the timeline's `rated` event). */
export function ratedIn(timeline: readonly { type: string; stage: Stage }[], stage: Stage): boolean {
  return timeline.some((event) => event.type === 'rated' && event.stage === stage);
}
