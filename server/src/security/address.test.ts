import { describe, expect, it } from 'vitest';
import { throttleAddress } from './address';

describe('the address a throttle counts under', () => {
  it('keeps an IPv4 address, also when it arrives mapped into IPv6', () => {
    expect(throttleAddress('203.0.113.7')).toBe('203.0.113.7');
    expect(throttleAddress('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(throttleAddress('::FFFF:10.0.0.1')).toBe('10.0.0.1');
  });

  it('counts every address of one IPv6 /64 as one, however it is written', () => {
    const one = throttleAddress('2001:db8:1:2::1');
    for (const same of [
      '2001:db8:1:2::2',
      '2001:0db8:0001:0002:ffff:ffff:ffff:ffff',
      '2001:DB8:1:2:0:0:0:abcd',
      '2001:db8:1:2::1%eth0',
      '2001:db8:1:2::192.0.2.1',
    ]) {
      expect(throttleAddress(same)).toBe(one);
    }
    expect(one).toBe('2001:db8:1:2::/64');
  });

  it('tells neighbouring /64s apart', () => {
    expect(throttleAddress('2001:db8:1:3::1')).not.toBe(throttleAddress('2001:db8:1:2::1'));
    expect(throttleAddress('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(throttleAddress('::1')).toBe('0:0:0:0::/64');
    expect(throttleAddress('fe80::1')).toBe('fe80:0:0:0::/64');
  });

  it('leaves anything else as it came (no address at all, a test client)', () => {
    expect(throttleAddress('')).toBe('');
    expect(throttleAddress('unknown')).toBe('unknown');
  });
});
