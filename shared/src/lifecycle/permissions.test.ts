import { describe, expect, it } from 'vitest';
import { CASE_ACTION_TYPES } from './action-specs';
import { allowedActions } from './allowed';
import { PERMISSIONS } from './permissions';
import { ACTORS, assigned, handling, later, replied, submitted, T0 } from './test-kit';

const types = (list: { type: string }[]) => list.map((a) => a.type).sort();

describe('who may do what', () => {
  it('every action has at least one grant; admins and liaison officers have none', () => {
    for (const type of CASE_ACTION_TYPES) {
      expect(PERMISSIONS[type].length, type).toBeGreaterThan(0);
      for (const grant of PERMISSIONS[type]) {
        expect(grant.roles).not.toContain('admin');
        expect(grant.roles).not.toContain('liaison_officer');
      }
    }
    for (const p of [submitted(), handling(), replied()]) {
      expect(allowedActions(p, ACTORS.admin, later(T0, 21))).toEqual([]);
      expect(allowedActions(p, ACTORS.liaison, later(T0, 21))).toEqual([]);
    }
  });

  it('reception of the receiving unit triages a registered petition', () => {
    expect(types(allowedActions(submitted(), ACTORS.groupReception, later(T0, 1)))).toEqual(
      [
        'accept',
        'add_note',
        'assign',
        'decline',
        'divert',
        'forward',
        'notify',
        'recuse',
        'refer',
        'send_message',
        'set_concerned_unit',
      ].sort(),
    );
    expect(allowedActions(submitted(), ACTORS.mineReception, later(T0, 1))).toEqual([]);
  });

  it('the assigned unit accepts or objects', () => {
    expect(types(allowedActions(assigned(), ACTORS.sectionHandler, later(T0, 2)))).toEqual(
      ['accept', 'add_note', 'notify', 'object', 'recuse', 'send_message'].sort(),
    );
  });

  it('the petitioner, on their own petition, may write or withdraw; after the reply, rate and appeal', () => {
    expect(types(allowedActions(handling(), ACTORS.petitioner, later(T0, 5)))).toEqual([
      'petitioner_message',
      'withdraw',
    ]);
    expect(types(allowedActions(replied(), ACTORS.petitioner, later(T0, 21)))).toEqual(
      ['petitioner_message', 'rate', 'request_review'].sort(),
    );
    expect(allowedActions(replied(), ACTORS.otherPetitioner, later(T0, 21))).toEqual([]);
  });

  it('narrows parameters for the UI: outcomes by kind, assignable units, earliest dates', () => {
    const drafting = allowedActions(handling('suggestion'), ACTORS.sectionHandler, later(T0, 5)).find(
      (a) => a.type === 'draft_reply',
    );
    expect(drafting?.params.find((p) => p.name === 'outcome')).toMatchObject({
      kind: 'enum',
      options: ['adopted', 'partly_adopted', 'not_adopted'],
    });
    const assign = allowedActions(submitted('accusation'), ACTORS.groupReception, later(T0, 1)).find(
      (a) => a.type === 'assign',
    );
    expect(assign?.params).toEqual([
      expect.objectContaining({
        name: 'unit',
        unitFilter: { within: 'group', not: 'group', notWithin: 'section1' },
      }),
      expect.objectContaining({ name: 'reportBackBy', minDate: '2026-03-03' }),
    ]);
  });

  it('the system only closes, and only after the window', () => {
    expect(allowedActions(replied(), ACTORS.system, later(T0, 21))).toEqual([]);
    expect(types(allowedActions(replied(), ACTORS.system, later(T0, 60)))).toEqual(['close']);
  });
});
