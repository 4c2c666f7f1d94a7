import type { Calendar } from '../clocks/calendar';
import { clocksOf } from '../clocks/clocks-of';
import type { Instant } from '../clocks/dates';
import { type ClockName, type ReplyWindow, replyWindowOf } from '../clocks/definitions';
import { overdue } from '../clocks/status';
import { accuses } from './accuser';
import type { CaseActionType } from './action-specs';
import { openAssists, ownedByActiveLeader, rehandlingPending, replyDelivery } from './facts';
import type { Petition } from './petition';
import { rewardRefusal } from './reward';
import { type Refusal, type RuleId, refuse } from './rules';
import { parentOf, type UnitRef } from './units';

/**
 * The rules beyond who-and-when (permissions.ts) that depend only on the petition and the time:
 * time windows, kind-specific procedures, one extension, one rating per stage. Each returns the
 * rule that refuses (or the refusal, when it names what is missing), or null. Windows are read from the clocks, so the clocks and the lifecycle
 * can never disagree about a deadline.
 */
type Guard = (petition: Petition, now: Instant, calendar: Calendar) => RuleId | Refusal | null;

/** Art 35, 36: what an appeal of each stage asks of the case, whoever brings it. */
const REVIEW: readonly Guard[] = [
  (p) => (p.stage === 'first' ? null : 'state.not_allowed'),
  (p) => (p.kind === 'request' ? null : 'review.requests_only'),
];
/**
 * Art 35, 36: the unit above the one that answered, which takes a 复查 or 复核 here; null when the
 * answering unit is the top of the organisation, so the petitioner must go to 有权处理的上级机关.
 */
export function appealUnitOf(handling: UnitRef | null): UnitRef | null {
  return handling && parentOf(handling);
}
const REVIEW_LEVEL: Guard = (p) => (appealUnitOf(p.units.handling) ? null : 'review.no_higher_level');
const RE_EXAMINATION: Guard = (p) => (p.stage === 'review' ? null : 'state.not_allowed');
const RE_EXAMINATION_LEVEL: Guard = (p) =>
  appealUnitOf(p.units.handling) ? null : 're_examination.no_higher_level';

export const GUARDS: Partial<Record<CaseActionType, readonly Guard[]>> = {
  accept: [accusationFirewall],
  take_case: [(p) => (ownedByActiveLeader(p) ? 'ownership.taken' : null)],
  divert: [
    (p) => (p.kind === 'request' ? null : 'triage.divert_requests_only'),
    // A review or re-examination answers the earlier decision (Art 35, 36); it diverts nothing.
    (p) => (p.stage === 'first' ? null : 'state.not_allowed'),
  ],
  object: [(p, now, cal) => (windowOpen(p, 'objection_window', now, cal) ? null : 'objection.window_closed')],
  request_extension: [
    (p) => (p.stage === 'first' ? null : 'extension.first_stage_only'),
    (p) => (p.extension.status === 'granted' ? 'extension.already_granted' : null),
    (p) => (p.extension.status === 'requested' ? 'extension.pending' : null),
    handlingNotOverdue,
  ],
  approve_extension: [extensionPending, handlingNotOverdue],
  refuse_extension: [extensionPending],
  schedule_hearing: [
    (p) => (p.kind === 'request' ? null : 'hearing.requests_only'),
    (p) => (p.pendingHearing ? 'hearing.already_scheduled' : null),
  ],
  hold_hearing: [(p) => (p.pendingHearing ? null : 'hearing.none_scheduled')],
  // Art 33: 「在处理申诉求决类事项过程中」. An agreement on an accusation would name the accuser to
  // the accused unit that signs and keeps it (Art 30).
  record_mediation: [(p) => (p.kind === 'request' ? null : 'mediation.requests_only')],
  draft_reply: [(p) => (p.pendingHearing ? 'hearing.already_scheduled' : null), assistsAnswered],
  approve_reply: [assistsAnswered],
  issue_reply: [assistsAnswered],
  withdraw_assist: [(p) => (openAssists(p).length > 0 ? null : 'assist.none_to_withdraw')],
  rate: [(p) => (p.ratings[p.stage] ? 'rating.already_rated' : null), ratingWindowOpen],
  receive_reply: [undelivered],
  record_delivery: [undelivered],
  correct_delivery: [(p) => (replyDelivery(p)?.deliveredOn ? null : 'delivery.not_recorded')],
  request_review: [
    ...REVIEW,
    (p, now, cal) => (windowNotLapsed(p, 'review_window', now, cal) ? null : 'review.window_closed'),
    REVIEW_LEVEL,
  ],
  request_re_examination: [
    RE_EXAMINATION,
    (p, now, cal) =>
      windowNotLapsed(p, 're_examination_window', now, cal) ? null : 're_examination.window_closed',
    RE_EXAMINATION_LEVEL,
  ],
  // Recorded from a letter or a visit, the window is judged on the day the request arrived, which
  // only the parameters say (transitions/appeal.ts).
  record_review_request: [...REVIEW, REVIEW_LEVEL],
  record_re_examination_request: [RE_EXAMINATION, RE_EXAMINATION_LEVEL],
  close: [
    // Art 23 ¶2: an answer that cannot be delivered is kept on file; no window runs, so it closes.
    (p) => {
      const answer = replyDelivery(p);
      return answer?.deliveredOn || answer?.owed === false ? null : 'close.not_delivered';
    },
    appealWindowLapsed,
    (p) => (rehandlingPending(p) ? 'rehandling.pending' : null),
  ],
  decide_rehandling: [(p) => (rehandlingPending(p) ? null : 'rehandling.none_pending')],
  record_forward_outcome: [
    (p) => (p.events.some((e) => e.type === 'forward_outcome_recorded') ? 'forward.outcome_recorded' : null),
  ],
  record_reward: [rewardRefusal],
};

/**
 * Art 24 (协同): the lead unit answers the petitioner only with every assisting unit's part in
 * hand. The refusal names the parts still missing and their dates.
 */
function assistsAnswered(p: Petition): Refusal | null {
  const open = openAssists(p);
  if (open.length === 0) return null;
  const missing = open.map((part) => `第${part.no}项「${excerpt(part.part)}」（${part.dueDate}前答复）`);
  return refuse('assist.parts_open', { message: `尚未答复的协办事项：${missing.join('；')}` });
}

function excerpt(text: string): string {
  const chars = [...text.trim()];
  return chars.length > 20 ? `${chars.slice(0, 20).join('')}…` : chars.join('');
}

/** Art 30: an accusation is never handled by the accused unit or one below it. */
function accusationFirewall(p: Petition): RuleId | null {
  const unit = p.state === 'registered' ? p.units.receiving : p.units.handling;
  return unit && accuses(p, unit) ? 'triage.accusation_to_accused_unit' : null;
}

/**
 * A reply is rated while the petitioner's window on it runs (the review, re-examination or rating
 * window: 30 days from receipt, Art 21, 35, 36) — the same limit before and after the deadline job
 * closes the case. The final reply opens no window and may be rated at any time.
 */
function ratingWindowOpen(p: Petition, now: Instant, calendar: Calendar): RuleId | null {
  const window = replyWindowOf(p.kind, p.stage);
  return p.state === 'replied' && window && !windowNotLapsed(p, window, now, calendar)
    ? RATING_WINDOW_CLOSED[window]
    : null;
}

/** A late rating names the window that applied to the reply: Art 35, 36 for a request, else Art 21. */
export const RATING_WINDOW_CLOSED: Readonly<Record<ReplyWindow, RuleId>> = {
  review_window: 'rating.review_window_closed',
  re_examination_window: 'rating.re_examination_window_closed',
  rating_window: 'rating.window_closed',
};

function extensionPending(p: Petition): RuleId | null {
  return p.extension.status === 'requested' ? null : 'extension.none_pending';
}

/** Art 34: an extension is asked for and granted before the 60 days run out. */
function handlingNotOverdue(p: Petition, now: Instant, calendar: Calendar): RuleId | null {
  const handling = clocksOf(p, calendar, now).find((c) => c.name === 'handling' && c.finishedAt === null);
  return handling && overdue(handling, now) ? 'extension.after_deadline' : null;
}

/** Closing waits for the petitioner's window (review, re-examination or rating) to lapse. */
function appealWindowLapsed(p: Petition, now: Instant, calendar: Calendar): RuleId | null {
  const windows: ClockName[] = ['review_window', 're_examination_window', 'rating_window'];
  const open = clocksOf(p, calendar, now).find(
    (c) => windows.includes(c.name) && c.finishedAt === null && !overdue(c, now),
  );
  return open ? 'close.window_open' : null;
}

/** Each written answer is delivered once (a wrong date is corrected, not recorded again). */
function undelivered(p: Petition): RuleId | null {
  return replyDelivery(p)?.deliveredOn ? 'delivery.already_recorded' : null;
}

/**
 * The petitioner's window after an answer (Art 35, 36) runs from its delivery: before the delivery
 * is recorded it has not started, so it cannot have lapsed.
 */
function windowNotLapsed(p: Petition, name: ClockName, now: Instant, calendar: Calendar): boolean {
  return replyDelivery(p)?.deliveredOn === null || windowOpen(p, name, now, calendar);
}

function windowOpen(p: Petition, name: ClockName, now: Instant, calendar: Calendar): boolean {
  const clock = clocksOf(p, calendar, now).find((c) => c.name === name && c.finishedAt === null);
  return clock !== undefined && !overdue(clock, now);
}
