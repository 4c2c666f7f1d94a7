import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntegrationLogger } from '../logger';
import {
  FAKE_TENCENT_PHONES,
  type FakeTencentSmsServer,
  startFakeTencentSmsServer,
} from './fake-tencent-sms-server';
import { SmsSendError, type SmsSendFailure } from './sms-sender';
import { classifyTencentSmsCode, type TencentSmsOptions, TencentSmsSender } from './tencent-sms-sender';

const account = {
  secretId: 'AKIDfakeSecretId000000000000000000',
  secretKey: 'tencent-secret-key-that-must-never-leak',
  sdkAppId: '1400006666',
  signName: '信访通',
  templateId: '1110',
};
const phone = '13812345678';
const code = '493817';

let fake: FakeTencentSmsServer;
let fakeWithValidity: FakeTencentSmsServer;
const logged: { obj: object; msg: string }[] = [];
const logger: IntegrationLogger = {
  info: (obj, msg) => logged.push({ obj, msg }),
  warn: (obj, msg) => logged.push({ obj, msg }),
};

beforeAll(async () => {
  fake = await startFakeTencentSmsServer({ ...account, slowMs: 2_000 });
  fakeWithValidity = await startFakeTencentSmsServer({ ...account, templateParamCount: 2 });
});
afterAll(async () => {
  await Promise.all([fake.close(), fakeWithValidity.close()]);
});

function sender(overrides: Partial<TencentSmsOptions> = {}): TencentSmsSender {
  return new TencentSmsSender({ ...account, baseUrl: fake.baseUrl, timeoutMs: 1_000, logger, ...overrides });
}

async function failure(promise: Promise<unknown>): Promise<SmsSendError> {
  const error = await promise.then(
    () => {
      throw new Error('expected sendLoginCode to fail');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SmsSendError);
  return error as SmsSendError;
}

function everythingShown(error: unknown): string {
  return `${String(error)}\n${inspect(error, { depth: 5 })}\n${JSON.stringify(error)}`;
}

describe('TencentSmsSender against the fake SendSms', () => {
  it('sends the code to the E.164 number with a signature the fake accepts', async () => {
    await sender().sendLoginCode(phone, code);
    expect(fake.lastMessageTo(phone)).toEqual({
      phone: '+8613812345678',
      templateId: account.templateId,
      signName: account.signName,
      templateParams: [code],
    });
    const request = fake.requests.at(-1);
    expect(request?.answer).toMatchObject({ SendStatusSet: [{ Code: 'Ok' }] });
    expect(request?.headers).toMatchObject({
      'content-type': 'application/json; charset=utf-8',
      'x-tc-action': 'SendSms',
      'x-tc-version': '2021-01-11',
      'x-tc-region': 'ap-guangzhou',
    });
    expect(request?.headers.authorization).toMatch(
      new RegExp(
        `^TC3-HMAC-SHA256 Credential=${account.secretId}/\\d{4}-\\d{2}-\\d{2}/sms/tc3_request, ` +
          'SignedHeaders=content-type;host, Signature=[0-9a-f]{64}$',
      ),
    );
    expect(JSON.parse(request?.body ?? '{}')).toEqual({
      PhoneNumberSet: ['+8613812345678'],
      SmsSdkAppId: account.sdkAppId,
      SignName: account.signName,
      TemplateId: account.templateId,
      TemplateParamSet: [code],
    });
  });

  it('accepts the +86 and 86 forms of the number', async () => {
    await sender().sendLoginCode('+8613700000001', '111111');
    await sender().sendLoginCode('8613700000002', '222222');
    expect(fake.lastMessageTo('13700000001')?.templateParams).toEqual(['111111']);
    expect(fake.lastMessageTo('13700000002')?.templateParams).toEqual(['222222']);
  });

  it('adds the validity in minutes when the template takes it', async () => {
    await sender({ baseUrl: fakeWithValidity.baseUrl, templateValidityMinutes: 5 }).sendLoginCode(
      phone,
      code,
    );
    expect(fakeWithValidity.lastMessageTo(phone)?.templateParams).toEqual([code, '5']);
  });

  it('dates the signature in UTC, even just after midnight in Beijing', async () => {
    // 2019-02-26 00:44:25 in Beijing, still 2019-02-25 in UTC; the fake derives the date itself.
    const midnight = () => 1551113065_000;
    const pinned = await startFakeTencentSmsServer({ ...account, now: midnight });
    try {
      await sender({ baseUrl: pinned.baseUrl, now: midnight }).sendLoginCode(phone, code);
      expect(pinned.requests[0]?.headers.authorization).toContain('/2019-02-25/sms/tc3_request');
      expect(pinned.messages).toHaveLength(1);
    } finally {
      await pinned.close();
    }
  });

  it.each<[string, string, SmsSendFailure, string]>([
    [
      'a daily limit per number',
      FAKE_TENCENT_PHONES.dailyLimit,
      'rate_limited',
      'LimitExceeded.PhoneNumberDailyLimit',
    ],
    [
      'a 30-second limit per number',
      FAKE_TENCENT_PHONES.thirtySecondLimit,
      'rate_limited',
      'LimitExceeded.PhoneNumberThirtySecondLimit',
    ],
    ['a request frequency limit', FAKE_TENCENT_PHONES.requestLimited, 'rate_limited', 'RequestLimitExceeded'],
    [
      'a number the provider rejects',
      FAKE_TENCENT_PHONES.incorrectNumber,
      'invalid_phone',
      'InvalidParameterValue.IncorrectPhoneNumber',
    ],
    [
      'a blocklisted number',
      FAKE_TENCENT_PHONES.blacklisted,
      'rejected',
      'FailedOperation.PhoneNumberInBlacklist',
    ],
    [
      'a used-up SMS package',
      FAKE_TENCENT_PHONES.insufficientBalance,
      'rejected',
      'FailedOperation.InsufficientBalanceInSmsPackage',
    ],
    ['an internal error', FAKE_TENCENT_PHONES.internalError, 'upstream_error', 'InternalError.Timeout'],
    [
      'an undocumented code',
      FAKE_TENCENT_PHONES.unknownCode,
      'upstream_error',
      'FailedSomehow.NotDocumentedYet',
    ],
  ])('maps %s (%s) to %s', async (_, number, reason, providerCode) => {
    const error = await failure(sender().sendLoginCode(number, code));
    expect(error.reason).toBe(reason);
    expect(error.providerCode).toBe(providerCode);
    expect(error.requestId).toMatch(/^fake-/);
    expect(error.message).toContain(providerCode);
    expect(error.message).toContain('139****');
  });

  it.each<[string, Partial<TencentSmsOptions>, SmsSendFailure, string]>([
    ['a wrong secret key', { secretKey: 'not-the-key' }, 'upstream_error', 'AuthFailure.SignatureFailure'],
    ['an unknown secret id', { secretId: 'AKIDunknown' }, 'upstream_error', 'AuthFailure.SecretIdNotFound'],
    [
      'a clock 10 minutes off',
      { now: () => Date.now() - 600_000 },
      'upstream_error',
      'AuthFailure.SignatureExpire',
    ],
    ['another region', { region: 'ap-beijing' }, 'upstream_error', 'UnsupportedRegion'],
    ['an unknown SdkAppId', { sdkAppId: '1400000000' }, 'rejected', 'InvalidParameterValue.SdkAppIdNotExist'],
    [
      'an unapproved sign',
      { signName: '别的签名' },
      'rejected',
      'FailedOperation.SignatureIncorrectOrUnapproved',
    ],
    [
      'an unapproved template',
      { templateId: '9999' },
      'rejected',
      'FailedOperation.TemplateIncorrectOrUnapproved',
    ],
    [
      'a parameter the template does not take',
      { templateValidityMinutes: 5 },
      'rejected',
      'FailedOperation.TemplateParamSetNotMatchApprovedTemplate',
    ],
  ])('reports %s (%j) as %s', async (_, overrides, reason, providerCode) => {
    const before = fake.messages.length;
    const error = await failure(sender(overrides).sendLoginCode(phone, code));
    expect(error).toMatchObject({ reason, providerCode });
    expect(fake.messages.length).toBe(before);
  });

  it('refuses a number that is not a mainland mobile without calling Tencent', async () => {
    const before = fake.requests.length;
    const error = await failure(sender().sendLoginCode('12345', code));
    expect(error.reason).toBe('invalid_phone');
    expect(fake.requests.length).toBe(before);
  });

  it('refuses a malformed login code as a programming error', async () => {
    await expect(sender().sendLoginCode(phone, '')).rejects.toThrow(TypeError);
  });

  it('fails as upstream_error after the timeout, without retrying', async () => {
    const before = fake.requests.length;
    const error = await failure(sender({ timeoutMs: 100 }).sendLoginCode(FAKE_TENCENT_PHONES.slow, code));
    expect(error.reason).toBe('upstream_error');
    expect(error.message).toContain('did not answer within 100 ms');
    expect(fake.requests.length - before).toBe(1);
  });

  it('fails as upstream_error on an HTTP error with a non-JSON page', async () => {
    const error = await failure(sender().sendLoginCode(FAKE_TENCENT_PHONES.notJson, code));
    expect(error.reason).toBe('upstream_error');
    expect(error.message).toContain('HTTP 502');
  });

  it('fails as upstream_error when the answer has no send status', async () => {
    const error = await failure(sender().sendLoginCode(FAKE_TENCENT_PHONES.noStatus, code));
    expect(error.reason).toBe('upstream_error');
    expect(error.requestId).toMatch(/^fake-/);
  });

  it('fails as upstream_error when Tencent cannot be reached', async () => {
    const error = await failure(sender({ baseUrl: 'http://127.0.0.1:1' }).sendLoginCode(phone, code));
    expect(error.reason).toBe('upstream_error');
  });

  it('never shows the secret key, the code or the full number in errors or logs', async () => {
    const scenarios: [string, Partial<TencentSmsOptions>][] = [
      ...Object.values(FAKE_TENCENT_PHONES).map((number): [string, Partial<TencentSmsOptions>] => [
        number,
        {},
      ]),
      [phone, { secretKey: 'wrong-key-that-must-not-leak-either' }],
    ];
    for (const [number, overrides] of scenarios) {
      const error = await failure(sender({ timeoutMs: 100, ...overrides }).sendLoginCode(number, code));
      const shown = everythingShown(error);
      expect(shown).not.toContain(account.secretKey);
      expect(shown).not.toContain('wrong-key-that-must-not-leak-either');
      expect(shown).not.toContain(code);
      expect(shown).not.toContain(number);
    }
    const logs = JSON.stringify(logged);
    expect(logs).not.toContain(account.secretKey);
    expect(logs).not.toContain(code);
    expect(logs).not.toContain(phone);
  });
});

describe('classifyTencentSmsCode', () => {
  it.each<[string, SmsSendFailure]>([
    ['LimitExceeded.PhoneNumberOneHourLimit', 'rate_limited'],
    ['LimitExceeded.PhoneNumberSameContentDailyLimit', 'rate_limited'],
    ['LimitExceeded.DeliveryFrequencyLimit', 'rate_limited'],
    ['LimitExceeded.AppDailyLimit', 'rate_limited'],
    ['RequestLimitExceeded.UinLimitExceeded', 'rate_limited'],
    ['LimitExceeded.PhoneNumberCountLimit', 'rejected'],
    ['FailedOperation.ContainSensitiveWord', 'rejected'],
    ['UnauthorizedOperation.RequestIpNotInWhitelist', 'rejected'],
    ['InvalidParameterValue.ContentLengthLimit', 'rejected'],
    ['AuthFailure.SignatureFailure', 'upstream_error'],
    ['InternalError.OtherError', 'upstream_error'],
    ['', 'upstream_error'],
  ])('%s → %s', (code, reason) => {
    expect(classifyTencentSmsCode(code)).toBe(reason);
  });
});
