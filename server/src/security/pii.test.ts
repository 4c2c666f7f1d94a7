import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalize, PiiCipher } from './pii';

const key = (id: string) => ({ id, key: randomBytes(32) });

describe('PII at rest', () => {
  const hashKey = randomBytes(32);
  const k1 = key('k1');
  const k2 = key('k2');
  const cipher = new PiiCipher([k1], hashKey);

  it('round-trips any text and never stores it in the clear', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 64 }), (plain) => {
        const stored = cipher.encrypt(plain);
        expect(cipher.decrypt(stored)).toBe(plain);
        expect(stored.startsWith('k1:')).toBe(true);
        if (plain.length >= 4) expect(stored).not.toContain(plain);
      }),
    );
  });

  it('encrypts the same value differently each time', () => {
    expect(cipher.encrypt('13812341234')).not.toBe(cipher.encrypt('13812341234'));
  });

  it('keeps reading old ciphertexts after a key rotation, and writes with the new key', () => {
    const old = cipher.encrypt('110101199003071234');
    const rotated = new PiiCipher([k2, k1], hashKey);
    expect(rotated.decrypt(old)).toBe('110101199003071234');
    expect(rotated.needsRotation(old)).toBe(true);
    const fresh = rotated.encrypt('110101199003071234');
    expect(fresh.startsWith('k2:')).toBe(true);
    expect(rotated.needsRotation(fresh)).toBe(false);
  });

  it('refuses tampered ciphertexts and unknown keys', () => {
    const stored = cipher.encrypt('13812341234');
    const parts = stored.split(':');
    const body = Buffer.from(parts[3] ?? '', 'base64url');
    body[0] = (body[0] ?? 0) ^ 1;
    expect(() =>
      cipher.decrypt([parts[0], parts[1], parts[2], body.toString('base64url')].join(':')),
    ).toThrow();
    expect(() => new PiiCipher([k2], hashKey).decrypt(stored)).toThrow(/unknown key id/);
    // moving a ciphertext under another key id fails authentication
    expect(() =>
      new PiiCipher([k1, { id: 'k9', key: k1.key }], hashKey).decrypt(stored.replace(/^k1/, 'k9')),
    ).toThrow();
  });

  it('hashes equal numbers equally however they are written, and kinds apart', () => {
    expect(cipher.lookupHash('phone', '+86 138-1234-1234')).toBe(cipher.lookupHash('phone', '13812341234'));
    expect(cipher.lookupHash('id_number', '11010119900307123x')).toBe(
      cipher.lookupHash('id_number', '11010119900307123X'),
    );
    expect(cipher.lookupHash('phone', '13812341234')).not.toBe(cipher.lookupHash('id_number', '13812341234'));
    expect(new PiiCipher([k1], randomBytes(32)).lookupHash('phone', '13812341234')).not.toBe(
      cipher.lookupHash('phone', '13812341234'),
    );
  });

  it('normalises only a +86 in front of a mobile number', () => {
    expect(normalize('phone', '8613812341234')).toBe('13812341234');
    expect(normalize('phone', '0351-5550100')).toBe('03515550100');
  });
});
