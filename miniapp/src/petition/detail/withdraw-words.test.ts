// @vitest-environment jsdom
import type { Stage } from '@xinfang/shared/lifecycle';
import { createElement, useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { click, mount, unmount } from '@/testing/page-test';

vi.mock('@tarojs/components', async () => (await import('@/testing/page-test')).taroComponents);
vi.mock('@tarojs/taro', async () => (await import('@/testing/page-test')).taroApi());
vi.mock('@/ui/TextField', async () => {
  const { createElement: h } = await import('react');
  return { TextField: ({ label }: { label: string }) => h('label', {}, label) };
});
vi.mock('@/features/petition/case-drafts', () => ({
  useCaseDraft: () => {
    const [text, setText] = useState('');
    return [text, setText, () => setText('')];
  },
}));

import { WithdrawForm } from './forms';

/**
 * Audit 36b D5: withdrawing during a 复查 or 复核 ends the whole case with the earlier answer
 * standing, and the appeal cannot be asked again; the first stage's words would not say so.
 */
afterEach(unmount);

async function opened(stage: Stage) {
  const page = await mount(
    createElement(WithdrawForm, {
      petitionId: 'p1',
      stage,
      busy: false,
      failure: null,
      onWithdraw: async () => true,
    }),
  );
  const label = page.querySelector('[data-testid="withdraw-open"]')?.textContent;
  await click(page.querySelector('[data-testid="withdraw-open"]'));
  return { label, intro: page.querySelector('[data-testid="withdraw-intro"]')?.textContent };
}

describe('the words of a withdrawal, by stage', () => {
  it.each([
    ['review', '撤回复查申请', '撤回复查申请后，原答复意见有效，本事项办结，不能再申请复查。'],
    ['re_examination', '撤回复核申请', '撤回复核申请后，复查意见有效，本事项办结，不能再申请复核。'],
    ['first', '撤回这件事', '撤回后就不再办理了。收到书面答复前都可以撤回。'],
  ] as const)('%s', async (stage, label, intro) => {
    expect(await opened(stage)).toEqual({ label, intro });
  });
});
