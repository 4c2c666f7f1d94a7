import { describe, expect, it } from 'vitest';
import { DevProviderRefusedError } from '../dev-mode';
import type { IntegrationLogger } from '../logger';
import { LogSmsSender } from './log-sms-sender';
import { SmsSendError } from './sms-sender';

function capture() {
  const lines: { level: string; obj: object; msg: string }[] = [];
  const logger: IntegrationLogger = {
    info: (obj, msg) => lines.push({ level: 'info', obj, msg }),
    warn: (obj, msg) => lines.push({ level: 'warn', obj, msg }),
  };
  return { lines, logger };
}

describe('LogSmsSender', () => {
  it('writes the code to the log, labelled as not sent, with the number masked', async () => {
    const { lines, logger } = capture();
    await new LogSmsSender({ mode: 'development', logger }).sendLoginCode('13812345678', '123456');
    expect(lines.at(-1)).toEqual({
      level: 'warn',
      obj: { provider: 'LogSmsSender', phone: '138****5678' },
      msg: '[DEV SMS — not sent] login code for 138****5678: 123456',
    });
    expect(JSON.stringify(lines)).not.toContain('13812345678');
  });

  it('announces at start that codes are not sent', () => {
    const { lines, logger } = capture();
    new LogSmsSender({ mode: 'test', logger });
    expect(lines).toHaveLength(1);
    expect(lines[0]?.level).toBe('warn');
    expect(lines[0]?.msg).toContain('[DEV SMS — not sent]');
  });

  it('refuses numbers the real sender would refuse', async () => {
    const { logger } = capture();
    const error = await new LogSmsSender({ mode: 'development', logger })
      .sendLoginCode('12345', '123456')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SmsSendError);
    expect(error).toMatchObject({ reason: 'invalid_phone' });
  });

  it('refuses to exist in production mode', () => {
    const { lines, logger } = capture();
    expect(() => new LogSmsSender({ mode: 'production', logger })).toThrow(DevProviderRefusedError);
    expect(lines).toHaveLength(0);
  });
});
