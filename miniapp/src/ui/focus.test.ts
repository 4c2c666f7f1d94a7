import { describe, expect, it } from 'vitest';
import { describedBy, focusFirstInvalid, nextInTrap } from './focus';

describe('nextInTrap — Tab stays inside a modal dialog', () => {
  it('goes forward and round from the last to the first', () => {
    expect(nextInTrap(3, 0, false)).toBe(1);
    expect(nextInTrap(3, 2, false)).toBe(0);
  });

  it('goes back with Shift and round from the first to the last', () => {
    expect(nextInTrap(3, 2, true)).toBe(1);
    expect(nextInTrap(3, 0, true)).toBe(2);
  });

  it('brings focus from behind the cover to the first (or, with Shift, the last) element', () => {
    expect(nextInTrap(3, -1, false)).toBe(0);
    expect(nextInTrap(3, -1, true)).toBe(2);
  });

  it('stays on the one element of a dialog with one, and has nowhere to go in an empty one', () => {
    expect(nextInTrap(1, 0, false)).toBe(0);
    expect(nextInTrap(1, 0, true)).toBe(0);
    expect(nextInTrap(0, -1, false)).toBe(-1);
  });
});

describe('describedBy', () => {
  it('lists the error and the hint that are shown, and nothing when neither is', () => {
    expect(describedBy('f-1-error', 'f-1-hint')).toBe('f-1-error f-1-hint');
    expect(describedBy(null, 'f-1-hint')).toBe('f-1-hint');
    expect(describedBy(false, undefined)).toBeUndefined();
  });
});

describe('outside the browser build (WeChat)', () => {
  it('touches no DOM: there is no keyboard focus to move', () => {
    expect(process.env.TARO_ENV).not.toBe('h5');
    expect(focusFirstInvalid()).toBe(false);
  });
});
