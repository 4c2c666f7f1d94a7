import type { PetitionState } from '@xinfang/shared/lifecycle';
import { staffCopy } from '@/copy/staff';
import { parseDate, startOfBeijingDay, startOfNextBeijingDay } from '../forms/dates';
import type { InboxTab } from '../session/roles';

/**
 * The inbox's tab, filters and search as a query of `GET /api/petitions`. Filters are kept as the
 * person set them (dates as typed) so they can be remembered on the device; `inboxQuery` turns them
 * into the API's parameters: the tab is the queue, dates are whole Beijing days (from the first
 * instant of the first day to the first instant after the last), the search a number or a phone.
 */
export interface InboxFilters {
  state: PetitionState | '';
  kind: string;
  channel: string;
  categoryCode: string;
  unitId: string;
  due: '' | 'soon' | 'overdue';
  receivedFrom: string;
  receivedTo: string;
  sort: 'due' | 'received' | 'oldest';
}

export const EMPTY_FILTERS: InboxFilters = {
  state: '',
  kind: '',
  channel: '',
  categoryCode: '',
  unitId: '',
  due: '',
  receivedFrom: '',
  receivedTo: '',
  sort: 'due',
};

export const INBOX_TABS: InboxTab[] = ['triage', 'handling', 'mine', 'approval', 'overdue', 'all'];

export const PAGE_SIZE = 20;

const NUMBER = /^XF(\d{4})-?(\d{1,6})$/i;
const PHONE = /^(\+?86)?1[3-9]\d{9}$/;

/** What the search box holds, as the API's `search` (a petition number or a phone), or why not. */
export function parseSearch(typed: string): { search: string } | { error: string } | null {
  const compact = typed.replace(/\s+/g, '');
  if (compact === '') return null;
  const number = NUMBER.exec(compact);
  if (number) return { search: `XF${number[1]}-${(number[2] ?? '').padStart(6, '0')}` };
  const digits = compact.replace(/-/g, '');
  if (PHONE.test(digits)) return { search: digits };
  return { error: staffCopy.inbox.searchInvalid };
}

export type FilterErrors = Partial<Record<'receivedFrom' | 'receivedTo', string>>;

export function validateFilters(filters: InboxFilters): FilterErrors {
  const errors: FilterErrors = {};
  const from = filters.receivedFrom.trim() ? parseDate(filters.receivedFrom) : null;
  const to = filters.receivedTo.trim() ? parseDate(filters.receivedTo) : null;
  if (filters.receivedFrom.trim() && !from) errors.receivedFrom = staffCopy.inbox.dateInvalid;
  if (filters.receivedTo.trim() && !to) errors.receivedTo = staffCopy.inbox.dateInvalid;
  if (from && to && to < from) errors.receivedTo = staffCopy.inbox.dateOrder;
  return errors;
}

/** The query of one page of the inbox. */
export function inboxQuery(
  tab: InboxTab,
  filters: InboxFilters,
  search: string | null,
  cursor: string | null = null,
): Record<string, string | number> {
  const query: Record<string, string | number> = { queue: tab, sort: filters.sort, limit: PAGE_SIZE };
  if (filters.state) query.state = filters.state;
  if (filters.kind) query.kind = filters.kind;
  if (filters.channel) query.channel = filters.channel;
  if (filters.categoryCode) query.categoryCode = filters.categoryCode;
  if (filters.unitId) query.unitId = filters.unitId;
  if (filters.due) query.due = filters.due;
  const from = parseDate(filters.receivedFrom);
  const to = parseDate(filters.receivedTo);
  if (from) query.receivedFrom = startOfBeijingDay(from);
  if (to) query.receivedTo = startOfNextBeijingDay(to);
  if (search) query.search = search;
  if (cursor) query.cursor = cursor;
  return query;
}

/** How many filters narrow the list (the sort is not a filter). */
export function activeFilterCount(filters: InboxFilters): number {
  const { sort: _sort, ...rest } = filters;
  return Object.values(rest).filter((value) => value !== '').length;
}

/** Filters read back from the device, with anything unknown dropped. */
export function restoreFilters(stored: unknown): InboxFilters {
  if (!stored || typeof stored !== 'object') return { ...EMPTY_FILTERS };
  const s = stored as Partial<Record<keyof InboxFilters, unknown>>;
  const pick = <K extends keyof InboxFilters>(key: K, ok: (v: string) => boolean): InboxFilters[K] =>
    (typeof s[key] === 'string' && ok(s[key] as string) ? s[key] : EMPTY_FILTERS[key]) as InboxFilters[K];
  return {
    state: pick('state', () => true),
    kind: pick('kind', () => true),
    channel: pick('channel', () => true),
    categoryCode: pick('categoryCode', () => true),
    unitId: pick('unitId', () => true),
    due: pick('due', (v) => ['', 'soon', 'overdue'].includes(v)),
    receivedFrom: pick('receivedFrom', () => true),
    receivedTo: pick('receivedTo', () => true),
    sort: pick('sort', (v) => ['due', 'received', 'oldest'].includes(v)),
  };
}
