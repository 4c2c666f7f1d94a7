import { beforeEach, describe, expect, it, vi } from 'vitest';

const taro = vi.hoisted(() => ({ depth: 0, calls: [] as string[] }));
vi.mock('@tarojs/taro', () => ({
  default: {
    getCurrentPages: () => Array.from({ length: taro.depth }, () => ({})),
    navigateTo: async ({ url }: { url: string }) => void taro.calls.push(`navigateTo ${url}`),
    redirectTo: async ({ url }: { url: string }) => void taro.calls.push(`redirectTo ${url}`),
  },
}));

import { go, PAGE_STACK_LIMIT } from './go';

describe('going to a page under WeChat’s limit of ten', () => {
  beforeEach(() => {
    taro.calls = [];
  });

  it('opens the page above the current one while the stack is short of nine', async () => {
    for (taro.depth = 1; taro.depth < PAGE_STACK_LIMIT - 1; taro.depth += 1) await go('/a');
    expect(taro.calls).toEqual(Array(PAGE_STACK_LIMIT - 2).fill('navigateTo /a'));
  });

  it('opens it in place of the current one from nine on, so a chain of links never fails', async () => {
    for (const depth of [PAGE_STACK_LIMIT - 1, PAGE_STACK_LIMIT]) {
      taro.depth = depth;
      await go('/staff/petition/index?id=p2');
    }
    expect(taro.calls).toEqual(Array(2).fill('redirectTo /staff/petition/index?id=p2'));
  });

  it('following linked cases one after another never passes the limit', async () => {
    taro.depth = 1;
    for (let hop = 0; hop < 25; hop += 1) {
      await go(`/staff/petition/index?id=p${hop}`);
      if (taro.calls.at(-1)?.startsWith('navigateTo')) taro.depth += 1;
      expect(taro.depth).toBeLessThan(PAGE_STACK_LIMIT);
    }
  });
});
