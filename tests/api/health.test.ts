import { buildApp } from '@xinfang/server/app';
import { buildTestApp, type TestApp, testConfig, testDialect } from '@xinfang/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port';

describe('GET /api/health', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('answers 200 when the database is reachable, and names neither the engine nor its version', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({
      status: 'ok',
      db: { ok: true, reachable: true, writable: true, problem: null },
    });
    // Which database and which version are for administrators (issue 11): /api/admin/health.
    expect(body.db).not.toHaveProperty('version');
    expect(body.db).not.toHaveProperty('dialect');
    expect(response.body).not.toContain(testDialect());
  });

  it('answers 503 and says the database is unreachable, since when, when it cannot be reached', async () => {
    const port = await freePort();
    const app = await buildApp(testConfig({ databaseUrl: `mysql://nobody:none@127.0.0.1:${port}/nothing` }));
    try {
      const response = await app.inject({ method: 'GET', url: '/api/health' });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toEqual({
        status: 'degraded',
        db: {
          ok: false,
          reachable: false,
          writable: false,
          problem: { kind: 'unreachable', since: expect.any(String) },
          conflicts: { retried: 0, gaveUp: 0 },
        },
      });
      // While it is down, requests are refused at once with Retry-After, in the one error shape.
      const refused = await app.inject({ method: 'GET', url: '/api/org/units' });
      expect(refused.statusCode).toBe(503);
      expect(refused.headers['retry-after']).toBe('5');
      expect(refused.json()).toEqual({
        error: {
          code: 'SERVICE_UNAVAILABLE',
          message: expect.any(String),
          details: { retryAfterSeconds: 5 },
        },
      });
    } finally {
      await app.close();
    }
  });
});
