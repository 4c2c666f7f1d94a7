import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskPhoneForLog, toMainlandE164 } from './sms-sender';

describe('toMainlandE164', () => {
  it.each([
    ['13812345678', '+8613812345678'],
    ['+8613812345678', '+8613812345678'],
    ['8613812345678', '+8613812345678'],
    ['008613812345678', '+8613812345678'],
    [' 138-1234-5678 ', '+8613812345678'],
    ['19912345678', '+8619912345678'],
  ])('reads %s as %s', (input, expected) => {
    expect(toMainlandE164(input)).toBe(expected);
  });

  it.each([
    '',
    '1381234567',
    '138123456789',
    '12812345678',
    '+85212345678',
    '+1 415 555 0100',
    'abcdefghijk',
  ])('refuses %s', (input) => {
    expect(toMainlandE164(input)).toBeNull();
  });

  it('accepts every 11-digit number starting 13–19, and nothing else of 11 digits', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{11}$/), (digits) => {
        const valid = /^1[3-9]/.test(digits);
        expect(toMainlandE164(digits)).toBe(valid ? `+86${digits}` : null);
      }),
    );
  });
});

describe('maskPhoneForLog', () => {
  it('keeps the first three and last four digits', () => {
    expect(maskPhoneForLog('13812345678')).toBe('138****5678');
    expect(maskPhoneForLog('+8613812345678')).toBe('138****5678');
  });

  it('never shows the middle four digits of a mainland number', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^1[3-9]\d{9}$/), (phone) => {
        const masked = maskPhoneForLog(phone);
        expect(masked).toBe(`${phone.slice(0, 3)}****${phone.slice(7)}`);
      }),
    );
  });

  it('hides at least four characters of short garbage', () => {
    expect(maskPhoneForLog('12345')).toBe('1****');
    expect(maskPhoneForLog('1234')).toBe('****');
  });
});
