// @vitest-environment jsdom
import type { ClockView } from '@xinfang/shared/schemas/petitions';
import { createElement } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mount, unmount } from '@/testing/page-test';

vi.mock('@tarojs/components', async () => (await import('@/testing/page-test')).taroComponents);
vi.mock('@tarojs/taro', async () => (await import('@/testing/page-test')).taroApi());

import { ProgressCard } from './ProgressCard';
import { pledgeOf } from './progress';

/**
 * Audit 36b D2: when no unit above the answering one here takes a 复查/复核 (the server's
 * `noHigherUnit`, Art 35, 36), the pledge says where to go, as the written answer does, instead of
 * offering an appeal the app will refuse.
 */
const NOW = Date.parse('2026-03-10T02:00:00.000Z');
const windowClock = (name: 'review_window' | 're_examination_window'): ClockView => ({
  name,
  article: name === 'review_window' ? 'Art 35' : 'Art 36',
  kind: 'window',
  stage: name === 'review_window' ? 'first' : 'review',
  start: '2026-03-01T16:00:00.000Z',
  dueDate: '2026-04-01',
  due: '2026-04-01T15:59:59.999Z',
  finishedAt: null,
  met: null,
  status: 'running',
  calendarComplete: true,
});

afterEach(unmount);

async function line(props: { clocks: ClockView[]; noHigherUnit?: boolean; awaiting?: boolean }) {
  const stage = props.clocks[0]?.stage ?? 'review';
  const container = await mount(
    createElement(ProgressCard, {
      state: 'replied',
      stage,
      rated: false,
      clocks: props.clocks,
      now: NOW,
      awaitingReceipt: props.awaiting ? 're_examination_window' : null,
      ...(props.noHigherUnit === undefined ? {} : { noHigherUnit: props.noHigherUnit }),
    }),
  );
  return container.querySelector('[data-testid="pledge"]')?.textContent ?? '';
}

describe('where a 复查 or 复核 goes when nobody here can take it', () => {
  it.each([
    ['review_window', '复查'],
    ['re_examination_window', '复核'],
  ] as const)(
    '%s: names 有权处理的上级机关 and the last day, and offers nothing here',
    async (name, appeal) => {
      const told = await line({ clocks: [windowClock(name)], noHigherUnit: true });
      expect(told).toBe(`如不满意，可以最晚4月1日（含当天）向有权处理的上级机关或者单位提出${appeal}请求`);
      expect(told).not.toContain('申请');
      // A unit above here takes it: the app's own offer stays.
      expect(await line({ clocks: [windowClock(name)], noHigherUnit: false })).toContain(`可以申请${appeal}`);
    },
  );

  it('before the answer is received, the line asking to open it says the same', async () => {
    const told = await line({ clocks: [], noHigherUnit: true, awaiting: true });
    expect(told).toContain('向有权处理的上级机关或者单位提出复核请求');
    expect(told).not.toContain('申请复核');
    expect(await line({ clocks: [], awaiting: true })).toContain('可以申请复核');
  });

  it('a list line (pledgeOf) carries it only for an appeal window, never for a date the unit owes', () => {
    expect(pledgeOf([windowClock('review_window')], NOW, true)?.elsewhere).toBe(true);
    expect(pledgeOf([windowClock('review_window')], NOW)?.elsewhere).toBe(false);
    const answer = { ...windowClock('review_window'), name: 'handling', kind: 'deadline' } as const;
    expect(pledgeOf([answer], NOW, true)).toMatchObject({ kind: 'answer', elsewhere: false });
  });
});
