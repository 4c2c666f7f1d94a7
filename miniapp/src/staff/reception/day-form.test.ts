import { describe, expect, it } from 'vitest';
import {
  blankDay,
  type DayFields,
  dayFieldsOf,
  dayHasCome,
  dayProblems,
  mayCancel,
  mayChange,
  serverDayProblems,
  toChangeBody,
  toDayBody,
} from './day-form';

const NOW = { date: '2026-12-21', time: '10:15' };
const good: DayFields = {
  leaderId: 'leader-1',
  date: '2026-12-28',
  place: ' 集团信访接待室 ',
  topics: '工资待遇',
  slots: [
    { from: '9:00', to: '09:30', capacity: '2' },
    { from: '09:30', to: '10:00', capacity: '1' },
  ],
};

describe('publishing a reception day', () => {
  it('needs a leader, a date from today on, a place, topics and slots that start before they end', () => {
    expect(dayProblems(good, NOW)).toEqual({});
    expect(Object.keys(dayProblems(blankDay(), NOW)).sort()).toEqual(['date', 'leaderId', 'place', 'topics']);
    const bad = dayProblems(
      {
        ...good,
        date: '2026-12-20',
        slots: [
          { from: '10:00', to: '09:00', capacity: '1' },
          { from: '09:00', to: '9点半', capacity: '1' },
          { from: '09:00', to: '10:00', capacity: '0' },
          { from: '09:00', to: '10:00', capacity: '51' },
        ],
      },
      NOW,
    );
    expect(Object.keys(bad).sort()).toEqual(['date', 'slot0', 'slot1', 'slot2', 'slot3']);
  });

  it('refuses, for today, a slot that has already ended in Beijing time', () => {
    const today = { ...good, date: '2026-12-21' };
    const ended = dayProblems(
      {
        ...today,
        slots: [
          { from: '09:00', to: '10:15', capacity: '1' },
          { from: '10:00', to: '11:00', capacity: '1' },
        ],
      },
      NOW,
    );
    expect(Object.keys(ended)).toEqual(['slot0']);
    // The same slots on a later day are fine.
    expect(
      dayProblems(
        { ...today, date: '2026-12-22', slots: [{ from: '09:00', to: '10:15', capacity: '1' }] },
        NOW,
      ),
    ).toEqual({});
  });

  it('sends trimmed words, two-digit times and numbers', () => {
    expect(toDayBody(good)).toEqual({
      leaderId: 'leader-1',
      date: '2026-12-28',
      place: '集团信访接待室',
      topics: '工资待遇',
      slots: [
        { from: '09:00', to: '09:30', capacity: 2 },
        { from: '09:30', to: '10:00', capacity: 1 },
      ],
    });
  });

  it('shows what the server refused by the field it names', () => {
    const refusal = {
      code: 'VALIDATION_FAILED',
      message: '接访日期不能是过去的日子',
      details: [
        { path: '/body/date', message: 'must not be in the past' },
        { path: '/body/slots/1', message: 'has already ended' },
        { path: '/body/slots/2', message: 'from before to' },
        { path: '/body/leaderId', message: 'must be an active leader' },
      ],
    };
    const shown = serverDayProblems(refusal);
    expect(Object.keys(shown).sort()).toEqual(['date', 'leaderId', 'slot1', 'slot2']);
    expect(shown.slot1).toContain('已经过了');
    expect(shown.slot2).toContain('开始要早于结束');
    expect(serverDayProblems({ code: 'FORBIDDEN', message: '无权' })).toEqual({});
    expect(serverDayProblems(new Error('x'))).toEqual({});
  });
});

describe('the desk on a day', () => {
  const day = (date: string, cancelReason: string | null = null) => ({ date, cancelReason });
  it('records who came and what they raised from the day itself on, never before', () => {
    expect(dayHasCome(day('2026-12-22'), '2026-12-21')).toBe(false);
    expect(dayHasCome(day('2026-12-21'), '2026-12-21')).toBe(true);
    expect(dayHasCome(day('2026-12-20'), '2026-12-21')).toBe(true);
    expect(dayHasCome(day('2026-12-21', '开会'), '2026-12-21')).toBe(false);
  });

  it('cancels a day still to come, once', () => {
    expect(mayCancel(day('2026-12-21'), '2026-12-21')).toBe(true);
    expect(mayCancel(day('2026-12-20'), '2026-12-21')).toBe(false);
    expect(mayCancel(day('2026-12-28', '开会'), '2026-12-21')).toBe(false);
  });
});

describe('changing a day (改期/调整)', () => {
  const slot = (from: string, to: string, capacity: number) => ({
    index: 0,
    from,
    to,
    capacity,
    left: capacity,
    ended: false,
  });
  const published = {
    id: 'day-1',
    date: '2026-12-21',
    leader: '陈国栋',
    unit: '晋安煤业集团',
    place: '集团信访接待室',
    topics: '工资待遇',
    slots: [slot('11:00', '11:30', 2)],
    leaderActive: true,
    cancelReason: null,
    version: 3,
    changedAt: null,
    changeReason: null,
  };

  it('is offered for a day not cancelled and not yet begun', () => {
    expect(mayChange(published, NOW)).toBe(true);
    expect(mayChange({ ...published, slots: [slot('10:00', '11:30', 1)] }, NOW)).toBe(false);
    expect(mayChange({ ...published, date: '2026-12-20' }, NOW)).toBe(false);
    expect(mayChange({ ...published, cancelReason: '开会' }, NOW)).toBe(false);
    expect(mayChange({ ...published, date: '2026-12-22', slots: [slot('08:00', '09:00', 1)] }, NOW)).toBe(
      true,
    );
  });

  it('starts from the day as it is, keeps its leader unless another is chosen, sends the version read', () => {
    const fields = dayFieldsOf(published);
    expect(fields).toEqual({
      leaderId: null,
      date: '2026-12-21',
      place: '集团信访接待室',
      topics: '工资待遇',
      slots: [{ from: '11:00', to: '11:30', capacity: '2' }],
    });
    // No leader chosen: not a problem for a change, as it is for a publication.
    expect(dayProblems(fields, NOW, true)).toEqual({});
    expect(Object.keys(dayProblems(fields, NOW))).toEqual(['leaderId']);
    const body = toChangeBody({ ...fields, date: '2026-12-23' }, ' 领导开会 ', published.version);
    expect(body).toEqual({
      version: 3,
      reason: '领导开会',
      date: '2026-12-23',
      place: '集团信访接待室',
      topics: '工资待遇',
      slots: [{ from: '11:00', to: '11:30', capacity: 2 }],
    });
    expect(toChangeBody({ ...fields, leaderId: 'leader-2' }, '换人', 3).leaderId).toBe('leader-2');
  });
});
