import { describe, expect, it } from 'vitest';
import { ACTORS, act, attempt, expectRefused, handling, later, T0 } from './test-kit';

const ask = { days: 30, reason: '需要调取三年工资台账' };

describe('Art 34 — extension: at most once, at most 30 days, approved by the unit head', () => {
  it.each([
    [1, 'ok'],
    [30, 'ok'],
    [31, 'extension.too_long'],
    [0, 'params.invalid'],
  ])('asking for %i days → %s', (days, expected) => {
    const d = attempt(
      handling(),
      ACTORS.sectionHandler,
      'request_extension',
      { days, reason: '复杂' },
      later(T0, 10),
    );
    expect(d.ok ? 'ok' : d.refusal.rule).toBe(expected);
  });

  it('the unit head approves; the reason becomes visible to the petitioner', () => {
    const asked = act(handling(), ACTORS.sectionHandler, 'request_extension', ask, later(T0, 10));
    expect(asked.events.at(-1)?.visibility).toBe('internal');
    expectRefused(
      attempt(asked, ACTORS.sectionHandler, 'approve_extension', {}, later(T0, 11)),
      'auth.role_not_permitted',
    );
    const granted = act(asked, ACTORS.sectionHead, 'approve_extension', {}, later(T0, 11));
    expect(granted.extension).toMatchObject({ status: 'granted', days: 30 });
    expect(granted.events.at(-1)).toMatchObject({
      type: 'extension_approved',
      visibility: 'petitioner',
      data: { days: 30, reason: ask.reason },
    });
  });

  it('is granted at most once; a refused request may be asked again', () => {
    const asked = act(handling(), ACTORS.sectionHandler, 'request_extension', ask, later(T0, 10));
    expectRefused(
      attempt(asked, ACTORS.sectionHandler, 'request_extension', ask, later(T0, 10)),
      'extension.pending',
    );
    const refused = act(
      asked,
      ACTORS.sectionHead,
      'refuse_extension',
      { reason: '理由不充分' },
      later(T0, 11),
    );
    const again = act(refused, ACTORS.sectionHandler, 'request_extension', ask, later(T0, 12));
    const granted = act(again, ACTORS.sectionHead, 'approve_extension', {}, later(T0, 12));
    expectRefused(
      attempt(granted, ACTORS.sectionHandler, 'request_extension', ask, later(T0, 13)),
      'extension.already_granted',
    );
  });

  it('cannot be asked for or granted once the 60 days have run out', () => {
    // Accepted 2026-03-04: day 60 is 2026-05-03 (Labour Day), so the limit ends on 2026-05-06.
    const p = handling();
    expect(attempt(p, ACTORS.sectionHandler, 'request_extension', ask, '2026-05-06T15:00:00.000Z').ok).toBe(
      true,
    );
    expectRefused(
      attempt(p, ACTORS.sectionHandler, 'request_extension', ask, '2026-05-06T16:00:00.000Z'),
      'extension.after_deadline',
    );
  });

  it('a responsible leader of the case may approve too', () => {
    const p = {
      ...act(handling(), ACTORS.sectionHandler, 'request_extension', ask, later(T0, 10)),
      responsibleLeaderId: 'leader',
    };
    expect(act(p, ACTORS.leader, 'approve_extension', {}, later(T0, 11)).extension.status).toBe('granted');
  });
});
