import type { PetitionerMe } from '@xinfang/shared/schemas/identity';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// The device's storage, as WeChat and h5 give it through Taro; no network (sign-out's call fails).
const device = vi.hoisted(() => new Map<string, string>());
vi.mock('@tarojs/taro', () => ({
  default: {
    getStorageSync: (key: string) => device.get(key) ?? '',
    setStorageSync: (key: string, value: string) => void device.set(key, value),
    removeStorageSync: (key: string) => void device.delete(key),
    request: () => Promise.reject(new Error('request:fail offline')),
  },
}));

import { drafts } from '@/features/submission/instance';
import { memoryStorage } from '@/platform/storage';
import { session } from '@/services/instance';
import { caseDrafts, createCaseDrafts } from './case-drafts';
import { signOutPetitioner } from './sign-out';

describe('what a petitioner writes on a case’s page, before it is sent', () => {
  it('is kept per person, case and form, across a reload, until it is sent', () => {
    const storage = memoryStorage();
    createCaseDrafts(storage).save('p1', 'case-1', 'request_review', '答复说本月修，但到现在还没有修。');
    createCaseDrafts(storage).save('p1', 'case-1', 'petitioner_message', '请问什么时候能查清楚？');
    createCaseDrafts(storage).save('p1', 'case-2', 'rate', '灯还是没修');

    // The app killed and opened again.
    const reopened = createCaseDrafts(storage);
    expect(reopened.load('p1', 'case-1', 'request_review')).toBe('答复说本月修，但到现在还没有修。');
    expect(reopened.load('p1', 'case-1', 'petitioner_message')).toBe('请问什么时候能查清楚？');
    expect(reopened.load('p1', 'case-2', 'rate')).toBe('灯还是没修');
    // Nothing of it for another case, another form, or another person on the same phone.
    expect(reopened.load('p1', 'case-2', 'request_review')).toBe('');
    expect(reopened.load('p1', 'case-1', 'rate')).toBe('');
    expect(reopened.load('p2', 'case-1', 'request_review')).toBe('');

    // Sent: forgotten, and only that one.
    reopened.clear('p1', 'case-1', 'request_review');
    expect(reopened.load('p1', 'case-1', 'request_review')).toBe('');
    expect(reopened.load('p1', 'case-1', 'petitioner_message')).toBe('请问什么时候能查清楚？');
  });

  it('is forgotten once the case no longer offers its form — sent with the answer lost, or too late', () => {
    const store = createCaseDrafts(memoryStorage());
    store.save('p1', 'case-1', 'request_review', '还是没有修');
    store.save('p1', 'case-1', 'petitioner_message', '请尽快');
    store.clearUnoffered('p1', 'case-1', new Set(['petitioner_message', 'withdraw']));
    expect(store.load('p1', 'case-1', 'request_review')).toBe('');
    expect(store.load('p1', 'case-1', 'petitioner_message')).toBe('请尽快');
  });

  it('keeps nothing for text that is only spaces', () => {
    const storage = memoryStorage();
    const store = createCaseDrafts(storage);
    store.save('p1', 'case-1', 'petitioner_message', '你好');
    store.save('p1', 'case-1', 'petitioner_message', '   ');
    expect(storage.dump()).toEqual({});
  });
});

describe('signing out on purpose', () => {
  const me = {
    kind: 'petitioner',
    id: 'p1',
    realName: null,
    address: null,
  } as unknown as PetitionerMe;
  const tokens = {
    accessToken: 'a',
    accessTokenExpiresAt: '2099-01-01T00:00:00.000Z',
    refreshToken: 'r'.repeat(20),
    refreshTokenExpiresAt: '2099-01-01T00:00:00.000Z',
  };

  beforeEach(() => device.clear());

  it('forgets the case drafts and the name and address typed, and ends the session', async () => {
    session.set({ tokens, me });
    caseDrafts.save('p1', 'case-1', 'request_re_examination', '复查意见没有回应我的诉求。');
    caseDrafts.save('p2', 'case-9', 'petitioner_message', '别人的留言');
    const draft = drafts.open('p1');
    drafts.save({
      ...draft,
      fields: { ...draft.fields, content: '路灯坏了半个月' },
      profile: { realName: '赵桂兰', address: '东山区矿区路 17 号' },
    });

    await signOutPetitioner();

    expect(session.get()).toBeNull();
    expect(caseDrafts.load('p1', 'case-1', 'request_re_examination')).toBe('');
    expect(drafts.load('p1')?.profile).toBeNull();
    const stored = [...device.values()].join('\n');
    expect(stored).not.toContain('复查意见');
    expect(stored).not.toContain('赵桂兰');
    // Another person's drafts on the same phone are theirs to keep.
    expect(caseDrafts.load('p2', 'case-9', 'petitioner_message')).toBe('别人的留言');
  });
});
