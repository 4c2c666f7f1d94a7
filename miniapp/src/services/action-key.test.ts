import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { actionKey } from './action-key';

const ID = '01JDEMO0000000000000000000';

describe('actionKey', () => {
  it('is the same for the same action, whatever order its parameters were written in', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.nat(1000), (params, version) => {
        const reversed = Object.fromEntries(Object.entries(params).reverse());
        expect(actionKey(ID, version, 'rate', params)).toBe(actionKey(ID, version, 'rate', reversed));
      }),
    );
  });

  it('differs for another version, action or words, and fits the server’s key pattern', () => {
    const key = actionKey(ID, 3, 'petitioner_message', { text: '请尽快处理' });
    expect(key).toMatch(/^[\w.:-]{8,128}$/);
    expect(actionKey(ID, 4, 'petitioner_message', { text: '请尽快处理' })).not.toBe(key);
    expect(actionKey(ID, 3, 'add_note', { text: '请尽快处理' })).not.toBe(key);
    expect(actionKey(ID, 3, 'petitioner_message', { text: '请尽快处理。' })).not.toBe(key);
    // Nothing the person wrote is in the key itself.
    expect(key).not.toContain('请尽快处理');
  });
});
