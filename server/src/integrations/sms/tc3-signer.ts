import { createHash, createHmac } from 'node:crypto';

/**
 * Tencent Cloud API 3.0 request signing, TC3-HMAC-SHA256, as Tencent documents it ("Signature v3"):
 *
 * 1. CanonicalRequest = method \n "/" \n query \n canonical headers \n signed headers \n
 *    hex(sha256(body)), with `content-type` and `host` as the signed headers;
 * 2. StringToSign = "TC3-HMAC-SHA256" \n timestamp \n "<UTC date>/<service>/tc3_request" \n
 *    hex(sha256(CanonicalRequest));
 * 3. the signing key is HMAC-chained from "TC3" + SecretKey over the UTC date, the service and
 *    "tc3_request"; Signature = hex(HMAC(key, StringToSign));
 * 4. Authorization = "TC3-HMAC-SHA256 Credential=<SecretId>/<scope>, SignedHeaders=..., Signature=...".
 *
 * The date is the UTC date of the timestamp: a local (UTC+8) date breaks every request between
 * 00:00 and 08:00 Beijing time. Checked against Tencent's published worked example in the tests.
 */
export const TC3_ALGORITHM = 'TC3-HMAC-SHA256';

export interface Tc3SigningInput {
  secretId: string;
  secretKey: string;
  /** The product, e.g. `sms`; it must match the host's first label. */
  service: string;
  /** The Host header as sent, e.g. `sms.tencentcloudapi.com` (with `:port` if not the default). */
  host: string;
  /** The Content-Type header exactly as sent. */
  contentType: string;
  /** The request body exactly as sent. */
  payload: string;
  /** Unix seconds; the same value travels in X-TC-Timestamp. */
  timestamp: number;
}

export interface Tc3Signature {
  authorization: string;
  signature: string;
  credentialScope: string;
  canonicalRequest: string;
  stringToSign: string;
}

const SIGNED_HEADERS = 'content-type;host';

export function signTc3(input: Tc3SigningInput): Tc3Signature {
  const date = utcDate(input.timestamp);
  const canonicalRequest = [
    'POST',
    '/',
    '',
    `content-type:${input.contentType.trim().toLowerCase()}\nhost:${input.host.trim().toLowerCase()}\n`,
    SIGNED_HEADERS,
    sha256Hex(input.payload),
  ].join('\n');
  const credentialScope = `${date}/${input.service}/tc3_request`;
  const stringToSign = [
    TC3_ALGORITHM,
    String(input.timestamp),
    credentialScope,
    sha256Hex(canonicalRequest),
  ].join('\n');

  const dateKey = hmac(`TC3${input.secretKey}`, date);
  const serviceKey = hmac(dateKey, input.service);
  const signingKey = hmac(serviceKey, 'tc3_request');
  const signature = createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex');

  return {
    authorization: `${TC3_ALGORITHM} Credential=${input.secretId}/${credentialScope}, SignedHeaders=${SIGNED_HEADERS}, Signature=${signature}`,
    signature,
    credentialScope,
    canonicalRequest,
    stringToSign,
  };
}

/** `YYYY-MM-DD` of a Unix-seconds timestamp, in UTC. */
export function utcDate(timestamp: number): string {
  return new Date(timestamp * 1000).toISOString().slice(0, 10);
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function hmac(key: string | Buffer, message: string): Buffer {
  return createHmac('sha256', key).update(message, 'utf8').digest();
}
