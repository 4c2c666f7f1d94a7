import { maskPhone } from '@xinfang/shared/masking';
/**
 * Petitioners on h5 log in with their phone and a one-time code sent by SMS. This is the seam: the
 * login flow depends on `SmsSender`; the Tencent Cloud sender or the development log sits behind
 * it. The code is a credential: no sender puts it in an error, and only the development sender
 * ever writes it to the log.
 */
export interface SmsSender {
  /** `phone` is a mainland mobile number (`13812345678`, `+8613812345678` or `8613812345678`). */
  sendLoginCode(phone: string, code: string): Promise<void>;
  /** A notification through an approved template: the petition number, a status, a date — nothing personal. */
  sendNotification(phone: string, message: SmsNotification): Promise<void>;
}

export interface SmsNotification {
  templateId: string;
  params: readonly string[];
  /**
   * The message's key (the outbox row's id). Tencent does not de-duplicate sends, so it travels as
   * `SessionContext`, which Tencent echoes in its delivery receipts: a retry is recognisable there.
   */
  key: string;
}

/**
 * Why a code could not be sent, in words the route layer maps to our error codes:
 * - `rate_limited`: the provider's frequency limits (per number per 30 s / hour / day, or the
 *   app's quota) refused it (answer RATE_LIMITED);
 * - `invalid_phone`: not a mainland mobile number, by our check or the provider's (VALIDATION_FAILED);
 * - `rejected`: the provider understood and refused this message for good: number on the
 *   do-not-disturb list, sign or template unapproved, package balance used up, no permission.
 *   Retrying will not help; an operator must look (SERVICE_UNAVAILABLE, and alert);
 * - `upstream_error`: no clear answer: timeout, no connection, HTTP error, a body that is not the
 *   documented JSON, an internal or authentication error, or a code we do not know
 *   (SERVICE_UNAVAILABLE). After a timeout the message may still have been sent.
 */
export type SmsSendFailure = 'rate_limited' | 'invalid_phone' | 'rejected' | 'upstream_error';

export const SMS_SEND_FAILURES: readonly SmsSendFailure[] = [
  'rate_limited',
  'invalid_phone',
  'rejected',
  'upstream_error',
];

export class SmsSendError extends Error {
  constructor(
    readonly reason: SmsSendFailure,
    message: string,
    /** The provider's error code (e.g. `LimitExceeded.PhoneNumberDailyLimit`) when it gave one. */
    readonly providerCode?: string,
    /** The provider's request id, for its support desk. */
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'SmsSendError';
  }
}

const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;

/**
 * The E.164 form (`+8613812345678`) of a mainland mobile number, or null when `phone` is not one.
 * Accepts the bare 11 digits and the `+86` / `86` / `0086` prefixes the provider also accepts.
 */
export function toMainlandE164(phone: string): string | null {
  const digits = phone.trim().replace(/[\s-]/g, '');
  const national = digits.replace(/^(?:\+86|0086|86)(?=1\d{10}$)/, '');
  return MAINLAND_MOBILE.test(national) ? `+86${national}` : null;
}

/** `138****5678`, whatever prefix it came with: enough to tell numbers apart in a log, not to call one. */
export function maskPhoneForLog(phone: string): string {
  const e164 = toMainlandE164(phone);
  return maskPhone(e164 ? e164.slice(3) : phone.replace(/\D/g, ''));
}
