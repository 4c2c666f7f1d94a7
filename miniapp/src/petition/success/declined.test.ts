// @vitest-environment jsdom
import type { PetitionDetail, Submitted } from '@xinfang/shared/schemas/petitions';
import { createElement, type ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Receipt } from '@/features/submission/draft';
import { receiptOf } from '@/features/submission/receipt';
import { mount, unmount } from '@/testing/page-test';

/**
 * Audit 36b D3: a petition the server declines in the same request (the same facts after a 复核,
 * Art 36 ¶3; the same matter pending below, Art 19 ¶3) is answered already: the success page says
 * so, with the reason and where to turn, and promises no news of acceptance and no reminders.
 */
const world = vi.hoisted(() => ({ receipt: null as Receipt | null }));
vi.mock('@tarojs/components', async () => (await import('@/testing/page-test')).taroComponents);
vi.mock('@tarojs/taro', async () => (await import('@/testing/page-test')).taroApi());
vi.mock('@/ui/Page', async () => {
  const { createElement: h } = await import('react');
  return { Page: ({ children }: { children: ReactNode }) => h('main', {}, children) };
});
vi.mock('@/session/use-session', () => ({ useSignedIn: () => ({ me: { id: 'me-1' } }) }));
vi.mock('@/features/submission/instance', () => ({
  drafts: { receipt: () => world.receipt, forgetReceipt: () => {} },
}));
// In WeChat, with templates to offer: a registered petition offers reminders.
vi.mock('@/features/notifications/subscribe', () => ({
  canAsk: () => true,
  askToSubscribe: async () => 0,
  useSubscribeSettings: () => null,
}));

import Success from './index';

afterEach(unmount);

const REASON = '同一事实和理由的信访事项已于2026年3月1日复核终结（XF2026-000001），不再受理';
const GUIDANCE = '如有新的事实和理由，可以重新提出';
const answered = (state: PetitionDetail['state'], timeline: PetitionDetail['timeline']): Submitted => ({
  queryCode: 'ABCD-EFGH',
  petition: { id: 'p2', number: 'XF2026-000002', state, timeline } as PetitionDetail,
});
const declinedEvent = {
  seq: 2,
  type: 'declined',
  at: '2026-03-10T02:00:00.000Z',
  stage: 'first',
  actorRole: 'system',
  actor: null,
  visibility: 'petitioner',
  unit: null,
  data: { ground: 'already_final', reason: REASON, guidance: GUIDANCE },
} as PetitionDetail['timeline'][number];
const at = new Date('2026-03-10T02:00:00.000Z');

async function page(receipt: Receipt) {
  world.receipt = receipt;
  const host = await mount(createElement(Success));
  return {
    text: host.textContent ?? '',
    has: (id: string) => host.querySelector(`[data-testid="${id}"]`) !== null,
  };
}

describe('the success page of a petition declined at once', () => {
  it('keeps the reason and guidance, and tells them instead of the 15 days and reminders', async () => {
    const receipt = receiptOf(answered('declined', [declinedEvent]), at);
    expect(receipt.declined).toEqual({ reason: REASON, guidance: GUIDANCE });
    const shown = await page(receipt);
    expect(shown.text).toContain(`已登记，但不予受理：${REASON}`);
    expect(shown.text).toContain(GUIDANCE);
    expect(shown.text).not.toContain('15日');
    expect(shown.text).not.toContain('已收到您反映的问题');
    expect(shown.has('success-subscribe')).toBe(false);
    // Still the number and the one-time code, and the way to the case.
    expect(shown.text).toContain('XF2026-000002');
    expect(shown.text).toContain('ABCD-EFGH');
    expect(shown.has('success-view')).toBe(true);
  });

  it('a petition registered to be handled: the 15 days and the reminders, as before', async () => {
    const receipt = receiptOf(answered('registered', []), at);
    expect(receipt.declined).toBeUndefined();
    const shown = await page(receipt);
    expect(shown.text).toContain('15日内会告诉您是否受理');
    expect(shown.has('success-subscribe')).toBe(true);
    expect(shown.has('success-declined')).toBe(false);
  });
});
