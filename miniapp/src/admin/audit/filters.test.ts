import { describe, expect, it } from 'vitest';
import { auditQueryOf, filterProblems, NO_FILTERS } from './filters';

describe("the audit log's filters", () => {
  it('send nothing when nothing is chosen', () => {
    expect(auditQueryOf(NO_FILTERS)).toEqual({});
  });

  it('turn an area into a prefix and Beijing days into a whole period', () => {
    expect(
      auditQueryOf({
        ...NO_FILTERS,
        area: 'auth',
        outcome: 'denied',
        from: '2026-05-01',
        to: '2026-05-03',
        targetId: ' P1 ',
      }),
    ).toEqual({
      action: 'auth.',
      outcome: 'denied',
      targetId: 'P1',
      from: '2026-04-30T16:00:00.000Z',
      to: '2026-05-03T16:00:00.000Z',
    });
  });

  it('say which dates cannot be read', () => {
    expect(filterProblems({ ...NO_FILTERS, from: '2026-5-1', to: '2026-02-30' })).toEqual({
      from: true,
      to: true,
    });
    expect(filterProblems({ ...NO_FILTERS, from: '2026-02-28', to: '' })).toEqual({});
  });
});
