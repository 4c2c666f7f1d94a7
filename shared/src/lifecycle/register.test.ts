import { describe, expect, it } from 'vitest';
import type { RegisterParams } from './actions';
import type { Actor } from './actor';
import { register } from './register';
import type { RuleId } from './rules';
import { ACTORS, onlineParams, T0, UNITS } from './test-kit';

const staffLetter = (overrides: Partial<RegisterParams> = {}) =>
  onlineParams({ channel: 'letter', receivedAt: '2026-02-27T01:00:00.000Z', ...overrides });

function outcome(actor: Actor, params: RegisterParams, receivingUnit = UNITS.group, petitionerId = 'p1') {
  const decision = register({ id: 'x', petitionerId, receivingUnit, params }, actor, T0);
  return decision.ok ? 'ok' : decision.refusal.rule;
}

describe('Art 21, 22 — registration', () => {
  it.each<[string, Actor, RegisterParams, RuleId | 'ok']>([
    ['a petitioner submits online', ACTORS.petitioner, onlineParams(), 'ok'],
    ['reception registers a letter with the date received', ACTORS.groupReception, staffLetter(), 'ok'],
    ['reception registers a visit', ACTORS.groupReception, staffLetter({ channel: 'visit' }), 'ok'],
    [
      'reception without the date received',
      ACTORS.groupReception,
      onlineParams({ channel: 'call' }),
      'register.received_at_required',
    ],
    [
      'a date received in the future',
      ACTORS.groupReception,
      staffLetter({ receivedAt: '2026-03-03T00:00:00.000Z' }),
      'register.received_at_in_future',
    ],
    [
      'reception cannot submit "online"',
      ACTORS.groupReception,
      onlineParams(),
      'register.online_by_petitioner_only',
    ],
    [
      'a petitioner cannot register a letter',
      ACTORS.petitioner,
      staffLetter(),
      'register.online_by_petitioner_only',
    ],
    [
      'an online petition carries no date received',
      ACTORS.petitioner,
      onlineParams({ receivedAt: T0 }),
      'params.invalid',
    ],
    ['a handler does not register', ACTORS.sectionHandler, staffLetter(), 'auth.role_not_permitted'],
    [
      'a title over 100 characters',
      ACTORS.petitioner,
      onlineParams({ title: '长'.repeat(101) }),
      'params.invalid',
    ],
    [
      'content over 5000 characters',
      ACTORS.petitioner,
      onlineParams({ content: '长'.repeat(5001) }),
      'params.invalid',
    ],
    ['blank content', ACTORS.petitioner, onlineParams({ content: '   ' }), 'params.invalid'],
  ])('%s', (_case, actor, params, expected) => {
    expect(outcome(actor, params)).toBe(expected);
  });

  it('refuses a petitioner filing for someone else, and reception outside its subtree', () => {
    expect(outcome(ACTORS.petitioner, onlineParams(), UNITS.group, 'p2')).toBe('auth.not_own_petition');
    expect(outcome(ACTORS.mineReception, staffLetter(), UNITS.group)).toBe('auth.unit_out_of_scope');
    expect(outcome(ACTORS.groupReception, staffLetter(), UNITS.mine1)).toBe('ok');
  });

  it('starts the clocks at the time received, not the time registered', () => {
    const decision = register(
      { id: 'x', petitionerId: 'p1', receivingUnit: UNITS.group, params: staffLetter() },
      ACTORS.groupReception,
      T0,
    );
    expect(decision.ok && decision.petition.receivedAt).toBe('2026-02-27T01:00:00.000Z');
    expect(decision.ok && decision.petition).toMatchObject({
      state: 'registered',
      stage: 'first',
      version: 1,
    });
    expect(decision.ok && decision.events.map((e) => [e.type, e.at, e.actorRole, e.visibility])).toEqual([
      ['registered', T0, 'reception', 'petitioner'],
    ]);
  });
});

describe('Art 20 — collective petitions', () => {
  it.each<[string, Partial<RegisterParams>, RuleId | 'ok']>([
    ['a headcount with representatives', { headcount: 30, representatives: ['甲', '乙'] }, 'ok'],
    ['five representatives', { headcount: 30, representatives: ['甲', '乙', '丙', '丁', '戊'] }, 'ok'],
    [
      'six representatives',
      { headcount: 30, representatives: ['甲', '乙', '丙', '丁', '戊', '己'] },
      'collective.too_many_representatives',
    ],
    [
      'more representatives than people',
      { headcount: 2, representatives: ['甲', '乙', '丙'] },
      'collective.more_representatives_than_people',
    ],
    ['as many representatives as people', { headcount: 2, representatives: ['甲', '乙'] }, 'ok'],
    ['a headcount without representatives', { headcount: 30 }, 'collective.representatives_required'],
    ['representatives without a headcount', { representatives: ['甲'] }, 'params.invalid'],
    ['a headcount of one', { headcount: 1, representatives: ['甲'] }, 'params.invalid'],
  ])('%s', (_case, overrides, expected) => {
    expect(outcome(ACTORS.petitioner, onlineParams(overrides))).toBe(expected);
  });
});
