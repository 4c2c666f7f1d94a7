import { describe, expect, it } from 'vitest';
import { receivingUnitFor } from './routing';

const team = { id: 'team', path: ['group', 'mine', 'section', 'team'] };
const offices = new Set(['group', 'mine']);
const root = { id: 'group', path: ['group'] };

describe('who receives an online petition', () => {
  it('sends requests and suggestions to the nearest petition office above the unit concerned (Art 22)', () => {
    expect(receivingUnitFor('request', team, offices, root)).toEqual({ id: 'mine', path: ['group', 'mine'] });
    expect(receivingUnitFor('suggestion', { id: 'mine', path: ['group', 'mine'] }, offices, root)).toEqual({
      id: 'mine',
      path: ['group', 'mine'],
    });
    expect(receivingUnitFor('request', { id: 'group', path: ['group'] }, offices, root)).toEqual({
      id: 'group',
      path: ['group'],
    });
    // A section that runs its own office receives its own matters.
    expect(receivingUnitFor('request', team, new Set([...offices, 'section']), root)).toEqual({
      id: 'section',
      path: ['group', 'mine', 'section'],
    });
  });

  it('leaves to the top what no office below it receives', () => {
    expect(receivingUnitFor('request', team, new Set(), root)).toEqual({ id: 'group', path: ['group'] });
  });

  it('sends accusations to the top, out of the accused unit’s reach (Art 30)', () => {
    expect(receivingUnitFor('accusation', team, new Set([...offices, 'team']), root)).toEqual({
      id: 'group',
      path: ['group'],
    });
  });

  it('sends a petition whose unit the petitioner did not know to the office at the top', () => {
    for (const kind of ['request', 'suggestion', 'accusation'] as const)
      expect(receivingUnitFor(kind, null, offices, root)).toEqual(root);
  });
});
