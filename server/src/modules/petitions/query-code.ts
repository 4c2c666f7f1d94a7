import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';

/**
 * The query code (查询码): a secret shown once to the petitioner, which with the public petition
 * number looks the case up without signing in (Art 18, 21). 8 characters without look-alikes
 * (about 39 bits), stored only as a keyed hash; lookups are throttled.
 */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export function newQueryCode(): string {
  return Array.from({ length: 8 }, () => ALPHABET.charAt(randomInt(ALPHABET.length))).join('');
}

export function queryCodeHash(key: Buffer, petitionId: string, code: string): string {
  return createHmac('sha256', key)
    .update(`query-code\u0000${petitionId}\u0000${code.normalize('NFKC').trim().toUpperCase()}`)
    .digest('hex');
}

export function queryCodeMatches(key: Buffer, petitionId: string, code: string, storedHash: string): boolean {
  const given = Buffer.from(queryCodeHash(key, petitionId, code), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}
