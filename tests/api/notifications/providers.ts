import { randomUUID } from 'node:crypto';
import { type Config, loadConfig } from '@xinfang/server/config';
import {
  type FakeTencentSmsServer,
  startFakeTencentSmsServer,
} from '@xinfang/server/testing/fake-tencent-sms-server';
import {
  type FakeWechatServer,
  fakeOpenid,
  startFakeWechatServer,
} from '@xinfang/server/testing/fake-wechat-server';
import type { SignInAnswer } from '@xinfang/shared/schemas/identity';
import { NOTIFICATION_EVENTS } from '@xinfang/shared/schemas/notifications';
import { expect } from 'vitest';
import { FAKE_SMS_ACCOUNT, FAKE_WECHAT_APP, smsEnv, wechatEnv } from '../../support/fake-providers';
import type { PetitionKit } from '../petitions/kit';
import { request } from '../support/sign-in';

/**
 * The outside world for the delivery suites: the fake WeChat and Tencent SMS servers, and the
 * environment that points the app at them — read through `loadConfig`, as an operator would set it.
 */

/** Three WeChat templates, as a deployment would pick them from WeChat's library. */
export const TEMPLATES = {
  progress: 'tmpl-progress-0001',
  answer: 'tmpl-answer-0002',
  deadline: 'tmpl-deadline-0003',
};
const FIELDS = { character_string1: 'number', phrase2: 'status', thing3: 'detail', time4: 'time' };
const WECHAT_TEMPLATES = Object.fromEntries([
  ...[
    'received',
    'accepted',
    'declined',
    'diverted',
    'forwarded',
    'extension_approved',
    'handler_message',
    'content_held',
  ].map((event) => [event, { templateId: TEMPLATES.progress, fields: FIELDS }]),
  ...['reply_issued', 'review_answered', 're_examination_answered', 'rate_invitation'].map((event) => [
    event,
    { templateId: TEMPLATES.answer, fields: FIELDS },
  ]),
  ['appeal_reminder', { templateId: TEMPLATES.deadline, fields: { ...FIELDS, time4: 'date' } }],
]);
const SMS_TEMPLATES = Object.fromEntries(
  NOTIFICATION_EVENTS.map((event) => [
    event,
    { templateId: `sms-${event}`, params: ['number', 'status', 'detail'] },
  ]),
);

export interface Providers {
  wechat: FakeWechatServer;
  sms: FakeTencentSmsServer;
  /** The config parts that point the app at the fakes. */
  config(env?: Record<string, string>): Partial<Config>;
  close(): Promise<void>;
}

export async function startProviders(
  options: { smsLatencyMs?: number; mediaVerdict?: () => 'pass' | 'review' | 'risky' } = {},
): Promise<Providers> {
  // The suites fake the clock after the fakes start: both read it late, as the app does.
  const now = () => Date.now();
  const wechat = await startFakeWechatServer({
    ...FAKE_WECHAT_APP,
    slowMs: 60_000,
    openApi: { now, ...(options.mediaVerdict ? { mediaVerdict: options.mediaVerdict } : {}) },
  });
  const sms = await startFakeTencentSmsServer({
    ...FAKE_SMS_ACCOUNT,
    now,
    templates: Object.fromEntries(NOTIFICATION_EVENTS.map((event) => [`sms-${event}`, 3])),
    slowMs: 60_000,
    ...(options.smsLatencyMs ? { latencyMs: options.smsLatencyMs } : {}),
  });
  return {
    wechat,
    sms,
    config(env = {}) {
      const loaded = loadConfig({
        APP_ENV: 'test',
        ...wechatEnv(wechat.baseUrl),
        ...smsEnv(sms.baseUrl),
        WECHAT_SUBSCRIBE_TEMPLATES: JSON.stringify(WECHAT_TEMPLATES),
        TENCENT_SMS_NOTIFY_TEMPLATES: JSON.stringify(SMS_TEMPLATES),
        NOTIFY_QUIET_HOURS: 'none',
        ...env,
      });
      return {
        wechat: loaded.wechat,
        sms: loaded.sms,
        notifications: loaded.notifications,
        publicBaseUrl: loaded.publicBaseUrl,
      };
    },
    async close() {
      await wechat.close();
      await sms.close();
    },
  };
}

export interface WechatPetitioner {
  id: string;
  openid: string;
  /** The current access token: read it through `fresh`, which renews it when the clock has moved. */
  token: string;
  phone: string | null;
  refreshToken: string;
  expiresAt: string;
}

/** Renews the session when its access token has run out (the suites move the clock by days). */
export async function fresh(kit: PetitionKit, who: WechatPetitioner): Promise<WechatPetitioner> {
  if (Date.parse(who.expiresAt) - 60_000 > Date.now()) return who;
  const renewed = await request(kit.app, 'POST', '/api/auth/refresh', {
    body: { refreshToken: who.refreshToken },
  });
  expect(renewed.statusCode, renewed.body).toBe(200);
  const pair = renewed.json() as SignInAnswer['tokens'];
  Object.assign(who, {
    token: pair.accessToken,
    refreshToken: pair.refreshToken,
    expiresAt: pair.accessTokenExpiresAt,
  });
  return who;
}

/** Signs in by WeChat (a code the fake trades for an openid) and, when given, proves a phone by SMS. */
export async function wechatPetitioner(
  kit: PetitionKit,
  providers: Providers,
  code: string,
  phone: string | null,
): Promise<WechatPetitioner> {
  const login = await request(kit.app, 'POST', '/api/auth/wechat/login', { body: { code } });
  expect(login.statusCode, login.body).toBe(200);
  const answer = login.json() as SignInAnswer;
  const token = answer.tokens.accessToken;
  if (phone) {
    const sent = await request(kit.app, 'POST', '/api/auth/otp', { body: { phone } });
    expect(sent.statusCode, sent.body).toBe(200);
    const otp = providers.sms.lastMessageTo(phone)?.templateParams[0];
    const bound = await request(kit.app, 'POST', '/api/auth/phone', { token, body: { phone, code: otp } });
    expect(bound.statusCode, bound.body).toBe(200);
  }
  return {
    id: answer.me.id,
    openid: fakeOpenid(code),
    token,
    phone,
    refreshToken: answer.tokens.refreshToken,
    expiresAt: answer.tokens.accessTokenExpiresAt,
  };
}

/** Signs in on h5 with a phone and the one-time code the fake SMS server received. */
export async function phonePetitioner(
  kit: PetitionKit,
  providers: Providers,
  phone: string,
): Promise<string> {
  const sent = await request(kit.app, 'POST', '/api/auth/otp', { body: { phone } });
  expect(sent.statusCode, sent.body).toBe(200);
  const code = providers.sms.lastMessageTo(phone)?.templateParams[0];
  const login = await request(kit.app, 'POST', '/api/auth/otp/login', { body: { phone, code } });
  expect(login.statusCode, login.body).toBe(200);
  return (login.json() as SignInAnswer).tokens.accessToken;
}

/** As if the person tapped 允许 in `wx.requestSubscribeMessage`: WeChat counts it, and so do we. */
export async function subscribe(
  kit: PetitionKit,
  providers: Providers,
  who: WechatPetitioner,
  templateId: string,
  options: { grantAtWechat?: boolean } = {},
): Promise<void> {
  const recorded = await request(kit.app, 'POST', '/api/me/wechat-subscriptions', {
    token: (await fresh(kit, who)).token,
    body: { moment: 'submitted', results: { [templateId]: 'accept' } },
    headers: { 'idempotency-key': `subscribe-${randomUUID()}` },
  });
  expect(recorded.statusCode, recorded.body).toBe(200);
  if (options.grantAtWechat !== false) providers.wechat.openApi.grant(who.openid, templateId);
}
