import { hash, verify } from '@node-rs/argon2';

/**
 * Staff passwords, per OWASP ASVS 5.0 (V6.2) and the OWASP password storage cheat sheet:
 * argon2id with m=19 MiB, t=2, p=1; at least 8 characters, up to 128 (so passphrases fit);
 * no composition rules; refused when common, when it is the username, or when it is the password
 * it replaces (a temporary password "changed" to itself stays one the admin knew).
 */
// `Algorithm.Argon2id` is a const enum, which isolated modules cannot read: its value is 2.
const ARGON2ID = 2;
const ARGON2_OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

export type PasswordProblem = 'too_short' | 'too_long' | 'common' | 'is_username' | 'is_current';

/** Why a new password is refused, or null when it is acceptable; `current`: the one it replaces. */
export async function passwordProblem(
  password: string,
  username: string,
  current?: string,
): Promise<PasswordProblem | null> {
  if (current !== undefined && password === current) return 'is_current';
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return 'too_short';
  if (length > PASSWORD_MAX_LENGTH) return 'too_long';
  const lower = password.toLowerCase();
  if (lower === username.toLowerCase()) return 'is_username';
  // The list is loaded when a password is first set, not with every server (~3 MB of heap).
  const { isCommonPassword } = await import('./common-passwords');
  if (isCommonPassword(lower)) return 'common';
  return null;
}

export const PASSWORD_PROBLEM_MESSAGES: Record<PasswordProblem, string> = {
  too_short: `密码至少 ${PASSWORD_MIN_LENGTH} 个字符`,
  too_long: `密码最多 ${PASSWORD_MAX_LENGTH} 个字符`,
  common: '这个密码太常见，容易被猜中，请换一个',
  is_username: '密码不能与用户名相同',
  is_current: '新密码不能与当前密码相同，请换一个',
};

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/**
 * A hash to verify against when the username does not exist, so that a missing account takes as
 * long to refuse as a wrong password (no user enumeration by timing).
 */
let decoy: Promise<string> | null = null;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword('decoy password that matches nothing');
  return decoy;
}
