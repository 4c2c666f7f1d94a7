import { describe, expect, it } from 'vitest';
import { silentLogger } from '../logger';
import { createSmsSender } from './create-sms-sender';
import { LogSmsSender } from './log-sms-sender';
import { TencentSmsSender } from './tencent-sms-sender';

const logger = silentLogger;
const tencent = {
  secretId: 'AKIDx',
  secretKey: 'k',
  sdkAppId: '1400006666',
  signName: '信访通',
  templateId: '1110',
};

describe('createSmsSender', () => {
  it('uses Tencent Cloud SMS when it is fully configured, in any mode', () => {
    for (const mode of ['development', 'test', 'production'] as const) {
      expect(createSmsSender({ mode, logger, ...tencent })).toBeInstanceOf(TencentSmsSender);
    }
  });

  it('falls back to the development log outside production', () => {
    expect(createSmsSender({ mode: 'development', logger })).toBeInstanceOf(LogSmsSender);
    expect(createSmsSender({ mode: 'test', logger, secretId: '', region: 'ap-beijing' })).toBeInstanceOf(
      LogSmsSender,
    );
  });

  it('refuses to run production without an SMS provider', () => {
    expect(() => createSmsSender({ mode: 'production', logger })).toThrow(/required in production/);
  });

  it('names what is missing from a partial configuration', () => {
    expect(() => createSmsSender({ mode: 'development', logger, ...tencent, templateId: undefined })).toThrow(
      /templateId missing/,
    );
    expect(() => createSmsSender({ mode: 'development', logger, secretId: 'AKIDx' })).toThrow(
      /secretKey, sdkAppId, signName, templateId missing/,
    );
  });
});
