import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  parseSmsTemplates,
  parseWechatTemplates,
  type SmsTemplateMap,
  type WechatTemplateMap,
} from './integrations/template-maps';

/**
 * The one place that reads the environment. Every variable is checked at boot and every problem
 * is reported at once, so an operator fixes a bad deployment in one round, not one per restart.
 */

export type AppMode = 'development' | 'production' | 'test';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Config {
  mode: AppMode;
  host: string;
  port: number;
  /** `sqlite:<path>`, `sqlite::memory:` or `mysql://user:pass@host:port/db` */
  databaseUrl: string;
  logLevel: LogLevel;
  /** Signs access tokens. Must be set to a private value of 32+ characters in production. */
  jwtSecret: string;
  /** The largest JSON body accepted, in bytes. */
  bodyLimitBytes: number;
  /** The mini-program's h5 build served at `/`, or null to serve the API only. */
  h5Dir: string | null;
  /** Seed the demo organisation into an empty database (never in production). */
  seedDemo: boolean;
  /** With the demo, also a handful of cases in every stage (off for suites that count every petition). */
  seedDemoCases: boolean;
  /** With the demo cases, a year and more of past petitions behind the figures (seed/demo-history.ts). */
  seedDemoHistory: boolean;
  /**
   * The reverse proxies in front of us, by address or CIDR range: X-Forwarded-For is believed only
   * as far as it was added by one of them. False: the peer's address is the client's.
   */
  trustProxy: false | string[];
  /** Keys for personal numbers at rest: the first encrypts, all decrypt; plus the lookup-hash key. */
  pii: { keys: { id: string; key: Buffer }[]; hashKey: Buffer };
  /** How long audit entries are kept before the retention job deletes them. */
  auditRetentionDays: number;
  /** Run background jobs (housekeeping at start, then daily) in this process. Off in the test config. */
  runJobs: boolean;
  /** Automatic escalation (Art 38–40): an overdue case climbs one more level every so many working days late. */
  escalateUpAfterWorkingDays: number;
  /** An open case older than this many days is in the backlog register (积案) even within its limits. */
  backlogOpenDays: number;
  /**
   * A JSON file of extra working-day calendar years (the State Council's schedule for a new year,
   * or a correction), so a new year needs no release. Null: the years shipped in `shared`.
   */
  calendarFile: string | null;
  /** Where uploaded attachments are stored on the local disk (created on the first upload). */
  uploadDir: string;
  /**
   * Where the fonts for rare characters (生僻字) in printed notices and reports are read from:
   * Hanazono Mincho's HanaMinB.ttf and HanaMinA.ttf (documents/pdf/fonts.ts).
   */
  documentFallbackFontDir: string;
  /**
   * Attachments in an S3-compatible object store (MinIO, Tencent COS, Alibaba OSS) when S3_BUCKET
   * is set, instead of UPLOAD_DIR: several instances then need no shared disk.
   */
  s3: {
    bucket: string;
    endpoint?: string;
    region: string;
    /** Both or neither: neither means the SDK's own chain (environment, instance role). */
    credentials?: { accessKeyId: string; secretAccessKey: string };
    forcePathStyle: boolean;
    prefix: string;
  } | null;
  /** The largest file one upload may carry, in bytes. */
  uploadMaxBytes: number;
  /** How many uploads one person may hold unused (not yet in a petition) within 24 hours. */
  uploadMaxUnused: number;
  /** How many petitions one petitioner may submit online in a day (submission-limit.ts). */
  submissionsPerDay: number;
  /** How many uploads one account may send at once (a petition carries at most 9 files, sent together). */
  uploadConcurrencyPerAccount: number;
  /** How many received uploads are decoded and re-encoded at once: each holds its file in memory. */
  uploadProcessingConcurrency: number;
  /** Bounds on every wait for the database, so a frozen or lost database answers 503, never hangs. */
  db: DatabaseBounds;
  /** Bounds on every wait for a client, so a stalled upload or a silent connection is cut. */
  http: HttpBounds;
  /** How long a shutdown may take to finish the requests in flight before the process exits anyway. */
  shutdownGraceMs: number;
  /** Log one ordinary request (2xx/3xx, fast) in this many; 4xx, 5xx and slow ones are always logged. */
  requestLogEvery: number;
  /**
   * WeChat mini-program: login, subscribe messages, content security and the message push (both
   * id and secret unset means the development stand-ins, never in production).
   */
  wechat: {
    appId?: string;
    appSecret?: string;
    apiBase?: string;
    /** Subscribe-message templates per event; null or unset: none configured (the channel is off). */
    subscribeTemplates?: WechatTemplateMap | null;
    /** Which version of the mini-program a tap on a message opens (default formal). */
    miniprogramState?: 'formal' | 'trial' | 'developer';
    /** The message-push Token, to check WeChat's signature on pushed events (content-check results). */
    pushToken?: string;
    /** The message-push EncodingAESKey (43 characters): set for WeChat's safe mode, unset for plain text. */
    pushAesKey?: string;
  };
  /** The address the world reaches this server at (for WeChat to fetch photos it checks); null: not public. */
  publicBaseUrl: string | null;
  /** Notifications and the outbox that delivers them. */
  notifications: {
    /** Off only to measure what they cost (the benchmark); refused in production, where notices are owed. */
    enabled: boolean;
    /** SMS quiet hours in Beijing time, as minutes after midnight; null: none. */
    quietHours: { from: number; to: number } | null;
    /** Tries before a message is dead-lettered. */
    maxAttempts: number;
    /** How long a claim holds a message before another dispatcher may take it over. */
    leaseSeconds: number;
    /** Messages claimed at a time, and sent at once, by one dispatcher. */
    batchSize: number;
    concurrency: number;
    /** Messages per second per provider, per server instance. */
    rates: { wechat: number; sms: number; check: number };
  };
  /** Tencent Cloud SMS for one-time codes; all unset means the development log (never in production). */
  sms: {
    secretId?: string;
    secretKey?: string;
    sdkAppId?: string;
    signName?: string;
    templateId?: string;
    region?: string;
    apiBase?: string;
    /** Notification templates per event; null or unset: none configured (the channel is off). */
    notifyTemplates?: SmsTemplateMap | null;
  };
}

export interface DatabaseBounds {
  /** The longest one statement may run (MariaDB's max_statement_time; the driver waits a little longer). */
  statementTimeoutMs: number;
  /** The longest a request waits for a pooled connection (mysql2's pool has no bound of its own). */
  acquireTimeoutMs: number;
  /** The longest opening a MySQL connection may take. */
  connectTimeoutMs: number;
  /** The longest a statement waits for another transaction's lock (SQLite busy_timeout, InnoDB lock wait). */
  lockTimeoutMs: number;
  /** The longest the health check waits for the database before it reports it down. */
  probeTimeoutMs: number;
  /** SQLite only: the largest the database file may grow, in bytes, or null for no limit but the disk's. */
  sqliteMaxBytes: number | null;
}

export interface HttpBounds {
  /** A connection that sends and receives nothing for this long is closed (a stalled upload). */
  idleTimeoutMs: number;
  /** A request, body included, must arrive in full within this time (408 otherwise). */
  requestTimeoutMs: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const serverRoot = resolve(fileURLToPath(import.meta.url), '../..');

const developmentKey = (label: string) =>
  createHash('sha256').update(`xinfang development ${label}`).digest();

/** Values that are fine on a developer's machine and refused in production. */
export const DEVELOPMENT_SECRETS = {
  jwtSecret: 'development-only-jwt-secret-do-not-deploy',
  piiKeys: `dev:${developmentKey('pii key').toString('base64')}`,
  piiHashKey: developmentKey('pii hash key').toString('base64'),
} as const;

/** Where Debian's fonts-hanazono puts its fonts: the rare characters' fonts unless told otherwise. */
export const DEFAULT_FALLBACK_FONT_DIR = '/usr/share/fonts/truetype/hanazono';

/** How long the WeChat and Tencent SMS clients wait for an answer (their per-request default). */
export const PROVIDER_TIMEOUT_MS = 5_000;

const MODES: readonly AppMode[] = ['development', 'production', 'test'];
const MINIPROGRAM_STATES = ['formal', 'trial', 'developer'] as const;
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const read = new EnvReader(env, problems);

  const mode = read.oneOf('APP_ENV', MODES, 'development');
  const config: Config = {
    mode,
    host: read.string('HOST', '127.0.0.1'),
    port: read.integer('PORT', 3000, 0, 65535),
    databaseUrl: read.databaseUrl('DATABASE_URL', 'sqlite:./data/xinfang.db'),
    logLevel: read.oneOf('LOG_LEVEL', LOG_LEVELS, mode === 'test' ? 'silent' : 'info'),
    jwtSecret: read.string('JWT_SECRET', DEVELOPMENT_SECRETS.jwtSecret),
    bodyLimitBytes: read.integer('BODY_LIMIT_BYTES', 256 * 1024, 1024, 64 * 1024 * 1024),
    h5Dir: read.optionalPath('H5_DIR', resolve(serverRoot, '../miniapp/dist/h5')),
    seedDemo: read.boolean('SEED_DEMO', false),
    seedDemoCases: read.boolean('SEED_DEMO_CASES', true),
    seedDemoHistory: read.boolean('SEED_DEMO_HISTORY', true),
    trustProxy: read.proxies('TRUST_PROXY'),
    pii: {
      keys: read.keyList('PII_KEYS', DEVELOPMENT_SECRETS.piiKeys),
      hashKey: read.key('PII_HASH_KEY', DEVELOPMENT_SECRETS.piiHashKey),
    },
    auditRetentionDays: read.integer('AUDIT_RETENTION_DAYS', 3 * 365, 180, 100 * 365),
    runJobs: read.boolean('RUN_JOBS', true),
    escalateUpAfterWorkingDays: read.integer('ESCALATE_UP_AFTER_WORKING_DAYS', 5, 1, 60),
    backlogOpenDays: read.integer('BACKLOG_OPEN_DAYS', 90, 1, 3650),
    calendarFile: read.optionalPath('CALENDAR_FILE', 'none'),
    uploadDir: resolve(read.string('UPLOAD_DIR', './data/files')),
    documentFallbackFontDir: resolve(read.string('DOCUMENT_FALLBACK_FONT_DIR', DEFAULT_FALLBACK_FONT_DIR)),
    s3: readS3(read, problems),
    uploadMaxBytes: read.integer('UPLOAD_MAX_BYTES', 10 * 1024 * 1024, 64 * 1024, 100 * 1024 * 1024),
    uploadMaxUnused: read.integer('UPLOAD_MAX_UNUSED', 50, 9, 1000),
    submissionsPerDay: read.integer('SUBMISSIONS_PER_DAY', 20, 1, 1_000_000),
    uploadConcurrencyPerAccount: read.integer('UPLOAD_CONCURRENCY_PER_ACCOUNT', 9, 1, 1000),
    uploadProcessingConcurrency: read.integer('UPLOAD_PROCESSING_CONCURRENCY', 2, 1, 64),
    db: {
      statementTimeoutMs: read.integer('DB_STATEMENT_TIMEOUT_MS', 10_000, 100, 3_600_000),
      acquireTimeoutMs: read.integer('DB_ACQUIRE_TIMEOUT_MS', 5_000, 100, 600_000),
      connectTimeoutMs: read.integer('DB_CONNECT_TIMEOUT_MS', 5_000, 100, 600_000),
      lockTimeoutMs: read.integer('DB_LOCK_TIMEOUT_MS', 5_000, 0, 600_000),
      probeTimeoutMs: read.integer('DB_PROBE_TIMEOUT_MS', 1_500, 100, 60_000),
      sqliteMaxBytes: read.optionalInteger('SQLITE_MAX_BYTES', 64 * 1024, 2 ** 50),
    },
    http: {
      idleTimeoutMs: read.integer('HTTP_IDLE_TIMEOUT_MS', 30_000, 1_000, 3_600_000),
      requestTimeoutMs: read.integer('HTTP_REQUEST_TIMEOUT_MS', 300_000, 1_000, 3_600_000),
    },
    shutdownGraceMs: read.integer('SHUTDOWN_GRACE_MS', 10_000, 1_000, 600_000),
    requestLogEvery: read.integer('REQUEST_LOG_EVERY', mode === 'production' ? 20 : 1, 1, 1_000_000),
    wechat: {
      appId: read.optional('WECHAT_APP_ID'),
      appSecret: read.optional('WECHAT_APP_SECRET'),
      apiBase: read.optionalUrl('WECHAT_API_BASE_URL'),
      subscribeTemplates: read.parsed('WECHAT_SUBSCRIBE_TEMPLATES', parseWechatTemplates),
      miniprogramState: read.oneOf('WECHAT_MINIPROGRAM_STATE', MINIPROGRAM_STATES, 'formal'),
      pushToken: read.optional('WECHAT_PUSH_TOKEN'),
      pushAesKey: read.aesKey('WECHAT_PUSH_AES_KEY'),
    },
    publicBaseUrl: read.optionalUrl('PUBLIC_BASE_URL') ?? null,
    notifications: {
      enabled: read.boolean('NOTIFICATIONS', true),
      quietHours: read.quietHours('NOTIFY_QUIET_HOURS', '21:00-08:00'),
      maxAttempts: read.integer('OUTBOX_MAX_ATTEMPTS', 8, 1, 50),
      leaseSeconds: read.integer('OUTBOX_LEASE_SECONDS', 60, 2, 3600),
      batchSize: read.integer('OUTBOX_BATCH_SIZE', 100, 1, 1000),
      concurrency: read.integer('OUTBOX_CONCURRENCY', 32, 1, 256),
      rates: read.rates('OUTBOX_RATES', { wechat: 1000, sms: 1000, check: 200 }),
    },
    sms: {
      secretId: read.optional('TENCENT_SMS_SECRET_ID'),
      secretKey: read.optional('TENCENT_SMS_SECRET_KEY'),
      sdkAppId: read.optional('TENCENT_SMS_SDK_APP_ID'),
      signName: read.optional('TENCENT_SMS_SIGN_NAME'),
      templateId: read.optional('TENCENT_SMS_TEMPLATE_ID'),
      region: read.optional('TENCENT_SMS_REGION'),
      apiBase: read.optionalUrl('TENCENT_SMS_BASE_URL'),
      notifyTemplates: read.parsed('TENCENT_SMS_NOTIFY_TEMPLATES', parseSmsTemplates),
    },
  };

  problems.push(...secretProblems(env, config));
  // Each round's rows are claimed for one lease and renewed as each is sent; a batch of the slowest
  // provider's messages that its rate cannot send within a lease would keep outrunning its claims.
  const { batchSize, leaseSeconds, rates } = config.notifications;
  const slowest = Math.min(rates.wechat, rates.sms, rates.check);
  if (batchSize / slowest > leaseSeconds)
    problems.push(
      `OUTBOX_BATCH_SIZE ÷ the lowest of OUTBOX_RATES (${batchSize} ÷ ${slowest}/s) must not exceed OUTBOX_LEASE_SECONDS (${leaseSeconds} s)`,
    );
  // A lease renewed just before a send must outlast the send: a provider that takes its whole
  // timeout (a WeChat token fetched again within the try takes two calls) would otherwise have
  // the row claimed and sent again by another dispatcher meanwhile.
  if (leaseSeconds * 1000 < 2 * PROVIDER_TIMEOUT_MS)
    problems.push(
      `OUTBOX_LEASE_SECONDS (${leaseSeconds} s) must be at least twice the WeChat and SMS timeout (2 × ${PROVIDER_TIMEOUT_MS / 1000} s)`,
    );

  if (mode === 'production') {
    if (env.JWT_SECRET === undefined || config.jwtSecret === DEVELOPMENT_SECRETS.jwtSecret) {
      problems.push('JWT_SECRET must be set to a private value in production');
    } else if (config.jwtSecret.length < 32) {
      problems.push('JWT_SECRET must be at least 32 characters in production');
    }
    // The development keys are refused by their bytes, however they are spelled (padding, key id).
    if (env.PII_KEYS === undefined || config.pii.keys.some((k) => isDevelopmentKey(k.key)))
      problems.push('PII_KEYS must be set in production, without the development key');
    if (env.PII_HASH_KEY === undefined || isDevelopmentKey(config.pii.hashKey))
      problems.push('PII_HASH_KEY must be set in production, not to the development key');
    if (config.seedDemo) problems.push('SEED_DEMO must not be enabled in production');
    if (!config.notifications.enabled) {
      problems.push(
        'NOTIFICATIONS must not be turned off in production: the statute owes petitioners their notices',
      );
    }
    // The development stand-ins (any WeChat code signs in; codes only logged) must never serve real people.
    if (!config.wechat.appId || !config.wechat.appSecret) {
      problems.push('WECHAT_APP_ID and WECHAT_APP_SECRET must be set in production');
    }
    const sms = ['SECRET_ID', 'SECRET_KEY', 'SDK_APP_ID', 'SIGN_NAME', 'TEMPLATE_ID'].map(
      (n) => `TENCENT_SMS_${n}`,
    );
    const missingSms = sms.filter((name) => !env[name]?.trim());
    if (missingSms.length > 0) problems.push(`${missingSms.join(', ')} must be set in production`);
  }

  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

function readS3(read: EnvReader, problems: string[]): Config['s3'] {
  const bucket = read.optional('S3_BUCKET');
  const accessKeyId = read.optional('S3_ACCESS_KEY_ID');
  const secretAccessKey = read.optional('S3_SECRET_ACCESS_KEY');
  if (!bucket) return null;
  if (Boolean(accessKeyId) !== Boolean(secretAccessKey)) {
    problems.push('S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY must be set together');
  }
  return {
    bucket,
    endpoint: read.optionalUrl('S3_ENDPOINT'),
    region: read.string('S3_REGION', 'us-east-1'),
    credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined,
    forcePathStyle: read.boolean('S3_FORCE_PATH_STYLE', true),
    prefix: read.string('S3_PREFIX', ''),
  };
}

class EnvReader {
  constructor(
    private readonly env: Env,
    private readonly problems: string[],
  ) {}

  private raw(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === '' ? undefined : value;
  }

  string(name: string, fallback: string): string {
    return this.raw(name) ?? fallback;
  }

  optional(name: string): string | undefined {
    return this.raw(name);
  }

  optionalUrl(name: string): string | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    if (/^https?:\/\/[^\s]+$/.test(value)) return value.replace(/\/+$/, '');
    this.problems.push(`${name} must be an http(s) URL`);
    return undefined;
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const parsed = Number(value);
    if (!/^\d+$/.test(value) || parsed < min || parsed > max) {
      this.problems.push(`${name} must be an integer from ${min} to ${max}, got "${value}"`);
      return fallback;
    }
    return parsed;
  }

  optionalInteger(name: string, min: number, max: number): number | null {
    return this.raw(name) === undefined ? null : this.integer(name, min, min, max);
  }

  boolean(name: string, fallback: boolean): boolean {
    const value = this.raw(name)?.toLowerCase();
    if (value === undefined) return fallback;
    if (['1', 'true', 'yes', 'on'].includes(value)) return true;
    if (['0', 'false', 'no', 'off'].includes(value)) return false;
    this.problems.push(`${name} must be true or false, got "${value}"`);
    return fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    this.problems.push(`${name} must be one of ${allowed.join(', ')}, got "${value}"`);
    return fallback;
  }

  databaseUrl(name: string, fallback: string): string {
    const value = this.raw(name) ?? fallback;
    if (value.startsWith('sqlite:') && value.length > 'sqlite:'.length) return value;
    if (value.startsWith('mysql://')) {
      try {
        const url = new URL(value);
        if (url.hostname && url.pathname.length > 1) return value;
      } catch {
        // reported below
      }
    }
    this.problems.push(`${name} must be sqlite:<path> or mysql://user:pass@host:port/database`);
    return fallback;
  }

  /** A base64 key of 32 bytes. */
  key(name: string, fallback: string): Buffer {
    const value = this.raw(name) ?? fallback;
    const key = Buffer.from(value, 'base64');
    if (key.length !== 32) {
      this.problems.push(`${name} must be 32 bytes in base64 (openssl rand -base64 32)`);
      return Buffer.from(fallback, 'base64');
    }
    return key;
  }

  /** `id:base64key,id2:base64key`: the first key encrypts, every listed key decrypts. */
  keyList(name: string, fallback: string): { id: string; key: Buffer }[] {
    const keys = parseKeyList(this.raw(name) ?? fallback);
    if (keys) return keys;
    this.problems.push(`${name} must be id:base64key pairs (32-byte keys, unique ids) separated by commas`);
    return parseKeyList(fallback) ?? [];
  }

  /** `false` (or unset), or the proxies' addresses and CIDR ranges separated by commas. */
  proxies(name: string): false | string[] {
    const value = this.raw(name);
    if (value === undefined || ['false', 'no', 'off', '0', 'none'].includes(value.toLowerCase()))
      return false;
    const entries = value.split(',').map((entry) => entry.trim());
    const bad = entries.filter((entry) => !isAddressOrRange(entry));
    if (['true', 'yes', 'on', '1'].includes(value.toLowerCase()) || bad.length > 0) {
      this.problems.push(
        `${name} must name the reverse proxies by address or CIDR range (e.g. 127.0.0.1,10.0.0.0/8), or be false; got "${value}"`,
      );
      return false;
    }
    return entries;
  }

  /** A value another module parses (JSON template maps), its problems reported with the rest. */
  parsed<T>(
    name: string,
    parse: (name: string, raw: string) => { value: T | null; problems: string[] },
  ): T | null {
    const value = this.raw(name);
    if (value === undefined) return null;
    const result = parse(name, value);
    this.problems.push(...result.problems);
    return result.value;
  }

  /** WeChat's EncodingAESKey: 43 characters of base64 without its padding, 32 bytes. */
  aesKey(name: string): string | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    if (/^[A-Za-z0-9+/]{43}$/.test(value) && Buffer.from(`${value}=`, 'base64').length === 32) return value;
    this.problems.push(`${name} must be WeChat's EncodingAESKey: 43 letters and digits`);
    return undefined;
  }

  /** `HH:MM-HH:MM` in Beijing time (may wrap past midnight), or `none`. */
  quietHours(name: string, fallback: string): { from: number; to: number } | null {
    const value = this.raw(name) ?? fallback;
    if (value === 'none') return null;
    const match = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
    if (!match || value.slice(0, 5) === value.slice(6)) {
      this.problems.push(`${name} must be HH:MM-HH:MM (Beijing time) or none, got "${value}"`);
      return null;
    }
    const [, h1, m1, h2, m2] = match.map(Number) as number[];
    return { from: (h1 ?? 0) * 60 + (m1 ?? 0), to: (h2 ?? 0) * 60 + (m2 ?? 0) };
  }

  /** `wechat=1000,sms=500,check=200`: messages per second per provider; unnamed ones keep the default. */
  rates<K extends string>(name: string, fallback: Record<K, number>): Record<K, number> {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const rates = { ...fallback };
    for (const entry of value.split(',')) {
      const [key = '', amount = ''] = entry.trim().split('=');
      if (!(key in fallback) || !/^\d+$/.test(amount) || Number(amount) < 1 || Number(amount) > 100_000) {
        this.problems.push(
          `${name} must be provider=messages-per-second pairs among ${Object.keys(fallback).join(', ')}, got "${entry.trim()}"`,
        );
        return fallback;
      }
      rates[key as K] = Number(amount);
    }
    return rates;
  }

  optionalPath(name: string, fallback: string): string | null {
    const value = this.raw(name);
    if (value === undefined) return fallback === 'none' ? null : fallback;
    if (value === 'none') return null;
    return resolve(value);
  }
}

const SECRETS = ['JWT_SECRET', 'PII_KEYS', 'PII_HASH_KEY'] as const;

/**
 * The example env file's placeholders (CHANGE-ME-…) are refused in any mode, and so is one key
 * used for two of the secrets: a leaked token key would then also decrypt or link the phone and ID
 * numbers it was meant to be kept apart from.
 */
function secretProblems(env: Env, config: Config): string[] {
  const problems = SECRETS.filter((name) => /change-?me/i.test(env[name] ?? '')).map(
    (name) => `${name} still holds the example's CHANGE-ME placeholder: set a random value of your own`,
  );
  const jwt = env.JWT_SECRET?.trim();
  const jwtKeys = jwt ? [Buffer.from(jwt, 'utf8'), Buffer.from(jwt, 'base64')] : [];
  const keysOf: Record<(typeof SECRETS)[number], Buffer[]> = {
    JWT_SECRET: jwtKeys.filter((key) => key.length > 0),
    PII_KEYS: env.PII_KEYS?.trim() ? config.pii.keys.map((k) => k.key) : [],
    PII_HASH_KEY: env.PII_HASH_KEY?.trim() ? [config.pii.hashKey] : [],
  };
  for (const [i, a] of SECRETS.entries()) {
    for (const b of SECRETS.slice(i + 1)) {
      if (keysOf[a].some((x) => keysOf[b].some((y) => x.equals(y))))
        problems.push(`${a} and ${b} must not share a key: give each its own (openssl rand -base64 32)`);
    }
  }
  return problems;
}

function isDevelopmentKey(key: Buffer): boolean {
  return [developmentKey('pii key'), developmentKey('pii hash key')].some(
    (dev) => dev.length === key.length && timingSafeEqual(dev, key),
  );
}

function parseKeyList(value: string): { id: string; key: Buffer }[] | null {
  const keys = value.split(',').map((entry) => {
    const [id = '', encoded = ''] = entry.trim().split(':');
    return { id, key: Buffer.from(encoded, 'base64') };
  });
  const valid = keys.every((k) => /^[\w-]{1,16}$/.test(k.id) && k.key.length === 32);
  return valid && new Set(keys.map((k) => k.id)).size === keys.length ? keys : null;
}

/** `10.0.0.1`, `::1`, `10.0.0.0/8`, `fd00::/8`. */
function isAddressOrRange(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}
