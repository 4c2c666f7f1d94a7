import { describe, expect, it } from 'vitest';
import { defaultCalendar } from '../clocks/calendar';
import { clocksOf } from '../clocks/clocks-of';
import { figureFactsOf } from '../figures/facts';
import { CASE_ACTION_TYPES } from './action-specs';
import { allowedActions } from './allowed';
import { PERMISSIONS } from './permissions';
import {
  ACTORS,
  act,
  assigned,
  attempt,
  expectRefused,
  handling,
  LETTER,
  later,
  replied,
  submitted,
  T0,
} from './test-kit';

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

  it('the assigned unit accepts, objects or diverts', () => {
    expect(types(allowedActions(assigned(), ACTORS.sectionHandler, later(T0, 2)))).toEqual(
      ['accept', 'add_note', 'divert', 'notify', 'object', 'recuse', 'send_message'].sort(),
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

describe('Art 31 — the handling unit diverts a request to its statutory procedure (诉访分离)', () => {
  const arbitration = {
    route: 'arbitration',
    guidance: '劳动争议请向劳动人事争议仲裁委员会申请仲裁',
  } as const;

  it.each([
    ['assigned, by its handler', () => assigned(), ACTORS.sectionHandler],
    ['handling, by its head', () => handling(), ACTORS.sectionHead],
  ])('%s: the case ends, every clock stops, no answer is owed', (_case, petition, actor) => {
    const at = later(T0, 3);
    const d = attempt(petition(), actor, 'divert', arbitration, at);
    if (!d.ok) throw new Error(d.refusal.rule);
    expect(d.petition.state).toBe('diverted');
    expect(d.events).toMatchObject([{ type: 'diverted', visibility: 'petitioner', data: arbitration }]);
    const clocks = clocksOf(d.petition, defaultCalendar, at);
    expect(clocks.filter((c) => c.finishedAt === null)).toEqual([]);
    const facts = figureFactsOf(d.petition, { repeat: false }, defaultCalendar).map((f) => f.metric);
    // Triaged once, when it was assigned; diverted, it owes no answer within 60 days (Art 34).
    expect(facts.filter((m) => m === 'triaged')).toHaveLength(1);
    expect(facts).not.toContain('owed.first');
    expect(facts).not.toContain('concluded');
  });

  it('not a suggestion or an accusation, not once the reply is drafted, not at review, not reception', () => {
    expectRefused(
      attempt(handling('suggestion'), ACTORS.sectionHandler, 'divert', arbitration, later(T0, 3)),
      'triage.divert_requests_only',
    );
    const drafted = act(handling(), ACTORS.sectionHandler, 'draft_reply', LETTER, later(T0, 3));
    expectRefused(
      attempt(drafted, ACTORS.sectionHead, 'divert', arbitration, later(T0, 4)),
      'state.not_allowed',
    );
    const reviewing = act(replied(), ACTORS.petitioner, 'request_review', { reason: '不服' }, later(T0, 21));
    expectRefused(
      attempt(reviewing, ACTORS.mineHead, 'divert', arbitration, later(T0, 22)),
      'state.not_allowed',
    );
    expectRefused(
      attempt(handling(), ACTORS.groupReception, 'divert', arbitration, later(T0, 3)),
      'state.not_allowed',
    );
    expectRefused(
      attempt(handling(), ACTORS.section2Head, 'divert', arbitration, later(T0, 3)),
      'auth.unit_out_of_scope',
    );
  });
});
