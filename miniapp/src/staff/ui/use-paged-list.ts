import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useCallback, useEffect, useReducer, useRef } from 'react';
import { EMPTY_PAGED_LIST, type Page, type PagedList, type PagedRequest, pagedList } from './paged-list';

/**
 * A list the API pages, loaded once the person is signed in (`ready`): the first page, the next
 * appended by `more`, and `reload` from the start (after a save); also on coming back to the page
 * and on pull-down. A new `fetchPage` (another tab or filter) starts the list over, so it must be
 * stable between renders (`useCallback` over what it depends on).
 */
export function usePagedList<T>(ready: boolean, fetchPage: (cursor: string | null) => Promise<Page<T>>) {
  const [state, dispatch] = useReducer(pagedList<T>, EMPTY_PAGED_LIST as PagedList<T>);
  const tickets = useRef(0);
  const current = useRef(state);
  current.current = state;

  const request = useCallback(
    async (kind: PagedRequest) => {
      const ticket = ++tickets.current;
      const cursor = kind === 'more' ? current.current.nextCursor : null;
      dispatch({ kind: 'request', ticket, request: kind });
      try {
        dispatch({ kind: 'page', ticket, request: kind, page: await fetchPage(cursor) });
      } catch (failure) {
        dispatch({ kind: 'failed', ticket, failure });
      }
    },
    [fetchPage],
  );
  const reload = useCallback(() => request('refresh'), [request]);
  const more = useCallback(() => {
    if (current.current.nextCursor && !current.current.busy) void request('more');
  }, [request]);

  useEffect(() => {
    if (ready) void request('reset');
  }, [ready, request]);
  // The first show is the first load above; later shows mean the person came back from a case.
  const shownOnce = useRef(false);
  useDidShow(() => {
    if (shownOnce.current && ready) void reload();
    shownOnce.current = true;
  });
  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });

  return { ...state, reload, more };
}
