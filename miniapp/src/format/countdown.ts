import type { ClockView } from '@xinfang/shared/schemas/petitions';
import { copy } from '@/copy/zh-CN';
import { beijingDate, daysBetween, formatDateString } from './dates';

/**
 * A clock as words: how long is left (or how late it is), and the tone to show it in. Days are
 * counted on the Beijing calendar, as the statute counts them (a period ends with its last day).
 */
export interface Countdown {
  text: string;
  due: string;
  tone: 'calm' | 'soon' | 'late' | 'met' | 'missed' | 'stopped' | 'paused';
}

export function countdownOf(clock: ClockView, now: number): Countdown {
  const due = copy.clock.dueOn(formatDateString(clock.dueDate));
  if (clock.finishedAt !== null) {
    // Ended by something other than what it waits for (a withdrawal, …): neither on time nor late.
    if (clock.met === null) return { text: copy.clock.stopped, due, tone: 'stopped' };
    return clock.met
      ? { text: copy.clock.met, due, tone: 'met' }
      : { text: copy.clock.missed, due, tone: 'missed' };
  }
  // Waiting for a hearing (Art 36): the due date moves a day each day, so none is shown.
  if (clock.status === 'paused')
    return { text: copy.clock.paused(clock.pausedDays ?? 0), due: copy.clock.pausedDue, tone: 'paused' };
  const left = daysBetween(beijingDate(now), clock.dueDate);
  if (now > Date.parse(clock.due)) return { text: copy.clock.overdueBy(-left), due, tone: 'late' };
  if (left === 0) return { text: copy.clock.dueToday, due, tone: 'soon' };
  return { text: copy.clock.daysLeft(left), due, tone: clock.status === 'due_soon' ? 'soon' : 'calm' };
}
