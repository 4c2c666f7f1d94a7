import type { ThrottleRule } from '../../security/throttle';

/**
 * How fast guessing is allowed to go (OWASP ASVS 5.0 V6.3.1: brute force defeated without locking
 * a real user out for long). Five wrong passwords for one account from one address cost that
 * address 15 minutes; a wider bound per account stops guessing spread over many addresses; a bound
 * per address stops one address spraying many accounts.
 */
export const LOGIN_RULES = {
  accountFromAddress: { limit: 5, windowSeconds: 15 * 60, blockSeconds: 15 * 60 },
  account: { limit: 20, windowSeconds: 60 * 60, blockSeconds: 15 * 60 },
  address: { limit: 50, windowSeconds: 15 * 60, blockSeconds: 15 * 60 },
} satisfies Record<string, ThrottleRule>;

/**
 * The buckets of one staff sign-in attempt. A password change's check of the current password
 * counts in the same buckets, so a stolen access token is no faster a way to guess the password.
 */
export function loginBuckets(username: string, ip: string): Record<keyof typeof LOGIN_RULES, string> {
  const name = username.trim().toLowerCase();
  return { accountFromAddress: `login:${name}@${ip}`, account: `login:${name}`, address: `login@${ip}` };
}

/** One-time codes by SMS: one a minute, five an hour and ten a day per phone; twenty an hour per address. */
export const OTP_SEND_RULES = {
  phoneMinute: { limit: 1, windowSeconds: 60, blockSeconds: 60 },
  phoneHour: { limit: 5, windowSeconds: 60 * 60, blockSeconds: 60 * 60 },
  phoneDay: { limit: 10, windowSeconds: 24 * 60 * 60, blockSeconds: 24 * 60 * 60 },
  address: { limit: 20, windowSeconds: 60 * 60, blockSeconds: 60 * 60 },
} satisfies Record<string, ThrottleRule>;

/** Wrong codes from one address across phones. Each code itself allows only `OTP_MAX_ATTEMPTS`. */
export const OTP_VERIFY_RULE: ThrottleRule = { limit: 30, windowSeconds: 15 * 60, blockSeconds: 15 * 60 };

export const OTP_TTL_SECONDS = 5 * 60;
export const OTP_MAX_ATTEMPTS = 5;
