// @vitest-environment jsdom
import type { ClockView } from '@xinfang/shared/schemas/petitions';
import { createElement } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mount, unmount } from '@/testing/page-test';

vi.mock('@tarojs/components', async () => (await import('@/testing/page-test')).taroComponents);
vi.mock('@tarojs/taro', async () => (await import('@/testing/page-test')).taroApi());

import { ProgressCard } from './ProgressCard';

const NOW = Date.parse('2026-05-20T02:00:00.000Z');
const answer = (over: Partial<ClockView>): ClockView => ({
  name: 're_examination_answer',
  article: 'Art 36',
  kind: 'deadline',
  stage: 're_examination',
  start: '2026-04-01T16:00:00.000Z',
  dueDate: '2026-05-18',
  due: '2026-05-18T15:59:59.999Z',
  finishedAt: null,
  met: null,
  status: 'paused',
  calendarComplete: true,
  pausedDays: 12,
  ...over,
});

afterEach(unmount);

async function pledge(clock: ClockView) {
  const container = await mount(
    createElement(ProgressCard, {
      state: 'handling',
      stage: 're_examination',
      rated: false,
      clocks: [clock],
      now: NOW,
    }),
  );
  return container.querySelector('[data-testid="pledge"]');
}

describe('the petitioner’s view while the hearing is awaited (Art 36)', () => {
  it('says the hearing time does not count, in plain words: no date, no lateness, no article', async () => {
    const line = await pledge(answer({}));
    expect(line?.textContent).toBe('正在安排听证，听证期间不计入办理期限');
    expect(line?.getAttribute('data-paused')).toBe('true');
    expect(line?.className).not.toContain('late');
    expect(line?.textContent).not.toMatch(/第.+条|Art|\d+月\d+日/);
  });

  it('promises a date again once the hearing is held', async () => {
    const line = await pledge(
      answer({
        status: 'running',
        pausedDays: undefined,
        dueDate: '2026-06-01',
        due: '2026-06-01T15:59:59.999Z',
      }),
    );
    expect(line?.textContent).toContain('6月1日');
    expect(line?.getAttribute('data-paused')).toBeNull();
  });
});
