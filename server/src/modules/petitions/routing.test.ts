import { describe, expect, it } from 'vitest';
import { receivingUnitFor } from './routing';

const team = { id: 'team', path: ['group', 'mine', 'section', 'team'] };
const root = { id: 'group', path: ['group'] };

describe('who receives an online petition', () => {
  it('sends requests and suggestions to the petition office of the mine concerned (Art 22)', () => {
    expect(receivingUnitFor('request', team, root)).toEqual({ id: 'mine', path: ['group', 'mine'] });
    expect(receivingUnitFor('suggestion', { id: 'mine', path: ['group', 'mine'] }, root)).toEqual({
      id: 'mine',
      path: ['group', 'mine'],
    });
    expect(receivingUnitFor('request', { id: 'group', path: ['group'] }, root)).toEqual({
      id: 'group',
      path: ['group'],
    });
  });

  it('sends accusations to the top, out of the accused unit’s reach (Art 30)', () => {
    expect(receivingUnitFor('accusation', team, root)).toEqual({ id: 'group', path: ['group'] });
  });

  it('sends a petition whose unit the petitioner did not know to the office at the top', () => {
    for (const kind of ['request', 'suggestion', 'accusation'] as const)
      expect(receivingUnitFor(kind, null, root)).toEqual(root);
  });
});
