import { describe, expect, it } from 'vitest';
import { register } from '../lifecycle/register';
import {
  ACTORS,
  act,
  assigned,
  handling,
  later,
  onlineParams,
  replied,
  submitted,
  T0,
  UNITS,
} from '../lifecycle/test-kit';
import { defaultCalendar } from './calendar';
import type { Clock } from './clock';
import { clocksOf } from './clocks-of';
import type { ClockName } from './definitions';
import { clockStatus, dueSoon, nextDue, overdue } from './status';

const clocks = (p: Parameters<typeof clocksOf>[0], now = later(T0, 100)) => clocksOf(p, defaultCalendar, now);
const find = (list: Clock[], name: ClockName) => list.find((c) => c.name === name);
const summary = (list: Clock[]) => list.map((c) => [c.name, c.dueDate, c.met]);

describe('Art 22, 23 ¶2 — triage and the written notice, 15 days each', () => {
  it('both start when the petition arrives and end with the routing decision', () => {
    // Received Mon 2026-03-02: day 15 is Tue 2026-03-17.
    expect(summary(clocks(submitted()))).toEqual([
      ['triage', '2026-03-17', null],
      ['notice', '2026-03-17', null],
    ]);
    const accepted = act(submitted(), ACTORS.groupReception, 'accept', {}, later(T0, 3));
    expect(summary(clocks(accepted))).toEqual([
      ['triage', '2026-03-17', true],
      ['notice', '2026-03-17', true],
      ['handling', '2026-05-06', null],
    ]);
  });

  it('a notice on its own meets the notice clock but not the triage clock', () => {
    const notified = act(
      submitted(),
      ACTORS.groupReception,
      'notify',
      { message: '已收到，正在研究' },
      later(T0, 20),
    );
    expect(summary(clocks(notified))).toEqual([
      ['triage', '2026-03-17', null],
      ['notice', '2026-03-17', false],
    ]);
  });

  it('no notice is owed when name or address is unclear', () => {
    const d = register(
      {
        id: 'x',
        petitionerId: 'p1',
        receivingUnit: UNITS.group,
        params: onlineParams({ contactUnclear: true }),
      },
      ACTORS.petitioner,
      T0,
    );
    expect(d.ok && clocks(d.petition).map((c) => c.name)).toEqual(['triage']);
  });

  it('counts from the time received for a registered letter', () => {
    // Received Fri 2026-02-06 — day 15 is Sat 2026-02-21, inside Spring Festival: ends Tue 2026-02-24.
    const d = register(
      {
        id: 'x',
        petitionerId: 'p1',
        receivingUnit: UNITS.group,
        params: onlineParams({ channel: 'letter', receivedAt: '2026-02-06T01:00:00.000Z' }),
      },
      ACTORS.groupReception,
      T0,
    );
    expect(d.ok && find(clocks(d.petition), 'triage')?.dueDate).toBe('2026-02-24');
  });
});

describe('Art 23 ¶3 — after an assignment: notice in 15 days, objection in 5 working days; report back by the date set', () => {
  it('starts the assigned unit’s clocks at the assignment', () => {
    expect(summary(clocks(assigned()))).toEqual([
      ['triage', '2026-03-17', true],
      ['notice', '2026-03-17', true],
      ['assignment_notice', '2026-03-18', null],
      ['objection_window', '2026-03-10', null],
      ['report_back', '2026-05-29', null],
    ]);
  });

  it('acceptance is the notice and closes the objection window; an agreed objection restarts triage', () => {
    const list = clocks(handling());
    expect(find(list, 'assignment_notice')?.met).toBe(true);
    expect(find(list, 'objection_window')).toMatchObject({ met: true, finishedBy: 'accepted' });
    const objected = act(assigned(), ACTORS.sectionHead, 'object', { reasons: 'x' }, later(T0, 2));
    const back = act(objected, ACTORS.groupReception, 'agree_objection', {}, later(T0, 3));
    const triage = clocks(back).filter((c) => c.name === 'triage');
    expect(triage.map((c) => [c.startDate, c.dueDate, c.met])).toEqual([
      ['2026-03-02', '2026-03-17', true],
      ['2026-03-05', '2026-03-20', null],
    ]);
    expect(find(clocks(back), 'report_back')?.finishedBy).toBe('objection_agreed');
  });
});

describe('Art 34 — handling within 60 days of acceptance, plus an approved extension', () => {
  it('is 60 days, moved to the next working day, and met by the reply', () => {
    // Accepted Wed 2026-03-04: day 60 is Sun 2026-05-03 inside Labour Day (05-01..05-05): ends 2026-05-06.
    expect(find(clocks(handling()), 'handling')).toMatchObject({
      dueDate: '2026-05-06',
      met: null,
      article: 'Art 34',
    });
    expect(find(clocks(replied()), 'handling')).toMatchObject({ met: true, finishedBy: 'reply_issued' });
    expect(find(clocks(replied()), 'report_back')).toMatchObject({ met: true });
  });

  it('grows by the days approved', () => {
    let p = act(
      handling(),
      ACTORS.sectionHandler,
      'request_extension',
      { days: 30, reason: 'x' },
      later(T0, 10),
    );
    expect(find(clocks(p), 'handling')?.dueDate).toBe('2026-05-06');
    p = act(p, ACTORS.sectionHead, 'approve_extension', {}, later(T0, 11));
    // 90 days from 2026-03-04 is Tue 2026-06-02.
    expect(find(clocks(p), 'handling')).toMatchObject({ dueDate: '2026-06-02', extraDays: 30 });
  });
});

describe('Art 35 — the petitioner’s review window and the review answer', () => {
  it('opens 30 days from delivery of the reply; a request for review closes it and starts the answer', () => {
    // Delivered Sun 2026-03-22: day 30 is Tue 2026-04-21.
    expect(find(clocks(replied()), 'review_window')).toMatchObject({ dueDate: '2026-04-21', kind: 'window' });
    const reviewing = act(replied(), ACTORS.petitioner, 'request_review', { reason: 'x' }, later(T0, 25));
    expect(find(clocks(reviewing), 'review_window')).toMatchObject({ met: true });
    expect(find(clocks(reviewing), 'review_answer')).toMatchObject({ stage: 'review', met: null });
  });

  it('a suggestion’s reply has no appeal, only a 30-day rating window (Art 21)', () => {
    const list = clocks(replied('suggestion'));
    expect(find(list, 'review_window')).toBeUndefined();
    expect(find(list, 'rating_window')).toMatchObject({ dueDate: '2026-04-21', met: null });
  });
});

describe('ending the case stops every clock', () => {
  it('a withdrawal finishes what is running', () => {
    const p = act(handling(), ACTORS.petitioner, 'withdraw', {}, later(T0, 5));
    expect(clocks(p).every((c) => c.finishedAt !== null)).toBe(true);
  });

  it('a withdrawal while waiting for acceptance tells nobody anything: stopped, not met', () => {
    const p = act(assigned(), ACTORS.petitioner, 'withdraw', {}, later(T0, 2));
    const stopped = clocks(p).filter((c) => c.finishedBy === 'withdrawn');
    expect(stopped.map((c) => c.name)).toEqual(['assignment_notice', 'objection_window', 'report_back']);
    for (const clock of stopped) {
      expect(clock.met).toBeNull();
      expect(clockStatus(clock, later(T0, 2), defaultCalendar)).toBe('stopped');
    }
    // What was done before the withdrawal keeps its verdict: the assignment told the petitioner.
    expect(find(clocks(p), 'notice')).toMatchObject({ met: true, finishedBy: 'assigned' });
  });

  it('a withdrawal after the due day is no verdict either; the figures count it late', () => {
    const p = act(submitted(), ACTORS.petitioner, 'withdraw', {}, later(T0, 20));
    expect(clocks(p).map((c) => [c.name, c.met, clockStatus(c, later(T0, 20), defaultCalendar)])).toEqual([
      ['triage', null, 'stopped'],
      ['notice', null, 'stopped'],
    ]);
  });

  it('a forward is the triage’s decision and its notice; a diversion while handling answers nothing', () => {
    const forwarded = act(
      submitted(),
      ACTORS.groupReception,
      'forward',
      { recipientOrgan: '市纪委监委', reason: '不属本单位' },
      later(T0, 3),
    );
    expect(summary(clocks(forwarded))).toEqual([
      ['triage', '2026-03-17', true],
      ['notice', '2026-03-17', true],
    ]);
    const diverted = act(
      handling(),
      ACTORS.sectionHandler,
      'divert',
      { route: 'litigation', guidance: '请向人民法院起诉' },
      later(T0, 5),
    );
    expect(find(clocks(diverted), 'handling')).toMatchObject({ finishedBy: 'diverted', met: null });
    expect(find(clocks(diverted), 'report_back')).toMatchObject({ finishedBy: 'diverted', met: null });
  });

  it('an agreed objection takes the assignment back: its notice and report are stopped, not met', () => {
    const objected = act(assigned(), ACTORS.sectionHead, 'object', { reasons: 'x' }, later(T0, 2));
    const back = act(objected, ACTORS.groupReception, 'agree_objection', {}, later(T0, 3));
    expect(find(clocks(back), 'assignment_notice')).toMatchObject({
      finishedBy: 'objection_agreed',
      met: null,
    });
    expect(find(clocks(back), 'report_back')).toMatchObject({ finishedBy: 'objection_agreed', met: null });
  });
});

describe('due soon, overdue, next due', () => {
  const triage = find(clocks(submitted(), T0), 'triage') as Clock;

  it.each([
    ['2026-03-10T02:00:00.000Z', 'running'],
    ['2026-03-14T02:00:00.000Z', 'due_soon'],
    ['2026-03-17T15:59:59.999Z', 'due_soon'],
    ['2026-03-17T16:00:00.000Z', 'overdue'],
  ])('at %s the triage clock is %s', (now, status) => {
    expect(clockStatus(triage, now, defaultCalendar)).toBe(status);
    expect(overdue(triage, now)).toBe(status === 'overdue');
    expect(dueSoon(triage, now, defaultCalendar)).toBe(status === 'due_soon');
  });

  it('picks the running deadline due first, windows only when asked', () => {
    const p = assigned();
    const list = clocks(p, later(T0, 2));
    expect(nextDue(list)?.name).toBe('assignment_notice');
    expect(nextDue(list, ['deadline', 'window'])?.name).toBe('objection_window');
    expect(nextDue(clocks(act(p, ACTORS.petitioner, 'withdraw', {}, later(T0, 2))))).toBeNull();
  });

  it('says met or missed once finished, stopped when ended otherwise', () => {
    const late = act(submitted(), ACTORS.groupReception, 'accept', {}, later(T0, 20));
    expect(
      find(clocks(late), 'triage') && clockStatus(find(clocks(late), 'triage') as Clock, T0, defaultCalendar),
    ).toBe('missed');
    expect(clockStatus(find(clocks(handling()), 'triage') as Clock, T0, defaultCalendar)).toBe('met');
    const withdrawn = act(submitted(), ACTORS.petitioner, 'withdraw', {}, later(T0, 3));
    expect(clockStatus(find(clocks(withdrawn), 'notice') as Clock, T0, defaultCalendar)).toBe('stopped');
  });
});
