/**
 * The Idempotency-Key of a lifecycle action, made from the action itself: the case, the version
 * the person saw, the action and its parameters. A resend after a lost answer, or a second tap on
 * the same button, is the same action and gets the same key, so the server takes it once and
 * answers each with the case as it is; anything else the person does is another action with
 * another key. No state to keep on the device, and nothing personal in it: the parameters go in
 * only as a hash.
 */
export function actionKey(petitionId: string, version: number, type: string, params: unknown): string {
  const text = canonical({ type, params });
  return `act-${petitionId}-${version}-${fnv1a(text, 0x811c9dc5)}${fnv1a(text, 0x050c5d1f)}`;
}

/** JSON with object keys sorted, so the same parameters always read the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value as Record<string, unknown>)
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** 32-bit FNV-1a over UTF-16 code units from `basis`, as 8 hex digits. */
function fnv1a(text: string, basis: number): string {
  let hash = basis >>> 0;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
