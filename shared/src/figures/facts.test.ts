import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultCalendar } from '../clocks/calendar';
import { clocksOf } from '../clocks/clocks-of';
import { beijingDate } from '../clocks/dates';
import type { Petition } from '../lifecycle/petition';
import { register } from '../lifecycle/register';
import {
  ACTORS,
  act,
  answer,
  handling,
  LETTER,
  later,
  onlineParams,
  replied,
  submitted,
  T0,
  UNITS,
} from '../lifecycle/test-kit';
import type { UnitRef } from '../lifecycle/units';
import type { Channel, PetitionKind } from '../lifecycle/vocabulary';
import { start, step, walk } from '../lifecycle/walks.test-kit';
import { COLLECTIVE_MIN_PEOPLE, type FigureFact, figureFactsOf, figureUnitOf } from './facts';
import { FIGURE_METRICS } from './metrics';
import { RATES } from './rates';

const walks = fc.tuple(start, fc.array(step, { minLength: 5, maxLength: 40 }), fc.boolean());

describe('figure facts', () => {
  it('count each metric at most once per petition and day, for the figure unit, from the events alone', () => {
    fc.assert(
      fc.property(walks, ([s, steps, repeat]) => {
        for (const { petition } of walk(s, steps)) {
          const facts = figureFactsOf(petition, { repeat }, defaultCalendar);
          const metrics = facts.map((f) => f.metric);
          expect(new Set(facts.map((f) => `${f.metric} ${f.day}`)).size).toBe(facts.length);
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

  it('count no more of a rate’s numerator than of its denominator on any day: rates stay within 0–1 for any period and unit', () => {
    fc.assert(
      fc.property(walks, ([s, steps, repeat]) => {
        for (const { petition } of walk(s, steps)) {
          const facts = figureFactsOf(petition, { repeat }, defaultCalendar);
          const on = (metric: string, day: string) =>
            facts.find((f) => f.metric === metric && f.day === day)?.value ?? 0;
          for (const rate of Object.values(RATES)) {
            for (const fact of facts.filter((f) => f.metric === rate.numerator))
              expect(fact.value).toBeLessThanOrEqual(on(rate.denominator, fact.day));
          }
        }
      }),
      { numRuns: 60 },
    );
  }, 60_000);

  it('never take back what a finished step counted: an answer, its lateness, its rating, a decision', () => {
    // Owed limits still running may go (a case withdrawn in time owes nothing); settled ones stay.
    // 越级访 follows the unit the case is about: named again, it may not have skipped a level.
    const settled = (f: { metric: string }, renamed: boolean) =>
      !/^(owed\.|triage_owed|notice_owed)/.test(f.metric) && !(renamed && f.metric === 'level_skipping');
    fc.assert(
      fc.property(walks, ([s, steps, repeat]) => {
        let before: FigureFact[] = [];
        let concerned: string | undefined;
        for (const { petition } of walk(s, steps)) {
          const facts = figureFactsOf(petition, { repeat }, defaultCalendar);
          const renamed = petition.units.concerned?.id !== concerned;
          concerned = petition.units.concerned?.id;
          for (const fact of before.filter((f) => settled(f, renamed))) {
            const now = facts.find((f) => f.metric === fact.metric && f.day === fact.day);
            expect(now?.value ?? 0, `${fact.metric} ${fact.day}`).toBeGreaterThanOrEqual(fact.value);
          }
          before = facts;
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

describe('answers, limits and ends', () => {
  const factsOf = (p: Petition) => figureFactsOf(p, { repeat: false }, defaultCalendar);
  const counted = (p: Petition, metric: string) =>
    factsOf(p)
      .filter((f) => f.metric === metric)
      .map((f) => [f.day, f.value]);
  const letter = { ...LETTER, outcome: 'adopted' } as const;
  const dueOf = (p: Petition, name: string) =>
    clocksOf(p, defaultCalendar, p.events.at(-1)?.at ?? T0).findLast((c) => c.name === name)?.dueDate ?? '';
  const answerAt = (p: Petition, at: string) => {
    let next = act(p, ACTORS.sectionHandler, 'draft_reply', letter, at);
    next = act(next, ACTORS.sectionHead, 'approve_reply', {}, at);
    next = act(next, ACTORS.sectionHandler, 'issue_reply', {}, at);
    return act(next, ACTORS.petitioner, 'receive_reply', {}, at);
  };

  it('keep a late, unsatisfying answer counted as it was when the case is handled again', () => {
    // Accepted on 4 March, answered 70 days later (ten days late) and rated unsatisfied.
    const accepted = handling('suggestion');
    const due1 = dueOf(accepted, 'handling');
    const first = act(
      answerAt(accepted, later(T0, 72)),
      ACTORS.petitioner,
      'rate',
      { rating: 'unsatisfied' },
      later(T0, 73),
    );
    const again = act(
      first,
      ACTORS.sectionHead,
      'decide_rehandling',
      { rehandle: true, reason: '再查' },
      later(T0, 74),
    );
    const due2 = dueOf(again, 'handling');
    const second = act(
      answerAt(again, later(T0, 78)),
      ACTORS.petitioner,
      'rate',
      { rating: 'satisfied' },
      later(T0, 79),
    );
    const [day1, day2] = [beijingDate(later(T0, 72)), beijingDate(later(T0, 78))];
    expect(due1 < day1 && day2 < due2).toBe(true);
    for (const p of [first, again, second]) {
      expect(counted(p, 'owed.first')).toContainEqual([due1, 1]);
      expect(counted(p, 'answered.first')).toContainEqual([due1, 1]);
      expect(counted(p, 'rated.first')).toContainEqual([day1, 1]);
      expect(counted(p, 'satisfied.first')).not.toContainEqual([day1, 1]);
    }
    // The second answer is owed from the decision to handle again, and given in time.
    expect(counted(second, 'owed.first')).toEqual([
      [due1, 1],
      [due2, 1],
    ]);
    expect(counted(second, 'on_time.first')).toEqual([[due2, 1]]);
    expect(counted(second, 'replied.first')).toEqual([
      [day1, 1],
      [day2, 1],
    ]);
    expect(counted(second, 'rated.first')).toEqual([
      [day1, 1],
      [day2, 1],
    ]);
    expect(counted(second, 'satisfied.first')).toEqual([[day2, 1]]);
    // Closed after the satisfying second answer: 化解.
    const closed = act(second, ACTORS.system, 'close', {}, later(T0, 120));
    expect(counted(closed, 'resolved')).toEqual([[beijingDate(later(T0, 120)), 1]]);
  });

  it('keep a limit that ran out owed and late when the case ends another way afterwards', () => {
    const due = dueOf(handling(), 'handling');
    const late = act(handling(), ACTORS.petitioner, 'withdraw', { reason: '算了' }, later(T0, 70));
    expect(counted(late, 'owed.first')).toEqual([[due, 1]]);
    expect(counted(late, 'on_time.first')).toEqual([]);
    const inTime = act(handling(), ACTORS.petitioner, 'withdraw', { reason: '算了' }, later(T0, 30));
    expect(counted(inTime, 'owed.first')).toEqual([]);
  });

  it('count a triage and a written notice owed on their 15th day, decided or not', () => {
    // Received 2 March: both limits run out on 17 March.
    const waiting = submitted();
    expect(counted(waiting, 'triage_owed')).toEqual([['2026-03-17', 1]]);
    expect(counted(waiting, 'notice_owed')).toEqual([['2026-03-17', 1]]);
    expect(counted(waiting, 'triaged_on_time')).toEqual([]);
    const lateAssigned = act(
      waiting,
      ACTORS.groupReception,
      'assign',
      { unit: UNITS.section1, reportBackBy: '2026-05-29' },
      later(T0, 20),
    );
    expect(counted(lateAssigned, 'triage_owed')).toEqual([['2026-03-17', 1]]);
    expect(counted(lateAssigned, 'triaged')).toEqual([['2026-03-22', 1]]);
    expect(counted(lateAssigned, 'triaged_on_time')).toEqual([]);
    expect(counted(lateAssigned, 'assigned')).toEqual([['2026-03-22', 1]]);
    const told = act(waiting, ACTORS.groupReception, 'notify', { message: '已登记' }, later(T0, 3));
    expect(counted(told, 'notified_on_time')).toEqual([['2026-03-17', 1]]);
    // Withdrawn within the 15 days: nothing was owed.
    const withdrawn = act(waiting, ACTORS.petitioner, 'withdraw', { reason: '算了' }, later(T0, 5));
    expect(counted(withdrawn, 'triage_owed')).toEqual([]);
    const forwarded = act(
      waiting,
      ACTORS.groupReception,
      'forward',
      { recipientOrgan: '市纪委监委', reason: '不属本单位' },
      later(T0, 4),
    );
    expect(counted(forwarded, 'forwarded')).toEqual([['2026-03-06', 1]]);
    expect(counted(forwarded, 'triaged_on_time')).toEqual([['2026-03-17', 1]]);
  });

  it('count a visit to a desk more than one level above its unit as 越级访, not a letter or a visit one up', () => {
    const atDesk = (
      desk: UnitRef,
      concernedUnit: UnitRef,
      channel: Channel = 'visit',
      kind: PetitionKind = 'request',
    ) => {
      const decision = register(
        {
          id: 'desk',
          petitionerId: 'p1',
          receivingUnit: desk,
          params: { ...onlineParams({ kind, concernedUnit }), channel, receivedAt: T0 },
        },
        { id: 'rec', roles: ['reception'], unit: desk },
        later(T0, 0, 1),
      );
      if (!decision.ok) throw new Error(decision.refusal.rule);
      return counted(decision.petition, 'level_skipping');
    };
    // group → mine1 → section1 → team1: the group's desk is two levels above section1.
    expect(atDesk(UNITS.group, UNITS.section1)).toEqual([['2026-03-02', 1]]);
    expect(atDesk(UNITS.mine1, UNITS.team1)).toEqual([['2026-03-02', 1]]);
    // The unit itself or the one above it (本级或上一级), a desk not above it, or no visit at all.
    expect(atDesk(UNITS.group, UNITS.mine1)).toEqual([]);
    expect(atDesk(UNITS.section1, UNITS.section1)).toEqual([]);
    expect(atDesk(UNITS.mine2, UNITS.team1)).toEqual([]);
    expect(atDesk(UNITS.group, UNITS.section1, 'letter')).toEqual([]);
    expect(counted(submitted(), 'level_skipping')).toEqual([]);
    // An accusation handed up from a desk inside the accused unit (Art 30) was not brought up.
    expect(atDesk(UNITS.section1, UNITS.mine1, 'visit', 'accusation')).toEqual([]);
  });

  it('count a case declined as pending below (Art 19 ¶3) on its own, not as 越级访', () => {
    const declined = act(
      submitted(),
      ACTORS.system,
      'decline',
      { ground: 'pending_elsewhere', reason: '下级正在办理' },
      later(T0, 0, 1),
    );
    expect(counted(declined, 'declined_pending_below')).toEqual([['2026-03-02', 1]]);
    expect(counted(declined, 'level_skipping')).toEqual([]);
    const other = act(
      submitted(),
      ACTORS.groupReception,
      'decline',
      { ground: 'other', reason: '不属信访事项' },
      later(T0, 1),
    );
    expect(counted(other, 'declined_pending_below')).toEqual([]);
  });

  it('count a visit of five or more people as 集体访, its people as 人次 — no other channel', () => {
    const group = (headcount: number, channel: Petition['channel'] = 'visit') =>
      ({ ...submitted(), channel, collective: { headcount, representatives: ['张伟'] } }) as Petition;
    expect(counted(group(4), 'collective')).toEqual([]);
    expect(counted(group(4), 'collective_people')).toEqual([]);
    expect(counted(group(COLLECTIVE_MIN_PEOPLE), 'collective')).toEqual([['2026-03-02', 1]]);
    expect(counted(group(12), 'collective_people')).toEqual([['2026-03-02', 12]]);
    // A joint letter (联名信), a call, an e-mail, a fax or an online petition giving a headcount is
    // recorded with it, but it is no 访.
    for (const channel of ['letter', 'call', 'email', 'fax', 'online'] as const) {
      expect(counted(group(30, channel), 'collective'), channel).toEqual([]);
      expect(counted(group(30, channel), 'collective_people'), channel).toEqual([]);
    }
  });

  it('count a suggestion whose petitioner was rewarded once, on the day of the first reward (Art 29)', () => {
    const letter = { ...LETTER, outcome: 'adopted' } as const;
    let p = act(handling('suggestion'), ACTORS.sectionHandler, 'draft_reply', letter, later(T0, 19));
    p = act(p, ACTORS.sectionHead, 'approve_reply', {}, later(T0, 19, 1));
    p = act(p, ACTORS.sectionHandler, 'issue_reply', {}, later(T0, 20));
    expect(counted(p, 'rewarded')).toEqual([]);
    p = act(
      p,
      ACTORS.sectionHead,
      'record_reward',
      { reward: 'commendation', description: '通报表扬' },
      later(T0, 30),
    );
    expect(counted(p, 'rewarded')).toEqual([[beijingDate(later(T0, 30)), 1]]);
  });

  it('count a case rated satisfied after its final answer as resolved (化解)', () => {
    let p = act(replied(), ACTORS.petitioner, 'request_review', { reason: '不服' }, later(T0, 25));
    p = answer(p, ACTORS.mineHandler, ACTORS.mineHead, later(T0, 30));
    p = act(p, ACTORS.petitioner, 'request_re_examination', { reason: '不服' }, later(T0, 31));
    p = answer(p, ACTORS.groupHandler, ACTORS.groupHead, later(T0, 40));
    expect(p.state).toBe('final');
    const day = beijingDate(later(T0, 40));
    expect(counted(p, 'concluded')).toEqual([[day, 1]]);
    expect(counted(p, 'resolved')).toEqual([]);
    const rated = act(p, ACTORS.petitioner, 'rate', { rating: 'basically_satisfied' }, later(T0, 45));
    expect(counted(rated, 'resolved')).toEqual([[day, 1]]);
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
