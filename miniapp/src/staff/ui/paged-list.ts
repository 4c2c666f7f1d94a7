/** One page of a list as the API answers it: pass `nextCursor` back as `cursor` for the next one. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * A list fetched a page at a time. `items` is null until the first page arrives; `ticket` names
 * the request whose answer is awaited, so an answer to an older request (a tab left before its
 * page came) is dropped instead of mixing two lists.
 */
export interface PagedList<T> {
  items: T[] | null;
  nextCursor: string | null;
  busy: boolean;
  error: unknown;
  ticket: number;
}

/**
 * `reset`: a different list (new tab or filter), shown as loading from the start; `refresh`: the
 * same list again from its first page, the rows kept on screen until it comes; `more`: the next page.
 */
export type PagedRequest = 'reset' | 'refresh' | 'more';

export type PagedEvent<T> =
  | { kind: 'request'; ticket: number; request: PagedRequest }
  | { kind: 'page'; ticket: number; request: PagedRequest; page: Page<T> }
  | { kind: 'failed'; ticket: number; failure: unknown };

export const EMPTY_PAGED_LIST: PagedList<never> = {
  items: null,
  nextCursor: null,
  busy: false,
  error: null,
  ticket: 0,
};

export function pagedList<T>(state: PagedList<T>, event: PagedEvent<T>): PagedList<T> {
  if (event.kind === 'request') {
    return {
      ...state,
      items: event.request === 'reset' ? null : state.items,
      nextCursor: event.request === 'reset' ? null : state.nextCursor,
      busy: true,
      error: null,
      ticket: event.ticket,
    };
  }
  if (event.ticket !== state.ticket) return state;
  if (event.kind === 'failed') return { ...state, busy: false, error: event.failure };
  const items = event.request === 'more' ? [...(state.items ?? []), ...event.page.items] : event.page.items;
  return { ...state, items, nextCursor: event.page.nextCursor, busy: false };
}
