import type { OrgUnit } from '@xinfang/shared/schemas/identity';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cancelProblems,
  holdProblems,
  isClean,
  peopleOf,
  subtreeUnits,
  suggestionProblems,
  toCancelBody,
  toHoldBody,
  toSuggestionBody,
  toVisitBody,
  visitPlanProblems,
} from './oversight-forms';

const unit = (id: string, parentId: string | null, retired = false): OrgUnit =>
  ({
    id,
    parentId,
    code: id.toUpperCase(),
    name: id,
    kind: 'company',
    depth: 0,
    address: null,
    receptionHours: null,
    phone: null,
    sortOrder: 0,
    retired,
    receivesPetitions: false,
    letterAddress: null,
  }) as OrgUnit;

const TODAY = '2026-12-03';

describe('the units one may name', () => {
  const units = [
    unit('group', null),
    unit('mine', 'group'),
    unit('section', 'mine'),
    unit('old', 'mine', true),
    unit('other', 'group'),
  ];
  it('are one’s own unit and those below it, never a sibling, a parent or a retired one', () => {
    expect(subtreeUnits(units, 'mine').map((u) => u.id)).toEqual(['mine', 'section']);
    expect(subtreeUnits(units, 'group').map((u) => u.id)).toEqual(['group', 'mine', 'section', 'other']);
    expect(subtreeUnits(units, 'section').map((u) => u.id)).toEqual(['section']);
  });
});

describe('a suggestion to improve work (Art 40)', () => {
  const good = { number: '', unitId: 'mine', suggestion: '按月核对考勤', dueDate: '2026-12-13' };
  it('from a case needs a unit, words and an answer date after today', () => {
    expect(suggestionProblems(good, TODAY, true)).toEqual({});
    const empty = suggestionProblems(
      { number: ' ', unitId: null, suggestion: '  ', dueDate: TODAY },
      TODAY,
      true,
    );
    expect(Object.keys(empty).sort()).toEqual(['dueDate', 'suggestion', 'unitId']);
  });
  it('from the oversight page needs the case’s number too', () => {
    expect(Object.keys(suggestionProblems(good, TODAY, false))).toEqual(['number']);
    expect(suggestionProblems({ ...good, number: '东山信〔2026〕12号' }, TODAY, false)).toEqual({});
  });
  it('accepts exactly the dates after today, typed as people type them', () => {
    fc.assert(
      fc.property(fc.integer({ min: -400, max: 400 }), (days) => {
        const due = new Date(Date.parse(`${TODAY}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
        const typed = due.replace(/-0?/g, '/');
        expect(suggestionProblems({ ...good, dueDate: typed }, TODAY, true).dueDate === undefined).toBe(
          days > 0,
        );
      }),
      { numRuns: 60 },
    );
  });
  it('is sent trimmed with the date normalised', () => {
    expect(toSuggestionBody({ ...good, suggestion: ' 核对 ', dueDate: '2026/12/9' }, 'p1')).toEqual({
      petitionId: 'p1',
      unitId: 'mine',
      suggestion: '核对',
      dueDate: '2026-12-09',
    });
  });
});

describe('a 下访 planned, then held (Art 18)', () => {
  const plan = { leaderId: null, unitId: 'mine', place: ' 会议室 ', date: TODAY, topic: ' 加班费 ' };
  it('may be planned for today or later, never for a day gone', () => {
    expect(visitPlanProblems(plan, TODAY, true)).toEqual({});
    expect(Object.keys(visitPlanProblems({ ...plan, date: '2026-12-02' }, TODAY, true))).toEqual(['date']);
    expect(
      Object.keys(visitPlanProblems({ ...plan, unitId: null, place: '', topic: '' }, TODAY, true)),
    ).toEqual(['unitId', 'place', 'topic']);
  });
  it('names a leader only when someone else goes, and must when the planner does not lead', () => {
    expect(Object.keys(visitPlanProblems(plan, TODAY, false))).toEqual(['leaderId']);
    expect(visitPlanProblems({ ...plan, leaderId: 'l1' }, TODAY, false)).toEqual({});
    expect(toVisitBody(plan)).toEqual({ unitId: 'mine', place: '会议室', date: TODAY, topic: '加班费' });
    expect(toVisitBody({ ...plan, leaderId: 'l1' }).leaderId).toBe('l1');
  });
  it('is held with what was done and a whole number of people, 0 to 100 000', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), (n) => {
        expect(peopleOf(` ${n} `)).toBe(n);
        expect(isClean(holdProblems({ summary: '座谈', people: String(n) }))).toBe(true);
      }),
      { numRuns: 50 },
    );
    for (const bad of ['', '-1', '1.5', '100001', '十', '1e3'])
      expect(holdProblems({ summary: '座谈', people: bad }).people).toBeDefined();
    expect(holdProblems({ summary: ' ', people: '3' }).summary).toBeDefined();
    expect(toHoldBody({ summary: ' 座谈 ', people: '18' })).toEqual({ summary: '座谈', people: 18 });
  });
  it('is cancelled only with a reason written down', () => {
    for (const blank of ['', ' ', '\n\t']) expect(cancelProblems(blank).reason).toBeDefined();
    expect(isClean(cancelProblems('领导临时有会'))).toBe(true);
    expect(toCancelBody(' 领导临时有会 ')).toEqual({ reason: '领导临时有会' });
  });
});
