import { fetchText, parseJsonObject, TransportError } from '../http';
import { type IntegrationLogger, silentLogger } from '../logger';
import {
  maskPhoneForLog,
  type SmsNotification,
  SmsSendError,
  type SmsSender,
  type SmsSendFailure,
  toMainlandE164,
} from './sms-sender';
import { signTc3 } from './tc3-signer';

/**
 * Sends login codes and notifications through Tencent Cloud SMS, API 3.0 `SendSms` (version 2021-01-11), signed with
 * TC3-HMAC-SHA256. Tencent answers HTTP 200 with `Response.Error` for a refused request and with
 * one `Response.SendStatusSet` entry per number otherwise, whose `Code` is `Ok` or why not.
 *
 * Nothing is retried: a send that timed out may have gone through, and a second SMS costs money and
 * confuses the petitioner; the caller decides. Errors carry Tencent's code and request id, the
 * masked number, never the login code, the full number or Tencent's free text.
 */
export interface TencentSmsOptions {
  secretId: string;
  secretKey: string;
  /** The SMS application's SdkAppId from the console, e.g. `1400006666`. */
  sdkAppId: string;
  /** The approved signature (签名), e.g. `信访通`. */
  signName: string;
  /** The approved login-code template's id; its first parameter is the code. */
  templateId: string;
  /** Default `ap-guangzhou`. */
  region?: string;
  /** Default `https://sms.tencentcloudapi.com`; tests point it at the fake server. */
  baseUrl?: string;
  /** Default 5000 ms. */
  timeoutMs?: number;
  /** Set when the template's second parameter is the code's validity in minutes. */
  templateValidityMinutes?: number;
  logger?: IntegrationLogger;
  /** Milliseconds since the epoch; tests pin it. */
  now?: () => number;
}

export const TENCENT_SMS_DEFAULT_BASE_URL = 'https://sms.tencentcloudapi.com';
export const TENCENT_SMS_DEFAULT_REGION = 'ap-guangzhou';
const ACTION = 'SendSms';
const VERSION = '2021-01-11';
const CONTENT_TYPE = 'application/json; charset=utf-8';
const LOGIN_CODE = /^[0-9A-Za-z]{4,12}$/;

export class TencentSmsSender implements SmsSender {
  private readonly url: URL;
  private readonly region: string;
  private readonly timeoutMs: number;
  private readonly logger: IntegrationLogger;
  private readonly now: () => number;

  constructor(private readonly options: TencentSmsOptions) {
    const missing = (['secretId', 'secretKey', 'sdkAppId', 'signName', 'templateId'] as const).filter(
      (name) => !options[name],
    );
    if (missing.length > 0) throw new Error(`TencentSmsSender needs ${missing.join(', ')}`);
    this.url = new URL(options.baseUrl ?? TENCENT_SMS_DEFAULT_BASE_URL);
    this.region = options.region ?? TENCENT_SMS_DEFAULT_REGION;
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.logger = options.logger ?? silentLogger;
    this.now = options.now ?? Date.now;
  }

  async sendLoginCode(phone: string, code: string): Promise<void> {
    if (!LOGIN_CODE.test(code) && toMainlandE164(phone) !== null) {
      throw new TypeError('a login code is 4 to 12 letters or digits');
    }
    const templateParams = [code];
    if (this.options.templateValidityMinutes !== undefined) {
      templateParams.push(String(this.options.templateValidityMinutes));
    }
    await this.send(phone, this.options.templateId, templateParams, undefined, 'the code');
  }

  async sendNotification(phone: string, message: SmsNotification): Promise<void> {
    await this.send(phone, message.templateId, [...message.params], message.key, 'the notification');
  }

  private async send(
    phone: string,
    templateId: string,
    templateParams: string[],
    sessionContext: string | undefined,
    what: string,
  ): Promise<void> {
    const masked = maskPhoneForLog(phone);
    const e164 = toMainlandE164(phone);
    if (e164 === null) throw new SmsSendError('invalid_phone', `${masked} is not a mainland mobile number`);

    const payload = JSON.stringify({
      PhoneNumberSet: [e164],
      SmsSdkAppId: this.options.sdkAppId,
      SignName: this.options.signName,
      TemplateId: templateId,
      TemplateParamSet: templateParams,
      ...(sessionContext ? { SessionContext: sessionContext } : {}),
    });
    const timestamp = Math.floor(this.now() / 1000);
    const { authorization } = signTc3({
      secretId: this.options.secretId,
      secretKey: this.options.secretKey,
      service: 'sms',
      host: this.url.host,
      contentType: CONTENT_TYPE,
      payload,
      timestamp,
    });

    let answer: Awaited<ReturnType<typeof fetchText>>;
    try {
      answer = await fetchText(
        new URL('/', this.url).toString(),
        {
          method: 'POST',
          headers: {
            Authorization: authorization,
            'Content-Type': CONTENT_TYPE,
            'X-TC-Action': ACTION,
            'X-TC-Version': VERSION,
            'X-TC-Timestamp': String(timestamp),
            'X-TC-Region': this.region,
          },
          body: payload,
        },
        this.timeoutMs,
      );
    } catch (error) {
      const timedOut = error instanceof TransportError && error.kind === 'timeout';
      throw new SmsSendError(
        'upstream_error',
        timedOut
          ? `Tencent SMS did not answer within ${this.timeoutMs} ms (${what} to ${masked} may have been sent)`
          : 'Tencent SMS could not be reached',
      );
    }

    const response = parseJsonObject(answer.text)?.Response;
    if (typeof response !== 'object' || response === null) {
      throw new SmsSendError(
        'upstream_error',
        answer.ok
          ? 'Tencent SMS answered something other than its JSON'
          : `Tencent SMS answered HTTP ${answer.status}`,
      );
    }
    const { Error: failure, SendStatusSet: statuses, RequestId } = response as Record<string, unknown>;
    const requestId = typeof RequestId === 'string' ? RequestId : undefined;

    if (typeof failure === 'object' && failure !== null) {
      const providerCode = String((failure as Record<string, unknown>).Code ?? 'unknown');
      throw this.refusal(providerCode, masked, requestId, what);
    }
    const status = Array.isArray(statuses) ? (statuses[0] as Record<string, unknown> | undefined) : undefined;
    if (typeof status?.Code !== 'string') {
      throw new SmsSendError(
        'upstream_error',
        'Tencent SMS answered without a send status',
        undefined,
        requestId,
      );
    }
    if (status.Code !== 'Ok') throw this.refusal(status.Code, masked, requestId, what);

    this.logger.info(
      { phone: masked, requestId, serialNo: status.SerialNo, template: templateId },
      `${what} sent by Tencent SMS`,
    );
  }

  private refusal(
    providerCode: string,
    masked: string,
    requestId: string | undefined,
    what: string,
  ): SmsSendError {
    const reason = classifyTencentSmsCode(providerCode);
    return new SmsSendError(
      reason,
      `Tencent SMS did not send ${what} to ${masked}: ${reason} (${providerCode})`,
      providerCode,
      requestId,
    );
  }
}

/**
 * Tencent's error codes (common API 3.0 codes and SendSms's own) sorted into our four reasons.
 * Families, not a fixed list: Tencent adds codes within them (`LimitExceeded.PhoneNumberDailyLimit`,
 * `…OneHourLimit`, `…ThirtySecondLimit`, `…SameContentDailyLimit`, `…DeliveryFrequencyLimit`,
 * `…AppDailyLimit`), and an unknown family is an upstream error, never success.
 */
export function classifyTencentSmsCode(code: string): SmsSendFailure {
  if (code === 'InvalidParameterValue.IncorrectPhoneNumber') return 'invalid_phone';
  // More than 200 numbers in one request: a bug of ours, not a frequency limit.
  if (code === 'LimitExceeded.PhoneNumberCountLimit') return 'rejected';
  const family = code.split('.')[0] ?? '';
  if (family === 'LimitExceeded' || family === 'RequestLimitExceeded') return 'rate_limited';
  if (
    [
      'FailedOperation',
      'UnauthorizedOperation',
      'UnsupportedOperation',
      'InvalidParameter',
      'InvalidParameterValue',
      'MissingParameter',
    ].includes(family)
  ) {
    return 'rejected';
  }
  return 'upstream_error';
}
