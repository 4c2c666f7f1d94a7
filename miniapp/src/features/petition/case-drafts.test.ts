import type { PetitionerMe } from '@xinfang/shared/schemas/identity';
import type { TimelineEvent } from '@xinfang/shared/schemas/petitions';
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
import { caseDrafts, createCaseDrafts, lastSeq, tookEffect } from './case-drafts';
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

  it('keeps a message’s photos, uploaded ids included, until the message is sent', () => {
    const storage = memoryStorage();
    const photo = { id: 'photo-1', ref: 'ref-1', bytes: 2048, attachmentId: 'A1' };
    createCaseDrafts(storage).save('p1', 'case-1', 'petitioner_message', '三月工资条');
    createCaseDrafts(storage).savePhotos('p1', 'case-1', 'petitioner_message', [photo]);

    const reopened = createCaseDrafts(storage);
    expect(reopened.loadPhotos('p1', 'case-1', 'petitioner_message')).toEqual([photo]);
    expect(reopened.loadPhotos('p2', 'case-1', 'petitioner_message')).toEqual([]);
    reopened.clear('p1', 'case-1', 'petitioner_message');
    expect(reopened.loadPhotos('p1', 'case-1', 'petitioner_message')).toEqual([]);
    expect(storage.dump()).toEqual({});
  });

  it('keeps nothing for text that is only spaces', () => {
    const storage = memoryStorage();
    const store = createCaseDrafts(storage);
    store.save('p1', 'case-1', 'petitioner_message', '你好');
    store.save('p1', 'case-1', 'petitioner_message', '   ');
    expect(storage.dump()).toEqual({});
  });
});

describe('a send whose answer was lost', () => {
  const step = (seq: number, type: string, data: Record<string, unknown> = {}) =>
    ({ seq, type, data }) as unknown as TimelineEvent;

  it('is resent with the version it first went with, whatever was loaded since, until answered', () => {
    const storage = memoryStorage();
    const store = createCaseDrafts(storage);
    store.save('p1', 'case-1', 'petitioner_message', '请问什么时候能查清楚？');
    // The first send, at version 7, after step 12; the answer never came.
    expect(store.sending('p1', 'case-1', 'petitioner_message', { version: 7, afterSeq: 12 })).toEqual({
      version: 7,
      afterSeq: 12,
    });
    // A reload showed version 8 (the message went in): the resend still goes as version 7, so it
    // carries the first send's Idempotency-Key and the server answers it without a second message.
    const reopened = createCaseDrafts(storage);
    expect(reopened.sending('p1', 'case-1', 'petitioner_message', { version: 8, afterSeq: 13 })).toEqual({
      version: 7,
      afterSeq: 12,
    });
    // Another person on the phone, another case or form: nothing of it.
    expect(reopened.sent('p2', 'case-1', 'petitioner_message')).toBeNull();
    expect(reopened.sent('p1', 'case-2', 'petitioner_message')).toBeNull();
    expect(reopened.sent('p1', 'case-1', 'rate')).toBeNull();

    // Answered (sent): forgotten with the text.
    reopened.clear('p1', 'case-1', 'petitioner_message');
    expect(reopened.sent('p1', 'case-1', 'petitioner_message')).toBeNull();
    expect(storage.dump()).toEqual({});
  });

  it('is forgotten when refused (nothing kept), and the text stays for a fresh send', () => {
    const store = createCaseDrafts(memoryStorage());
    store.save('p1', 'case-1', 'request_review', '还是没有修');
    store.sending('p1', 'case-1', 'request_review', { version: 3, afterSeq: 5 });
    store.refused('p1', 'case-1', 'request_review');
    expect(store.sent('p1', 'case-1', 'request_review')).toBeNull();
    expect(store.load('p1', 'case-1', 'request_review')).toBe('还是没有修');
    expect(store.sending('p1', 'case-1', 'request_review', { version: 4, afterSeq: 6 }).version).toBe(4);
  });

  it('is kept for a withdrawal too, reason and all, and goes with its case’s other drafts', () => {
    const storage = memoryStorage();
    const store = createCaseDrafts(storage);
    store.save('p1', 'case-1', 'withdraw', '单位已经补发了');
    store.sending('p1', 'case-1', 'withdraw', { version: 2, afterSeq: 4 });
    expect(createCaseDrafts(storage).load('p1', 'case-1', 'withdraw')).toBe('单位已经补发了');
    // Withdrawn (the answer lost): the case no longer offers it.
    store.clearUnoffered('p1', 'case-1', new Set(['petitioner_message']));
    expect(storage.dump()).toEqual({});
    // Signing out forgets an unanswered send as well.
    store.sending('p1', 'case-1', 'rate', { version: 2, afterSeq: 4 });
    store.clearAll('p1');
    expect(storage.dump()).toEqual({});
  });

  it('shows as taken once its step follows what was seen — a message only with its own words', () => {
    const sent = { version: 7, afterSeq: lastSeq([step(3, 'accepted'), step(12, 'message_sent')]) };
    expect(sent.afterSeq).toBe(12);
    const before = [step(9, 'petitioner_wrote', { text: '请尽快' }), step(12, 'message_sent')];
    // The same words sent earlier on purpose are not this send.
    expect(tookEffect('petitioner_message', sent, before, '请尽快')).toBe(false);
    const after = [...before, step(14, 'petitioner_wrote', { text: '请尽快' })];
    expect(tookEffect('petitioner_message', sent, after, '请尽快')).toBe(true);
    expect(tookEffect('petitioner_message', sent, after, '请尽快处理')).toBe(false);
    expect(tookEffect('request_review', sent, after)).toBe(false);
    expect(tookEffect('request_review', sent, [...after, step(15, 'review_requested')])).toBe(true);
    expect(tookEffect('withdraw', sent, [step(13, 'withdrawn')])).toBe(true);
    expect(tookEffect('rate', sent, [step(11, 'rated')])).toBe(false);
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
