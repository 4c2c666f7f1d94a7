import {
  FAKE_TENCENT_PHONES,
  type FakeTencentSmsServer,
  startFakeTencentSmsServer,
} from '@xinfang/server/testing/fake-tencent-sms-server';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { auditRows, call, expectError, type IdentityApp, otpSignIn, startIdentityApp } from './support';

/**
 * Petitioners' sign-in on h5 by phone and one-time code (issue 4): codes are random, hashed at
 * rest, die after 5 minutes or the 5th wrong guess, and sending is limited per phone (one a
 * minute, five an hour, ten a day) and per address (twenty an hour). The codes travel through a
 * local server that speaks Tencent Cloud's SendSms, and through the labelled development log.
 *
 * Time is moved with fake `Date` only, so the database drivers' real timers keep running. The
 * development sender (codes written to the log, labelled) is read by the suites that use it for
 * sign-in; pii.test.ts checks its line holds the code and only the masked phone.
 */

const sms = {
  secretId: 'AKIDtest0000000000000000000000000000',
  secretKey: 'test-secret-key-000000000000000000',
  sdkAppId: '1400000001',
  signName: '晋安煤业',
  templateId: '2000001',
};

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('one-time codes by SMS', () => {
  let fake: FakeTencentSmsServer;
  let identity: IdentityApp;
  let ipCounter = 0;
  /** A fresh address per test, so the per-address limit of one test never touches another. */
  const freshIp = () => `10.20.${Math.floor(ipCounter / 250)}.${(ipCounter++ % 250) + 1}`;

  const delivered = (phone: string) => {
    const message = fake.lastMessageTo(phone);
    if (!message) throw new Error(`nothing was delivered to ${phone}`);
    expect(message.templateParams).toHaveLength(1);
    return message.templateParams[0] as string;
  };
  const requestCode = (phone: string, ip: string) =>
    call(identity.app, 'POST', '/api/auth/otp', { body: { phone }, ip });
  const signIn = (phone: string, code: string, ip: string) =>
    call(identity.app, 'POST', '/api/auth/otp/login', { body: { phone, code }, ip });
  const freeze = () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const start = Date.now();
    vi.setSystemTime(start);
    return start;
  };

  beforeAll(async () => {
    fake = await startFakeTencentSmsServer(sms);
    identity = await startIdentityApp({ sms: { ...sms, apiBase: fake.baseUrl } });
  });
  afterAll(async () => {
    await identity?.close();
    await fake?.close();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('signs in with the delivered code, once, and creates the petitioner with the phone encrypted', async () => {
    const ip = freshIp();
    const start = freeze();
    const sent = await requestCode('13711110001', ip);
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json()).toEqual({
      expiresAt: new Date(start + 5 * MINUTE).toISOString(),
      resendAfter: new Date(start + MINUTE).toISOString(),
    });
    const code = delivered('13711110001');
    expect(code).toMatch(/^\d{6}$/);

    const response = await signIn('13711110001', code, ip);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().me).toMatchObject({
      kind: 'petitioner',
      phone: '137****0001',
      wechatLinked: false,
    });
    expectError(await signIn('13711110001', code, ip), 401, 'OTP_INVALID');

    // The same phone signs in to the same account next time.
    vi.setSystemTime(start + 2 * MINUTE);
    const again = await otpSignIn(identity.app, '+8613711110001', delivered, { ip });
    expect(again.me.id).toBe(response.json().me.id);
  });

  it('keeps only a keyed hash of the code, never the code or the phone', async () => {
    const ip = freshIp();
    await requestCode('13711110002', ip);
    const code = delivered('13711110002');
    const rows = await identity.app.db
      .selectFrom('otp_challenge')
      .selectAll()
      .where('phone_hash', '=', identity.app.pii.lookupHash('phone', '13711110002'))
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.code_hash).toMatch(/^[0-9a-f]{64}$/);
    const raw = JSON.stringify(rows);
    expect(raw).not.toContain(code);
    expect(raw).not.toContain('13711110002');
    expect(raw).not.toContain('11110002');
  });

  it('counts wrong guesses: four leave the code usable, the fifth burns it', async () => {
    const ip = freshIp();
    await requestCode('13711110003', ip);
    const code = delivered('13711110003');
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 4; i += 1) expectError(await signIn('13711110003', wrong, ip), 401, 'OTP_INVALID');
    expect((await signIn('13711110003', code, ip)).statusCode).toBe(200);

    await requestCode('13711110004', freshIp());
    const other = delivered('13711110004');
    const miss = other === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i += 1) expectError(await signIn('13711110004', miss, ip), 401, 'OTP_INVALID');
    expectError(await signIn('13711110004', other, ip), 401, 'OTP_INVALID');
    const row = await identity.app.db
      .selectFrom('otp_challenge')
      .select(['attempts', 'consumed_at'])
      .where('phone_hash', '=', identity.app.pii.lookupHash('phone', '13711110004'))
      .executeTakeFirstOrThrow();
    expect(row.attempts).toBe(5);
    expect(row.consumed_at).not.toBeNull();
  });

  it('lets a code work for 5 minutes and not after', async () => {
    const ip = freshIp();
    const start = freeze();
    await requestCode('13711110005', ip);
    await requestCode('13711110006', ip);
    const [early, late] = [delivered('13711110005'), delivered('13711110006')];
    vi.setSystemTime(start + 5 * MINUTE - 1000);
    expect((await signIn('13711110005', early, ip)).statusCode).toBe(200);
    vi.setSystemTime(start + 5 * MINUTE + 1000);
    expectError(await signIn('13711110006', late, ip), 401, 'OTP_INVALID');
  });

  it('a new code replaces the one before it', async () => {
    const ip = freshIp();
    const start = freeze();
    await requestCode('13711110007', ip);
    const first = delivered('13711110007');
    vi.setSystemTime(start + MINUTE + 1000);
    await requestCode('13711110007', ip);
    const second = delivered('13711110007');
    if (first !== second) expectError(await signIn('13711110007', first, ip), 401, 'OTP_INVALID');
    expect((await signIn('13711110007', second, ip)).statusCode).toBe(200);
  });

  it('sends one code a minute, five an hour and ten a day to a phone', async () => {
    const ip = freshIp();
    const phone = '13711110008';
    const start = freeze();
    const at = async (ms: number) => {
      vi.setSystemTime(start + ms);
      return requestCode(phone, ip);
    };
    const sentCount = () => fake.messages.filter((m) => m.phone === `+86${phone}`).length;

    expect((await at(0)).statusCode).toBe(200);
    const tooSoon = await at(30_000);
    expectError(tooSoon, 429, 'RATE_LIMITED');
    expect(tooSoon.headers['retry-after']).toBe('30');
    for (const minute of [1, 2, 3, 4]) {
      const r = await at(minute * MINUTE + 1000);
      expect(r.statusCode, `${minute} ${r.body}`).toBe(200);
    }
    // Five sent in this hour: the sixth waits until the hour that began with the first is over.
    const sixth = await at(5 * MINUTE + 2000);
    expectError(sixth, 429, 'RATE_LIMITED');
    expect(Number(sixth.headers['retry-after'])).toBe(HOUR / 1000 - (5 * MINUTE) / 1000 - 2);
    expect(sentCount()).toBe(5);

    for (const minute of [65, 66, 67, 68, 69]) expect((await at(minute * MINUTE)).statusCode).toBe(200);
    expect(sentCount()).toBe(10);
    // Ten today: when the hour has passed again, the day still refuses.
    expectError(await at(69 * MINUTE + HOUR + 1000), 429, 'RATE_LIMITED');
    expectError(await at(23 * HOUR), 429, 'RATE_LIMITED');
    expect((await at(69 * MINUTE + 24 * HOUR + 1000)).statusCode).toBe(200);
    expect(sentCount()).toBe(11);
  });

  it('sends twenty codes an hour from one address, to any phones', async () => {
    const ip = freshIp();
    const start = freeze();
    for (let i = 0; i < 20; i += 1) {
      const response = await requestCode(`1372222${String(i).padStart(4, '0')}`, ip);
      expect(response.statusCode, response.body).toBe(200);
    }
    const refused = await requestCode('13722229999', ip);
    expectError(refused, 429, 'RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBe(HOUR / 1000);
    expect(fake.lastMessageTo('13722229999')).toBeUndefined();
    // Another address is not held back, and this one is free again after the hour.
    expect((await requestCode('13722229999', freshIp())).statusCode).toBe(200);
    vi.setSystemTime(start + HOUR + 1000);
    expect((await requestCode('13722229998', ip)).statusCode).toBe(200);
  });

  it('slows down an address that guesses codes for many phones', async () => {
    const ip = freshIp();
    for (let i = 0; i < 30; i += 1) {
      expectError(await signIn(`1373333${String(i).padStart(4, '0')}`, '123456', ip), 401, 'OTP_INVALID');
    }
    expectError(await signIn('13733339999', '123456', ip), 429, 'RATE_LIMITED');
  });

  it("maps the provider's refusals", async () => {
    expectError(await requestCode(FAKE_TENCENT_PHONES.dailyLimit, freshIp()), 429, 'RATE_LIMITED');
    expectError(await requestCode(FAKE_TENCENT_PHONES.incorrectNumber, freshIp()), 400, 'VALIDATION_FAILED');
    expectError(await requestCode(FAKE_TENCENT_PHONES.blacklisted, freshIp()), 503, 'SERVICE_UNAVAILABLE');
    expectError(await requestCode(FAKE_TENCENT_PHONES.internalError, freshIp()), 503, 'SERVICE_UNAVAILABLE');
    const failures = (await auditRows(identity.app)).filter(
      (r) => r.action === 'auth.otp_request' && r.outcome === 'failure',
    );
    expect(failures.map((r) => JSON.parse(r.details ?? '{}').reason).sort()).toEqual([
      'invalid_phone',
      'rate_limited',
      'rejected',
      'upstream_error',
    ]);
  });
});
