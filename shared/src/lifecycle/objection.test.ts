import { describe, expect, it } from 'vitest';
import { ACTORS, act, assigned, attempt, expectRefused, later, T0 } from './test-kit';

const reasons = { reasons: '该事项属于矿工会职责' };

describe('Art 23 ¶3 — objection to an assignment within 5 working days', () => {
  // Assigned Tue 2026-03-03: the fifth working day after it is Tue 2026-03-10.
  it.each([
    ['on the fifth working day', '2026-03-10T15:00:00.000Z', 'objected'],
    ['the day after', '2026-03-10T16:00:00.000Z', 'objection.window_closed'],
  ])('%s → %s', (_case, at, expected) => {
    const d = attempt(assigned(), ACTORS.sectionHead, 'object', reasons, at);
    expect(d.ok ? d.petition.state : d.refusal.rule).toBe(expected);
  });

  it('the sender agrees: back to triage, the assigned unit no longer handles it', () => {
    const objected = act(assigned(), ACTORS.sectionHead, 'object', reasons, later(T0, 2));
    const back = act(objected, ACTORS.groupReception, 'agree_objection', {}, later(T0, 3));
    expect(back.state).toBe('registered');
    expect(back.units.handling).toBeNull();
  });

  it('the sender overrules: the unit handles it', () => {
    const objected = act(assigned(), ACTORS.sectionHead, 'object', reasons, later(T0, 2));
    const overruled = act(
      objected,
      ACTORS.groupReception,
      'overrule_objection',
      { reasons: '属于本单位职责' },
      later(T0, 3),
    );
    expect(overruled.state).toBe('handling');
    expect(overruled.units.handling?.id).toBe('section1');
  });

  it('the objection and the decision on it are internal', () => {
    const objected = act(assigned(), ACTORS.sectionHead, 'object', reasons, later(T0, 2));
    expect(objected.events.at(-1)?.visibility).toBe('internal');
  });

  it('only the assigned unit objects, only the sender decides', () => {
    expectRefused(
      attempt(assigned(), ACTORS.section2Head, 'object', reasons, later(T0, 2)),
      'auth.unit_out_of_scope',
    );
    const objected = act(assigned(), ACTORS.sectionHead, 'object', reasons, later(T0, 2));
    expectRefused(
      attempt(objected, ACTORS.sectionHead, 'agree_objection', {}, later(T0, 3)),
      'auth.role_not_permitted',
    );
  });
});
