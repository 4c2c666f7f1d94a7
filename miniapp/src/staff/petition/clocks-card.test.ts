// @vitest-environment jsdom
import type { ClockView, PetitionSummary } from '@xinfang/shared/schemas/petitions';
import { createElement } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mount, unmount } from '@/testing/page-test';

vi.mock('@tarojs/components', async () => (await import('@/testing/page-test')).taroComponents);
vi.mock('@tarojs/taro', async () => (await import('@/testing/page-test')).taroApi());

import { PetitionRow } from '../ui/PetitionRow';
import { ClocksCard } from './ClocksCard';

const NOW = Date.parse('2026-04-20T02:00:00.000Z');
/** The re-examination's answer, asked on 2 April, its hearing scheduled on 14 April. */
const answer = (over: Partial<ClockView>): ClockView => ({
  name: 're_examination_answer',
  article: 'Art 36',
  kind: 'deadline',
  stage: 're_examination',
  start: '2026-04-01T16:00:00.000Z',
  // Already moved six days by the pause: tomorrow it reads a day later again.
  dueDate: '2026-05-12',
  due: '2026-05-12T15:59:59.999Z',
  finishedAt: null,
  met: null,
  status: 'paused',
  calendarComplete: true,
  pausedDays: 6,
  ...over,
});

let container: HTMLElement;
afterEach(unmount);

async function render(element: ReturnType<typeof createElement>): Promise<void> {
  container = await mount(element);
}
const text = (testId: string) => container.querySelector(`[data-testid="${testId}"]`)?.textContent ?? null;

describe('a clock stopped for a hearing, on the staff pages (Art 36)', () => {
  it('the case page says it is paused and for how long, with no moving due date', async () => {
    await render(createElement(ClocksCard, { clocks: [answer({})], now: NOW }));
    const shown = text('staff-clock');
    expect(shown).toContain('听证中，复核期限暂停计时（已暂停6天）');
    expect(shown).not.toContain('5月12日');
    expect(shown).not.toContain('2026-05-12');
    expect(container.querySelector('[data-testid="staff-clock"]')?.getAttribute('data-status')).toBe(
      'paused',
    );
  });

  it('the inbox line has a 听证中 badge, never 即将到期 or 已超期, however near the date', async () => {
    const item = (clock: ClockView): PetitionSummary => ({
      id: 'p1',
      number: 'XF2026-000001',
      kind: 'request',
      channel: 'online',
      categoryCode: 'wages',
      title: '夜班加班费',
      state: 'handling',
      stage: 're_examination',
      version: 9,
      receivedAt: '2026-03-02T01:00:00.000Z',
      holder: { id: 'group', code: 'JA', name: '集团' },
      nextDue: clock,
    });
    const near = answer({ dueDate: '2026-04-21', due: '2026-04-21T15:59:59.999Z' });
    await render(createElement(PetitionRow, { item: item(near), now: NOW, categoryName: () => '劳动报酬' }));
    expect(container.querySelector('[data-testid="staff-row"]')?.getAttribute('data-badge')).toBe('paused');
    expect(text('staff-row-badge')).toBe('听证中');
    expect(text('staff-row-clock')).toContain('已暂停6天');
    // Running again after the hearing: the badge goes with the status the server gives.
    await render(
      createElement(PetitionRow, {
        item: item({ ...near, status: 'due_soon', pausedDays: undefined }),
        now: NOW,
        categoryName: () => '劳动报酬',
      }),
    );
    expect(text('staff-row-badge')).toBe('即将到期');
  });
});
