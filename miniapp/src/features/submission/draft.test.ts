import type { SubmitPetitionBody } from '@xinfang/shared/schemas/petitions';
import { beforeEach, describe, expect, it } from 'vitest';
import { memoryStorage } from '@/platform/storage';
import { createDraftStore, type DraftStore } from './draft';

const body: SubmitPetitionBody = {
  kind: 'request',
  categoryCode: 'wages',
  concernedUnitId: 'unit-ds',
  title: '加班费',
  content: '三月份加班费未发放',
};

describe('drafts on the device', () => {
  let storage: ReturnType<typeof memoryStorage>;
  let keys: number;
  let drafts: DraftStore;
  /** A fresh store over the same storage: the app killed and opened again. */
  const reopen = () =>
    createDraftStore({ storage, newKey: () => `key-${++keys}`, now: () => new Date('2026-03-02T08:00:00Z') });

  beforeEach(() => {
    storage = memoryStorage();
    keys = 0;
    drafts = reopen();
  });

  it('opens a new draft with a fresh idempotency key, not yet saved', () => {
    const draft = drafts.open('p1');
    expect(draft.idempotencyKey).toBe('key-1');
    expect(drafts.load('p1')).toBeNull();
    expect(drafts.hasContent(draft)).toBe(false);
  });

  it('saves every change and restores it after the app is killed, photos included', () => {
    const draft = drafts.open('p1');
    drafts.save({ ...draft, fields: { ...draft.fields, title: '加班费' } });
    drafts.save({
      ...draft,
      fields: { ...draft.fields, title: '加班费', content: '三月份' },
      photos: [{ id: 'ph1', ref: 'idb:ph1', bytes: 1234, attachmentId: null }],
    });

    const restored = reopen().open('p1');
    expect(restored.fields).toMatchObject({ title: '加班费', content: '三月份' });
    expect(restored.photos).toEqual([{ id: 'ph1', ref: 'idb:ph1', bytes: 1234, attachmentId: null }]);
    expect(restored.idempotencyKey).toBe('key-1');
    expect(reopen().hasContent(restored)).toBe(true);
  });

  it("keeps each person's draft apart", () => {
    const mine = drafts.open('p1');
    drafts.save({ ...mine, fields: { ...mine.fields, title: '我的' } });
    expect(drafts.load('p2')).toBeNull();
    expect(drafts.open('p2').idempotencyKey).not.toBe(mine.idempotencyKey);
  });

  it('keeps the key across every save, even if a caller passes another', () => {
    const draft = drafts.open('p1');
    drafts.save(draft);
    const saved = drafts.save({ ...draft, idempotencyKey: 'forged' });
    expect(saved.idempotencyKey).toBe('key-1');
  });

  it('freezes the body sent, and keeps it and the key until acknowledged', () => {
    const draft = drafts.save(drafts.open('p1'));
    const pending = drafts.markPending(draft, body);
    expect(pending.pending?.body).toEqual(body);

    // A later attempt with a changed form still sends the first body under the first key.
    const again = reopen().markPending({ ...pending, pending: null }, { ...body, title: '改了' });
    expect(again.pending?.body).toEqual(body);
    expect(again.idempotencyKey).toBe('key-1');

    // Saving the form cannot unfreeze it.
    const saved = drafts.save({ ...again, pending: null, fields: { ...again.fields, title: '再改' } });
    expect(saved.pending?.body).toEqual(body);
    expect(reopen().load('p1')?.pending?.body).toEqual(body);
  });

  it('releases the body after a definitive refusal, keeping the same key', () => {
    const pending = drafts.markPending(drafts.save(drafts.open('p1')), body);
    const released = drafts.releasePending(pending);
    expect(released.pending).toBeNull();
    expect(released.idempotencyKey).toBe('key-1');
  });

  it('forgets the draft and its key once the answer has arrived, keeping the receipt to show', () => {
    const pending = drafts.markPending(drafts.save(drafts.open('p1')), body);
    drafts.acknowledge('p1', {
      petitionId: 'pet1',
      number: 'XF2026-000001',
      queryCode: 'ABCD1234',
      at: pending.updatedAt,
    });
    expect(drafts.load('p1')).toBeNull();
    expect(drafts.receipt('p1')).toMatchObject({ number: 'XF2026-000001', queryCode: 'ABCD1234' });
    expect(drafts.open('p1').idempotencyKey).toBe('key-2');
    drafts.forgetReceipt('p1');
    expect(drafts.receipt('p1')).toBeNull();
  });

  it('gives a discarded draft a new key', () => {
    drafts.save(drafts.open('p1'));
    drafts.discard('p1');
    expect(drafts.open('p1').idempotencyKey).toBe('key-2');
  });

  it('keeps the name and address typed across a reload — and never a phone or ID number', () => {
    const draft = drafts.open('p1');
    expect(draft.profile).toBeNull();
    const typed = { realName: '赵桂兰', address: '东山区矿区路 17 号' };
    // Whatever a caller passes along, only the two strings reach the device.
    const extra = { ...typed, phone: '13800000001', idNumber: '110101199003071234' };
    drafts.save({ ...draft, profile: extra });

    const restored = reopen().open('p1');
    expect(restored.profile).toEqual(typed);
    expect(reopen().hasContent(restored)).toBe(true);
    expect(JSON.stringify(storage.dump())).not.toMatch(/13800000001|110101199003071234/);
  });

  it('forgets the name and address with the draft: once submitted, when discarded, on signing out', () => {
    const typed = { realName: '赵桂兰', address: '东山区矿区路 17 号' };
    const withProfile = () => {
      const draft = drafts.open('p1');
      return drafts.save({ ...draft, fields: { ...draft.fields, content: '路灯坏了' }, profile: typed });
    };

    withProfile();
    drafts.acknowledge('p1', { petitionId: 'pet1', number: 'XF2026-000001', queryCode: 'ABCD1234', at: '' });
    expect(drafts.open('p1').profile).toBeNull();

    withProfile();
    drafts.discard('p1');
    expect(drafts.open('p1').profile).toBeNull();

    // Signing out forgets the person's name and address; what the petition says stays theirs.
    withProfile();
    drafts.forgetProfile('p1');
    const after = reopen().load('p1');
    expect(after?.profile).toBeNull();
    expect(after?.fields.content).toBe('路灯坏了');
    expect(JSON.stringify(storage.dump())).not.toContain('赵桂兰');
  });

  it('reads a corrupt or foreign record as no draft', () => {
    storage.set('xinfang.draft.p1', { schema: 99 });
    expect(drafts.load('p1')).toBeNull();
    storage.set('xinfang.draft.p1', { ...drafts.open('p2'), ownerId: 'p2' });
    expect(drafts.load('p1')).toBeNull();
  });
});
