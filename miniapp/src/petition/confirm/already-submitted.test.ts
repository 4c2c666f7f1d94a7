// @vitest-environment jsdom
import type { PetitionDetail, SubmitPetitionBody, Submitted } from '@xinfang/shared/schemas/petitions';
import { createElement, type ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { copy } from '@/copy/zh-CN';
import type { Draft } from '@/features/submission/draft';
import { routes } from '@/routes';
import { click, mount, unmount } from '@/testing/page-test';

/**
 * A resend whose first answer the server no longer keeps (48 h) is answered with the case that
 * first send made and an empty query code: the page says it was submitted already, with its
 * number, and forgets the draft — it neither goes to the success page nor keeps a receipt with no
 * code. A normal answer keeps the receipt and goes to the success page, as before.
 */
const world = vi.hoisted(() => ({
  session: { me: { kind: 'petitioner', id: 'me-1', realName: '张三', address: '一号井' } },
  draft: null as unknown,
  answer: null as unknown,
  sent: [] as { body: unknown; key: string }[],
  redirectTo: (() => undefined) as (options: { url: string }) => unknown,
  discard: (() => undefined) as (ownerId: string) => void,
  acknowledge: (() => undefined) as (ownerId: string, receipt: unknown) => void,
}));
vi.mock('@tarojs/components', async () => (await import('@/testing/page-test')).taroComponents);
vi.mock('@tarojs/taro', async () => {
  const api = (await import('@/testing/page-test')).taroApi();
  return {
    ...api,
    default: {
      ...api.default,
      redirectTo: (options: { url: string }) => Promise.resolve(world.redirectTo(options)),
      reLaunch: async () => undefined,
      navigateBack: async () => undefined,
      getCurrentPages: () => [],
    },
  };
});
vi.mock('@/ui/Page', async () => {
  const { createElement: h } = await import('react');
  return { Page: ({ children }: { children: ReactNode }) => h('main', {}, children) };
});
// The same session on every render, as the real hook keeps it.
vi.mock('@/session/use-session', () => ({ useSignedIn: () => world.session }));
vi.mock('@/features/submission/instance', () => ({
  drafts: {
    load: () => world.draft,
    receipt: () => null,
    markPending: (draft: unknown) => draft,
    releasePending: (draft: unknown) => draft,
    save: (draft: unknown) => draft,
    discard: (ownerId: string) => {
      world.discard(ownerId);
      world.draft = null;
    },
    acknowledge: (ownerId: string, receipt: unknown) => {
      world.acknowledge(ownerId, receipt);
      world.draft = null;
    },
  },
}));
vi.mock('@/features/submission/photo-store', () => ({ discardPhoto: async () => undefined }));
vi.mock('@/services/org', () => ({
  getUnits: async () => [],
  getAllCategories: async () => [{ code: 'wages', name: '工资待遇' }],
}));
vi.mock('@/services/petitions', () => ({
  submitPetition: async (body: unknown, key: string) => {
    world.sent.push({ body, key });
    return world.answer;
  },
}));

import Confirm from './index';

const NUMBER = 'XF2026-000007';
const body: SubmitPetitionBody = {
  kind: 'suggestion',
  categoryCode: 'wages',
  title: '夜班补贴三个月未发放',
  content: '三月到五月的夜班补贴一直没有发。',
};
// Sent once already, its answer lost: the frozen body and key are sent again.
const pendingDraft = {
  schema: 1,
  ownerId: 'me-1',
  idempotencyKey: 'key-1',
  createdAt: '2026-03-01T00:00:00.000Z',
  updatedAt: '2026-03-01T00:00:00.000Z',
  fields: {},
  photos: [],
  profile: null,
  pending: { body, since: '2026-03-01T00:00:00.000Z' },
} as unknown as Draft;
const answered = (queryCode: string): Submitted => ({
  queryCode,
  petition: { id: 'p7', number: NUMBER, state: 'registered', timeline: [] } as unknown as PetitionDetail,
});

const redirectTo = vi.fn();
const discard = vi.fn();
const acknowledge = vi.fn();
beforeEach(() => {
  world.draft = pendingDraft;
  world.sent = [];
  redirectTo.mockReset();
  discard.mockReset();
  acknowledge.mockReset();
  world.redirectTo = redirectTo;
  world.discard = discard;
  world.acknowledge = acknowledge;
});
afterEach(unmount);

async function send(answer: Submitted) {
  world.answer = answer;
  const host = await mount(createElement(Confirm));
  const byTestId = (id: string) => host.querySelector(`[data-testid="${id}"]`);
  expect(byTestId('confirm-summary')).not.toBeNull();
  await click(byTestId('confirm-submit'));
  expect(world.sent).toEqual([{ body, key: 'key-1' }]);
  return { host, byTestId };
}

describe('the confirm page answered about a petition sent before', () => {
  it('an empty query code: says it was submitted already, with its number, and forgets the draft', async () => {
    const { byTestId } = await send(answered(''));
    const already = byTestId('confirm-already');
    expect(already).not.toBeNull();
    expect(already?.textContent).toContain(copy.confirm.alreadySubmitted(NUMBER));
    expect(already?.textContent).toContain(NUMBER);
    // The way to the case and to 我的信访; the form is gone.
    const buttons = [...(already?.parentElement?.querySelectorAll('[role="button"]') ?? [])];
    expect(buttons.map((b) => b.textContent)).toEqual([copy.success.view, copy.nav.mine]);
    expect(byTestId('confirm-submit')).toBeNull();
    expect(discard).toHaveBeenCalledWith('me-1');
    expect(acknowledge).not.toHaveBeenCalled();
    expect(redirectTo).not.toHaveBeenCalled();
  });

  it('a query code: keeps the receipt and goes to the success page', async () => {
    const { byTestId } = await send(answered('ABCD-EFGH'));
    expect(byTestId('confirm-already')).toBeNull();
    expect(acknowledge).toHaveBeenCalledTimes(1);
    expect(acknowledge).toHaveBeenCalledWith(
      'me-1',
      expect.objectContaining({ petitionId: 'p7', number: NUMBER, queryCode: 'ABCD-EFGH' }),
    );
    expect(discard).not.toHaveBeenCalled();
    expect(redirectTo).toHaveBeenCalledWith({ url: routes.success });
  });
});
