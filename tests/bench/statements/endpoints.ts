/** The endpoints `pnpm bench` loads, by the names the recording and the tables use. */
export const ENDPOINTS = [
  'petitioner list',
  'detail',
  'lookup',
  'inbox (mine)',
  'inbox (group)',
  'inbox counts (mine)',
  'submit (first)',
  'submit (2,000 before)',
] as const;
export type EndpointName = (typeof ENDPOINTS)[number];

/** The title the bench submits under: that of a part of the history (build-petition.ts's topics). */
export const SUBMIT_TITLE = '关于井下通风的反映';

/**
 * The body the bench submits, with 80 random characters as the bench's content, here from a fixed
 * seed: a new matter, yet its title is that of a part of the history, so repeat detection reads
 * candidates as it does in the bench.
 */
export function submitBody(concernedUnitId: string, content = pseudoRandomHanzi(80)) {
  return { kind: 'request', concernedUnitId, categoryCode: 'safety', title: SUBMIT_TITLE, content };
}

function pseudoRandomHanzi(length: number): string {
  let x = 1;
  let text = '';
  for (let i = 0; i < length; i += 1) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    text += String.fromCodePoint(0x4e00 + ((x >>> 8) % 0x5000));
  }
  return text;
}
