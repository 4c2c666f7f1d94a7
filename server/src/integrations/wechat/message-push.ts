import { createDecipheriv, createHash, timingSafeEqual } from 'node:crypto';

/**
 * WeChat's message push (消息推送) to our server, as configured in the mini-program's console
 * (URL, Token, EncodingAESKey, JSON format): how `mediaCheckAsync` verdicts reach us.
 *
 * - Verifying the URL: a GET with `signature`, `timestamp`, `nonce`, `echostr`, where signature =
 *   sha1 of the Token, timestamp and nonce sorted and joined; answer `echostr` as it came.
 * - Plain-text mode: a POST with the same `signature` and the event as a JSON body.
 * - Safe mode (recommended, used when an EncodingAESKey is configured): the body is
 *   `{ ToUserName, Encrypt }`, and `msg_signature` = sha1 of the Token, timestamp, nonce and
 *   Encrypt sorted and joined. Encrypt is AES-256-CBC with key = base64(EncodingAESKey + "="),
 *   IV = its first 16 bytes, PKCS#7 padding to 32 bytes, over 16 random bytes + the message
 *   length (4 bytes, big-endian) + the message + the app id, which must be ours.
 *
 * Anything that does not verify is refused: a forged push could release held content.
 */
export interface PushQuery {
  signature?: string;
  timestamp?: string;
  nonce?: string;
  echostr?: string;
  msg_signature?: string;
  encrypt_type?: string;
}

export interface WechatPushOptions {
  token: string;
  appId: string;
  /** Set for safe mode; unset for plain text. */
  aesKey?: string;
}

export class WechatPush {
  private readonly key: Buffer | null;

  constructor(private readonly options: WechatPushOptions) {
    this.key = options.aesKey ? Buffer.from(`${options.aesKey}=`, 'base64') : null;
  }

  /** The `echostr` to answer a URL verification with, or null when its signature is wrong. */
  verifyUrl(query: PushQuery): string | null {
    if (!query.echostr || !this.signed(query.signature, [query.timestamp, query.nonce])) return null;
    return query.echostr;
  }

  /** The pushed event, verified (and decrypted in safe mode), or null when it does not verify. */
  open(query: PushQuery, body: unknown): Record<string, unknown> | null {
    if (typeof body !== 'object' || body === null) return null;
    if (!this.key) {
      return this.signed(query.signature, [query.timestamp, query.nonce])
        ? (body as Record<string, unknown>)
        : null;
    }
    const encrypted = (body as Record<string, unknown>).Encrypt;
    if (typeof encrypted !== 'string') return null;
    if (!this.signed(query.msg_signature, [query.timestamp, query.nonce, encrypted])) return null;
    const text = this.decrypt(encrypted);
    if (text === null) return null;
    try {
      const event: unknown = JSON.parse(text);
      return typeof event === 'object' && event !== null ? (event as Record<string, unknown>) : null;
    } catch {
      return null;
    }
  }

  private signed(signature: string | undefined, parts: (string | undefined)[]): boolean {
    if (!signature || parts.some((p) => !p)) return false;
    const expected = pushSignature(this.options.token, parts as string[]);
    const given = Buffer.from(signature, 'utf8');
    const wanted = Buffer.from(expected, 'utf8');
    return given.length === wanted.length && timingSafeEqual(given, wanted);
  }

  private decrypt(encrypted: string): string | null {
    const key = this.key as Buffer;
    try {
      const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
      decipher.setAutoPadding(false);
      const padded = Buffer.concat([decipher.update(Buffer.from(encrypted, 'base64')), decipher.final()]);
      const pad = padded.at(-1) ?? 0;
      if (pad < 1 || pad > 32) return null;
      const plain = padded.subarray(16, padded.length - pad);
      const length = plain.readUInt32BE(0);
      if (4 + length > plain.length) return null;
      const appId = plain.subarray(4 + length).toString('utf8');
      return appId === this.options.appId ? plain.subarray(4, 4 + length).toString('utf8') : null;
    } catch {
      return null;
    }
  }
}

/** sha1 of the Token and the other parts, sorted as strings and joined. */
export function pushSignature(token: string, parts: readonly string[]): string {
  return createHash('sha1')
    .update([token, ...parts].sort().join(''))
    .digest('hex');
}
