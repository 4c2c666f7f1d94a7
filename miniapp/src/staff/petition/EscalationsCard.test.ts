// @vitest-environment jsdom
import type { Escalation } from '@xinfang/shared/schemas/supervision';
import { createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { click, mount, unmount } from '@/testing/page-test';

// The card as the browser's DOM holds it: Taro's View and Text as plain elements, the API as the
// test says.
const world = vi.hoisted(() => ({ items: [] as Escalation[], acknowledged: [] as string[] }));
vi.mock('@tarojs/components', async () => (await import('@/testing/page-test')).taroComponents);
vi.mock('@tarojs/taro', async () => (await import('@/testing/page-test')).taroApi());
vi.mock('@/services/supervision', () => ({
  escalationsOf: async () => ({ items: world.items }),
  acknowledgeEscalation: async (id: string) => {
    world.acknowledged.push(id);
    // The server signs it: the card reads the steps again.
    world.items = world.items.map((s) =>
      s.id === id
        ? { ...s, acknowledged: { at: '2026-03-12T02:00:00.000Z', by: '王强' }, mayAcknowledge: false }
        : s,
    );
    return {};
  },
}));

import { EscalationsCard } from './EscalationsCard';

const step = (id: string, flag: 'yellow' | 'red', mayAcknowledge: boolean): Escalation => ({
  id,
  clock: 'handling',
  deadline: '办理期限',
  level: flag === 'red' ? 1 : 0,
  flag,
  unit: { id: 'ds', name: '东山煤矿' },
  dueDate: '2026-03-10',
  reachedAt: '2026-03-11T01:00:00.000Z',
  withdrawnAt: null,
  acknowledged: null,
  unacknowledgedDays: flag === 'red' ? 1 : null,
  mayAcknowledge,
});

beforeEach(() => {
  world.items = [step('red', 'red', true), step('yellow', 'yellow', false)];
  world.acknowledged = [];
});
afterEach(unmount);

describe('a case’s escalation steps', () => {
  it('offer 签收 of a red to the head it reached, then say who signed; a yellow asks for none', async () => {
    const host = await mount(createElement(EscalationsCard, { petitionId: 'p1' }));
    const receipts = () => [...host.querySelectorAll('[data-testid="staff-escalation-receipt-state"]')];
    expect(receipts().map((r) => r.textContent)).toEqual(['未签收，已1个工作日']);
    await click(host.querySelector('[data-testid="staff-escalation-receipt-ack"]'));
    expect(world.acknowledged).toEqual(['red']);
    expect(receipts().map((r) => r.textContent?.startsWith('王强于'))).toEqual([true]);
    expect(host.querySelector('[data-testid="staff-escalation-receipt-ack"]')).toBeNull();
  });
});
