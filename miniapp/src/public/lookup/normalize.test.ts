import { describe, expect, it } from 'vitest';
import { lookupCode, lookupNumber } from './normalize';

/** ASCII as a full-width keyboard types it: `XF2026-000018` → `ＸＦ２０２６－００００１８`. */
const fullWidth = (text: string) =>
  text.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

describe('the number and query code, however a phone typed them', () => {
  it('reads a full-width number and code, with spaces around, as the ASCII ones', () => {
    expect(lookupNumber(` ${fullWidth('XF2026-000018')} `)).toBe('XF2026-000018');
    expect(lookupCode(`${fullWidth('22cp33x9')}\u3000`)).toBe('22CP33X9');
  });

  it('takes lower case, the other dashes a Chinese keyboard offers, and a code typed in groups', () => {
    expect(lookupNumber('xf2026-000018')).toBe('XF2026-000018');
    for (const dash of ['—', '–', '−', '‐'])
      expect(lookupNumber(`XF2026${dash}000018`), dash).toBe('XF2026-000018');
    expect(lookupCode('22cp 33x9')).toBe('22CP33X9');
  });

  it('leaves what was typed right as it is', () => {
    expect(lookupNumber('XF2026-000018')).toBe('XF2026-000018');
    expect(lookupCode('22CP33X9')).toBe('22CP33X9');
  });
});
