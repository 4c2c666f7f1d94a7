import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useRef } from 'react';

/** When a page loads what it shows again, besides its first load and its own reloads. */
export interface Refresh {
  /** On coming back to the page (from a case opened from it): what was done there shows. */
  onShow?: boolean;
  /** On pull-down; the spinner stops when the load ends, failed or not. */
  pullDown?: boolean;
}

/**
 * Calls `reload` as `refresh` asks. The first show is skipped: it is the page's first load, which
 * waits for the person to be signed in (`ready`, truthy then), as later shows do.
 */
export function useRefresh(ready: unknown, reload: () => Promise<unknown>, refresh: Refresh) {
  const shownOnce = useRef(false);
  useDidShow(() => {
    if (refresh.onShow && shownOnce.current && ready) void reload();
    shownOnce.current = true;
  });
  usePullDownRefresh(() => {
    if (refresh.pullDown) void reload().finally(() => Taro.stopPullDownRefresh());
  });
}
