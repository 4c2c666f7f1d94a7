import { describe, expect, it } from 'vitest';
import { finalCasesToWeigh, type NextStepFacts, suggestedAction } from './next-step';

const base: NextStepFacts = {
  state: 'registered',
  allowed: ['accept', 'assign', 'forward', 'refer', 'divert', 'decline', 'notify', 'set_concerned_unit'],
  concernedKnown: true,
  concernedBelowReceiving: true,
  extensionPending: false,
  hearingPending: false,
};

describe('the suggested next step', () => {
  it('names the unit first when the petitioner did not know it', () => {
    expect(suggestedAction({ ...base, concernedKnown: false })).toBe('set_concerned_unit');
  });

  it('assigns what concerns a unit below the office, accepts what concerns the office itself', () => {
    expect(suggestedAction(base)).toBe('assign');
    expect(suggestedAction({ ...base, concernedBelowReceiving: false })).toBe('accept');
  });

  it('follows the handling: approve a pending extension, hold the hearing, draft, approve, issue', () => {
    const handling = { ...base, state: 'handling' as const };
    const all = ['draft_reply', 'approve_extension', 'hold_hearing', 'record_investigation'];
    expect(suggestedAction({ ...handling, allowed: all, extensionPending: true })).toBe('approve_extension');
    expect(suggestedAction({ ...handling, allowed: all, hearingPending: true })).toBe('hold_hearing');
    expect(suggestedAction({ ...handling, allowed: all })).toBe('draft_reply');
    expect(
      suggestedAction({ ...base, state: 'reply_drafted', allowed: ['approve_reply', 'return_reply'] }),
    ).toBe('approve_reply');
    expect(suggestedAction({ ...base, state: 'reply_approved', allowed: ['issue_reply'] })).toBe(
      'issue_reply',
    );
  });

  it('suggests only what the server offers, and nothing for an objection', () => {
    expect(suggestedAction({ ...base, state: 'reply_drafted', allowed: ['add_note'] })).toBeNull();
    expect(
      suggestedAction({ ...base, state: 'objected', allowed: ['agree_objection', 'overrule_objection'] }),
    ).toBeNull();
    expect(suggestedAction({ ...base, allowed: ['accept'] })).toBe('accept');
  });
});

describe('a final case the new petition may repeat (Art 36 ¶3)', () => {
  const links = [
    { number: 'XF2026-000003', state: 'final' as const },
    { number: 'XF2026-000007', state: 'handling' as const },
  ];

  it('is named to whoever may accept or decline the petition, and to no one else', () => {
    expect(finalCasesToWeigh(base.allowed, links)).toEqual(['XF2026-000003']);
    expect(finalCasesToWeigh(['accept', 'object'], links)).toEqual(['XF2026-000003']);
    expect(finalCasesToWeigh(['draft_reply', 'add_note'], links)).toEqual([]);
    expect(finalCasesToWeigh(base.allowed, [links[1] as (typeof links)[number]])).toEqual([]);
  });
});
