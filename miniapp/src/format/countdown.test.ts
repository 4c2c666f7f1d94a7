import type { ClockView } from '@xinfang/shared/schemas/petitions';
import { describe, expect, it } from 'vitest';
import { countdownOf } from './countdown';

const clock = (finished: Partial<ClockView>): ClockView => ({
  name: 'notice',
  article: 'Art 22',
  kind: 'deadline',
  stage: 'first',
  start: '2026-03-02T01:00:00.000Z',
  dueDate: '2026-03-17',
  due: '2026-03-17T15:59:59.999Z',
  finishedAt: '2026-03-05T02:00:00.000Z',
  met: true,
  status: 'met',
  calendarComplete: true,
  ...finished,
});
const now = Date.parse('2026-03-20T02:00:00.000Z');

describe('a finished clock in words', () => {
  it('is on time or late only when what it waits for was done; else it stopped', () => {
    expect(countdownOf(clock({}), now)).toMatchObject({ text: '按期完成', tone: 'met' });
    expect(countdownOf(clock({ met: false, status: 'missed' }), now)).toMatchObject({
      text: '超期完成',
      tone: 'missed',
    });
    // Withdrawn before anyone answered: nobody did it, on time or late.
    expect(countdownOf(clock({ met: null, status: 'stopped' }), now)).toMatchObject({
      text: '已停止计时',
      tone: 'stopped',
    });
  });
});
