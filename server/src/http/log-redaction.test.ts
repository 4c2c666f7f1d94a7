import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redactUrl } from './log-redaction';

describe('phone and ID numbers in a URL never reach the log', () => {
  it('redacts every spelling of a mainland mobile number and an ID number', () => {
    for (const url of [
      '/api/petitioners/search?phone=13800000001',
      '/api/petitions?search=%2B8613800000001',
      '/api/petitions?search=+86 138 0000 0001',
      '/api/petitions?search=138-0000-0001&limit=5',
      '/api/x/13800000001/y',
      '/api/x?id=11010519491231002X',
      '/api/x?id=110105194912310021',
    ]) {
      const logged = redactUrl(url);
      expect(logged, url).toContain('[redacted]');
      expect(logged.replace(/\D/g, ''), url).not.toMatch(/1[3-9]\d{9}|\d{17}/);
    }
  });

  it("removes the token of WeChat's signed photo address, a credential for an hour", () => {
    const token = '01ARZ3NDEKTSV4RRFFQ69G5FAV.1765000000.q1w2e3r4t5y6u7i8o9p0-_AbCdEfGhIjKlMnOpQrStU';
    for (const url of [`/api/wechat/media/${token}`, `/api/wechat/media/${token}?x=1`]) {
      expect(redactUrl(url)).not.toContain(token.split('.')[2]);
      expect(redactUrl(url)).toMatch(/^\/api\/wechat\/media\/\[redacted\]/);
    }
  });

  it('keeps what is not personal: ids, petition numbers, dates, limits', () => {
    for (const url of [
      '/api/petitions/01ARZ3NDEKTSV4RRFFQ69G5FAV',
      '/api/petitions?search=XF2026-000123&limit=20',
      '/api/audit?from=2026-03-02T01:00:00.000Z',
    ]) {
      expect(redactUrl(url)).toBe(decodeURIComponent(url));
    }
  });

  it('leaves no eleven-digit mobile number in any URL', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^1[3-9]\d{9}$/),
        fc.constantFrom('', '+86', '86', '%2B86'),
        fc.constantFrom('/api/a?q=', '/api/a/', '/api/a?x=1&q='),
        (phone, prefix, path) => {
          expect(redactUrl(`${path}${prefix}${phone}`)).not.toContain(phone);
        },
      ),
    );
  });
});
