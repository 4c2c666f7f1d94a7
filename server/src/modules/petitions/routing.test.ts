import { describe, expect, it } from 'vitest';
import { receivingUnitFor } from './routing';

const team = { id: 'team', path: ['group', 'mine', 'section', 'team'] };

describe('who receives an online petition', () => {
  it('sends requests and suggestions to the petition office of the mine concerned (Art 22)', () => {
    expect(receivingUnitFor('request', team)).toEqual({ id: 'mine', path: ['group', 'mine'] });
    expect(receivingUnitFor('suggestion', { id: 'mine', path: ['group', 'mine'] })).toEqual({
      id: 'mine',
      path: ['group', 'mine'],
    });
    expect(receivingUnitFor('request', { id: 'group', path: ['group'] })).toEqual({
      id: 'group',
      path: ['group'],
    });
  });

  it('sends accusations to the top, out of the accused unit’s reach (Art 30)', () => {
    expect(receivingUnitFor('accusation', team)).toEqual({ id: 'group', path: ['group'] });
  });
});
