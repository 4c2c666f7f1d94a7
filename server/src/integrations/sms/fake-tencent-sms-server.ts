import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for Tencent Cloud SMS (`SendSms`, API 3.0, version 2021-01-11) that speaks the
 * documented protocol, so the sender and, later, the h5 login routes are tested over real HTTP.
 *
 * It checks a request the way Tencent does, and answers with Tencent's shapes (always HTTP 200,
 * `{ Response: { Error: { Code, Message }, RequestId } }` or `{ Response: { SendStatusSet, RequestId } }`):
 * - the TC3-HMAC-SHA256 signature, recomputed here from the request as received (its headers and
 *   raw body) and the shared secret: a separate derivation from the client's signer, so one bug
 *   cannot hide in both (`AuthFailure.SignatureFailure`, `AuthFailure.SecretIdNotFound`,
 *   `AuthFailure.InvalidAuthorization`); a timestamp more than 5 minutes off
 *   (`AuthFailure.SignatureExpire`);
 * - the common headers (`X-TC-Action: SendSms`, `X-TC-Version: 2021-01-11`, `X-TC-Region`) and a
 *   JSON Content-Type;
 * - the body: `PhoneNumberSet` (E.164), `SmsSdkAppId`, `SignName`, `TemplateId`, `TemplateParamSet`
 *   with the template's number of parameters.
 * Numbers from `FAKE_TENCENT_PHONES` script the documented failures; any other valid number is
 * "sent" and recorded in `messages`, so a login test can read the code the petitioner received.
 */
export const FAKE_TENCENT_PHONES = {
  /** SendStatus `LimitExceeded.PhoneNumberDailyLimit` */
  dailyLimit: '13900000001',
  /** SendStatus `LimitExceeded.PhoneNumberThirtySecondLimit` */
  thirtySecondLimit: '13900000002',
  /** SendStatus `InvalidParameterValue.IncorrectPhoneNumber` (a well-formed number the carrier rejects) */
  incorrectNumber: '13900000003',
  /** SendStatus `FailedOperation.PhoneNumberInBlacklist` */
  blacklisted: '13900000004',
  /** Error `RequestLimitExceeded` */
  requestLimited: '13900000005',
  /** Error `InternalError.Timeout` */
  internalError: '13900000006',
  /** Error `FailedOperation.InsufficientBalanceInSmsPackage` */
  insufficientBalance: '13900000007',
  /** SendStatus with a code Tencent has not documented */
  unknownCode: '13900000008',
  /** HTTP 502 with an HTML page, as a gateway would answer */
  notJson: '13900000009',
  /** no answer until `slowMs` has passed */
  slow: '13900000010',
  /** a Response with neither Error nor SendStatusSet */
  noStatus: '13900000011',
} as const;

export interface FakeTencentSmsOptions {
  secretId: string;
  secretKey: string;
  sdkAppId: string;
  signName: string;
  templateId: string;
  /** Default `ap-guangzhou`. */
  region?: string;
  /** How many parameters the approved template takes. Default 1 (the code). */
  templateParamCount?: number;
  /** Further approved templates (notifications): template id → how many parameters it takes. */
  templates?: Record<string, number>;
  /** A pause before every answer, as a real provider takes (ms). Default 0. */
  latencyMs?: number;
  /** How long `FAKE_TENCENT_PHONES.slow` waits. Default 10 s. */
  slowMs?: number;
  /** The fake's clock in milliseconds, for the 5-minute timestamp window. Default `Date.now`. */
  now?: () => number;
}

export interface FakeSmsMessage {
  /** E.164, as sent: `+8613812345678` */
  phone: string;
  templateId: string;
  signName: string;
  templateParams: string[];
  /** Echoed by Tencent in receipts: our message key. */
  sessionContext?: string;
}

/** What a scripted send answers instead of success: a Tencent error code, an HTTP 5xx, or silence. */
export type FakeSmsScript = { error: string } | { status: string } | { http: number } | 'timeout';

export interface FakeTencentRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The `Response` object the fake answered with, if it answered JSON. */
  answer?: Record<string, unknown>;
}

export interface FakeTencentSmsServer {
  baseUrl: string;
  requests: FakeTencentRequest[];
  /** Messages accepted for delivery, in order. */
  messages: FakeSmsMessage[];
  /** The template parameters last "delivered" to a number (any accepted form), or undefined. */
  lastMessageTo(phone: string): FakeSmsMessage | undefined;
  /**
   * Makes the next sends to a number answer these, in order, before sends succeed again: a request
   * error (`RequestLimitExceeded`), a send status (`LimitExceeded.PhoneNumberDailyLimit`), an HTTP
   * 5xx, or no answer at all.
   */
  script(phone: string, answers: FakeSmsScript[]): void;
  close(): Promise<void>;
}

type Answer = { error: string; message: string } | { statuses: Record<string, unknown>[] } | { bare: true };

export async function startFakeTencentSmsServer(
  options: FakeTencentSmsOptions,
): Promise<FakeTencentSmsServer> {
  const region = options.region ?? 'ap-guangzhou';
  const templateParamCount = options.templateParamCount ?? 1;
  const slowMs = options.slowMs ?? 10_000;
  const now = options.now ?? Date.now;
  const requests: FakeTencentRequest[] = [];
  const messages: FakeSmsMessage[] = [];
  const approved = new Map<string, number>([
    [options.templateId, templateParamCount],
    ...Object.entries(options.templates ?? {}),
  ]);
  const scripts = new Map<string, FakeSmsScript[]>();
  const latencyMs = options.latencyMs ?? 0;
  let counter = 0;

  const reply = (res: ServerResponse, record: FakeTencentRequest, answer: Answer) => {
    counter += 1;
    const RequestId = `fake-${counter.toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`;
    let response: Record<string, unknown>;
    if ('error' in answer) response = { Error: { Code: answer.error, Message: answer.message }, RequestId };
    else if ('statuses' in answer) response = { SendStatusSet: answer.statuses, RequestId };
    else response = { RequestId };
    record.answer = response;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ Response: response }));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (latencyMs > 0) await new Promise((r) => setTimeout(r, latencyMs));
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', 'http://fake');
    const record: FakeTencentRequest = {
      method: req.method ?? '',
      path: url.pathname + url.search,
      headers: req.headers,
      body: raw.toString('utf8'),
    };
    requests.push(record);

    const refusal = checkRequest(req, url, raw);
    if (refusal) return reply(res, record, refusal);

    const parsed = parseBody(record.body);
    if ('error' in parsed) return reply(res, record, parsed);
    const body: SendSmsBody = parsed;
    if (body.SmsSdkAppId !== options.sdkAppId) {
      return reply(res, record, {
        error: 'InvalidParameterValue.SdkAppIdNotExist',
        message: 'SdkAppId not exist.',
      });
    }
    if (body.SignName !== options.signName) {
      return reply(res, record, {
        error: 'FailedOperation.SignatureIncorrectOrUnapproved',
        message: 'signature format is incorrect or signature is not approved',
      });
    }
    const paramCount = approved.get(body.TemplateId);
    if (paramCount === undefined) {
      return reply(res, record, {
        error: 'FailedOperation.TemplateIncorrectOrUnapproved',
        message: 'template is not approved or request content does not match the approved template content',
      });
    }
    if (body.TemplateParamSet.length !== paramCount) {
      return reply(res, record, {
        error: 'FailedOperation.TemplateParamSetNotMatchApprovedTemplate',
        message: 'the number of template parameters does not match the approved template',
      });
    }

    const national = (phone: string) => phone.replace(/^\+86/, '');
    const scripted = body.PhoneNumberSet.map(national);
    const only = scripted.length === 1 ? scripted[0] : undefined;
    const next = only === undefined ? undefined : scripts.get(only)?.shift();
    if (next === 'timeout') return;
    if (next && 'http' in next) {
      res.writeHead(next.http, { 'content-type': 'text/html' });
      return res.end(`<html><body>${next.http}</body></html>`);
    }
    if (next && 'error' in next) return reply(res, record, { error: next.error, message: 'scripted' });
    if (next && 'status' in next) {
      return reply(res, record, {
        statuses: body.PhoneNumberSet.map((p) => status(p, next.status, 'scripted', 0)),
      });
    }
    switch (only) {
      case FAKE_TENCENT_PHONES.requestLimited:
        return reply(res, record, {
          error: 'RequestLimitExceeded',
          message: 'request frequency limit exceeded',
        });
      case FAKE_TENCENT_PHONES.internalError:
        return reply(res, record, { error: 'InternalError.Timeout', message: 'request timed out' });
      case FAKE_TENCENT_PHONES.insufficientBalance:
        return reply(res, record, {
          error: 'FailedOperation.InsufficientBalanceInSmsPackage',
          message: 'insufficient balance in SMS package',
        });
      case FAKE_TENCENT_PHONES.notJson:
        res.writeHead(502, { 'content-type': 'text/html' });
        return res.end(`<html><body>502 Bad Gateway ${record.body}</body></html>`);
      case FAKE_TENCENT_PHONES.noStatus:
        return reply(res, record, { bare: true });
      case FAKE_TENCENT_PHONES.slow: {
        const timer = setTimeout(
          () => reply(res, record, { statuses: body.PhoneNumberSet.map(sent) }),
          slowMs,
        );
        res.on('close', () => clearTimeout(timer));
        return;
      }
    }
    return reply(res, record, { statuses: body.PhoneNumberSet.map(statusFor) });

    function statusFor(phone: string): Record<string, unknown> {
      const failure: Record<string, [string, string]> = {
        [FAKE_TENCENT_PHONES.dailyLimit]: [
          'LimitExceeded.PhoneNumberDailyLimit',
          'the number of SMS messages sent from a single mobile number every day exceeds the upper limit',
        ],
        [FAKE_TENCENT_PHONES.thirtySecondLimit]: [
          'LimitExceeded.PhoneNumberThirtySecondLimit',
          'the number of SMS messages sent from a single mobile number within 30 seconds exceeds the upper limit',
        ],
        [FAKE_TENCENT_PHONES.incorrectNumber]: [
          'InvalidParameterValue.IncorrectPhoneNumber',
          'incorrect number format',
        ],
        [FAKE_TENCENT_PHONES.blacklisted]: [
          'FailedOperation.PhoneNumberInBlacklist',
          'the mobile number is in the blocklist',
        ],
        [FAKE_TENCENT_PHONES.unknownCode]: ['FailedSomehow.NotDocumentedYet', 'something new'],
      };
      if (!/^\+861[3-9]\d{9}$/.test(phone)) {
        return status(phone, 'InvalidParameterValue.IncorrectPhoneNumber', 'incorrect number format', 0);
      }
      const scriptedFailure = failure[national(phone)];
      if (scriptedFailure) return status(phone, scriptedFailure[0], scriptedFailure[1], 0);
      return sent(phone);
    }

    function sent(phone: string): Record<string, unknown> {
      messages.push({
        phone,
        templateId: body.TemplateId,
        signName: body.SignName,
        templateParams: body.TemplateParamSet,
        ...(body.SessionContext ? { sessionContext: body.SessionContext } : {}),
      });
      return status(phone, 'Ok', 'send success', 1);
    }
  };

  /** Tencent's request-level checks, before the body is read for meaning. */
  function checkRequest(req: IncomingMessage, url: URL, raw: Buffer): Answer | null {
    if (req.method !== 'POST' || url.pathname !== '/' || url.search !== '') {
      return { error: 'InvalidParameter', message: 'this fake takes POST / with a JSON body only' };
    }
    const contentType = req.headers['content-type'] ?? '';
    if (!/^application\/json\b/i.test(contentType)) {
      return { error: 'InvalidParameter', message: 'Content-Type must be application/json' };
    }
    const action = req.headers['x-tc-action'];
    if (action !== 'SendSms')
      return { error: 'InvalidAction', message: `action ${String(action)} not found` };
    const version = req.headers['x-tc-version'];
    if (version !== '2021-01-11')
      return { error: 'NoSuchVersion', message: `version ${String(version)} not found` };
    if (req.headers['x-tc-region'] !== region) {
      return {
        error: 'UnsupportedRegion',
        message: `region ${String(req.headers['x-tc-region'])} not supported`,
      };
    }
    return checkSignature(req.headers, raw);
  }

  function checkSignature(headers: IncomingHttpHeaders, raw: Buffer): Answer | null {
    const timestampHeader = String(headers['x-tc-timestamp'] ?? '');
    if (!/^\d+$/.test(timestampHeader)) {
      return { error: 'MissingParameter', message: 'X-TC-Timestamp is missing or not a number' };
    }
    const timestamp = Number(timestampHeader);
    if (Math.abs(now() / 1000 - timestamp) > 300) {
      return {
        error: 'AuthFailure.SignatureExpire',
        message: 'signature expired, timestamp is off by over 5 minutes',
      };
    }

    const parts =
      /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([a-z]+)\/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(
        String(headers.authorization ?? ''),
      );
    if (!parts) return { error: 'AuthFailure.InvalidAuthorization', message: 'Authorization is not TC3' };
    const [, secretId, date, service, signedHeaderList = '', signature = ''] = parts;
    if (secretId !== options.secretId)
      return { error: 'AuthFailure.SecretIdNotFound', message: 'secret id not found' };
    const signedHeaders = signedHeaderList.split(';');
    const signatureFailure: Answer = {
      error: 'AuthFailure.SignatureFailure',
      message: 'The provided credentials could not be validated. Please check your signature is correct.',
    };
    if (service !== 'sms' || !signedHeaders.includes('content-type') || !signedHeaders.includes('host')) {
      return signatureFailure;
    }
    const utc = new Date(timestamp * 1000);
    const expectedDate = [
      utc.getUTCFullYear(),
      String(utc.getUTCMonth() + 1).padStart(2, '0'),
      String(utc.getUTCDate()).padStart(2, '0'),
    ].join('-');
    if (date !== expectedDate) return signatureFailure;

    const sortedHeaders = [...signedHeaders].sort();
    if (sortedHeaders.join(';') !== signedHeaderList) return signatureFailure;
    let canonicalHeaders = '';
    for (const name of sortedHeaders) {
      const value = headers[name];
      if (typeof value !== 'string') return signatureFailure;
      canonicalHeaders += `${name}:${value.trim().toLowerCase()}\n`;
    }
    const hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
    const canonical = `POST\n/\n\n${canonicalHeaders}\n${signedHeaderList}\n${hex(raw)}`;
    const toSign = `TC3-HMAC-SHA256\n${timestamp}\n${date}/sms/tc3_request\n${hex(canonical)}`;
    let key: Buffer = Buffer.from(`TC3${options.secretKey}`, 'utf8');
    for (const step of [date, 'sms', 'tc3_request']) key = createHmac('sha256', key).update(step).digest();
    const expected = createHmac('sha256', key).update(toSign).digest();
    const given = Buffer.from(signature, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected) ? null : signatureFailure;
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    messages,
    lastMessageTo(phone) {
      const national = phone.replace(/^(?:\+86|0086|86)(?=1\d{10}$)/, '');
      return messages.findLast((message) => message.phone === `+86${national}`);
    },
    script(phone, answers) {
      const national = phone.replace(/^(?:\+86|0086|86)(?=1\d{10}$)/, '');
      scripts.set(national, [...(scripts.get(national) ?? []), ...answers]);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

interface SendSmsBody {
  PhoneNumberSet: string[];
  SmsSdkAppId: string;
  SignName: string;
  TemplateId: string;
  TemplateParamSet: string[];
  SessionContext?: string;
}

function parseBody(text: string): SendSmsBody | { error: string; message: string } {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { error: 'FailedOperation.FailResolvePacket', message: 'failed to parse the request body' };
  }
  if (typeof body !== 'object' || body === null) {
    return { error: 'FailedOperation.FailResolvePacket', message: 'the request body is not an object' };
  }
  const b = body as Record<string, unknown>;
  for (const field of ['PhoneNumberSet', 'SmsSdkAppId', 'TemplateId'] as const) {
    if (b[field] === undefined) return { error: 'MissingParameter', message: `${field} is missing` };
  }
  const isStrings = (value: unknown): value is string[] =>
    Array.isArray(value) && value.every((item) => typeof item === 'string');
  if (!isStrings(b.PhoneNumberSet) || b.PhoneNumberSet.length === 0) {
    return { error: 'InvalidParameter', message: 'PhoneNumberSet must be a non-empty array of strings' };
  }
  if (b.PhoneNumberSet.length > 200) {
    return { error: 'LimitExceeded.PhoneNumberCountLimit', message: 'at most 200 numbers per request' };
  }
  const templateParams = b.TemplateParamSet ?? [];
  if (!isStrings(templateParams)) {
    return { error: 'InvalidParameter', message: 'TemplateParamSet must be an array of strings' };
  }
  for (const field of ['SmsSdkAppId', 'TemplateId', 'SignName', 'SessionContext'] as const) {
    if (b[field] !== undefined && typeof b[field] !== 'string') {
      return { error: 'InvalidParameter', message: `${field} must be a string` };
    }
  }
  if (typeof b.SessionContext === 'string' && Buffer.byteLength(b.SessionContext) >= 512) {
    return { error: 'InvalidParameterValue', message: 'SessionContext must be under 512 bytes' };
  }
  return {
    ...(typeof b.SessionContext === 'string' ? { SessionContext: b.SessionContext } : {}),
    PhoneNumberSet: b.PhoneNumberSet,
    SmsSdkAppId: b.SmsSdkAppId as string,
    SignName: (b.SignName as string | undefined) ?? '',
    TemplateId: b.TemplateId as string,
    TemplateParamSet: templateParams,
  };
}

function status(phone: string, code: string, message: string, fee: number): Record<string, unknown> {
  return {
    SerialNo:
      code === 'Ok'
        ? `2028:${createHash('sha256')
            .update(phone + Math.random())
            .digest('hex')
            .slice(0, 24)}`
        : '',
    PhoneNumber: phone,
    Fee: fee,
    SessionContext: '',
    Code: code,
    Message: message,
    IsoCode: 'CN',
  };
}
