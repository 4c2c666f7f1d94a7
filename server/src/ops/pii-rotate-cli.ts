import pino from 'pino';
import { ConfigError, loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { PiiCipher } from '../security/pii';
import { PiiKeyMismatch } from '../security/pii-check';
import { rotatePii } from './pii-rotate';

/**
 * `pnpm pii:rotate`, with every instance stopped (SECURITY.md, "Rotating the PII keys"):
 * PII_KEYS lists the new key first and the old ones after it; PII_HASH_KEY is the hash key to
 * keep, and PII_HASH_KEY_PREVIOUS, only when the hash key changes, the one the data uses now.
 * The previous key is read by the config's own reader (as PII_HASH_KEY of a second reading), so
 * it is checked exactly as the others are.
 */
try {
  const config = loadConfig();
  const previousKey = process.env.PII_HASH_KEY_PREVIOUS;
  const previousHashKey = previousKey
    ? loadConfig({ ...process.env, PII_HASH_KEY: previousKey }).pii.hashKey
    : null;
  const database = openDatabase(config.databaseUrl, { bounds: config.db, log: pino({ level: 'warn' }) });
  try {
    await migrateToLatest(database.db, database.dialect);
    const cipher = new PiiCipher(config.pii.keys, config.pii.hashKey);
    const previous = previousHashKey && new PiiCipher(config.pii.keys, previousHashKey);
    const report = await rotatePii(database.db, { cipher, previous });
    console.log(
      `Every personal number is now under the key "${cipher.activeKeyId}"` +
        `${previous ? ' and every lookup hash under the new PII_HASH_KEY' : ''}: ` +
        `${report.reencrypted} values re-encrypted, ${report.rehashed} hashes moved.`,
    );
    if (report.unmatchedHashes > 0)
      console.log(
        `${report.unmatchedHashes} lookup hashes (roster phones, desk registrations) have no stored ` +
          'number and stayed under the old hash key: import the employee roster again.',
      );
    console.log('The other keys may now leave PII_KEYS (and PII_HASH_KEY_PREVIOUS be forgotten).');
  } finally {
    await database.destroy();
  }
} catch (error) {
  const known = error instanceof ConfigError || error instanceof PiiKeyMismatch;
  console.error(`pii:rotate failed: ${known ? error.message : (error as Error).stack}`);
  console.error('Nothing is lost: fix the keys and run it again; it continues where it stopped.');
  process.exitCode = 1;
}
