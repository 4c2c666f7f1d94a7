import { beforeEach, describe, expect, it, vi } from 'vitest';

const taro = vi.hoisted(() => ({
  calls: [] as string[],
  stack: [] as string[],
  loadMs: 0,
}));
vi.mock('@tarojs/taro', () => ({
  default: {
    getCurrentPages: () => taro.stack.map((route) => ({ route })),
    navigateBack: async ({ delta }: { delta: number }) => void taro.calls.push(`back ${delta}`),
    reLaunch: async ({ url }: { url: string }) => {
      taro.calls.push(`reLaunch ${url}`);
      // As in h5, the page joins the stack once its code has loaded: a little later.
      taro.stack = [];
      setTimeout(() => {
        taro.stack = [url.slice(1)];
      }, taro.loadMs);
    },
    navigateTo: async ({ url }: { url: string }) => void taro.calls.push(`navigateTo ${url}`),
  },
}));

import { leaveFor } from './leave';

describe('leaving the success page', () => {
  beforeEach(() => {
    taro.calls = [];
  });

  it('opens the case above 我的信访, the form and confirm pages left behind first', async () => {
    taro.stack = ['pages/index/index', 'petition/submit/index', 'petition/success/index'];
    await leaveFor('/pages/mine/index', '/petition/detail/index?id=p1');
    expect(taro.calls).toEqual([
      'back 2',
      'reLaunch /pages/mine/index',
      'navigateTo /petition/detail/index?id=p1',
    ]);
  });

  it('opens the case only once 我的信访 is up, however slowly it loads', async () => {
    taro.stack = ['petition/success/index'];
    taro.loadMs = 400;
    const opened = leaveFor('/pages/mine/index', '/petition/detail/index?id=p1');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(taro.calls).toEqual(['reLaunch /pages/mine/index']);
    await opened;
    expect(taro.calls.at(-1)).toBe('navigateTo /petition/detail/index?id=p1');
    taro.loadMs = 0;
  });

  it('goes home with nothing left to go back to; alone on the stack (after a reload), no back', async () => {
    taro.stack = ['petition/success/index'];
    await leaveFor('/pages/index/index');
    expect(taro.calls).toEqual(['reLaunch /pages/index/index']);
  });
});
