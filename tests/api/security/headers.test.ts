import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildTestApp, type TestApp } from '@xinfang/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The security headers (plugins/security.ts) on everything the server answers: the API, its errors,
 * and the h5 app's page and files, each of which also keeps the caching its kind wants.
 */
describe('security headers', () => {
  let t: TestApp;
  const h5 = mkdtempSync(join(tmpdir(), 'xinfang-h5-'));

  beforeAll(async () => {
    writeFileSync(join(h5, 'index.html'), '<!doctype html><title>信访通</title>');
    writeFileSync(join(h5, 'app.0123abcd.js'), 'console.log(1)');
    t = await buildTestApp({ h5Dir: h5 });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(h5, { recursive: true, force: true });
  });

  it('are on the app, its files and the API alike, each with its own caching', async () => {
    const get = (url: string, accept = '*/*') => t.app.inject({ method: 'GET', url, headers: { accept } });
    const answers = {
      page: await get('/'),
      route: await get('/petitions/mine', 'text/html'),
      file: await get('/app.0123abcd.js'),
      api: await get('/api/health'),
      refused: await get('/api/auth/me'),
      missing: await get('/api/no-such-thing'),
      invalid: await t.app.inject({ method: 'POST', url: '/api/auth/otp', payload: { phone: 'no' } }),
    };
    expect(Object.values(answers).map((answer) => answer.statusCode)).toEqual([
      200, 200, 200, 200, 401, 404, 400,
    ]);
    for (const [name, { headers }] of Object.entries(answers)) {
      expect(headers['content-security-policy'], name).toContain("script-src 'self'");
      expect(headers['x-content-type-options'], name).toBe('nosniff');
      expect(headers['referrer-policy'], name).toBe('no-referrer');
      expect(headers['x-powered-by'], name).toBeUndefined();
    }
    expect(answers.page.headers['cache-control']).toBe('no-cache');
    expect(answers.route.headers['cache-control']).toBe('no-cache');
    expect(answers.file.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(answers.api.headers['cache-control']).toBe('no-store');
    for (const error of [answers.refused, answers.missing, answers.invalid])
      expect(error.headers['cache-control']).toBe('no-store');
  });
});
