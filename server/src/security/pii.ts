import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Personal numbers (phone, ID number) at rest: AES-256-GCM with a key id so keys can rotate
 * (old ciphertexts stay readable while new ones use the first key), and beside each ciphertext
 * a keyed hash (HMAC-SHA256) for exact lookup without decrypting (PIPL Art 51; MLPS 2.0 level 3
 * asks for confidentiality of personal data in storage).
 *
 * Stored form: `<keyId>:<iv>:<tag>:<ciphertext>`, each part base64url.
 */
export interface PiiKey {
  id: string;
  /** 32 bytes */
  key: Buffer;
}

export type PiiKind = 'phone' | 'id_number';

/** The known text whose encryption and HMAC tell whether configured keys are the data's. */
const KEY_CHECK_TEXT = 'xinfang pii key check';

export class PiiCipher {
  private readonly keys: Map<string, Buffer>;
  private readonly active: PiiKey;

  constructor(
    keys: readonly PiiKey[],
    private readonly hashKey: Buffer,
  ) {
    const [active] = keys;
    if (!active) throw new Error('at least one PII key is required');
    for (const k of keys) {
      if (k.key.length !== 32) throw new Error(`PII key ${k.id} must be 32 bytes`);
      if (!/^[\w-]{1,16}$/.test(k.id)) throw new Error(`PII key id ${k.id} must be 1–16 word characters`);
    }
    if (hashKey.length < 32) throw new Error('the PII hash key must be at least 32 bytes');
    this.active = active;
    this.keys = new Map(keys.map((k) => [k.id, k.key]));
  }

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.active.key, iv);
    // The key id is bound as associated data: a ciphertext cannot be replayed under another key id.
    cipher.setAAD(Buffer.from(this.active.id));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [this.active.id, iv, cipher.getAuthTag(), body]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join(':');
  }

  decrypt(stored: string): string {
    const [keyId, iv, tag, body] = stored.split(':');
    const key = keyId ? this.keys.get(keyId) : undefined;
    if (!key || iv === undefined || tag === undefined || body === undefined) {
      throw new Error('unreadable PII ciphertext (unknown key id or malformed)');
    }
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(keyId as string));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  }

  /** Whether a stored value was written under an older key and should be re-encrypted. */
  needsRotation(stored: string): boolean {
    return !stored.startsWith(`${this.active.id}:`);
  }

  /** The id of the key new values are encrypted under. */
  get activeKeyId(): string {
    return this.active.id;
  }

  hasKey(id: string): boolean {
    return this.keys.has(id);
  }

  /** The check value of the lookup-hash key (security/pii-check.ts): an HMAC of a known text. */
  hashKeyCheck(): string {
    return createHmac('sha256', this.hashKey).update(KEY_CHECK_TEXT).digest('hex');
  }

  /** Whether `stored` is the known text encrypted under the configured key its id names. */
  readsKeyCheck(stored: string): boolean {
    try {
      return this.decrypt(stored) === KEY_CHECK_TEXT;
    } catch {
      return false;
    }
  }

  /** The check value of the active key: the known text encrypted under it. */
  keyCheck(): string {
    return this.encrypt(KEY_CHECK_TEXT);
  }

  /** The lookup hash of a normalised value; the kind is mixed in so equal digits of different kinds differ. */
  lookupHash(kind: PiiKind, value: string): string {
    return createHmac('sha256', this.hashKey)
      .update(`${kind}\u0000${normalize(kind, value)}`)
      .digest('hex');
  }

  sameLookupHash(a: string, b: string): boolean {
    const left = Buffer.from(a, 'hex');
    const right = Buffer.from(b, 'hex');
    return left.length === right.length && timingSafeEqual(left, right);
  }
}

/** Phone numbers lose spaces, dashes and a +86 prefix; ID numbers are upper-cased (the check letter X). */
export function normalize(kind: PiiKind, value: string): string {
  if (kind === 'phone') return value.replace(/[\s-]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '');
  return value.trim().toUpperCase();
}
