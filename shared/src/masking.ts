/**
 * How personal data looks on a screen that did not explicitly reveal it (PIPL Art 51: protect
 * personal information by technical measures such as de-identification). The server masks before
 * it answers; the app never receives the full value unless a reveal was asked for and audited.
 */

/** `13812341234` → `138****1234`: at most the first 3 and the last 4 digits show. */
export function maskPhone(phone: string): string {
  return maskMiddle(phone, 3, 4);
}

/** `110101199003071234` → `1101**********1234`: at most the first and the last 4 show. */
export function maskIdNumber(idNumber: string): string {
  return maskMiddle(idNumber, 4, 4);
}

/** `张三` → `张*`, `王小明` → `王*明`, `欧阳娜娜` → `欧**娜`. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return '*'.repeat(chars.length);
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/** Shows at most `head` leading and `tail` trailing characters, and always hides at least 4. */
function maskMiddle(value: string, head: number, tail: number): string {
  const chars = [...value];
  const shown = Math.max(0, Math.min(head + tail, chars.length - 4));
  const shownHead = Math.min(head, shown);
  const shownTail = shown - shownHead;
  return chars.map((c, i) => (i < shownHead || i >= chars.length - shownTail ? c : '*')).join('');
}

/** `10.40.0.17` → `10.40.0.*`; an IPv6 address keeps its first four groups (its network). */
export function maskIp(ip: string): string {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(ip)) return ip.replace(/\.\d{1,3}$/, '.*');
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (mapped?.[1]) return maskIp(mapped[1]);
  if (ip.includes(':')) {
    const network = (ip.split('::')[0] ?? '').split(':').filter(Boolean).slice(0, 4);
    return `${network.join(':')}${network.length > 0 ? ':' : ''}*`;
  }
  return ip;
}
