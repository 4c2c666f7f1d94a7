import { Writable } from 'node:stream';
import { buildTestApp, type TestApp, testDialect } from '@xinfang/server/testing';
import { isErrorCode } from '@xinfang/shared/errors';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** Every error leaves in one shape, with a code from `shared`. */
function expectErrorShape(response: LightMyRequestResponse, status: number, code: string) {
  expect(response.statusCode).toBe(status);
  expect(response.headers['content-type']).toMatch(/application\/json/);
  const body = response.json();
  expect(Object.keys(body)).toEqual(['error']);
  expect(isErrorCode(body.error.code)).toBe(true);
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
  expect(body.error.message.length).toBeGreaterThan(0);
  return body.error as { code: string; message: string; details?: unknown };
}

/** Values that must never reach the log (PIPL Art 51). */
const PERSONAL = { name: '张三丰', phone: '13912345678' };

describe('the one error shape', () => {
  let t: TestApp;
  let logs = '';
  const secret = 'connection to 10.0.0.7 refused: password=hunter2';

  beforeAll(async () => {
    const destination = new Writable({
      write(chunk, _encoding, done) {
        logs += chunk;
        done();
      },
    });
    t = await buildTestApp({ logLevel: 'info', bodyLimitBytes: 2048 }, { logDestination: destination });
    // Probe routes exercise the handler the way real routes will.
    t.app.post(
      '/api/probe',
      {
        config: { access: { public: true } },
        schema: {
          body: Type.Object({
            title: Type.String({ minLength: 1, maxLength: 10 }),
            headcount: Type.Integer({ minimum: 1 }),
            representatives: Type.Optional(Type.Array(Type.Object({ name: Type.String() }), { maxItems: 5 })),
          }),
        },
      },
      async () => ({ ok: true }),
    );
    t.app.get(
      '/api/probe/limit',
      {
        config: { access: { public: true } },
        schema: { querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 100 }) }) },
      },
      async (request) => ({ limit: (request.query as { limit: number }).limit }),
    );
    t.app.get('/api/probe/bug', { config: { access: { public: true } } }, async () => {
      throw new Error(secret);
    });
    // A write past a service's check, as the second of two requests at once makes it.
    t.app.post('/api/probe/duplicate', { config: { access: { public: true } } }, async () => {
      const claim = {
        job: 'probe',
        period: 'probe-value-7731',
        holder: 'probe',
        expires_at: '2026-01-01T00:00:00.000Z',
        attempts: 1,
        started_at: '2026-01-01T00:00:00.000Z',
      };
      await t.app.db.transaction().execute(async (trx) => {
        await trx.insertInto('job_run').values(claim).execute();
        await trx.insertInto('job_run').values(claim).execute();
      });
      return { ok: true };
    });
    // Statements that fail on the database with a petitioner's name and phone among their values.
    t.app.get('/api/probe/sql-bug', { config: { access: { public: true } } }, async () => {
      await sql`select from job_run where job = ${PERSONAL.name} or job = ${PERSONAL.phone}`.execute(
        t.app.db,
      );
      return { ok: true };
    });
  });
  afterAll(() => t.close());

  it('answers an unknown address with 404 NOT_FOUND', async () => {
    expectErrorShape(await t.app.inject({ method: 'GET', url: '/api/no-such-thing' }), 404, 'NOT_FOUND');
    expectErrorShape(await t.app.inject({ method: 'DELETE', url: '/anything' }), 404, 'NOT_FOUND');
  });

  it('lists every failing field path when the body breaks the schema', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/probe',
      payload: { title: 'far too long a title', representatives: [{ name: { first: '张' } }] },
    });
    const error = expectErrorShape(response, 400, 'VALIDATION_FAILED');
    const paths = (error.details as { path: string }[]).map((d) => d.path).sort();
    expect(paths).toEqual(['/body/headcount', '/body/representatives/0/name', '/body/title']);
  });

  it('refuses a number no JavaScript number holds, in the body and in the query, by its path', async () => {
    // Ajv coerces a string like "1e309" to Infinity and then skips an integer's bounds, which only
    // apply to finite numbers: in a query, a path or a body field sent as text.
    const finite = 'must be a finite number';
    for (const number of ['"1e309"', '"-1e400"'])
      expect(
        expectErrorShape(
          await t.app.inject({
            method: 'POST',
            url: '/api/probe',
            headers: { 'content-type': 'application/json' },
            payload: `{"title":"好","headcount":${number}}`,
          }),
          400,
          'VALIDATION_FAILED',
        ).details,
      ).toEqual([{ path: '/body/headcount', message: finite }]);
    // A JSON number past the largest double parses to Infinity: refused as not an integer.
    expectErrorShape(
      await t.app.inject({
        method: 'POST',
        url: '/api/probe',
        headers: { 'content-type': 'application/json' },
        payload: '{"title":"好","headcount":1e400}',
      }),
      400,
      'VALIDATION_FAILED',
    );
    for (const limit of ['1e309', '-1e309', 'Infinity', '1e400']) {
      const error = expectErrorShape(
        await t.app.inject({ method: 'GET', url: `/api/probe/limit?limit=${limit}` }),
        400,
        'VALIDATION_FAILED',
      );
      expect(error.details).toEqual([{ path: '/querystring/limit', message: finite }]);
    }
    for (const limit of ['NaN', '2.5'])
      expectErrorShape(
        await t.app.inject({ method: 'GET', url: `/api/probe/limit?limit=${limit}` }),
        400,
        'VALIDATION_FAILED',
      );
    const fine = await t.app.inject({ method: 'GET', url: '/api/probe/limit?limit=1e2' });
    expect(fine.json()).toEqual({ limit: 100 });
  });

  it('refuses text no one typed, with the path of the field', async () => {
    // JSON may escape half of a surrogate pair; no database can store it as it was checked.
    const unfit = 'must be well-formed Unicode without control characters';
    const lone = (payload: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/probe',
        headers: { 'content-type': 'application/json' },
        payload,
      });
    const title = expectErrorShape(
      await lone('{"title":"\\ud800a\\udbffa正文","headcount":1}'),
      400,
      'VALIDATION_FAILED',
    );
    expect(title.details).toEqual([{ path: '/body/title', message: unfit }]);
    const deep = expectErrorShape(
      await lone('{"title":"好","headcount":1,"representatives":[{"name":"张"},{"name":"\\udc00"}]}'),
      400,
      'VALIDATION_FAILED',
    );
    expect(deep.details).toEqual([{ path: '/body/representatives/1/name', message: unfit }]);
    // A control character has no place in a petition, and would make a .docx that names it unreadable.
    const control = expectErrorShape(
      await lone('{"title":"东山\\u0001煤矿","headcount":1}'),
      400,
      'VALIDATION_FAILED',
    );
    expect(control.details).toEqual([{ path: '/body/title', message: unfit }]);
    const pair = await lone('{"title":"\\ud83d\\ude00 好\\n第二行\\t","headcount":1}');
    expect(pair.statusCode, pair.body).toBe(200);
  });

  it('answers unreadable JSON with 400 BAD_REQUEST', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/probe',
      headers: { 'content-type': 'application/json' },
      payload: '{"title": ',
    });
    expectErrorShape(response, 400, 'BAD_REQUEST');
  });

  it('answers a body over the limit with 413 and an unknown content type with 415', async () => {
    const big = await t.app.inject({
      method: 'POST',
      url: '/api/probe',
      payload: { title: 'x'.repeat(4096), headcount: 1 },
    });
    expectErrorShape(big, 413, 'PAYLOAD_TOO_LARGE');
    const xml = await t.app.inject({
      method: 'POST',
      url: '/api/probe',
      headers: { 'content-type': 'application/xml' },
      payload: '<title/>',
    });
    expectErrorShape(xml, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('hides a bug behind 500 INTERNAL_ERROR, and logs it with the request id', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/probe/bug',
      headers: { 'x-request-id': 'trace-42' },
    });
    const error = expectErrorShape(response, 500, 'INTERNAL_ERROR');
    expect(response.body).not.toContain('hunter2');
    expect(response.body).not.toContain('10.0.0.7');
    expect(error.details).toEqual({ requestId: 'trace-42' });
    expect(response.headers['x-request-id']).toBe('trace-42');
    const logged = logs
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line))
      .find((entry) => entry.level === 50 && entry.reqId === 'trace-42');
    expect(logged?.err?.message).toBe(secret);
  });

  it('logs a failed statement by its code and kind, never its SQL or the values in it', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/probe/sql-bug',
      headers: { 'x-request-id': 'trace-sql' },
    });
    expectErrorShape(response, 500, 'INTERNAL_ERROR');
    // A duplicate key outside a request (a job's write): MySQL's message itself quotes the value.
    const claim = {
      job: PERSONAL.name,
      period: PERSONAL.phone,
      holder: 'probe',
      expires_at: '2026-01-01T00:00:00.000Z',
      attempts: 1,
      started_at: '2026-01-01T00:00:00.000Z',
    };
    await t.app.db.insertInto('job_run').values(claim).execute();
    const duplicate = await t.app.db
      .insertInto('job_run')
      .values(claim)
      .execute()
      .catch((err: unknown) => err);
    t.app.log.error({ err: new Error('the job failed', { cause: duplicate }), job: 'probe' }, 'probe failed');

    const entries = logs
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
    const failed = [
      entries.find((entry) => entry.level === 50 && entry.reqId === 'trace-sql')?.err,
      entries.find((entry) => entry.job === 'probe')?.err?.cause,
    ];
    for (const err of failed) {
      expect(err?.message).toBeTruthy();
      expect(Object.keys(err).filter((k) => ['sql', 'sqlMessage', 'parameters'].includes(k))).toEqual([]);
      if (testDialect() === 'mysql')
        expect(err).toMatchObject({ sqlState: expect.any(String), errno: expect.any(Number) });
    }
    expect(failed[1].message).toMatch(testDialect() === 'mysql' ? /for key 'PRIMARY'/ : /UNIQUE/);
    for (const value of [PERSONAL.name, PERSONAL.phone]) expect(logs).not.toContain(value);
  });

  it('answers a write a unique key refused with 409 ALREADY_EXISTS, naming no SQL or value', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/probe/duplicate' });
    const error = expectErrorShape(response, 409, 'ALREADY_EXISTS');
    expect(error.details).toBeUndefined();
    for (const leak of ['job_run', 'probe-value', 'Duplicate', 'UNIQUE', 'constraint'])
      expect(response.body).not.toContain(leak);
  });

  it('does not take an unsafe request id from the client', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { 'x-request-id': 'evil\nline' },
    });
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends security headers', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(response.headers['strict-transport-security']).toBeDefined();
  });
});
