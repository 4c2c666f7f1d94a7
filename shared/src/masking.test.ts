import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskIp, maskName, maskPhone } from './masking';

describe('masking personal data', () => {
  it('masks the middle of a mainland mobile number', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
  });

  it('masks an ID number leaving the first and last four', () => {
    expect(maskIdNumber('11010119900307123X')).toBe('1101**********123X');
  });

  it('masks names by keeping the family name', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('王小明')).toBe('王*明');
    expect(maskName('欧阳娜娜')).toBe('欧**娜');
  });

  it('never reveals more than 7 characters of a number, keeps its length, and hides at least 4', () => {
    for (const mask of [maskPhone, maskIdNumber]) {
      fc.assert(
        fc.property(fc.stringMatching(/^[0-9X]{0,24}$/), (value) => {
          const masked = mask(value);
          expect(masked).toHaveLength(value.length);
          const shown = [...masked].filter((c) => c !== '*').length;
          expect(shown).toBeLessThanOrEqual(Math.min(8, Math.max(0, value.length - 4)));
          if (value.length >= 4) expect(masked).not.toBe(value);
        }),
      );
    }
  });

  it('hides all but at most two characters of any name', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 12 }), (name) => {
        const masked = maskName(name);
        const chars = [...name];
        expect([...masked]).toHaveLength(chars.length);
        if (chars.length >= 2) expect(masked).toContain('*');
      }),
    );
  });

  it('hides the host part of an address, IPv4 or IPv6', () => {
    expect(maskIp('10.40.0.17')).toBe('10.40.0.*');
    expect(maskIp('::ffff:192.168.3.200')).toBe('192.168.3.*');
    expect(maskIp('2001:db8:85a3:8d3:1319:8a2e:370:7348')).toBe('2001:db8:85a3:8d3:*');
    expect(maskIp('2001:db8::1')).toBe('2001:db8:*');
    expect(maskIp('::1')).toBe('*');
    expect(maskIp('demo-seed')).toBe('demo-seed');
  });
});
