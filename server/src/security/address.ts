import { isIPv4, isIPv6 } from 'node:net';

/**
 * The address a per-address throttle counts under. An IPv4 address is one address (an IPv4-mapped
 * IPv6 one too); an IPv6 address counts under its /64, because one subscriber or host is given a
 * whole /64 and can use any of its 2^64 addresses — counted singly, the limit would bind no one.
 */
export function throttleAddress(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped?.[1]) return mapped[1];
  if (isIPv4(ip) || !isIPv6(ip)) return ip;
  return `${hextets(ip).slice(0, 4).join(':')}::/64`;
}

/** The eight 16-bit groups of an IPv6 address, `::` expanded, in lower case without leading zeros. */
function hextets(ip: string): string[] {
  const [address = ''] = ip.split('%'); // A zone (fe80::1%eth0) names an interface, not an address.
  const [head = '', tail] = address.split('::');
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  // An embedded IPv4 tail (::1.2.3.4) is the last two groups.
  const last = right.length > 0 ? right : left;
  const v4 = last.at(-1)?.includes('.') ? last.pop() : undefined;
  if (v4) {
    const [a = 0, b = 0, c = 0, d = 0] = v4.split('.').map(Number);
    last.push(((a << 8) | b).toString(16), ((c << 8) | d).toString(16));
  }
  const missing = 8 - left.length - right.length;
  const all = tail === undefined ? left : [...left, ...Array<string>(missing).fill('0'), ...right];
  return all.map((group) => Number.parseInt(group, 16).toString(16));
}
