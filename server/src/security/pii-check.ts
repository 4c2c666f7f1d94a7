import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema';
import { isUniqueViolation } from '../db/unique-violation';
import type { PiiCipher } from './pii';

/**
 * Whether PII_KEYS and PII_HASH_KEY are the keys the stored data was written under. A restore (or
 * a start) with other keys would serve unreadable phone numbers (500s) and, the lookup hashes no
 * longer matching, make a second, empty account for a returning petitioner. So the database keeps
 * check values in `pii_key_check` — a known text encrypted under each key id its data uses
 * (`key:<id>`) and an HMAC of it under the hash key (`hash`) — and a start with keys that do not
 * read them is refused. An empty table is filled at the first start; `pnpm pii:rotate` updates it.
 */
export class PiiKeyMismatch extends Error {
  constructor(problems: string[]) {
    super(problems.join('; '));
    this.name = 'PiiKeyMismatch';
  }
}

type Db = Kysely<DB> | Transaction<DB>;

export const HASH_CHECK = 'hash';
/** Present while `pnpm pii:rotate` moves the lookup hashes to a new key: they are half moved. */
export const HASH_ROTATING = 'hash:rotating';
export const keyCheckName = (id: string) => `key:${id}`;

/** What in the stored check values the configured keys do not match (empty: all match). */
export function keyProblems(
  rows: readonly { name: string; check_value: string }[],
  cipher: PiiCipher,
  options: { acceptedHashChecks?: readonly string[] } = {},
): string[] {
  const problems: string[] = [];
  for (const row of rows) {
    if (row.name === HASH_ROTATING) {
      problems.push('a rotation of PII_HASH_KEY was interrupted: run `pnpm pii:rotate` again to finish it');
    } else if (row.name === HASH_CHECK) {
      const accepted = options.acceptedHashChecks ?? [cipher.hashKeyCheck()];
      if (!accepted.includes(row.check_value))
        problems.push('PII_HASH_KEY is not the lookup-hash key the stored data was written with');
    } else if (row.name.startsWith('key:')) {
      const id = row.name.slice('key:'.length);
      if (!cipher.hasKey(id))
        problems.push(`PII_KEYS lacks the key "${id}", under which stored data is encrypted`);
      else if (!cipher.readsKeyCheck(row.check_value))
        problems.push(`PII_KEYS has another key under the id "${id}" than the stored data was written with`);
    }
  }
  return problems;
}

/**
 * At start: refuses keys that do not read the stored check values, and records those of the
 * active key and the hash key where none are stored yet. A database written before the check
 * existed is first sampled: one petitioner's phone must decrypt and hash to its stored hash.
 */
export async function checkPiiKeys(db: Kysely<DB>, cipher: PiiCipher, now: Date): Promise<void> {
  const rows = await db.selectFrom('pii_key_check').select(['name', 'check_value']).execute();
  const problems = keyProblems(rows, cipher);
  if (rows.length === 0) problems.push(...(await sampleProblems(db, cipher)));
  if (problems.length > 0) throw new PiiKeyMismatch(problems);

  const missing = [
    { name: keyCheckName(cipher.activeKeyId), value: () => cipher.keyCheck() },
    { name: HASH_CHECK, value: () => cipher.hashKeyCheck() },
  ].filter((check) => !rows.some((row) => row.name === check.name));
  for (const check of missing) {
    try {
      await db
        .insertInto('pii_key_check')
        .values({ name: check.name, check_value: check.value(), created_at: now.toISOString() })
        .execute();
    } catch (error) {
      // Another instance starting at the same time recorded it: check what it recorded.
      if (!isUniqueViolation(error)) throw error;
      const again = await db.selectFrom('pii_key_check').select(['name', 'check_value']).execute();
      const late = keyProblems(again, cipher);
      if (late.length > 0) throw new PiiKeyMismatch(late);
    }
  }
}

async function sampleProblems(db: Db, cipher: PiiCipher): Promise<string[]> {
  const sample = await db
    .selectFrom('petitioner_account')
    .select(['phone_cipher', 'phone_hash'])
    .where('phone_cipher', 'is not', null)
    .where('phone_hash', 'is not', null)
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  if (!sample?.phone_cipher || !sample.phone_hash) return [];
  const id = sample.phone_cipher.split(':')[0] ?? '';
  let phone: string;
  try {
    phone = cipher.decrypt(sample.phone_cipher);
  } catch {
    return [
      cipher.hasKey(id)
        ? `PII_KEYS has another key under the id "${id}" than the stored data was written with`
        : `PII_KEYS lacks the key "${id}", under which stored data is encrypted`,
    ];
  }
  return cipher.sameLookupHash(cipher.lookupHash('phone', phone), sample.phone_hash)
    ? []
    : ['PII_HASH_KEY is not the lookup-hash key the stored data was written with'];
}
