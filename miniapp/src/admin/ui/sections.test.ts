import { describe, expect, it } from 'vitest';
import { ADMIN_SECTIONS, atTopOf, offeredSections } from './sections';

describe('the administration menu', () => {
  it('offers the top administrator every page, in order', () => {
    expect(offeredSections(true)).toEqual([...ADMIN_SECTIONS]);
  });

  it("does not offer a mine's administrator the outbox, which the server refuses him", () => {
    const offered = offeredSections(false);
    expect(offered).not.toContain('outbox');
    // The group-wide settings stay: below the top their pages read them without changing them.
    expect(offered).toEqual(ADMIN_SECTIONS.filter((s) => s !== 'outbox'));
  });

  it('knows the top by the unit without a parent among the administrator’s units', () => {
    expect(atTopOf([{ parentId: null }, { parentId: 'ja' }])).toBe(true);
    expect(atTopOf([{ parentId: 'ja' }, { parentId: 'ja-ds' }])).toBe(false);
    expect(atTopOf([])).toBe(false);
  });
});
