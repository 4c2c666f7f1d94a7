import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntegrationLogger } from '../logger';
import { type FakeTencentSmsServer, startFakeTencentSmsServer } from './fake-tencent-sms-server';
import { LogSmsSender } from './log-sms-sender';
import { SmsSendError } from './sms-sender';
import { TencentSmsSender } from './tencent-sms-sender';

/** Notifications through Tencent SMS (their own templates, the message key as SessionContext) and the development log. */
const account = {
  secretId: 'AKIDnotify000000000000000000000000',
  secretKey: 'notify-secret-key-that-must-never-leak',
  sdkAppId: '1400006666',
  signName: '信访通',
  templateId: '1110',
};
let fake: FakeTencentSmsServer;

beforeAll(async () => {
  fake = await startFakeTencentSmsServer({ ...account, templates: { '2001': 3 } });
});
afterAll(() => fake.close());

const sender = () => new TencentSmsSender({ ...account, baseUrl: fake.baseUrl, timeoutMs: 1000 });

describe('TencentSmsSender.sendNotification', () => {
  it('sends an approved notification template with its parameters and the key as SessionContext', async () => {
    await sender().sendNotification('13812345678', {
      templateId: '2001',
      params: ['XF2026-000123', '已受理', '将在60日内办结'],
      key: '01HZXKEY000000000000000000',
    });
    expect(fake.lastMessageTo('13812345678')).toEqual({
      phone: '+8613812345678',
      templateId: '2001',
      signName: '信访通',
      templateParams: ['XF2026-000123', '已受理', '将在60日内办结'],
      sessionContext: '01HZXKEY000000000000000000',
    });
  });

  it('is refused for a template Tencent has not approved, or a parameter count it does not take', async () => {
    for (const message of [
      { templateId: '9999', params: ['a', 'b', 'c'] },
      { templateId: '2001', params: ['only one'] },
    ]) {
      const error = await sender()
        .sendNotification('13812345678', { ...message, key: 'k' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SmsSendError);
      expect(error).toMatchObject({ reason: 'rejected' });
      expect(String((error as Error).message)).toContain('the notification');
    }
  });

  it('follows a scripted failure, then succeeds', async () => {
    fake.script('13812340000', [{ error: 'RequestLimitExceeded' }, { http: 502 }]);
    const message = { templateId: '2001', params: ['1', '2', '3'], key: 'k' };
    await expect(sender().sendNotification('13812340000', message)).rejects.toMatchObject({
      reason: 'rate_limited',
    });
    await expect(sender().sendNotification('13812340000', message)).rejects.toMatchObject({
      reason: 'upstream_error',
    });
    await expect(sender().sendNotification('13812340000', message)).resolves.toBeUndefined();
  });
});

describe('LogSmsSender.sendNotification', () => {
  it('writes the notification to the log, the number masked, labelled as not sent', async () => {
    const lines: string[] = [];
    const logger: IntegrationLogger = {
      info: (_, msg) => lines.push(msg),
      warn: (_, msg) => lines.push(msg),
    };
    await new LogSmsSender({ mode: 'development', logger }).sendNotification('13812345678', {
      templateId: 'dev-sms-accepted',
      params: ['XF2026-000123', '已受理', '正在办理'],
      key: 'k',
    });
    const line = lines.at(-1) ?? '';
    expect(line).toContain('[DEV SMS — not sent] notification for 138****5678');
    expect(line).toContain('XF2026-000123 | 已受理 | 正在办理');
    expect(line).not.toContain('13812345678');
  });
});
