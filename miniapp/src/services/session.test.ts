import type { Me, TokenPair } from '@xinfang/shared/schemas/identity';
import { describe, expect, it } from 'vitest';
import { memoryStorage } from '@/platform/storage';
import { SESSION_KEY, SessionStore } from './session';

const me = { kind: 'staff', id: 's1', username: 'zhang', displayName: '张' } as unknown as Me;
const tokens = (n: number): TokenPair => ({
  accessToken: `access-${n}`,
  accessTokenExpiresAt: '2026-12-03T10:00:00.000Z',
  refreshToken: `refresh-${n}`,
  refreshTokenExpiresAt: '2027-01-03T10:00:00.000Z',
});

describe('the session store, read again when a page shows', () => {
  it('keeps the same objects when nothing changed, so pages keyed on them do not load again', () => {
    const store = new SessionStore(memoryStorage());
    store.set({ tokens: tokens(1), me });
    const before = store.get();
    expect(store.reload()).toBe(before);
  });

  it('takes the newest tokens another tab stored, and keeps the person when only they changed', () => {
    const storage = memoryStorage();
    const store = new SessionStore(storage);
    store.set({ tokens: tokens(1), me });
    const before = store.get();
    storage.set(SESSION_KEY, { tokens: tokens(2), me });
    const after = store.reload();
    expect(after).not.toBe(before);
    expect(after?.tokens.accessToken).toBe('access-2');
    expect(after?.me).toBe(before?.me);
  });

  it('learns of a change of person, and of signing out in another tab', () => {
    const storage = memoryStorage();
    const store = new SessionStore(storage);
    store.set({ tokens: tokens(1), me });
    storage.set(SESSION_KEY, { tokens: tokens(1), me: { ...me, displayName: '张三' } });
    expect(store.reload()?.me).toMatchObject({ displayName: '张三' });
    storage.remove(SESSION_KEY);
    expect(store.reload()).toBeNull();
  });
});
