import type { ClockName } from '@xinfang/shared/clocks';
import { PETITION_STATES } from '@xinfang/shared/lifecycle';
import { petitionerDate } from '@xinfang/shared/petitioner-date';
import type { ClockView } from '@xinfang/shared/schemas/petitions';
import { describe, expect, it } from 'vitest';
import { formatMonthDay } from '@/format/dates';
import { pledgeOf, reachedStep, STEPS, windowAwaitingReceipt } from './progress';

const NOW = Date.parse('2026-03-10T02:00:00Z');

function clock(name: ClockName, dueDate: string, finished = false): ClockView {
  return {
    name,
    article: 'Art 34',
    kind: name.endsWith('window') ? 'window' : 'deadline',
    stage: 'first',
    start: '2026-03-02T02:00:00.000Z',
    dueDate,
    due: `${dueDate}T15:59:59.999Z`,
    finishedAt: finished ? '2026-03-05T02:00:00.000Z' : null,
    met: finished ? true : null,
    status: finished ? 'met' : 'running',
    calendarComplete: true,
  };
}

describe('the step bar', () => {
  it.each([
    ['registered', false, 'submitted'],
    ['assigned', false, 'submitted'],
    ['handling', false, 'handling'],
    ['reply_approved', false, 'handling'],
    ['replied', false, 'replied'],
    ['replied', true, 'rated'],
    ['concluded', false, 'replied'],
    ['resolved', true, 'rated'],
    ['final', false, 'replied'],
    ['diverted', false, null],
    ['withdrawn', false, null],
  ] as const)('%s (rated: %s) → %s', (state, rated, step) => {
    expect(reachedStep(state, rated)).toBe(step);
  });

  it('places every state somewhere on the bar or off it, never past the rating', () => {
    for (const state of PETITION_STATES) {
      const step = reachedStep(state, true);
      if (step) expect(STEPS).toContain(step);
    }
  });
});

describe('the one promise', () => {
  it('before acceptance: when the person will hear whether it is taken up (the earliest notice)', () => {
    expect(
      pledgeOf(
        [clock('triage', '2026-03-17'), clock('notice', '2026-03-17'), clock('report_back', '2026-03-12')],
        NOW,
      ),
    ).toMatchObject({ kind: 'notice', dueDate: '2026-03-17', late: false });
  });

  it('while handled: when the answer is due; internal clocks never make the promise', () => {
    expect(
      pledgeOf(
        [
          clock('notice', '2026-03-17', true),
          clock('handling', '2026-05-04'),
          clock('report_back', '2026-04-30'),
        ],
        NOW,
      ),
    ).toMatchObject({ kind: 'answer', dueDate: '2026-05-04' });
  });

  it('after the reply: the person’s own window comes first', () => {
    expect(
      pledgeOf([clock('review_window', '2026-04-21'), clock('report_back', '2026-03-11')], NOW),
    ).toMatchObject({
      kind: 'review',
      dueDate: '2026-04-21',
    });
  });

  it('is the date the line in 我的信访 shows: one clock chosen the same way (petitionerDate)', () => {
    const assigned = [
      clock('objection_window', '2026-03-09'),
      clock('assignment_notice', '2026-03-17'),
      clock('report_back', '2026-03-12'),
    ];
    const listed = petitionerDate((include) => assigned.find(include) ?? null);
    expect(listed?.name).toBe('assignment_notice');
    expect(pledgeOf(listed ? [listed] : [], NOW)).toEqual(pledgeOf(assigned, NOW));
    expect(pledgeOf(assigned, NOW)).toMatchObject({ kind: 'notice', dueDate: '2026-03-17' });
  });

  it('says when the date has passed', () => {
    expect(pledgeOf([clock('handling', '2026-03-09')], NOW)).toMatchObject({ kind: 'answer', late: true });
  });

  it('has nothing to promise on a closed case', () => {
    expect(pledgeOf([clock('handling', '2026-05-04', true)], NOW)).toBeNull();
  });

  it('writes dates the short way in the current year', () => {
    expect(formatMonthDay('2026-05-04', '2026-03-10')).toBe('5月4日');
    expect(formatMonthDay('2027-01-04', '2026-12-20')).toBe('2027年1月4日');
  });
});

describe('an answer waiting to be received', () => {
  const issued = [{ type: 'accepted' }, { type: 'reply_issued' }];

  it('names the window its receipt opens: review for a request, rating otherwise, re-examination after review', () => {
    expect(windowAwaitingReceipt('request', 'replied', 'first', issued)).toBe('review_window');
    expect(windowAwaitingReceipt('suggestion', 'replied', 'first', issued)).toBe('rating_window');
    expect(windowAwaitingReceipt('request', 'replied', 'review', issued)).toBe('re_examination_window');
  });

  it('waits for nothing once received, before the answer, or after the final one', () => {
    expect(
      windowAwaitingReceipt('request', 'replied', 'first', [...issued, { type: 'reply_delivered' }]),
    ).toBeNull();
    expect(
      windowAwaitingReceipt('request', 'reply_approved', 'first', [{ type: 'reply_approved' }]),
    ).toBeNull();
    expect(windowAwaitingReceipt('request', 'final', 're_examination', issued)).toBeNull();
  });

  it('looks at the latest answer: the review’s, not the first one received before it', () => {
    const review = [
      ...issued,
      { type: 'reply_delivered' },
      { type: 'review_requested' },
      { type: 'reply_issued' },
    ];
    expect(windowAwaitingReceipt('request', 'replied', 'review', review)).toBe('re_examination_window');
  });
});
