import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows, call, DEMO_PASSWORD, type IdentityApp, startIdentityApp } from '../identity/support';

/**
 * TRUST_PROXY names the reverse proxies (issue 10): X-Forwarded-For is believed only as far as it
 * was written by one of them, so nobody else can choose the address that the throttles count and
 * the audit log records — and an address held back cannot get in again by naming another.
 */
describe('addresses behind the proxies the operator names', () => {
  let identity: IdentityApp;
  const PROXY = '10.0.0.7';

  beforeAll(async () => {
    identity = await startIdentityApp({ trustProxy: [PROXY, '172.16.0.0/12'] });
  });
  afterAll(() => identity?.close());

  const login = (password: string, ip: string, forwardedFor?: string) =>
    call(identity.app, 'POST', '/api/auth/staff/login', {
      body: { username: 'xh.head', password },
      ip,
      headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
    });
  const lastAddress = async () =>
    (await auditRows(identity.app)).filter((r) => r.action === 'auth.staff_login').at(-1)?.ip;

  it('believes the address a named proxy (or one in a named range) reports, and no one else', async () => {
    await login('wrong', PROXY, '203.0.113.9');
    expect(await lastAddress()).toBe('203.0.113.9');
    await login('wrong', '172.20.1.1', '203.0.113.10');
    expect(await lastAddress()).toBe('203.0.113.10');
    // Straight from the internet, a forged header changes nothing.
    await login('wrong', '198.51.100.4', '127.0.0.1');
    expect(await lastAddress()).toBe('198.51.100.4');
    // Through the proxy, an address the client wrote before the proxy's own is not believed.
    await login('wrong', PROXY, '198.51.0.1, 203.0.113.11');
    expect(await lastAddress()).toBe('203.0.113.11');
  });

  it('keeps an address held back, however it spells the header', async () => {
    const attacker = '203.0.113.50';
    for (let i = 0; i < 5; i += 1) expect((await login(`guess ${i}`, PROXY, attacker)).statusCode).toBe(401);
    for (const forged of [`198.51.0.1, ${attacker}`, `127.0.0.1, ${attacker}`]) {
      expect((await login(DEMO_PASSWORD, PROXY, forged)).statusCode, forged).toBe(429);
    }
    expect((await login(DEMO_PASSWORD, PROXY, '203.0.113.51')).statusCode).toBe(200);
  });
});
