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

  it('refuses to start in production with a missing, default or short secret, or with the demo seed', () => {
    expect(problemsOf({ APP_ENV: 'production' })).toContain(
      'JWT_SECRET must be set to a private value in production',
    );
    expect(problemsOf({ APP_ENV: 'production', JWT_SECRET: DEVELOPMENT_SECRETS.jwtSecret })).toContain(
      'JWT_SECRET must be set to a private value in production',
    );
    expect(problemsOf({ APP_ENV: 'production', JWT_SECRET: 'short' })).toContain(
      'JWT_SECRET must be at least 32 characters in production',
    );
    expect(problemsOf({ APP_ENV: 'production', JWT_SECRET: 'x'.repeat(40), SEED_DEMO: 'true' })).toContain(
      'SEED_DEMO must not be enabled in production',
    );
    expect(problemsOf({ APP_ENV: 'production', JWT_SECRET: 'x'.repeat(40) })).toEqual([]);
  });
});
