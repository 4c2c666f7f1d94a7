import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from './passwords';

describe('staff passwords', () => {
  it('stores argon2id with the OWASP parameters and verifies', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(stored, 'correct horse battery staple')).toBe(true);
    expect(await verifyPassword(stored, 'correct horse battery stapler')).toBe(false);
    expect(await verifyPassword('not a hash', 'x')).toBe(false);
  });

  it('accepts long passphrases and any characters, without composition rules', async () => {
    expect(await passwordProblem('煤矿安全生产人人有责', 'zhang')).toBe(null);
    expect(await passwordProblem('all lowercase words here', 'zhang')).toBe(null);
    expect(await passwordProblem('x'.repeat(128), 'zhang')).toBe(null);
  });

  it('refuses short, overlong, common and username passwords', async () => {
    expect(await passwordProblem('abc1234', 'zhang')).toBe('too_short');
    expect(await passwordProblem('x'.repeat(129), 'zhang')).toBe('too_long');
    expect(await passwordProblem('password', 'zhang')).toBe('common');
    expect(await passwordProblem('Password1', 'zhang')).toBe('common');
    expect(await passwordProblem('woaini1314', 'zhang')).toBe('common');
    expect(await passwordProblem('Reception01', 'reception01')).toBe('is_username');
  });

  it('refuses the current password as the new one', async () => {
    expect(await passwordProblem('k7PqR2mXw9Tz', 'zhang', 'k7PqR2mXw9Tz')).toBe('is_current');
    expect(await passwordProblem('k7PqR2mXw9Tz', 'zhang', 'k7PqR2mXw9Ta')).toBe(null);
  });
});
