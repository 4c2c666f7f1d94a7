import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultCalendar } from '../clocks/calendar';
import type { Petition } from '../lifecycle/petition';
import { ACTORS, act, handling, LETTER, later, T0, UNITS } from '../lifecycle/test-kit';
import { start, step, walk } from '../lifecycle/walks.test-kit';
import { figureFactsOf, figureUnitOf } from './facts';
import { FIGURE_METRICS } from './metrics';
import { RATES } from './rates';

const walks = fc.tuple(start, fc.array(step, { minLength: 5, maxLength: 40 }), fc.boolean());

describe('figure facts', () => {
  it('count each metric at most once per petition, for the figure unit, from the events alone', () => {
    fc.assert(
      fc.property(walks, ([s, steps, repeat]) => {
        for (const { petition } of walk(s, steps)) {
          const facts = figureFactsOf(petition, { repeat }, defaultCalendar);
          const metrics = facts.map((f) => f.metric);
          expect(new Set(metrics).size).toBe(metrics.length);
          for (const fact of facts) {
            expect(FIGURE_METRICS).toContain(fact.metric);
            expect(fact.unitId).toBe(figureUnitOf(petition).id);
            expect(fact.value).toBeGreaterThan(0);
          }
          expect(metrics.includes('received')).toBe(true);
          expect(metrics.includes('repeat')).toBe(repeat);
          // Pure: a copy of the petition read later gives the same facts.
          expect(figureFactsOf(JSON.parse(JSON.stringify(petition)), { repeat }, defaultCalendar)).toEqual(
            facts,
          );
        }
      }),
      { numRuns: 60 },
    );
  }, 60_000);

  it('count every rate’s numerator only where its denominator is counted, on the same day: rates stay within 0–1 for any period and unit', () => {
    fc.assert(
      fc.property(walks, ([s, steps, repeat]) => {
        for (const { petition } of walk(s, steps)) {
          const facts = figureFactsOf(petition, { repeat }, defaultCalendar);
          const dayOf = new Map(facts.map((f) => [f.metric, f.day]));
          for (const rate of Object.values(RATES)) {
            if (dayOf.has(rate.numerator))
              expect(dayOf.get(rate.denominator)).toBe(dayOf.get(rate.numerator));
          }
        }
      }),
      { numRuns: 60 },
    );
  }, 60_000);

  it('never count an accusation for the accused unit (Art 30)', () => {
    fc.assert(
      fc.property(walks, ([s, steps]) => {
        for (const { petition } of walk({ ...s, kind: 'accusation' }, steps)) {
          for (const fact of figureFactsOf(petition, { repeat: false }, defaultCalendar))
            expect(fact.unitId).toBe(petition.units.receiving.id);
        }
      }),
      { numRuns: 30 },
    );
  }, 60_000);

  it('count a reply within the Art 34 limit as on time, the approved extension included', () => {
    const accepted = handling();
    const asked = act(
      accepted,
      ACTORS.sectionHandler,
      'request_extension',
      { days: 30, reason: '复杂' },
      later(T0, 10),
    );
    const extended = act(asked, ACTORS.sectionHead, 'approve_extension', {}, later(T0, 11));
    // Accepted at T0 + 2 days, answered 75 days later: late without the extension, on time with it.
    const answer = (p: Petition) => {
      const drafted = act(p, ACTORS.sectionHandler, 'draft_reply', LETTER, later(T0, 76));
      const approved = act(drafted, ACTORS.sectionHead, 'approve_reply', {}, later(T0, 76, 1));
      return act(approved, ACTORS.sectionHandler, 'issue_reply', {}, later(T0, 77));
    };
    const metricsOf = (p: Petition) =>
      figureFactsOf(p, { repeat: false }, defaultCalendar).map((f) => f.metric);
    expect(metricsOf(answer(extended))).toEqual(
      expect.arrayContaining(['owed.first', 'answered.first', 'on_time.first', 'replied.first']),
    );
    expect(metricsOf(answer(accepted))).toEqual(
      expect.arrayContaining(['owed.first', 'answered.first', 'replied.first']),
    );
    expect(metricsOf(answer(accepted))).not.toContain('on_time.first');
  });

  it('count the unit the petition is about, or the receiving unit while it is unnamed', () => {
    const p = handling();
    expect(figureUnitOf(p)).toEqual(p.units.concerned);
    expect(figureUnitOf({ ...p, units: { ...p.units, concerned: null } })).toEqual(UNITS.group);
  });
});

describe('suggestions to improve work (改进建议, Art 40)', () => {
  it('count how many were issued on the first one’s day, and how many adopted on the first adoption’s day', () => {
    const suggestions = [
      {
        issuedAt: '2026-03-05T02:00:00.000Z',
        adoption: 'partly_adopted',
        decidedAt: '2026-03-20T02:00:00.000Z',
      },
      {
        issuedAt: '2026-03-03T02:00:00.000Z',
        adoption: 'not_adopted',
        decidedAt: '2026-03-10T02:00:00.000Z',
      },
      { issuedAt: '2026-03-09T02:00:00.000Z', adoption: null, decidedAt: null },
    ] as const;
    const facts = figureFactsOf(handling(), { repeat: false, suggestions }, defaultCalendar);
    expect(facts.filter((f) => f.metric.startsWith('improvement_'))).toEqual([
      { metric: 'improvement_suggested', day: '2026-03-03', unitId: 'section1', value: 3 },
      { metric: 'improvement_adopted', day: '2026-03-20', unitId: 'section1', value: 1 },
    ]);
    expect(
      figureFactsOf(handling(), { repeat: false }, defaultCalendar).some((f) =>
        f.metric.startsWith('improvement_'),
      ),
    ).toBe(false);
  });
});
