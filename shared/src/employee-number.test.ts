import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalEmployeeNumber, EMPLOYEE_NUMBER_PATTERN } from './employee-number';

const employeeNumber = fc.stringMatching(/^[A-Z0-9_-]{1,32}$/);

/** The same characters as a phone's full-width keyboard types them (U+FF01–FF5E). */
const fullWidth = (s: string) =>
  [...s].map((c) => String.fromCodePoint(c.charCodeAt(0) - 0x21 + 0xff01)).join('');

describe('an employee number in its canonical form', () => {
  it('is one number however it was written: any case, full width, spaces around', () => {
    fc.assert(
      fc.property(employeeNumber, fc.array(fc.boolean(), { minLength: 32, maxLength: 32 }), (n, lower) => {
        const mixed = [...n].map((c, i) => (lower[i] ? c.toLowerCase() : c)).join('');
        expect(canonicalEmployeeNumber(mixed)).toBe(n);
        expect(canonicalEmployeeNumber(` ${fullWidth(mixed)}\t`)).toBe(n);
        expect(EMPLOYEE_NUMBER_PATTERN.test(canonicalEmployeeNumber(mixed))).toBe(true);
      }),
    );
  });

  it('is its own canonical form', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const once = canonicalEmployeeNumber(s);
        expect(canonicalEmployeeNumber(once)).toBe(once);
      }),
    );
  });

  it('keeps apart what differs in more than case or width', () => {
    expect(canonicalEmployeeNumber('DS1001')).not.toBe(canonicalEmployeeNumber('DS1OO1'));
    expect(canonicalEmployeeNumber('DS 1001')).toBe('DS 1001');
    expect(EMPLOYEE_NUMBER_PATTERN.test('DS 1001')).toBe(false);
  });
});
