import { randomFillSync } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Random bytes drawn from the system in blocks: one draw per 400 ids instead of one each. */
const pool = Buffer.alloc(4000);
let used = pool.length;

function randomTen(): Buffer {
  if (used + 10 > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  used += 10;
  return pool.subarray(used - 10, used);
}

/**
 * A new primary key: 26 characters, time-ordered (ULID layout: 48 bits of milliseconds, then
 * 80 random bits). Generated here rather than by the database so inserts need no round trip for
 * the id and both dialects behave the same.
 */
export function newId(now: number = Date.now()): string {
  let time = '';
  let ms = now;
  for (let i = 0; i < 10; i += 1) {
    time = CROCKFORD.charAt(ms % 32) + time;
    ms = Math.floor(ms / 32);
  }
  const random = randomTen();
  let tail = '';
  // Two runs of 40 bits (5 bytes) make 8 characters each.
  for (let half = 0; half < 2; half += 1) {
    let bits = 0;
    for (let i = 0; i < 5; i += 1) bits = bits * 256 + (random[half * 5 + i] as number);
    let chars = '';
    for (let i = 0; i < 8; i += 1) {
      chars = CROCKFORD.charAt(bits % 32) + chars;
      bits = Math.floor(bits / 32);
    }
    tail += chars;
  }
  return time + tail;
}
