import { type Kysely, sql } from 'kysely';
import { recordAudit, SYSTEM_AUDIT_ACTOR } from '../audit/audit-log';
import type { DB } from '../db/schema';
import type { PiiCipher } from '../security/pii';
import { HASH_CHECK, HASH_ROTATING, keyCheckName, keyProblems, PiiKeyMismatch } from '../security/pii-check';

/**
 * `pnpm pii:rotate`, offline (instances stopped): re-encrypts every stored personal number under
 * the first key of PII_KEYS, and with PII_HASH_KEY_PREVIOUS given, moves every lookup hash from
 * that key to PII_HASH_KEY. Then the check values (security/pii-check.ts) say the data uses the
 * first key alone, so the older keys can leave PII_KEYS: a leaked or retired key is gone for good.
 *
 * In batches, each its own statements, and resumable: a second run after an interruption finds
 * what is left (ciphertexts by their key id; hashes by recomputing them from the decrypted number).
 * While hashes are half moved the database says so (`hash:rotating`) and the app refuses to start.
 * Hashes stored without their number (the roster's phones, a desk registration's claim, a roster
 * import's history) are moved when an account holds the same number; the rest are counted and
 * left: re-import the roster after rotating the hash key.
 */
export interface RotateOptions {
  /** PII_KEYS (all keys, the new one first) and the new PII_HASH_KEY. */
  cipher: PiiCipher;
  /** The same keys with the previous hash key, when the hash key changes. */
  previous?: PiiCipher | null;
  batchSize?: number;
  now?: () => Date;
}

export interface RotateReport {
  reencrypted: number;
  rehashed: number;
  /** Lookup hashes whose number nobody stores, left as they were. */
  unmatchedHashes: number;
  /** Pending sign-in codes, keyed by the old hash: the holders ask for a new code. */
  otpChallengesDropped: number;
}

type Db = Kysely<DB>;

export async function rotatePii(db: Db, options: RotateOptions): Promise<RotateReport> {
  const { cipher } = options;
  const batch = options.batchSize ?? 500;
  const now = options.now ?? (() => new Date());
  const report: RotateReport = { reencrypted: 0, rehashed: 0, unmatchedHashes: 0, otpChallengesDropped: 0 };

  const checks = await db.selectFrom('pii_key_check').select(['name', 'check_value']).execute();
  const rotating = checks.some((c) => c.name === HASH_ROTATING);
  const hashCheck = checks.find((c) => c.name === HASH_CHECK)?.check_value;
  // The hashes move when a previous key is given and they are not all under the new one yet.
  const previous =
    options.previous && (rotating || hashCheck !== cipher.hashKeyCheck()) ? options.previous : null;
  const problems = keyProblems(
    checks.filter((c) => c.name !== HASH_ROTATING),
    cipher,
    { acceptedHashChecks: previous ? [previous.hashKeyCheck()] : [cipher.hashKeyCheck()] },
  );
  if (rotating && !previous)
    problems.push('a rotation of the hash key was interrupted: give PII_HASH_KEY_PREVIOUS again');
  if (problems.length > 0) throw new PiiKeyMismatch(problems);

  if (previous && !rotating) {
    await db
      .insertInto('pii_key_check')
      .values({ name: HASH_ROTATING, check_value: cipher.hashKeyCheck(), created_at: now().toISOString() })
      .execute();
  }

  if (previous) {
    // Before the accounts: their old hashes are how these find the number behind a hash.
    const hashOnly = [
      { table: 'employee_roster', column: 'phone_hash' },
      { table: 'roster_import_row', column: 'before_phone_hash' },
      { table: 'registration_claim', column: 'phone_hash' },
    ] as const;
    for (const { table, column } of hashOnly) {
      const moved = await moveHashOnly(db, cipher, previous, table, column, batch);
      report.rehashed += moved.rehashed;
      report.unmatchedHashes += moved.unmatched;
    }
  }

  await rotatePetitioners(db, cipher, previous, batch, report);
  await rotateStaff(db, cipher, previous, batch, report);
  report.reencrypted += await reencryptColumn(db, cipher, 'idempotency_record', 'response_cipher', batch);
  if (previous) {
    const dropped = await db.deleteFrom('otp_challenge').executeTakeFirst();
    report.otpChallengesDropped = Number(dropped.numDeletedRows);
  }

  await db.transaction().execute(async (trx) => {
    const at = now();
    await trx.deleteFrom('pii_key_check').execute();
    await trx
      .insertInto('pii_key_check')
      .values([
        {
          name: keyCheckName(cipher.activeKeyId),
          check_value: cipher.keyCheck(),
          created_at: at.toISOString(),
        },
        { name: HASH_CHECK, check_value: cipher.hashKeyCheck(), created_at: at.toISOString() },
      ])
      .execute();
    await recordAudit(
      trx,
      SYSTEM_AUDIT_ACTOR,
      {
        action: 'pii.rotate_keys',
        outcome: 'success',
        details: { keyId: cipher.activeKeyId, hashKeyChanged: previous !== null, ...report },
      },
      at,
    );
  });
  return report;
}

/** Rows whose value in `column` is not under the active key, a batch at a time, until none. */
async function reencryptColumn(
  db: Db,
  cipher: PiiCipher,
  table: 'idempotency_record',
  column: 'response_cipher',
  batch: number,
): Promise<number> {
  const prefix = `${cipher.activeKeyId}:`;
  const stale = sql<boolean>`substr(${sql.ref(column)}, 1, ${prefix.length}) <> ${prefix}`;
  let count = 0;
  for (;;) {
    const rows = await db
      .selectFrom(table)
      .select(sql<string>`${sql.ref(column)}`.as('value'))
      .where(stale)
      .limit(batch)
      .execute();
    for (const { value } of rows) {
      await db
        .updateTable(table)
        .set({ [column]: cipher.encrypt(cipher.decrypt(value)) })
        .where(sql.ref(column), '=', value)
        .execute();
    }
    count += rows.length;
    if (rows.length < batch) return count;
  }
}

/** The number's hash under the new key where `stored` is its hash under the old one. */
function movedHash(
  cipher: PiiCipher,
  previous: PiiCipher | null,
  kind: 'phone' | 'id_number',
  plain: string | null,
  stored: string | null,
): string | null {
  if (stored === null || plain === null || previous === null) return stored;
  const next = cipher.lookupHash(kind, plain);
  return stored === previous.lookupHash(kind, plain) ? next : stored;
}

async function rotatePetitioners(
  db: Db,
  cipher: PiiCipher,
  previous: PiiCipher | null,
  batch: number,
  report: RotateReport,
): Promise<void> {
  for (let after = ''; ; ) {
    const rows = await db
      .selectFrom('petitioner_account')
      .select([
        'id',
        'phone_cipher',
        'phone_hash',
        'contact_phone_hash',
        'id_number_cipher',
        'id_number_hash',
      ])
      .where('id', '>', after)
      .orderBy('id')
      .limit(batch)
      .execute();
    for (const row of rows) {
      const phone = row.phone_cipher ? cipher.decrypt(row.phone_cipher) : null;
      const idNumber = row.id_number_cipher ? cipher.decrypt(row.id_number_cipher) : null;
      const next = {
        phone_cipher: reencrypted(cipher, row.phone_cipher, phone),
        id_number_cipher: reencrypted(cipher, row.id_number_cipher, idNumber),
        phone_hash: movedHash(cipher, previous, 'phone', phone, row.phone_hash),
        contact_phone_hash: movedHash(cipher, previous, 'phone', phone, row.contact_phone_hash),
        id_number_hash: movedHash(cipher, previous, 'id_number', idNumber, row.id_number_hash),
      };
      const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => next[k] !== row[k]);
      if (changed.length === 0) continue;
      await db.updateTable('petitioner_account').set(next).where('id', '=', row.id).execute();
      report.reencrypted += changed.filter((k) => k.endsWith('_cipher')).length;
      report.rehashed += changed.filter((k) => k.endsWith('_hash')).length;
    }
    const last = rows.at(-1);
    if (!last || rows.length < batch) return;
    after = last.id;
  }
}

async function rotateStaff(
  db: Db,
  cipher: PiiCipher,
  previous: PiiCipher | null,
  batch: number,
  report: RotateReport,
): Promise<void> {
  for (let after = ''; ; ) {
    const rows = await db
      .selectFrom('staff_account')
      .select(['id', 'phone_cipher', 'phone_hash'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(batch)
      .execute();
    for (const row of rows) {
      const phone = row.phone_cipher ? cipher.decrypt(row.phone_cipher) : null;
      const phoneCipher = reencrypted(cipher, row.phone_cipher, phone);
      const phoneHash = movedHash(cipher, previous, 'phone', phone, row.phone_hash);
      if (phoneCipher === row.phone_cipher && phoneHash === row.phone_hash) continue;
      await db
        .updateTable('staff_account')
        .set({ phone_cipher: phoneCipher, phone_hash: phoneHash })
        .where('id', '=', row.id)
        .execute();
      if (phoneCipher !== row.phone_cipher) report.reencrypted += 1;
      if (phoneHash !== row.phone_hash) report.rehashed += 1;
    }
    const last = rows.at(-1);
    if (!last || rows.length < batch) return;
    after = last.id;
  }
}

function reencrypted(cipher: PiiCipher, stored: string | null, plain: string | null): string | null {
  return stored !== null && plain !== null && cipher.needsRotation(stored) ? cipher.encrypt(plain) : stored;
}

/**
 * A hash stored without its number: the number is found in an account holding the same old hash,
 * and every row with that hash gets the new one. Values are listed first, then moved, so a moved
 * value is never visited again.
 */
async function moveHashOnly(
  db: Db,
  cipher: PiiCipher,
  previous: PiiCipher,
  table: 'employee_roster' | 'roster_import_row' | 'registration_claim',
  column: 'phone_hash' | 'before_phone_hash',
  batch: number,
): Promise<{ rehashed: number; unmatched: number }> {
  const values: string[] = [];
  for (let after = ''; ; ) {
    const rows = await db
      .selectFrom(table)
      .select(sql<string>`${sql.ref(column)}`.as('value'))
      .distinct()
      .where(sql.ref(column), '>', after)
      .orderBy(sql.ref(column))
      .limit(batch)
      .execute();
    values.push(...rows.map((r) => r.value));
    const last = rows.at(-1);
    if (!last || rows.length < batch) break;
    after = last.value;
  }
  let rehashed = 0;
  let unmatched = 0;
  for (let i = 0; i < values.length; i += batch) {
    const chunk = values.slice(i, i + batch);
    const ciphers = [
      ...(await db
        .selectFrom('petitioner_account')
        .select('phone_cipher')
        .where((eb) => eb.or([eb('phone_hash', 'in', chunk), eb('contact_phone_hash', 'in', chunk)]))
        .execute()),
      ...(await db
        .selectFrom('staff_account')
        .select('phone_cipher')
        .where('phone_hash', 'in', chunk)
        .execute()),
    ];
    const moves = new Map<string, string>();
    for (const { phone_cipher } of ciphers) {
      if (!phone_cipher) continue;
      const phone = cipher.decrypt(phone_cipher);
      moves.set(previous.lookupHash('phone', phone), cipher.lookupHash('phone', phone));
    }
    for (const value of chunk) {
      const next = moves.get(value);
      if (!next) {
        unmatched += 1;
        continue;
      }
      const moved = await db
        .updateTable(table)
        .set({ [column]: next })
        .where(sql.ref(column), '=', value)
        .executeTakeFirst();
      rehashed += Number(moved.numUpdatedRows);
    }
  }
  return { rehashed, unmatched };
}
