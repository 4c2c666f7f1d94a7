// @vitest-environment jsdom
import fc from 'fast-check';
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Refresh } from './use-refresh';

// Taro's page events, stubbed: the latest callbacks, as Taro keeps them, fired by the test.
const taro = vi.hoisted(() => ({
  show: () => {},
  pullDown: () => {},
  stopPullDownRefresh: (() => {}) as () => void,
}));
vi.mock('@tarojs/taro', () => ({
  default: { stopPullDownRefresh: () => taro.stopPullDownRefresh() },
  useDidShow: (callback: () => void) => {
    taro.show = callback;
  },
  usePullDownRefresh: (callback: () => void) => {
    taro.pullDown = callback;
  },
}));

import { useLoaded } from './use-loaded';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

type Shown = ReturnType<typeof useLoaded<number>>;
interface PageProps {
  ready: boolean;
  fetch: () => Promise<number>;
  refresh?: Refresh;
  onRender: (shown: Shown) => void;
}

function Page({ ready, fetch, refresh, onRender }: PageProps) {
  onRender(useLoaded(ready, fetch, refresh));
  return null;
}

/** A page on `useLoaded`: what it last rendered, and the events the person causes. */
function mountPage(fetch: () => Promise<number>, refresh?: Refresh) {
  const root: Root = createRoot(document.createElement('div'));
  let shown: Shown | null = null;
  const onRender = (latest: Shown) => {
    shown = latest;
  };
  const render = (ready: boolean) =>
    act(async () => root.render(createElement(Page, { ready, fetch, refresh, onRender })));
  return {
    unmount: () => act(() => root.unmount()),
    get shown(): Shown {
      if (!shown) throw new Error('not rendered');
      return shown;
    },
    render,
    show: () => act(async () => taro.show()),
    pullDown: () => act(async () => taro.pullDown()),
  };
}

const pages: ReturnType<typeof mountPage>[] = [];
const page = (fetch: () => Promise<number>, refresh?: Refresh) => {
  const mounted = mountPage(fetch, refresh);
  pages.push(mounted);
  return mounted;
};

beforeEach(() => {
  taro.stopPullDownRefresh = () => {};
});
afterEach(() => {
  for (const mounted of pages.splice(0)) mounted.unmount();
});

describe('useLoaded', () => {
  it('loads once signed in, again on coming back and on pull-down, then stops the spinner', async () => {
    const calls: string[] = [];
    let n = 0;
    taro.stopPullDownRefresh = () => calls.push('stop');
    const p = page(
      async () => {
        calls.push('fetch');
        return ++n;
      },
      { onShow: true, pullDown: true },
    );
    await p.render(false);
    await p.show(); // the page's first show, before the session is there: nothing to load yet
    expect(calls).toEqual([]);
    expect(p.shown.value).toBeNull();

    await p.render(true);
    expect(calls).toEqual(['fetch']);
    expect(p.shown.value).toBe(1);

    await p.show(); // back from a case
    await p.pullDown();
    expect(calls).toEqual(['fetch', 'fetch', 'fetch', 'stop']);
    expect(p.shown.value).toBe(3);
  });

  it('without `refresh`, loads only when signed in or asked (as before)', async () => {
    const fetch = vi.fn(async () => 7);
    const p = page(fetch);
    await p.render(true);
    await p.show();
    await p.show();
    await p.pullDown();
    expect(fetch).toHaveBeenCalledTimes(1);
    await act(() => p.shown.load());
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('keeps what was shown through a failed reload, shows the failure, and stops the spinner', async () => {
    const failure = new Error('offline');
    let fail = false;
    const stop = vi.fn();
    taro.stopPullDownRefresh = stop;
    const p = page(
      async () => {
        if (fail) throw failure;
        return 1;
      },
      { pullDown: true },
    );
    await p.render(true);
    fail = true;
    await p.pullDown();
    expect(p.shown).toMatchObject({ value: 1, error: failure });
    expect(stop).toHaveBeenCalledTimes(1);
    fail = false;
    await act(() => p.shown.load()); // the retry
    expect(p.shown).toMatchObject({ value: 1, error: null });
  });

  it('fetches as often as the events ask, for every order of them', async () => {
    type Event = 'show' | 'pullDown' | 'signIn';
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom<Event>('show', 'pullDown', 'signIn'), { maxLength: 8 }),
        fc.boolean(),
        fc.boolean(),
        async (events, onShow, pullDown) => {
          const fetch = vi.fn(async () => 0);
          const p = mountPage(fetch, { onShow, pullDown });
          await p.render(false);
          let ready = false;
          let shownOnce = false;
          let expected = 0;
          for (const event of events) {
            if (event === 'signIn') {
              if (!ready) expected++;
              ready = true;
              await p.render(true);
            } else if (event === 'show') {
              // The first show is the page's first load; later ones reload once signed in.
              if (onShow && shownOnce && ready) expected++;
              shownOnce = true;
              await p.show();
            } else {
              if (pullDown) expected++;
              await p.pullDown();
            }
          }
          p.unmount();
          expect(fetch).toHaveBeenCalledTimes(expected);
        },
      ),
      { numRuns: 50 },
    );
  });
});
