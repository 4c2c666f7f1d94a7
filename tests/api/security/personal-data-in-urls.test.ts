import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  expectError,
  type IdentityApp,
  petitionerSignIn,
  staffSignIn,
  startIdentityApp,
  unitIds,
} from '../identity/support';

/**
 * Phone and ID numbers stay out of URLs and out of the log (issue 10): the searches take them in a
 * POST body, a URL that carries one anyway is refused (or not found) and logged redacted, and the
 * log of a whole run of searches, registrations and sign-ins is read back for them.
 */
describe('personal numbers never reach the log', () => {
  let identity: IdentityApp;
  const PHONE = '13800000001';
  const ID_NUMBER = '11010519491231002X';

  beforeAll(async () => {
    identity = await startIdentityApp();
  });
  afterAll(() => identity?.close());

  it('searches by a body, refuses a phone in the list URL, and logs no number from a whole run', async () => {
    const { app } = identity;
    const reception = (await staffSignIn(app, 'ds.reception')).tokens.accessToken;
    const worker = (await petitionerSignIn(identity, PHONE)).tokens.accessToken;
    const units = await unitIds(app);
    const submitted = await call(app, 'POST', '/api/petitions', {
      token: worker,
      headers: { 'idempotency-key': `urls-${randomUUID()}` },
      body: {
        kind: 'request',
        concernedUnitId: units.get('JA-DS-AQK'),
        categoryCode: 'safety',
        title: '巷道照明不足',
        content: '二号井运输巷照明灯损坏多处，请求维修。',
      },
    });
    expect(submitted.statusCode, submitted.body).toBe(201);
    const profile = await call(app, 'PATCH', '/api/me/profile', {
      token: worker,
      body: { idNumber: ID_NUMBER },
    });
    expect(profile.statusCode, profile.body).toBe(200);

    const byBody = await call(app, 'POST', '/api/petitions/search', {
      token: reception,
      body: { search: PHONE },
    });
    expect(byBody.statusCode, byBody.body).toBe(200);
    expect(byBody.json().items.length).toBeGreaterThan(0);
    const people = await call(app, 'POST', '/api/petitioners/search', {
      token: reception,
      body: { phone: PHONE },
    });
    expect(people.statusCode, people.body).toBe(200);
    expect(people.json()).toHaveLength(1);
    const registered = await call(app, 'POST', '/api/petitions/register', {
      token: reception,
      headers: { 'idempotency-key': `urls-${randomUUID()}` },
      body: {
        kind: 'request',
        channel: 'call',
        receivedAt: new Date().toISOString(),
        concernedUnitId: units.get('JA-DS-AQK'),
        categoryCode: 'safety',
        title: '来电反映巷道照明',
        content: '来电人反映二号井运输巷照明不足。',
        petitioner: { realName: '来电人', phone: '13700000042', idNumber: '110105194912310021' },
      },
    });
    expect(registered.statusCode, registered.body).toBe(201);

    // A client that still puts a number in a URL: refused, or not found, and never logged whole.
    for (const url of [
      `/api/petitions?search=${PHONE}`,
      `/api/petitions?search=%2B86${PHONE}`,
      `/api/petitions?search=138%200000%200001`,
    ]) {
      expectError(await call(app, 'GET', url, { token: reception }), 400, 'VALIDATION_FAILED');
    }
    expectError(
      await call(app, 'GET', `/api/petitioners/search?phone=${PHONE}`, { token: reception }),
      404,
      'NOT_FOUND',
    );
    expectError(await call(app, 'GET', `/api/x/${ID_NUMBER}`, { token: reception }), 404, 'NOT_FOUND');

    const log = identity.logs.lines.join('\n');
    expect(log).toContain('/api/petitions/search');
    expect(log).toContain('[redacted]');
    for (const number of [PHONE, '13700000042', ID_NUMBER, '110105194912310021', '138 0000 0001']) {
      expect(log, number).not.toContain(number);
    }
  });
});
