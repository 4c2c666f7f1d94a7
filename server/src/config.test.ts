import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEVELOPMENT_SECRETS, loadConfig } from './config';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('config', () => {
  it('starts a developer with defaults: embedded SQLite on 127.0.0.1:3000', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      mode: 'development',
      host: '127.0.0.1',
      port: 3000,
      databaseUrl: 'sqlite:./data/xinfang.db',
      seedDemo: false,
    });
  });

  it('reports every invalid variable at once', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      DATABASE_URL: 'postgres://nope',
      LOG_LEVEL: 'loud',
      SEED_DEMO: 'maybe',
      APP_ENV: 'staging',
    });
    expect(problems).toHaveLength(5);
    for (const name of ['PORT', 'DATABASE_URL', 'LOG_LEVEL', 'SEED_DEMO', 'APP_ENV']) {
      expect(problems.some((p) => p.startsWith(name))).toBe(true);
    }
  });

  it('never echoes a database password in a problem', () => {
    const problems = problemsOf({ DATABASE_URL: 'mysql://root:s3cret@/' });
    expect(problems.join()).not.toContain('s3cret');
  });

  it('accepts both database forms', () => {
    expect(loadConfig({ DATABASE_URL: 'mysql://u:p@db:3306/xinfang' }).databaseUrl).toBe(
      'mysql://u:p@db:3306/xinfang',
    );
    expect(loadConfig({ DATABASE_URL: 'sqlite::memory:' }).databaseUrl).toBe('sqlite::memory:');
  });

  it('stores uploads under ./data/files, up to 10 MB each and 50 unused per person, unless told otherwise', () => {
    const defaults = loadConfig({});
    expect(defaults.uploadDir).toBe(resolve('./data/files'));
    expect(defaults.uploadMaxBytes).toBe(10 * 1024 * 1024);
    expect(defaults.uploadMaxUnused).toBe(50);
    const given = loadConfig({
      UPLOAD_DIR: '/srv/xinfang/files',
      UPLOAD_MAX_BYTES: '5242880',
      UPLOAD_MAX_UNUSED: '20',
    });
    expect(given).toMatchObject({
      uploadDir: '/srv/xinfang/files',
      uploadMaxBytes: 5242880,
      uploadMaxUnused: 20,
    });
    expect(problemsOf({ UPLOAD_MAX_BYTES: '10MB', UPLOAD_MAX_UNUSED: '3' })).toEqual([
      'UPLOAD_MAX_BYTES must be an integer from 65536 to 104857600, got "10MB"',
      'UPLOAD_MAX_UNUSED must be an integer from 9 to 1000, got "3"',
    ]);
  });

  const productionSecrets = {
    APP_ENV: 'production',
    JWT_SECRET: 'x'.repeat(40),
    PII_KEYS: `2026a:${Buffer.alloc(32, 1).toString('base64')},2025b:${Buffer.alloc(32, 2).toString('base64')}`,
    PII_HASH_KEY: Buffer.alloc(32, 3).toString('base64'),
    WECHAT_APP_ID: 'wx0123456789abcdef',
    WECHAT_APP_SECRET: 'a'.repeat(32),
    TENCENT_SMS_SECRET_ID: 'AKIDexample',
    TENCENT_SMS_SECRET_KEY: 'k'.repeat(32),
    TENCENT_SMS_SDK_APP_ID: '1400000000',
    TENCENT_SMS_SIGN_NAME: '晋安煤业',
    TENCENT_SMS_TEMPLATE_ID: '100001',
  };

  it('refuses the development WeChat and SMS stand-ins in production', () => {
    const { WECHAT_APP_SECRET: _w, TENCENT_SMS_SIGN_NAME: _s, ...partial } = productionSecrets;
    expect(problemsOf(partial)).toEqual([
      'WECHAT_APP_ID and WECHAT_APP_SECRET must be set in production',
      'TENCENT_SMS_SIGN_NAME must be set in production',
    ]);
  });

  it('reads rotating PII keys, the first one encrypting', () => {
    const config = loadConfig(productionSecrets);
    expect(config.pii.keys.map((k) => k.id)).toEqual(['2026a', '2025b']);
    expect(config.pii.hashKey).toHaveLength(32);
  });

  it('refuses malformed keys', () => {
    expect(problemsOf({ PII_KEYS: 'k1:short', PII_HASH_KEY: 'c2hvcnQ=' })).toEqual([
      'PII_KEYS must be id:base64key pairs (32-byte keys, unique ids) separated by commas',
      'PII_HASH_KEY must be 32 bytes in base64 (openssl rand -base64 32)',
    ]);
    const key = Buffer.alloc(32).toString('base64');
    expect(problemsOf({ PII_KEYS: `a:${key},a:${key}` })).toHaveLength(1);
  });

  it('refuses to start in production with development PII keys, however they are spelled', () => {
    const { PII_KEYS: _k, PII_HASH_KEY: _h, ...withoutPii } = productionSecrets;
    const problems = [
      'PII_KEYS must be set in production, without the development key',
      'PII_HASH_KEY must be set in production, not to the development key',
    ];
    expect(problemsOf(withoutPii)).toEqual(problems);
    const devKey = DEVELOPMENT_SECRETS.piiKeys.split(':')[1] as string;
    const devHashKey = DEVELOPMENT_SECRETS.piiHashKey;
    const own = productionSecrets.PII_KEYS;
    for (const [keys, hashKey] of [
      [DEVELOPMENT_SECRETS.piiKeys, devHashKey],
      // Unpadded base64 and another key id are the same key material.
      [`prod:${devKey.replace(/=+$/, '')}`, devHashKey.replace(/=+$/, '')],
      // Kept as an old key for decryption only, or the two development keys swapped.
      [`${own},old:${devKey}`, devHashKey],
      [`k1:${devHashKey}`, ` ${devKey} `],
    ] as const) {
      expect(problemsOf({ ...productionSecrets, PII_KEYS: keys, PII_HASH_KEY: hashKey }), keys).toEqual(
        problems,
      );
    }
  });

  it("refuses the example file's CHANGE-ME placeholders, in production and out of it", () => {
    const placeholders = {
      JWT_SECRET: 'CHANGE-ME-at-least-32-random-characters',
      PII_KEYS: 'k1:CHANGE-ME-base64-32-bytes',
      PII_HASH_KEY: 'CHANGE-ME-base64-32-bytes',
    };
    for (const [name, value] of Object.entries(placeholders)) {
      const expected = `${name} still holds the example's CHANGE-ME placeholder: set a random value of your own`;
      expect(problemsOf({ ...productionSecrets, [name]: value }), name).toContain(expected);
      expect(problemsOf({ [name]: value }), name).toContain(expected);
    }
    // Long enough, and not the development value: only the placeholder check stands in the way.
    expect(problemsOf({ ...productionSecrets, JWT_SECRET: placeholders.JWT_SECRET })).toEqual([
      "JWT_SECRET still holds the example's CHANGE-ME placeholder: set a random value of your own",
    ]);
  });

  it('refuses one key used for two of JWT_SECRET, PII_KEYS and PII_HASH_KEY', () => {
    const key = Buffer.alloc(32, 9).toString('base64');
    const shared = (a: string, b: string) =>
      `${a} and ${b} must not share a key: give each its own (openssl rand -base64 32)`;
    expect(
      problemsOf({ ...productionSecrets, JWT_SECRET: key, PII_KEYS: `k1:${key}`, PII_HASH_KEY: key }),
    ).toEqual([
      shared('JWT_SECRET', 'PII_KEYS'),
      shared('JWT_SECRET', 'PII_HASH_KEY'),
      shared('PII_KEYS', 'PII_HASH_KEY'),
    ]);
    // An old key kept for decryption only is a key all the same; padding does not make another key.
    const hash = productionSecrets.PII_HASH_KEY;
    expect(
      problemsOf({ ...productionSecrets, PII_KEYS: `${productionSecrets.PII_KEYS},old:${hash}` }),
    ).toEqual([shared('PII_KEYS', 'PII_HASH_KEY')]);
    expect(problemsOf({ ...productionSecrets, JWT_SECRET: hash.replace(/=+$/, '') })).toEqual([
      shared('JWT_SECRET', 'PII_HASH_KEY'),
    ]);
    expect(problemsOf({ PII_KEYS: `k1:${key}`, PII_HASH_KEY: key })).toEqual([
      shared('PII_KEYS', 'PII_HASH_KEY'),
    ]);
  });

  it('trusts X-Forwarded-For only from the proxies it names', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,fd00::/8' }).trustProxy).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
      'fd00::/8',
    ]);
    for (const value of ['true', 'yes', 'example.org', '10.0.0.0/33', '10.0.0/8', '10.0.0.1/8/8']) {
      expect(problemsOf({ TRUST_PROXY: value }), value).toEqual([
        `TRUST_PROXY must name the reverse proxies by address or CIDR range (e.g. 127.0.0.1,10.0.0.0/8), or be false; got "${value}"`,
      ]);
    }
  });

  it('refuses to start in production with a missing, default or short secret, or with the demo seed', () => {
    const { JWT_SECRET: _, ...withoutJwt } = productionSecrets;
    expect(problemsOf(withoutJwt)).toEqual(['JWT_SECRET must be set to a private value in production']);
    expect(problemsOf({ ...productionSecrets, JWT_SECRET: DEVELOPMENT_SECRETS.jwtSecret })).toEqual([
      'JWT_SECRET must be set to a private value in production',
    ]);
    expect(problemsOf({ ...productionSecrets, JWT_SECRET: 'short' })).toEqual([
      'JWT_SECRET must be at least 32 characters in production',
    ]);
    expect(problemsOf({ ...productionSecrets, SEED_DEMO: 'true' })).toEqual([
      'SEED_DEMO must not be enabled in production',
    ]);
    expect(problemsOf(productionSecrets)).toEqual([]);
  });

  it('bounds every wait on the database and on clients, with defaults and checked overrides', () => {
    const defaults = loadConfig({});
    expect(defaults.db).toEqual({
      statementTimeoutMs: 10_000,
      acquireTimeoutMs: 5_000,
      connectTimeoutMs: 5_000,
      lockTimeoutMs: 5_000,
      probeTimeoutMs: 1_500,
      sqliteMaxBytes: null,
    });
    expect(defaults.http).toEqual({ idleTimeoutMs: 30_000, requestTimeoutMs: 300_000 });
    expect(defaults.shutdownGraceMs).toBe(10_000);
    expect(defaults.uploadConcurrencyPerAccount).toBe(9);
    expect(loadConfig({ DB_STATEMENT_TIMEOUT_MS: '2500', SQLITE_MAX_BYTES: '1048576' }).db).toMatchObject({
      statementTimeoutMs: 2_500,
      sqliteMaxBytes: 1_048_576,
    });
    const problems = problemsOf({
      DB_PROBE_TIMEOUT_MS: '0',
      HTTP_IDLE_TIMEOUT_MS: 'soon',
      SQLITE_MAX_BYTES: '10',
    });
    expect(problems.map((p) => p.split(' ')[0])).toEqual([
      'DB_PROBE_TIMEOUT_MS',
      'SQLITE_MAX_BYTES',
      'HTTP_IDLE_TIMEOUT_MS',
    ]);
  });

  it('logs every request in development and one ordinary request in 20 in production', () => {
    expect(loadConfig({}).requestLogEvery).toBe(1);
    expect(loadConfig({ REQUEST_LOG_EVERY: '100' }).requestLogEvery).toBe(100);
    expect(loadConfig(productionSecrets).requestLogEvery).toBe(20);
  });
});
