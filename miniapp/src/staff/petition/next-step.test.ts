import { describe, expect, it } from 'vitest';
import { type NextStepFacts, suggestedAction } from './next-step';

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
