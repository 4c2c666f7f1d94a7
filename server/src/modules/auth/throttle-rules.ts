import { throttleAddress } from '../../security/address';
import type { Bucket, ThrottleRule } from '../../security/throttle';

/**
 * How fast guessing is allowed to go (OWASP ASVS 5.0 V6.3.1: brute force defeated without locking
 * a real user out for long). Five wrong passwords for one account from one address cost that
 * address 15 minutes; a bound per address stops one address spraying many accounts. The bound per
 * account, which stops guessing spread over many addresses, is ten times wider than the one per
 * address: it locks the account for everyone, so a stranger should not trip it in a few tries — and
 * when it trips, the holder is told at their next sign-in (sign-in-alert.ts). At argon2's pace and
 * 50 an hour, a password from the deny-listed top 10,000 is out of reach.
 */
export const LOGIN_RULES = {
  accountFromAddress: { limit: 5, windowSeconds: 15 * 60, blockSeconds: 15 * 60 },
  account: { limit: 50, windowSeconds: 60 * 60, blockSeconds: 15 * 60 },
  address: { limit: 50, windowSeconds: 15 * 60, blockSeconds: 15 * 60 },
} satisfies Record<string, ThrottleRule>;

/**
 * The buckets of one staff sign-in attempt. A password change's check of the current password
 * counts in the same buckets, so a stolen access token is no faster a way to guess the password.
 */
export function loginBuckets(username: string, ip: string): Record<keyof typeof LOGIN_RULES, Bucket> {
  const name = username.trim().toLowerCase();
  const address = throttleAddress(ip);
  return {
    accountFromAddress: { key: `login:${name}@${address}`, rule: LOGIN_RULES.accountFromAddress },
    account: { key: `login:${name}`, rule: LOGIN_RULES.account },
    address: { key: `login@${address}`, rule: LOGIN_RULES.address },
  };
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

/**
 * WeChat sign-in, checked before `code2Session` is called: WeChat's minute quota (errcode 45011) is
 * the whole app's, so codes that fail must not spend it for everyone. Twenty failures per address a
 * quarter of an hour (a code is good once, so a person rarely fails twice), and a ceiling on
 * failures a minute from everywhere together, well under the quota. A sign-in that works hands its
 * place back (an office or a reception hall behind one address signs in all day).
 */
export const WECHAT_LOGIN_RULES = {
  address: { limit: 20, windowSeconds: 15 * 60, blockSeconds: 15 * 60 },
  everyone: { limit: 300, windowSeconds: 60, blockSeconds: 60 },
} satisfies Record<string, ThrottleRule>;

export function wechatLoginBuckets(ip: string): Bucket[] {
  return [
    { key: `wechat-login@${throttleAddress(ip)}`, rule: WECHAT_LOGIN_RULES.address },
    { key: 'wechat-login', rule: WECHAT_LOGIN_RULES.everyone },
  ];
}

export const OTP_TTL_SECONDS = 5 * 60;
export const OTP_MAX_ATTEMPTS = 5;

/**
 * Bookings of one reception day per person: three a day. Cancelling and booking the same day
 * again is no one's need past that, and every booking ended is one more row on the desk's list.
 */
export const RECEPTION_BOOKING_RULE = {
  limit: 3,
  windowSeconds: 24 * 60 * 60,
  blockSeconds: 24 * 60 * 60,
} satisfies ThrottleRule;
