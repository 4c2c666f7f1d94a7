import { describe, expect, it, vi } from 'vitest';

// The words alone are under test: the platform's transport is never called.
vi.mock('@tarojs/taro', () => ({ default: {} }));

import { ApiError } from '@/services/api';
import { retryOf, staffMessageOf } from './errors';

describe('a failure on a staff page', () => {
  it('is worded for staff, not in the petitioner’s words', () => {
    const resent = new ApiError('IDEMPOTENCY_KEY_REUSED', 'same key, another request', 422);
    expect(staffMessageOf(resent)).toContain('可能已经保存');
    expect(staffMessageOf(resent)).not.toContain('我的信访');
  });

  it('keeps the server’s Chinese words where they say what exists or what is wrong', () => {
    const taken = new ApiError('ALREADY_EXISTS', '单位编码 JA-DS 已存在', 409);
    expect(staffMessageOf(taken)).toBe('单位编码 JA-DS 已存在');
    // Without Chinese words from the server, the app's own.
    expect(staffMessageOf(new ApiError('ALREADY_EXISTS', 'duplicate', 409))).not.toBe('duplicate');
  });

  it('offers a retry that sends again only when trying again can help', () => {
    const again = () => undefined;
    expect(retryOf(new ApiError('NETWORK_ERROR', 'offline'), again)).toBe(again);
    expect(retryOf(new ApiError('SERVICE_UNAVAILABLE', 'busy', 503), again)).toBe(again);
    // A refusal is refused again: nothing to retry.
    expect(retryOf(new ApiError('LIFECYCLE_REFUSED', '不能', 422), again)).toBeUndefined();
    expect(retryOf(new ApiError('VALIDATION_FAILED', 'bad', 400), again)).toBeUndefined();
    expect(retryOf(new Error('bug'), again)).toBeUndefined();
  });
});
