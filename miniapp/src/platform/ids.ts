/**
 * Random identifiers made on the device: idempotency keys for submissions and local photo ids.
 * Uses the platform's cryptographic source where there is one (h5), otherwise Math.random — a key
 * only has to be unique among one person's submissions within the server's 48-hour window.
 */
export function randomHex(bytes: number): string {
  const values = new Uint8Array(bytes);
  const crypto = (globalThis as { crypto?: { getRandomValues?: (array: Uint8Array) => Uint8Array } }).crypto;
  if (crypto?.getRandomValues) crypto.getRandomValues(values);
  else for (let i = 0; i < bytes; i++) values[i] = Math.floor(Math.random() * 256);
  return Array.from(values, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** An Idempotency-Key for one petition: created with its draft, sent on every retry of it. */
export function newIdempotencyKey(): string {
  return `pet-${Date.now().toString(36)}-${randomHex(16)}`;
}

export function newLocalId(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomHex(6)}`;
}
