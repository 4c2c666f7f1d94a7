import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type IdentityApp, petitionerSignIn, staffSignIn, startIdentityApp } from '../identity/support';

/**
 * What every API answer says about itself (issue 10): no cache keeps an answer that carries personal
 * data or tokens — sign-in answers, "who am I", lists, details, errors; and a date the server could
 * not hold (a leap second) is a 400 with its field, not a 500.
 */
describe('answers', () => {
  let identity: IdentityApp;

  beforeAll(async () => {
    identity = await startIdentityApp();
  });
  afterAll(() => identity?.close());

  it('are never stored: every /api answer says Cache-Control: no-store', async () => {
    const { app } = identity;
    const signIn = await call(app, 'POST', '/api/auth/staff/login', {
      body: { username: 'reception', password: 'demo-pass-2026' },
    });
    const token = signIn.json().tokens.accessToken as string;
    const worker = (await petitionerSignIn(identity, '13800000001')).tokens.accessToken;
    const answers = [
      signIn,
      await call(app, 'POST', '/api/auth/refresh', {
        body: { refreshToken: signIn.json().tokens.refreshToken },
      }),
      await call(app, 'GET', '/api/auth/me', { token }),
      await call(app, 'GET', '/api/auth/me', { token: worker }),
      await call(app, 'GET', '/api/petitions', { token }),
      await call(app, 'POST', '/api/petitions/search', { token, body: { search: '13800000001' } }),
      await call(app, 'GET', '/api/audit', {
        token: (await staffSignIn(app, 'supervisor')).tokens.accessToken,
      }),
      await call(app, 'GET', '/api/me/registrations', { token: worker }),
      await call(app, 'GET', '/api/petitions/01NOSUCHPETITION0000000000', { token }),
      await call(app, 'GET', '/api/auth/me'),
      await call(app, 'GET', '/api/org/units'),
    ];
    for (const answer of answers) {
      expect(answer.headers['cache-control'], `${answer.statusCode} ${answer.body.slice(0, 80)}`).toBe(
        'no-store',
      );
    }
  });

  it('refuse a leap second, or any date no clock holds, with 400 and the field', async () => {
    const { app } = identity;
    const token = (await staffSignIn(app, 'reception')).tokens.accessToken;
    const auditor = (await staffSignIn(app, 'supervisor')).tokens.accessToken;
    const leap = '2026-12-31T23:59:60Z';
    const cases = [
      { url: `/api/petitions?receivedFrom=${leap}`, token, path: '/querystring/receivedFrom' },
      { url: `/api/petitions?receivedTo=2026-02-30T00:00:00Z`, token, path: '/querystring/receivedTo' },
      { url: `/api/audit?from=${leap}`, token: auditor, path: '/querystring/from' },
      { url: `/api/audit?to=2026-12-31T24:00:00Z`, token: auditor, path: '/querystring/to' },
    ];
    for (const { url, token: who, path } of cases) {
      const response = await call(app, 'GET', url, { token: who });
      expect(response.statusCode, `${url}: ${response.body}`).toBe(400);
      expect(response.json().error.details).toEqual(
        expect.arrayContaining([expect.objectContaining({ path })]),
      );
    }
    const register = await call(app, 'POST', '/api/petitions/register', {
      token,
      headers: { 'idempotency-key': 'leap-second-registration' },
      body: {
        kind: 'request',
        channel: 'letter',
        receivedAt: '2026-06-30T23:59:60Z',
        concernedUnitId: 'x',
        categoryCode: 'safety',
        title: '闰秒',
        content: '闰秒',
        petitioner: { realName: '来信人' },
      },
    });
    expect(register.statusCode, register.body).toBe(400);
    expect(register.json().error.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: '/body/receivedAt' })]),
    );
    // An action's instant: refused by its schema, as the lifecycle would.
    const action = await call(app, 'POST', '/api/petitions/01NOSUCHPETITION0000000000/actions', {
      token,
      body: { type: 'schedule_hearing', params: { scheduledFor: leap, place: '会议室' }, version: 1 },
    });
    expect(action.statusCode, action.body).toBe(400);
    expect(action.json().error.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: '/body/params/scheduledFor' })]),
    );
    // An ordinary instant, with an offset, still passes.
    expect(
      (await call(app, 'GET', '/api/petitions?receivedFrom=2026-03-02T09:00:00%2B08:00', { token }))
        .statusCode,
    ).toBe(200);
  });
});
