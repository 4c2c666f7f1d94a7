import { describe, expect, it } from 'vitest';
import { looksLikePdf, sniff } from './media';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

describe('sniff', () => {
  it('knows the accepted types by their signatures alone', () => {
    expect(sniff(bytes([0xff, 0xd8, 0xff, 0xe1], 'rest'))).toEqual({ kind: 'image', format: 'jpeg' });
    expect(sniff(bytes([0x89], 'PNG\r\n\x1a\n', 'rest'))).toEqual({ kind: 'image', format: 'png' });
    expect(sniff(bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 '))).toEqual({ kind: 'image', format: 'webp' });
    expect(sniff(bytes('GIF89a', 'rest'))).toEqual({ kind: 'image', format: 'gif' });
    expect(sniff(bytes('GIF87a', 'rest'))).toEqual({ kind: 'image', format: 'gif' });
    expect(sniff(bytes('%PDF-1.7\n'))).toEqual({ kind: 'pdf' });
  });

  it('refuses everything else, including near misses and too-short input', () => {
    for (const input of [
      bytes(''),
      bytes([0xff, 0xd8]),
      bytes('MZ', [0x90, 0]),
      bytes('<svg xmlns="http://www.w3.org/2000/svg"/>'),
      bytes('<!doctype html>'),
      bytes('RIFF', [1, 2, 3, 4], 'WAVEfmt '),
      bytes('II*\0'),
      bytes(' %PDF-1.7'),
      bytes('PK', [3, 4]),
    ]) {
      expect(sniff(input), input.toString('latin1')).toBeNull();
    }
  });
});

describe('looksLikePdf', () => {
  const pdf = (head: string, tail: string) => bytes(head, '\n1 0 obj\n<< >>\nendobj\n'.repeat(3), tail);

  it('wants a versioned header and the cross-reference pointer with %%EOF at the end', () => {
    expect(looksLikePdf(pdf('%PDF-1.4', 'startxref\n116\n%%EOF\n'))).toBe(true);
    expect(looksLikePdf(pdf('%PDF-2.0', 'startxref\r\n9\r\n%%EOF'))).toBe(true);
    expect(looksLikePdf(pdf('%PDF-1.4', 'startxref\n116\n'))).toBe(false);
    expect(looksLikePdf(pdf('%PDF-1.4', '%%EOF\n'))).toBe(false);
    expect(looksLikePdf(pdf('%PDF-9.9', 'startxref\n116\n%%EOF\n'))).toBe(false);
    expect(looksLikePdf(pdf('%PDF-', 'startxref\n116\n%%EOF\n'))).toBe(false);
    expect(looksLikePdf(bytes('%PDF-1.4\n', 'startxref\n1\n%%EOF\n', 'x'.repeat(2000)))).toBe(false);
  });
});
