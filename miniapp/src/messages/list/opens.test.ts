import { describe, expect, it } from 'vitest';
import { pageToOpen } from './opens';

describe('the page a message opens', () => {
  it('is the page the server names, whether or not the message is about a petition', () => {
    expect(pageToOpen({ page: 'petition/detail/index?id=p1' })).toBe('/petition/detail/index?id=p1');
    // A booking reminder, a digest, a late screening report: no petition, still somewhere to go.
    expect(pageToOpen({ page: 'public/reception/index' })).toBe('/public/reception/index');
    expect(pageToOpen({ page: 'staff/inbox/index' })).toBe('/staff/inbox/index');
    expect(pageToOpen({ page: 'staff/screening/index' })).toBe('/staff/screening/index');
  });

  it('is nothing when the message names the message centre itself', () => {
    expect(pageToOpen({ page: 'messages/list/index' })).toBeNull();
    expect(pageToOpen({ page: '/messages/list/index' })).toBeNull();
  });
});
