import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMPTY_PAGED_LIST, type Page, type PagedList, type PagedRequest, pagedList } from './paged-list';

const start = EMPTY_PAGED_LIST as PagedList<number>;
const page = (items: number[], nextCursor: string | null = null): Page<number> => ({ items, nextCursor });

/** Asks for `request` and answers it with `answer` in one go. */
function step(state: PagedList<number>, ticket: number, request: PagedRequest, answer: Page<number>) {
  const waiting = pagedList(state, { kind: 'request', ticket, request });
  return pagedList(waiting, { kind: 'page', ticket, request, page: answer });
}

describe('a paged list', () => {
  it('shows the first page, then appends the next and stops when there is no cursor', () => {
    const first = step(start, 1, 'reset', page([1, 2], 'c1'));
    expect(first).toMatchObject({ items: [1, 2], nextCursor: 'c1', busy: false, error: null });
    const second = step(first, 2, 'more', page([3]));
    expect(second).toMatchObject({ items: [1, 2, 3], nextCursor: null, busy: false });
  });

  it('is busy while a request is out; a reset shows loading, a refresh keeps the rows', () => {
    const shown = step(start, 1, 'reset', page([1, 2], 'c1'));
    expect(pagedList(shown, { kind: 'request', ticket: 2, request: 'refresh' })).toMatchObject({
      items: [1, 2],
      nextCursor: 'c1',
      busy: true,
    });
    expect(pagedList(shown, { kind: 'request', ticket: 2, request: 'reset' })).toMatchObject({
      items: null,
      nextCursor: null,
      busy: true,
    });
  });

  it('starts again from the first page on a refresh, dropping the pages appended before', () => {
    const two = step(step(start, 1, 'reset', page([1, 2], 'c1')), 2, 'more', page([3], 'c2'));
    expect(step(two, 3, 'refresh', page([9], 'c9'))).toMatchObject({ items: [9], nextCursor: 'c9' });
  });

  it('keeps what it showed when a page fails, with the failure to retry', () => {
    const shown = step(start, 1, 'reset', page([1], 'c1'));
    const asked = pagedList(shown, { kind: 'request', ticket: 2, request: 'more' });
    const failed = pagedList(asked, { kind: 'failed', ticket: 2, failure: 'offline' });
    expect(failed).toMatchObject({ items: [1], nextCursor: 'c1', busy: false, error: 'offline' });
    // The retry clears the failure while it is out.
    expect(pagedList(failed, { kind: 'request', ticket: 3, request: 'more' }).error).toBeNull();
  });

  it('drops an answer to a request that a later one replaced (a tab left before its page came)', () => {
    const oldTab = pagedList(start, { kind: 'request', ticket: 1, request: 'reset' });
    const newTab = pagedList(oldTab, { kind: 'request', ticket: 2, request: 'reset' });
    const late = pagedList(newTab, { kind: 'page', ticket: 1, request: 'reset', page: page([1], 'x') });
    expect(late).toBe(newTab);
    expect(pagedList(newTab, { kind: 'failed', ticket: 1, failure: 'old' })).toBe(newTab);
    expect(pagedList(newTab, { kind: 'page', ticket: 2, request: 'reset', page: page([7]) }).items).toEqual([
      7,
    ]);
  });

  it('shows every page in order, whatever order stale answers arrive in', () => {
    // Pages answered in turn, each interleaved with a stale answer to an earlier ticket.
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer(), { maxLength: 5 }), { minLength: 1, maxLength: 6 }),
        (pages) => {
          let state = start;
          pages.forEach((items, i) => {
            const request = i === 0 ? 'reset' : 'more';
            state = pagedList(state, { kind: 'request', ticket: i + 1, request });
            state = pagedList(state, { kind: 'page', ticket: i, request, page: page([-1]) });
            const next = i < pages.length - 1 ? `c${i}` : null;
            state = pagedList(state, { kind: 'page', ticket: i + 1, request, page: page(items, next) });
          });
          expect(state.items).toEqual(pages.flat());
          expect(state.nextCursor).toBeNull();
          expect(state.busy).toBe(false);
        },
      ),
      { numRuns: 50 },
    );
  });
});
