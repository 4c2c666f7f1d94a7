import { randomFillSync } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const FORTY_BITS = 2 ** 40;

/** Random bytes drawn from the system in blocks: one draw per 400 ids instead of one each. */
const pool = Buffer.alloc(4000);
let used = pool.length;

function randomBytes(n: number): Buffer {
  if (used + n > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  used += n;
  return pool.subarray(used - n, used);
}

function fortyBits(bytes: Buffer, at: number): number {
  let bits = 0;
  for (let i = 0; i < 5; i += 1) bits = bits * 256 + (bytes[at + i] as number);
  return bits;
}

/** The random part of the last id, as two 40-bit halves, and its millisecond. */
const last = { ms: -1, high: 0, low: 0 };

/**
 * A new primary key: 26 characters, time-ordered (ULID layout: 48 bits of milliseconds, then
 * 80 random bits). Generated here rather than by the database so inserts need no round trip for
 * the id and both dialects behave the same. Ids made in the same millisecond by this process
 * follow each other (the random part steps up by a random amount, as ULID's monotonic mode does):
 * rows ordered by time and id — the audit log, a timeline — keep the order they were written in.
 */
export function newId(now: number = Date.now()): string {
  if (now === last.ms && last.low + 65_537 < FORTY_BITS) {
    const step = randomBytes(2);
    last.low += 1 + (step[0] as number) * 256 + (step[1] as number);
  } else if (now === last.ms && last.high + 1 < FORTY_BITS) {
    last.high += 1;
    last.low = 0;
  } else {
    const random = randomBytes(10);
    last.ms = now;
    last.high = fortyBits(random, 0);
    last.low = fortyBits(random, 5);
  }
  let time = '';
  let ms = now;
  for (let i = 0; i < 10; i += 1) {
    time = CROCKFORD.charAt(ms % 32) + time;
    ms = Math.floor(ms / 32);
  }
  return time + eight(last.high) + eight(last.low);
}

/** 40 bits as 8 Crockford characters. */
function eight(bits: number): string {
  let chars = '';
  for (let i = 0; i < 8; i += 1) {
    chars = CROCKFORD.charAt(bits % 32) + chars;
    bits = Math.floor(bits / 32);
  }
  return chars;
}
