import { describe, expect, it } from 'vitest';
import type { ParamsOf } from './actions';
import { ACTORS, act, attempt, expectRefused, handling, LETTER, later, replied, T0 } from './test-kit';
import type { PetitionKind } from './vocabulary';

const at = later(T0, 10);

describe('Art 32 — the decision letter on a request', () => {
  it.each<[string, PetitionKind, Partial<ParamsOf<'draft_reply'>>, string]>([
    ['support with a legal basis', 'request', {}, 'reply_drafted'],
    ['explain', 'request', { outcome: 'explain' }, 'reply_drafted'],
    ['not support', 'request', { outcome: 'not_support' }, 'reply_drafted'],
    ['a request without legal basis', 'request', { legalBasis: ' ' }, 'reply.legal_basis_required'],
    ['a request "adopted"', 'request', { outcome: 'adopted' }, 'reply.outcome_for_kind'],
  ])('%s → %s', (_case, kind, overrides, expected) => {
    const d = attempt(handling(kind), ACTORS.sectionHandler, 'draft_reply', { ...LETTER, ...overrides }, at);
    expect(d.ok ? d.petition.state : d.refusal.rule).toBe(expected);
  });

  it('is approved by the unit head, then issued and visible; a returned draft goes back to handling', () => {
    const drafted = act(handling(), ACTORS.sectionHandler, 'draft_reply', LETTER, at);
    expect(drafted.events.at(-1)?.visibility).toBe('internal');
    expectRefused(
      attempt(drafted, ACTORS.sectionHandler, 'approve_reply', {}, at),
      'auth.role_not_permitted',
    );
    expectRefused(attempt(drafted, ACTORS.sectionHandler, 'issue_reply', {}, at), 'state.not_allowed');
    const returned = act(drafted, ACTORS.sectionHead, 'return_reply', { reason: '依据不准确' }, at);
    expect(returned.state).toBe('handling');
    const approved = act(
      act(returned, ACTORS.sectionHandler, 'draft_reply', LETTER, at),
      ACTORS.sectionHead,
      'approve_reply',
      {},
      at,
    );
    const issued = act(approved, ACTORS.sectionHandler, 'issue_reply', {}, later(at, 1));
    expect(issued.state).toBe('replied');
    expect(issued.events.at(-1)).toMatchObject({
      type: 'reply_issued',
      visibility: 'petitioner',
      data: { letter: LETTER, unitId: 'section1' },
    });
  });

  it('waits for a scheduled hearing to be held before drafting', () => {
    const scheduled = act(
      handling(),
      ACTORS.sectionHandler,
      'schedule_hearing',
      { scheduledFor: later(at, 3), place: '矿会议室' },
      at,
    );
    expectRefused(
      attempt(scheduled, ACTORS.sectionHandler, 'draft_reply', LETTER, at),
      'hearing.already_scheduled',
    );
  });
});

describe('Art 29 — suggestions are adopted, partly adopted or not', () => {
  it.each([
    ['adopted', 'reply_drafted'],
    ['partly_adopted', 'reply_drafted'],
    ['not_adopted', 'reply_drafted'],
    ['support', 'reply.outcome_for_kind'],
  ] as const)('%s → %s', (outcome, expected) => {
    const d = attempt(
      handling('suggestion'),
      ACTORS.sectionHandler,
      'draft_reply',
      { ...LETTER, legalBasis: undefined, outcome },
      at,
    );
    expect(d.ok ? d.petition.state : d.refusal.rule).toBe(expected);
  });
});

describe('Art 31, 33 — investigation, hearings and mediation', () => {
  it('records them without changing the state; hearings are for requests', () => {
    let p = act(handling(), ACTORS.sectionHandler, 'record_investigation', { summary: '查阅工资台账' }, at);
    p = act(
      p,
      ACTORS.sectionHandler,
      'schedule_hearing',
      { scheduledFor: later(at, 3), place: '矿会议室' },
      at,
    );
    expectRefused(
      attempt(
        p,
        ACTORS.sectionHandler,
        'schedule_hearing',
        { scheduledFor: later(at, 4), place: '矿会议室' },
        at,
      ),
      'hearing.already_scheduled',
    );
    p = act(p, ACTORS.sectionHandler, 'hold_hearing', { summary: '双方陈述' }, later(at, 3));
    expectRefused(
      attempt(p, ACTORS.sectionHandler, 'record_mediation', { result: 'agreement', summary: '和解' }, at),
      'mediation.agreement_unconfirmed',
    );
    p = act(
      p,
      ACTORS.sectionHandler,
      'record_mediation',
      { result: 'agreement', summary: '达成和解协议', terms: '四月十日前补发工资', confirmed: true },
      later(at, 4),
    );
    expect(p.events.at(-1)?.data).toMatchObject({ terms: '四月十日前补发工资', otherParty: null });
    expect(p.state).toBe('handling');
    expect(p.events.map((e) => [e.type, e.visibility]).slice(-4)).toEqual([
      ['investigation_recorded', 'internal'],
      ['hearing_scheduled', 'petitioner'],
      ['hearing_held', 'petitioner'],
      ['mediation_recorded', 'petitioner'],
    ]);
    expectRefused(
      attempt(
        handling('suggestion'),
        ACTORS.sectionHandler,
        'schedule_hearing',
        { scheduledFor: at, place: 'x' },
        at,
      ),
      'hearing.requests_only',
    );
    expectRefused(
      attempt(handling(), ACTORS.sectionHandler, 'hold_hearing', { summary: 'x' }, at),
      'hearing.none_scheduled',
    );
  });

  it('keeps notes internal and messages visible', () => {
    let p = act(handling(), ACTORS.sectionHandler, 'add_note', { text: '内部意见' }, at);
    p = act(p, ACTORS.sectionHandler, 'send_message', { text: '请补充工资条' }, at);
    p = act(p, ACTORS.petitioner, 'petitioner_message', { text: '已上传' }, at);
    expect(p.events.slice(-3).map((e) => e.visibility)).toEqual(['internal', 'petitioner', 'petitioner']);
    expectRefused(
      attempt(p, ACTORS.otherPetitioner, 'petitioner_message', { text: 'x' }, at),
      'auth.not_own_petition',
    );
  });

  it('lets the petitioner send materials with a message: at most nine, and never without a line', () => {
    const photos = ['a1', 'a2'];
    const p = act(
      handling(),
      ACTORS.petitioner,
      'petitioner_message',
      { text: '工资条两张', attachmentIds: photos },
      at,
    );
    expect(p.events.at(-1)).toMatchObject({
      type: 'petitioner_wrote',
      visibility: 'petitioner',
      data: { text: '工资条两张', attachmentIds: photos },
    });
    // A message without materials records none.
    const plain = act(handling(), ACTORS.petitioner, 'petitioner_message', { text: '好的' }, at);
    expect(plain.events.at(-1)?.data).toEqual({ text: '好的' });
    const ten = Array.from({ length: 10 }, (_, i) => `a${i}`);
    expectRefused(
      attempt(handling(), ACTORS.petitioner, 'petitioner_message', { text: '照片', attachmentIds: ten }, at),
      'params.invalid',
    );
    expectRefused(
      attempt(handling(), ACTORS.petitioner, 'petitioner_message', { text: ' ', attachmentIds: photos }, at),
      'params.invalid',
    );
  });
});

describe('Art 21 — satisfaction rating, once per stage', () => {
  it('the petitioner rates the reply once', () => {
    const rated = act(
      replied(),
      ACTORS.petitioner,
      'rate',
      { rating: 'unsatisfied', comment: '未解决' },
      later(T0, 21),
    );
    expect(rated.ratings.first).toMatchObject({ rating: 'unsatisfied', comment: '未解决' });
    expectRefused(
      attempt(rated, ACTORS.petitioner, 'rate', { rating: 'satisfied' }, later(T0, 22)),
      'rating.already_rated',
    );
    expectRefused(
      attempt(handling(), ACTORS.petitioner, 'rate', { rating: 'satisfied' }, at),
      'state.not_allowed',
    );
  });

  it('the petitioner may withdraw before the reply, not after', () => {
    expect(act(handling(), ACTORS.petitioner, 'withdraw', {}, at).state).toBe('withdrawn');
    const late = attempt(replied(), ACTORS.petitioner, 'withdraw', {}, later(T0, 21));
    // Its own rule, in plain words: the statute has no article on withdrawal, so none is cited.
    expect(late.ok ? null : late.refusal).toMatchObject({
      rule: 'withdraw.after_reply',
      article: null,
      message: '信访事项只能在作出书面答复之前撤回，本事项已经答复，不能撤回',
    });
    // During an appeal it is possible again until the appeal's answer.
    const reviewing = act(replied(), ACTORS.petitioner, 'request_review', { reason: 'x' }, later(T0, 22));
    expect(act(reviewing, ACTORS.petitioner, 'withdraw', {}, later(T0, 23)).state).toBe('withdrawn');
  });
});
