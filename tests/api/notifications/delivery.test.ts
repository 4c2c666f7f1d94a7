import { randomUUID } from 'node:crypto';
import type { NotificationSettings, OutboxPage } from '@xinfang/shared/schemas/notifications';
import type { Submitted } from '@xinfang/shared/schemas/petitions';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { expectError, PetitionKit } from '../petitions/kit';
import { request } from '../support/sign-in';
import {
  fresh,
  type Providers,
  phonePetitioner,
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
 * Delivery through the real clients to the fake WeChat and Tencent SMS servers, and what the outbox
 * does when they fail: WeChat while a one-time subscription is left, SMS otherwise; 43101 handed to
 * SMS or left in the message centre; a refused token fetched again; a spent quota waited out (or, for
 * a statutory notice, handed to SMS); errors and silence tried again later; refusals dead-lettered
 * for an administrator to re-send. None is lost, none goes to the wrong person.
 */
let providers: Providers;
let kit: PetitionKit;

beforeAll(async () => {
  providers = await startProviders();
  kit = await PetitionKit.start({
    at: bj('2026-03-02T09:00:00'),
    config: providers.config({ OUTBOX_MAX_ATTEMPTS: '4' }),
  });
});
afterAll(async () => {
  await kit?.close();
  await providers?.close();
});

async function submitAs(who: WechatPetitioner | { token: string }): Promise<Submitted> {
  const response = await request(kit.app, 'POST', '/api/petitions', {
    token: 'refreshToken' in who ? (await fresh(kit, who)).token : who.token,
    body: kit.submission(),
    headers: { 'idempotency-key': `k-${randomUUID()}` },
  });
  expect(response.statusCode, response.body).toBe(201);
  const submitted = response.json() as Submitted;
  kit.versions.set(submitted.petition.id, submitted.petition.version);
  return submitted;
}

async function settingsOf(who: WechatPetitioner): Promise<NotificationSettings> {
  const response = await request(kit.app, 'GET', '/api/me/notification-settings', {
    token: (await fresh(kit, who)).token,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as NotificationSettings;
}

const remaining = async (who: WechatPetitioner, templateId: string) =>
  (await settingsOf(who)).subscriptions.find((s) => s.templateId === templateId)?.remaining;
const smsTo = (phone: string, templateId: string) =>
  providers.sms.messages.filter((m) => m.phone === `+86${phone}` && m.templateId === templateId);
const wechatTo = (who: WechatPetitioner) =>
  providers.wechat.openApi.sent.filter((m) => m.openid === who.openid);

describe('choosing the channel', () => {
  let both: WechatPetitioner;

  beforeAll(async () => {
    both = await wechatPetitioner(kit, providers, 'code-delivery-both', '13700000101');
  });

  it('WeChat while a subscription is left (and the count is kept); SMS once it is used up', async () => {
    expect(await settingsOf(both)).toMatchObject({
      channel: 'wechat',
      available: { wechat: true, sms: true },
    });
    await subscribe(kit, providers, both, TEMPLATES.progress);
    expect(await remaining(both, TEMPLATES.progress)).toBe(1);

    const { petition } = await submitAs(both);
    await dispatchAll(kit);
    const [message] = wechatTo(both);
    expect(message).toMatchObject({
      templateId: TEMPLATES.progress,
      page: `petition/detail/index?id=${petition.id}`,
      miniprogramState: 'formal',
      data: { character_string1: petition.number, phrase2: '已登记' },
    });
    expect([...(message?.data.thing3 ?? '')].length).toBeLessThanOrEqual(20);
    expect(await remaining(both, TEMPLATES.progress)).toBe(0);
    expect(providers.wechat.openApi.subscriptionsLeft(both.openid, TEMPLATES.progress)).toBe(0);

    // No subscription left: the statutory acceptance goes by SMS, keyed by the outbox row.
    await kit.act('ds.reception', petition.id, 'accept');
    await dispatchAll(kit);
    const [sms] = smsTo('13700000101', 'sms-accepted');
    const accepted = await deliveriesOf(kit, petition.id, 'accepted');
    expect(accepted.pairs).toEqual([['sms', 'sent']]);
    const row = accepted.byChannel.sms;
    expect(sms).toMatchObject({
      templateParams: [petition.number, '已受理', expect.any(String)],
      sessionContext: row?.id,
    });
  });

  it('43101 (no subscription at WeChat after all): a phone carries it; without one the message centre does', async () => {
    await subscribe(kit, providers, both, TEMPLATES.progress, { grantAtWechat: false });
    const { petition } = await submitAs(both);
    await dispatchAll(kit);
    const received = await deliveriesOf(kit, petition.id, 'received');
    expect(received.pairs).toEqual([
      ['sms', 'sent'],
      ['wechat', 'fallback'],
    ]);
    expect(received.byChannel.wechat?.last_error).toContain('43101');
    expect(await remaining(both, TEMPLATES.progress)).toBe(0);
    expect(smsTo('13700000101', 'sms-received').at(-1)?.templateParams[0]).toBe(petition.number);

    const wechatOnly = await wechatPetitioner(kit, providers, 'code-delivery-wechat-only', null);
    await subscribe(kit, providers, wechatOnly, TEMPLATES.progress, { grantAtWechat: false });
    const own = await submitAs(wechatOnly);
    await dispatchAll(kit);
    expect((await deliveriesOf(kit, own.petition.id, 'received')).pairs).toEqual([['wechat', 'fallback']]);
    const centre = await request(kit.app, 'GET', '/api/me/notifications', {
      token: (await fresh(kit, wechatOnly)).token,
    });
    expect(centre.json().items[0]).toMatchObject({ event: 'received', petitionNumber: own.petition.number });
  });

  it('40003 (WeChat refuses the openid): a phone carries any notice SMS can; without one it is dead', async () => {
    const refused = await wechatPetitioner(kit, providers, 'code-delivery-40003', '13700000104');
    await subscribe(kit, providers, refused, TEMPLATES.progress);
    providers.wechat.openApi.script('send', refused.openid, [{ errcode: 40003 }]);
    const { petition } = await submitAs(refused);
    await dispatchAll(kit);
    const received = await deliveriesOf(kit, petition.id, 'received');
    expect(received.pairs).toEqual([
      ['sms', 'sent'],
      ['wechat', 'fallback'],
    ]);
    expect(received.byChannel.wechat?.last_error).toContain('40003');
    expect(smsTo('13700000104', 'sms-received').at(-1)?.templateParams[0]).toBe(petition.number);

    const wechatOnly = await wechatPetitioner(kit, providers, 'code-delivery-40003-only', null);
    await subscribe(kit, providers, wechatOnly, TEMPLATES.progress);
    providers.wechat.openApi.script('send', wechatOnly.openid, [{ errcode: 40003 }]);
    const own = await submitAs(wechatOnly);
    await dispatchAll(kit);
    expect((await deliveriesOf(kit, own.petition.id, 'received')).pairs).toEqual([['wechat', 'dead']]);
  });

  it('a token WeChat refuses (40001, 40014) or calls expired (42001) is fetched again within the same try', async () => {
    for (const spoil of ['revokeTokens', 'mangleTokens', 'expireTokens'] as const) {
      await subscribe(kit, providers, both, TEMPLATES.progress);
      const issued = providers.wechat.openApi.tokensIssued();
      providers.wechat.openApi[spoil]();
      const { petition } = await submitAs(both);
      await dispatchAll(kit);
      const { rows } = await deliveriesOf(kit, petition.id, 'received');
      expect(rows, spoil).toMatchObject([{ channel: 'wechat', status: 'sent', attempts: 1 }]);
      expect(providers.wechat.openApi.tokensIssued()).toBe(issued + 1);
      expect(wechatTo(both).at(-1)?.data.character_string1).toBe(petition.number);
    }
  });
});

describe('failures', () => {
  let person: WechatPetitioner;
  beforeAll(async () => {
    person = await wechatPetitioner(kit, providers, 'code-delivery-failures', '13700000102');
  });

  it('45009 (daily quota spent): a notice that can wait waits for midnight; a statutory one goes by SMS now', async () => {
    await subscribe(kit, providers, person, TEMPLATES.progress);
    providers.wechat.openApi.script('send', person.openid, [{ errcode: 45009 }, { errcode: 45009 }]);
    const { petition } = await submitAs(person);
    await kit.app.notifications.dispatcher.dispatchOnce();
    const { rows: received } = await deliveriesOf(kit, petition.id, 'received');
    expect(received).toMatchObject([{ channel: 'wechat', status: 'pending', attempts: 1 }]);
    expect(received[0]?.due_at).toBe(bj('2026-03-03T00:00:00'));

    await kit.act('ds.reception', petition.id, 'accept');
    await kit.app.notifications.dispatcher.dispatchOnce();
    await dispatchAll(kit);
    expect((await deliveriesOf(kit, petition.id, 'accepted')).pairs).toEqual([
      ['sms', 'sent'],
      ['wechat', 'fallback'],
    ]);

    kit.setTime(bj('2026-03-03T00:01:00'));
    await dispatchAll(kit);
    expect((await deliveriesOf(kit, petition.id, 'received')).rows).toMatchObject([
      { status: 'sent', attempts: 2 },
    ]);
  });

  it('a 5xx or no answer from WeChat: tried again after a jittered wait, then sent', async () => {
    await subscribe(kit, providers, person, TEMPLATES.progress);
    providers.wechat.openApi.script('send', person.openid, [{ http: 502 }, 'timeout']);
    const { petition } = await submitAs(person);
    const started = Date.now();
    await kit.app.notifications.dispatcher.dispatchOnce();
    const [first] = (await deliveriesOf(kit, petition.id, 'received')).rows;
    expect(first).toMatchObject({ status: 'pending', attempts: 1 });
    expect(first?.last_error).toContain('HTTP 502');
    const wait = Date.parse(first?.due_at ?? '') - started;
    expect(wait).toBeGreaterThanOrEqual(15_000);
    expect(wait).toBeLessThanOrEqual(30_000);

    kit.tick({ minutes: 1 });
    await kit.app.notifications.dispatcher.dispatchOnce(); // WeChat does not answer: 5 s, then a timeout
    const [second] = (await deliveriesOf(kit, petition.id, 'received')).rows;
    expect(second).toMatchObject({ status: 'pending', attempts: 2 });
    expect(second?.last_error).toContain('did not answer');

    kit.tick({ minutes: 2 });
    await dispatchAll(kit);
    const [third] = (await deliveriesOf(kit, petition.id, 'received')).rows;
    expect(third).toMatchObject({ status: 'sent', attempts: 3 });
  });

  it('an SMS refused for good is dead-lettered with its error, shown to administrators, and re-sent', async () => {
    const phone = '13700000103';
    const token = await phonePetitioner(kit, providers, phone);
    providers.sms.script(phone, [{ http: 503 }, { status: 'FailedOperation.PhoneNumberInBlacklist' }]);
    const { petition } = await submitAs({ token });
    const only = async () => (await deliveriesOf(kit, petition.id, 'received')).rows;
    const id = (await only())[0]?.id as string;
    await kit.app.notifications.dispatcher.dispatchOnce();
    expect(await only()).toMatchObject([{ id, status: 'pending', attempts: 1 }]);
    kit.tick({ minutes: 1 });
    await dispatchAll(kit);
    expect(await only()).toMatchObject([{ id, status: 'dead', attempts: 2 }]);

    const listed = await kit.http('admin', 'GET', '/api/admin/outbox?status=dead');
    const page = listed.json() as OutboxPage;
    const shown = page.items.find((item) => item.id === id);
    expect(shown).toMatchObject({
      channel: 'sms',
      event: 'received',
      recipientType: 'petitioner',
      attempts: 2,
    });
    expect(shown?.lastError).toContain('PhoneNumberInBlacklist');
    // Administrators see deliveries, not petitions: no number, no text, no address.
    expect(listed.body).not.toContain(petition.number);
    expect(listed.body).not.toContain(phone);

    // Every unit's messages are in it: a mine's administrator is refused as for the organisation's
    // settings, and re-sends nothing.
    await kit.createStaff('ds.admin', 'JA-DS', ['admin']);
    const settings = await kit.http('ds.admin', 'PUT', '/api/admin/settings/aftercare', { followUpDays: 15 });
    expectError(settings, 403, 'FORBIDDEN');
    for (const refused of [
      await kit.http('ds.admin', 'GET', '/api/admin/outbox?status=dead'),
      await kit.http('ds.admin', 'POST', `/api/admin/outbox/${id}/retry`),
    ]) {
      expect(refused.statusCode, refused.body).toBe(403);
      expect(refused.json()).toEqual(settings.json());
    }
    expect(await only()).toMatchObject([{ id, status: 'dead', attempts: 2 }]);

    const retried = await kit.http('admin', 'POST', `/api/admin/outbox/${id}/retry`);
    expect(retried.json()).toMatchObject({ status: 'pending', attempts: 0 });
    expect((await kit.http('admin', 'POST', `/api/admin/outbox/${id}/retry`)).statusCode).toBe(400);
    expect((await kit.http('ds.head', 'POST', `/api/admin/outbox/${id}/retry`)).statusCode).toBe(403);
    await dispatchAll(kit);
    expect(await only()).toMatchObject([{ id, status: 'sent' }]);
    expect(smsTo(phone, 'sms-received').at(-1)?.templateParams[0]).toBe(petition.number);
  });

  it('after the last try a statutory WeChat notice is dead-lettered and goes by SMS', async () => {
    await subscribe(kit, providers, person, TEMPLATES.progress);
    const { petition } = await submitAs(person);
    await dispatchAll(kit); // the receipt uses the subscription
    await subscribe(kit, providers, person, TEMPLATES.progress);
    providers.wechat.openApi.script(
      'send',
      person.openid,
      Array.from({ length: 4 }, () => ({ http: 500 })),
    );
    await kit.act('ds.reception', petition.id, 'accept');
    for (let attempt = 0; attempt < 4; attempt += 1) {
      await kit.app.notifications.dispatcher.dispatchOnce();
      kit.tick({ hours: 1 });
    }
    await dispatchAll(kit);
    const { byChannel, pairs } = await deliveriesOf(kit, petition.id, 'accepted');
    expect(pairs).toEqual([
      ['sms', 'sent'],
      ['wechat', 'dead'],
    ]);
    expect(byChannel.wechat).toMatchObject({ attempts: 4 });
    expect(byChannel.wechat?.last_error).toContain('gave up after 4 tries');
  });
});

describe('Tencent SMS limits that lift by themselves', () => {
  // OUTBOX_MAX_ATTEMPTS is 4 here: six refusals would have dead-lettered the notice.
  it.each([
    ['a number over its hourly limit', '13700000105', { status: 'LimitExceeded.PhoneNumberOneHourLimit' }],
    ['the SMS package used up', '13700000106', { error: 'FailedOperation.InsufficientBalanceInSmsPackage' }],
  ] as const)(
    '%s: a statutory notice is tried hourly, keeping its tries, until it goes',
    async (_, phone, refusal) => {
      const token = await phonePetitioner(kit, providers, phone);
      const { petition } = await submitAs({ token });
      await dispatchAll(kit);
      providers.sms.script(
        phone,
        Array.from({ length: 6 }, () => refusal),
      );
      await kit.act('ds.reception', petition.id, 'accept');
      for (let round = 0; round < 6; round += 1) {
        const tried = Date.now();
        await kit.app.notifications.dispatcher.dispatchOnce();
        const [row] = (await deliveriesOf(kit, petition.id, 'accepted')).rows;
        expect(row).toMatchObject({ channel: 'sms', status: 'pending', attempts: 0 });
        expect(row?.last_error).toContain('status' in refusal ? refusal.status : refusal.error);
        expect(Date.parse(row?.due_at ?? '') - tried).toBeGreaterThanOrEqual(3600_000);
        kit.setTime(row?.due_at as string);
      }
      await dispatchAll(kit);
      expect((await deliveriesOf(kit, petition.id, 'accepted')).rows).toMatchObject([
        { channel: 'sms', status: 'sent', attempts: 1 },
      ]);
      expect(smsTo(phone, 'sms-accepted').at(-1)?.templateParams[0]).toBe(petition.number);
    },
  );
});

describe('a phone whose holder said "not mine"', () => {
  it('gets no SMS about that petition: those waiting are withdrawn, later ones never sent', async () => {
    const phone = '13700000107';
    const { petition } = await kit.register('ds.reception', { petitioner: { realName: '赵六', phone } });
    kit.versions.set(petition.id, petition.version);
    const { petitioner_id: registered } = await kit.app.db
      .selectFrom('petition')
      .select('petitioner_id')
      .where('id', '=', petition.id)
      .executeTakeFirstOrThrow();
    const smsToRegistered = () =>
      kit.app.db
        .selectFrom('outbox')
        .select(['status', 'last_error'])
        .where('recipient_id', '=', registered)
        .where('channel', '=', 'sms')
        .execute();
    expect((await smsToRegistered()).map((r) => r.status)).toContain('pending');

    const token = await phonePetitioner(kit, providers, phone);
    const answer = await request(kit.app, 'POST', `/api/me/registrations/${petition.id}`, {
      token,
      body: { mine: false },
    });
    expect(answer.statusCode, answer.body).toBe(200);
    const withdrawn = await smsToRegistered();
    expect(withdrawn.length).toBeGreaterThan(0);
    for (const row of withdrawn) {
      expect(row).toMatchObject({ status: 'cancelled', last_error: expect.stringContaining('not theirs') });
    }
    const declined = (await kit.audit(petition.id)).find((a) => a.action === 'petition.claim_declined');
    expect(JSON.parse(declined?.details ?? '{}')).toEqual({ cancelledSms: withdrawn.length });

    // Later notices about it (a statutory acceptance among them) reach the record, not the phone.
    await kit.act('ds.reception', petition.id, 'accept');
    await dispatchAll(kit);
    expect((await deliveriesOf(kit, petition.id, 'accepted')).rows).toMatchObject([
      { channel: 'sms', status: 'cancelled', last_error: expect.stringContaining('not theirs') },
    ]);
    expect(providers.sms.messages.filter((m) => m.phone === `+86${phone}` && m.sessionContext)).toEqual([]);
  });
});

describe('none goes to the wrong person', () => {
  it('every message WeChat and Tencent received went to the person its notice was for', async () => {
    const phones = new Map<string, string>();
    for (const phone of [
      '13800000001',
      '13800000002',
      '13700000101',
      '13700000102',
      '13700000103',
      '13700000104',
      '13700000105',
      '13700000106',
    ]) {
      const row = await kit.app.db
        .selectFrom('petitioner_account')
        .select('id')
        .where('phone_hash', '=', kit.app.pii.lookupHash('phone', phone))
        .executeTakeFirst();
      if (row) phones.set(row.id, `+86${phone}`);
    }
    const rows = new Map((await kit.app.db.selectFrom('outbox').selectAll().execute()).map((r) => [r.id, r]));
    const keyed = providers.sms.messages.filter((m) => m.sessionContext);
    expect(keyed.length).toBeGreaterThan(3);
    for (const message of keyed) {
      const row = rows.get(message.sessionContext as string);
      expect(row, message.sessionContext).toBeDefined();
      expect(phones.get(row?.recipient_id as string)).toBe(message.phone);
    }
    const owners = new Map(
      (
        await kit.app.db
          .selectFrom('petition as p')
          .innerJoin('petitioner_account as a', 'a.id', 'p.petitioner_id')
          .select(['p.number', 'a.wechat_openid'])
          .execute()
      ).map((r) => [r.number, r.wechat_openid]),
    );
    expect(providers.wechat.openApi.sent.length).toBeGreaterThan(3);
    for (const message of providers.wechat.openApi.sent) {
      expect(owners.get(message.data.character_string1 as string)).toBe(message.openid);
    }
  });
});
