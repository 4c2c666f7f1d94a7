import { randomUUID } from 'node:crypto';
import type { Submitted } from '@xinfang/shared/schemas/petitions';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  fresh,
  type Providers,
  startProviders,
  type WechatPetitioner,
  wechatPetitioner,
} from './notifications/providers';
import { bj, dispatchAll } from './notifications/support';
import { expectError, PetitionKit } from './petitions/kit';
import { request } from './support/sign-in';

// Many requests per test: generous on a busy machine (never a time limit on behaviour).
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

interface Unreached {
  id: string;
  event: string;
  title: string;
  petitionId: string;
  petitionNumber: string;
  unit: { id: string; name: string } | null;
  dueOn: string;
  reason: string;
}

/**
 * A statutory notice that reached nobody (Art 23: the acceptance told in writing within 15 days)
 * comes before the desk that owes it — not another mine's — until the desk records that it was
 * delivered another way; the record is audited and kept once.
 */
let providers: Providers;
let kit: PetitionKit;
let person: WechatPetitioner;
const PHONE = '13700000371';

beforeAll(async () => {
  providers = await startProviders();
  kit = await PetitionKit.start({
    at: bj('2026-03-02T09:00:00'),
    config: providers.config({ OUTBOX_MAX_ATTEMPTS: '2' }),
  });
  // Signed in by WeChat with no subscription: the notices go by SMS, to a number that refuses them.
  person = await wechatPetitioner(kit, providers, 'code-unreached', PHONE);
});
afterAll(async () => {
  await kit?.close();
  await providers?.close();
});

async function submit(): Promise<Submitted> {
  const response = await request(kit.app, 'POST', '/api/petitions', {
    token: (await fresh(kit, person)).token,
    body: kit.submission(),
    headers: { 'idempotency-key': `k-${randomUUID()}` },
  });
  expect(response.statusCode, response.body).toBe(201);
  const submitted = response.json() as Submitted;
  kit.versions.set(submitted.petition.id, submitted.petition.version);
  return submitted;
}

async function unreached(who: string): Promise<{ items: Unreached[]; total: number }> {
  const response = await kit.http(who, 'GET', '/api/notices/unreached');
  expect(response.statusCode, response.body).toBe(200);
  expect(response.body).not.toContain(PHONE);
  return response.json() as { items: Unreached[]; total: number };
}

describe('statutory notices that reached nobody', () => {
  it('are listed for the desk owing them until it records another delivery, once', async () => {
    const { petition } = await submit();
    await dispatchAll(kit); // the receipt goes by SMS
    providers.sms.script(PHONE, [{ status: 'FailedOperation.PhoneNumberInBlacklist' }]);
    await kit.act('ds.reception', petition.id, 'accept');
    expect((await unreached('ds.reception')).items).toEqual([]); // its SMS still waits to go
    await dispatchAll(kit);

    const listed = await unreached('ds.reception');
    const item = listed.items.find((i) => i.petitionId === petition.id) as Unreached;
    expect(item).toMatchObject({
      event: 'accepted',
      title: '信访事项受理告知书',
      petitionNumber: petition.number,
      reason: 'sms_failed',
      // Art 23 ¶2: 15 days from registration on 2 March.
      dueOn: '2026-03-17',
    });
    expect(item.unit?.name).toBeTruthy();
    expect(listed.total).toBe(listed.items.length);
    // Another mine's head sees none of it, and records nothing on it.
    expect((await unreached('xh.head')).items.map((i) => i.id)).not.toContain(item.id);
    const path = `/api/notices/unreached/${item.id}/reached`;
    const body = { method: 'post', reachedOn: '2026-03-03', trackingNo: 'XA12345678901' };
    expectError(await kit.http('xh.head', 'POST', path, body), 404, 'NOT_FOUND');

    // 邮寄 without its registered number, or a day before the notice went, is refused.
    const { trackingNo: _, ...untracked } = body;
    expectError(await kit.http('ds.reception', 'POST', path, untracked), 400, 'VALIDATION_FAILED');
    expectError(
      await kit.http('ds.reception', 'POST', path, { ...body, reachedOn: '2026-03-01' }),
      400,
      'VALIDATION_FAILED',
    );

    kit.tick({ days: 1 });
    const recorded = await kit.http('ds.reception', 'POST', path, body);
    expect(recorded.statusCode, recorded.body).toBe(200);
    expect(recorded.json()).toMatchObject({ id: item.id, method: 'post', trackingNo: 'XA12345678901' });
    expect(await kit.audit(item.id)).toMatchObject([
      { action: 'notification.reached_otherwise', actor_type: 'staff', outcome: 'success' },
    ]);
    const after = await unreached('ds.reception');
    expect(after.items.map((i) => i.id)).not.toContain(item.id);
    expect(after.total).toBe(listed.total - 1);

    // A retry is answered as recorded; a different record is refused, nothing overwritten.
    expect((await kit.http('ds.reception', 'POST', path, body)).statusCode).toBe(200);
    expectError(
      await kit.http('ds.reception', 'POST', path, { method: 'in_person', reachedOn: '2026-03-03' }),
      409,
      'ALREADY_EXISTS',
    );
    expect(await kit.audit(item.id)).toHaveLength(1);
  });

  it('leave the list once the petitioner reads them in the app', async () => {
    const { petition } = await submit();
    await dispatchAll(kit);
    providers.sms.script(PHONE, [{ status: 'FailedOperation.PhoneNumberInBlacklist' }]);
    await kit.act('ds.reception', petition.id, 'accept');
    await dispatchAll(kit);
    const mine = async () =>
      (await unreached('ds.head')).items.filter((i) => i.petitionId === petition.id).map((i) => i.event);
    expect(await mine()).toEqual(['accepted']); // and the head of the unit sees it too

    const read = await request(kit.app, 'POST', '/api/me/notifications/read', {
      token: (await fresh(kit, person)).token,
      body: { all: true },
    });
    expect(read.statusCode, read.body).toBe(200);
    expect(await mine()).toEqual([]);
  });
});
