import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('config: notifications', () => {
  it('defaults: on, SMS quiet from 21:00 to 08:00 Beijing time, 8 tries, a minute’s lease, generous rates', () => {
    const { notifications, wechat, sms, publicBaseUrl } = loadConfig({});
    expect(notifications).toEqual({
      enabled: true,
      quietHours: { from: 21 * 60, to: 8 * 60 },
      maxAttempts: 8,
      leaseSeconds: 60,
      batchSize: 100,
      concurrency: 32,
      rates: { wechat: 1000, sms: 1000, check: 200 },
    });
    expect(wechat).toMatchObject({ subscribeTemplates: null, miniprogramState: 'formal' });
    expect(sms.notifyTemplates).toBeNull();
    expect(publicBaseUrl).toBeNull();
  });

  it('reads templates per event, quiet hours, rates and the push keys', () => {
    const config = loadConfig({
      WECHAT_SUBSCRIBE_TEMPLATES: JSON.stringify({
        accepted: { templateId: 'tmpl-1', fields: { character_string1: 'number', phrase2: 'status' } },
      }),
      TENCENT_SMS_NOTIFY_TEMPLATES: JSON.stringify({
        accepted: { templateId: '2001', params: ['number', 'date'] },
      }),
      NOTIFY_QUIET_HOURS: '22:30-07:00',
      OUTBOX_RATES: 'sms=50',
      WECHAT_PUSH_TOKEN: 'token',
      WECHAT_PUSH_AES_KEY: 'a'.repeat(43),
      PUBLIC_BASE_URL: 'https://xinfang.example.cn/',
      WECHAT_MINIPROGRAM_STATE: 'trial',
    });
    expect(config.wechat.subscribeTemplates?.accepted?.fields).toEqual({
      character_string1: 'number',
      phrase2: 'status',
    });
    expect(config.sms.notifyTemplates?.accepted).toEqual({ templateId: '2001', params: ['number', 'date'] });
    expect(config.notifications.quietHours).toEqual({ from: 22 * 60 + 30, to: 7 * 60 });
    expect(config.notifications.rates).toEqual({ wechat: 1000, sms: 50, check: 200 });
    expect(config.publicBaseUrl).toBe('https://xinfang.example.cn');
    expect(loadConfig({ NOTIFY_QUIET_HOURS: 'none' }).notifications.quietHours).toBeNull();
  });

  it('reports every bad notification variable at once', () => {
    const problems = problemsOf({
      WECHAT_SUBSCRIBE_TEMPLATES: JSON.stringify({
        accepted: { templateId: 'tmpl-1', fields: { wrongkey: 'number' } },
        made_up: { templateId: 'x', fields: {} },
      }),
      TENCENT_SMS_NOTIFY_TEMPLATES: '{not json',
      NOTIFY_QUIET_HOURS: '9pm-8am',
      OUTBOX_RATES: 'fax=10',
      WECHAT_PUSH_AES_KEY: 'short',
      OUTBOX_MAX_ATTEMPTS: '0',
    });
    expect(problems).toHaveLength(7);
    for (const name of [
      'WECHAT_SUBSCRIBE_TEMPLATES: accepted.fields has wrongkey',
      'WECHAT_SUBSCRIBE_TEMPLATES: "made_up" is not a notification event',
      'TENCENT_SMS_NOTIFY_TEMPLATES must be JSON',
      'NOTIFY_QUIET_HOURS',
      'OUTBOX_RATES',
      'WECHAT_PUSH_AES_KEY',
      'OUTBOX_MAX_ATTEMPTS',
    ]) {
      expect(
        problems.some((p) => p.startsWith(name)),
        name,
      ).toBe(true);
    }
  });

  it('refuses a batch its slowest rate cannot send within one lease (each instance its own rate)', () => {
    const leaseProblem = (env: Record<string, string>) =>
      problemsOf(env).filter((p) => p.startsWith('OUTBOX_BATCH_SIZE ÷'));
    // 100 messages at 1 a second take 100 s, past the 60 s lease: another instance would send them too.
    expect(leaseProblem({ OUTBOX_RATES: 'sms=1' })).toHaveLength(1);
    expect(leaseProblem({ OUTBOX_RATES: 'sms=2' })).toEqual([]);
    expect(leaseProblem({ OUTBOX_RATES: 'sms=1', OUTBOX_LEASE_SECONDS: '120' })).toEqual([]);
    expect(leaseProblem({ OUTBOX_RATES: 'check=1', OUTBOX_BATCH_SIZE: '50' })).toEqual([]);
  });

  it('refuses a lease shorter than twice the providers’ timeout: a slow send would be sent again', () => {
    const leaseProblem = (env: Record<string, string>) =>
      problemsOf(env).filter((p) => p.startsWith('OUTBOX_LEASE_SECONDS ('));
    expect(leaseProblem({ OUTBOX_LEASE_SECONDS: '2' })).toHaveLength(1);
    expect(leaseProblem({ OUTBOX_LEASE_SECONDS: '9' })).toHaveLength(1);
    expect(leaseProblem({ OUTBOX_LEASE_SECONDS: '10' })).toEqual([]);
    expect(leaseProblem({})).toEqual([]);
  });

  it('production may not turn notifications off: the statute owes petitioners their notices', () => {
    expect(
      problemsOf({ APP_ENV: 'production', NOTIFICATIONS: 'false' }).some((p) =>
        p.startsWith('NOTIFICATIONS'),
      ),
    ).toBe(true);
  });
});
