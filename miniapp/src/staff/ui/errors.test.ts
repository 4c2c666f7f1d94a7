import { describe, expect, it, vi } from 'vitest';

// The words alone are under test: the platform's transport is never called.
vi.mock('@tarojs/taro', () => ({ default: {} }));

import { ApiError } from '@/services/api';
import { staffMessageOf } from './errors';

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
});
