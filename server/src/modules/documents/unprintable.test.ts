import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FALLBACK_FONT_DIR } from '../../config';
import type { NoticeFacts } from './notice-facts';
import { unprintableInNotice } from './unprintable';

const BIANG = '𰻞'; // U+30EDE, Extension G: in no font we have

const answer = (addressee: string): string =>
  JSON.stringify({
    petition: { number: 'XF2026-000006', title: '举报材料', receivedOn: '2026-03-02', kind: 'accusation' },
    addressee,
    issuingUnit: { id: 'ds', name: '东山煤矿' },
    issuedOn: '2026-03-03',
    seal: null,
    signatory: null,
    body: { type: 'general_notice', message: '已收到您反映的问题。' },
  } satisfies NoticeFacts);

const notice = (addressee: string) => ({ facts: answer(addressee), number: '东山信告〔2026〕1号' });
const unprintable = (addressee: string, withheld: boolean) =>
  unprintableInNotice(notice(addressee), withheld, DEFAULT_FALLBACK_FONT_DIR);

/** Rare characters: Extension B (in the fallback font) and Extension G (in no font we have). */
const rare = fc
  .oneof(fc.integer({ min: 0x20000, max: 0x2a6df }), fc.integer({ min: 0x30000, max: 0x3134a }))
  .map((c) => String.fromCodePoint(c));

describe('the characters of a notice that print as □, in the copy its reader gets', () => {
  it('names those of the addressee to one who may see the name', async () => {
    expect(await unprintable(`李${BIANG}`, false)).toEqual([BIANG]);
  });

  // Art 30: the accused unit's copy says 信访人, so its hint betrays no character of the accuser.
  it('never names a character of an accuser’s name to one it is withheld from', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(rare, { minLength: 1, maxLength: 4 }), async (name) => {
        expect(await unprintable(`李${name.join('')}`, true)).toEqual([]);
      }),
      { numRuns: 20 },
    );
  });
});
