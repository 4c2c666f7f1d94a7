import { describe, expect, it } from 'vitest';
import { allowedActions } from './allowed';
import type { Petition } from './petition';
import { register } from './register';
import { ACTORS, act, attempt, expectRefused, later, onlineParams, T0, UNITS } from './test-kit';
import type { PetitionKind } from './vocabulary';

const AGREEMENT = {
  result: 'agreement',
  summary: '双方协商一致',
  terms: '补发工资',
  confirmed: true,
} as const;

/** Handled by section1; an accusation is about section2, so section1 may handle it (Art 30). */
function handled(kind: PetitionKind): Petition {
  const registered = register(
    {
      id: 'pet-1',
      petitionerId: 'p1',
      receivingUnit: UNITS.group,
      params: onlineParams({ kind, concernedUnit: UNITS.section2 }),
    },
    ACTORS.petitioner,
    T0,
  );
  if (!registered.ok) throw new Error(registered.refusal.rule);
  const p = act(
    registered.petition,
    ACTORS.groupReception,
    'assign',
    { unit: UNITS.section1, reportBackBy: '2026-03-30' },
    later(T0, 1),
  );
  return act(p, ACTORS.sectionHandler, 'accept', {}, later(T0, 2));
}

describe('Art 33 — mediation while a request is handled', () => {
  it('is offered and recorded for a request', () => {
    const p = handled('request');
    const at = later(T0, 3);
    expect(allowedActions(p, ACTORS.sectionHandler, at).map((a) => a.type)).toContain('record_mediation');
    expect(attempt(p, ACTORS.sectionHandler, 'record_mediation', AGREEMENT, at).ok).toBe(true);
  });

  // An agreement on an accusation would be signed and kept by the accused unit, naming the accuser.
  it.each(['suggestion', 'accusation'] as const)('is neither offered nor recorded for a %s', (kind) => {
    const p = handled(kind);
    const at = later(T0, 3);
    expect(allowedActions(p, ACTORS.sectionHandler, at).map((a) => a.type)).not.toContain('record_mediation');
    const refused = attempt(p, ACTORS.sectionHandler, 'record_mediation', AGREEMENT, at);
    expectRefused(refused, 'mediation.requests_only');
    expect(refused.ok ? null : refused.refusal.article).toBe('Art 33');
  });
});
