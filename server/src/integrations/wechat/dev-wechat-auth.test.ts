import { describe, expect, it } from 'vitest';
import { DevProviderRefusedError } from '../dev-mode';
import type { IntegrationLogger } from '../logger';
import { DevWechatAuth, devOpenid } from './dev-wechat-auth';
import { WechatAuthError } from './wechat-auth';

function capture() {
  const lines: { level: string; obj: object; msg: string }[] = [];
  const logger: IntegrationLogger = {
    info: (obj, msg) => lines.push({ level: 'info', obj, msg }),
    warn: (obj, msg) => lines.push({ level: 'warn', obj, msg }),
  };
  return { lines, logger };
}

describe('DevWechatAuth', () => {
  it('derives a stable, labelled fake openid from the code', async () => {
    const { logger } = capture();
    const auth = new DevWechatAuth({ mode: 'development', logger });
    const first = await auth.code2Session('code-a');
    const again = await auth.code2Session('code-a');
    const other = await auth.code2Session('code-b');
    expect(first.openid).toMatch(/^dev-openid-[0-9a-f]{24}$/);
    expect(first.openid).toBe(devOpenid('code-a'));
    expect(again.openid).toBe(first.openid);
    expect(other.openid).not.toBe(first.openid);
    expect(first).toEqual({ openid: first.openid });
  });

  it('warns at start and on every call that it is not talking to WeChat', async () => {
    const { lines, logger } = capture();
    const auth = new DevWechatAuth({ mode: 'test', logger });
    await auth.code2Session('code-c');
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line.level).toBe('warn');
      expect(line.msg).toContain('[DEV WeChat — not verified]');
      expect(line.msg).toContain('NOT');
    }
  });

  it('refuses an empty code like WeChat would', async () => {
    const { logger } = capture();
    await expect(new DevWechatAuth({ mode: 'development', logger }).code2Session('')).rejects.toMatchObject({
      reason: 'invalid_code',
    });
    await expect(new DevWechatAuth({ mode: 'development', logger }).code2Session('')).rejects.toBeInstanceOf(
      WechatAuthError,
    );
  });

  it('refuses to exist in production mode', () => {
    const { lines, logger } = capture();
    expect(() => new DevWechatAuth({ mode: 'production', logger })).toThrow(DevProviderRefusedError);
    expect(lines).toHaveLength(0);
  });
});
