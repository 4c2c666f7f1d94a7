import { randomUUID } from 'node:crypto';
import type { OutboxItem, OutboxPage } from '@xinfang/shared/schemas/notifications';
import type { Submitted } from '@xinfang/shared/schemas/petitions';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { expectError, PetitionKit } from '../petitions/kit';
import { request } from '../support/sign-in';
import {
  fresh,
  type Providers,
  startProviders,
  subscribe,
  TEMPLATES,
  type WechatPetitioner,
  wechatPetitioner,
} from './providers';
import { bj, deliveriesOf, dispatchAll } from './support';

// Many requests per test: generous on a busy machine (never a time limit on behaviour).
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

/**
 * An administrator's re-send never tells a person twice: a statutory WeChat notice that died
 * after its last try was handed to SMS; the list says so (已改由短信送达) and its re-send is refused
 * while the SMS waits to go and once it has gone.
 */
let providers: Providers;
let kit: PetitionKit;
let person: WechatPetitioner;

beforeAll(async () => {
  providers = await startProviders();
  kit = await PetitionKit.start({
    at: bj('2026-03-02T09:00:00'),
    config: providers.config({ OUTBOX_MAX_ATTEMPTS: '3' }),
  });
  person = await wechatPetitioner(kit, providers, 'code-resend', '13700000201');
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

async function listed(status: 'dead' | 'pending', id: string): Promise<OutboxItem | undefined> {
  const response = await kit.http('admin', 'GET', `/api/admin/outbox?status=${status}`);
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as OutboxPage).items.find((item) => item.id === id);
}

describe('a statutory WeChat notice handed to SMS', () => {
  it('is not re-sent while its SMS waits, nor once the SMS has gone', async () => {
    await subscribe(kit, providers, person, TEMPLATES.progress);
    const { petition } = await submit();
    await dispatchAll(kit); // the receipt uses the subscription
    await subscribe(kit, providers, person, TEMPLATES.progress);
    providers.wechat.openApi.script(
      'send',
      person.openid,
      Array.from({ length: 3 }, () => ({ http: 500 })),
    );
    await kit.act('ds.reception', petition.id, 'accept');
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await kit.app.notifications.dispatcher.dispatchOnce();
      kit.tick({ hours: 1 });
    }
    const { byChannel } = await deliveriesOf(kit, petition.id, 'accepted');
    const wechat = byChannel.wechat?.id as string;
    expect(byChannel.wechat?.status).toBe('dead');
    expect(byChannel.sms?.status).toBe('pending');

    expect(await listed('dead', wechat)).toMatchObject({ handedTo: { channel: 'sms', sent: false } });
    const waiting = expectError(
      await kit.http('admin', 'POST', `/api/admin/outbox/${wechat}/retry`),
      409,
      'IN_USE',
    );
    expect(waiting.message).toContain('已改由短信发送');

    await dispatchAll(kit);
    expect((await deliveriesOf(kit, petition.id, 'accepted')).pairs).toEqual([
      ['sms', 'sent'],
      ['wechat', 'dead'],
    ]);
    expect(await listed('dead', wechat)).toMatchObject({ handedTo: { channel: 'sms', sent: true } });
    const sent = expectError(
      await kit.http('admin', 'POST', `/api/admin/outbox/${wechat}/retry`),
      409,
      'IN_USE',
    );
    expect(sent.message).toContain('已改由短信送达');
    expect(sent.details).toEqual({ handedTo: { id: byChannel.sms?.id, channel: 'sms', sent: true } });

    // Nothing was put back in line, and nothing more reached WeChat.
    const before = providers.wechat.openApi.sent.length;
    await dispatchAll(kit);
    expect((await deliveriesOf(kit, petition.id, 'accepted')).byChannel.wechat).toMatchObject({
      status: 'dead',
      attempts: 3,
    });
    expect(providers.wechat.openApi.sent.length).toBe(before);
  });

  it('a dead delivery with no other is still re-sent, and shows none', async () => {
    // WeChat refuses the receipt's data for good (47003): not statutory, so nothing takes over.
    providers.wechat.openApi.script('send', person.openid, [{ errcode: 47003 }]);
    const { petition } = await submit();
    await dispatchAll(kit);
    const { pairs, byChannel } = await deliveriesOf(kit, petition.id, 'received');
    expect(pairs).toEqual([['wechat', 'dead']]);
    const wechat = byChannel.wechat?.id as string;
    expect(await listed('dead', wechat)).toMatchObject({ handedTo: null });
    const retried = await kit.http('admin', 'POST', `/api/admin/outbox/${wechat}/retry`);
    expect(retried.statusCode, retried.body).toBe(200);
    expect(retried.json()).toMatchObject({ status: 'pending', attempts: 0, handedTo: null });
  });
});
