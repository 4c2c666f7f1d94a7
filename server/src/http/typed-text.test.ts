import { describe, expect, it } from 'vitest';
import { unfitTextAt } from './typed-text';

describe('text no one typed', () => {
  it('is found by its JSON pointer, in values and keys, however deep', () => {
    expect(unfitTextAt({ title: '好😀', list: ['a', { 'x/y~z': '\udfff' }] })).toBe('/list/1/x~1y~0z');
    expect(unfitTextAt({ '\ud800': 1 })).toBe('/\ud800');
    expect(unfitTextAt('\ud83d\ude00')).toBeNull();
    expect(unfitTextAt('a\ud83d')).toBe('');
    let deep: unknown = '\ud800';
    for (let i = 0; i < 200_000; i += 1) deep = [deep];
    expect(unfitTextAt(deep)).toBe('/0'.repeat(200_000));
    expect(unfitTextAt({ n: 1, b: true, z: null })).toBeNull();
  });

  it('is a control character, but not a tab or a line break', () => {
    expect(unfitTextAt({ a: '第一行\n第二行\r\n\t缩进' })).toBeNull();
    for (const c of ['\u0000', '\u0001', '\u0008', '\u000b', '\u000c', '\u001f', '\u007f'])
      expect(unfitTextAt({ name: `东山${c}煤矿` })).toBe('/name');
    expect(unfitTextAt({ 'a\u0002': 'ok' })).toBe('/a\u0002');
  });
});
