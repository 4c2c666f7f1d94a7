import { describe, expect, it } from 'vitest';
import {
  activeFilterCount,
  EMPTY_FILTERS,
  inboxQuery,
  parseSearch,
  restoreFilters,
  validateFilters,
} from './query';

describe('the inbox’s filters as a query of GET /api/petitions', () => {
  it('asks for the tab’s queue, nearest deadline first, one page at a time', () => {
    expect(inboxQuery('triage', EMPTY_FILTERS, null)).toEqual({ queue: 'triage', sort: 'due', limit: 20 });
    expect(inboxQuery('approval', { ...EMPTY_FILTERS, sort: 'oldest' }, null, 'c1')).toEqual({
      queue: 'approval',
      sort: 'oldest',
      limit: 20,
      cursor: 'c1',
    });
  });

  it('sends every filter that is set and none that is not', () => {
    const filters = {
      ...EMPTY_FILTERS,
      state: 'handling' as const,
      kind: 'request',
      channel: 'visit',
      categoryCode: 'safety',
      unitId: 'u1',
      due: 'soon' as const,
    };
    expect(inboxQuery('all', filters, null)).toEqual({
      queue: 'all',
      sort: 'due',
      limit: 20,
      state: 'handling',
      kind: 'request',
      channel: 'visit',
      categoryCode: 'safety',
      unitId: 'u1',
      due: 'soon',
    });
    expect(activeFilterCount(filters)).toBe(6);
    expect(activeFilterCount({ ...EMPTY_FILTERS, sort: 'received' })).toBe(0);
  });

  it('takes received dates as whole Beijing days', () => {
    const query = inboxQuery(
      'all',
      { ...EMPTY_FILTERS, receivedFrom: '2026-3-1', receivedTo: '2026-03-31' },
      null,
    );
    // 1 March 00:00 in Beijing is 28 February 16:00 UTC; "to 31 March" ends before 1 April 00:00 Beijing.
    expect(query.receivedFrom).toBe('2026-02-28T16:00:00.000Z');
    expect(query.receivedTo).toBe('2026-03-31T16:00:00.000Z');
  });

  it('says which dates are wrong or in the wrong order', () => {
    expect(validateFilters({ ...EMPTY_FILTERS, receivedFrom: '2026-02-30' })).toEqual({
      receivedFrom: '请选择日期',
    });
    expect(
      validateFilters({ ...EMPTY_FILTERS, receivedFrom: '2026-03-02', receivedTo: '2026-03-01' }),
    ).toEqual({
      receivedTo: '结束日期不能早于开始日期',
    });
    expect(
      validateFilters({ ...EMPTY_FILTERS, receivedFrom: '2026-03-01', receivedTo: '2026-03-01' }),
    ).toEqual({});
  });

  it('searches by a petition number (written loosely) or a phone, and nothing else', () => {
    expect(parseSearch('xf2026-123')).toEqual({ search: 'XF2026-000123' });
    expect(parseSearch(' XF2026000123 ')).toEqual({ search: 'XF2026-000123' });
    expect(parseSearch('138 0000 0001')).toEqual({ search: '13800000001' });
    expect(parseSearch('+8613800000001')).toEqual({ search: '+8613800000001' });
    expect(parseSearch('张伟')).toEqual({ error: '请输入信访编号（如 XF2026-000123）或 11 位手机号' });
    expect(parseSearch('   ')).toBeNull();
    const query = inboxQuery('all', EMPTY_FILTERS, 'XF2026-000123');
    expect(query.search).toBe('XF2026-000123');
  });

  it('restores remembered filters, dropping what it does not know', () => {
    expect(restoreFilters(null)).toEqual(EMPTY_FILTERS);
    expect(restoreFilters({ kind: 'request', sort: 'sideways', due: 'never', extra: 1 })).toEqual({
      ...EMPTY_FILTERS,
      kind: 'request',
    });
  });
});
