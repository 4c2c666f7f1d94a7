import { describe, expect, it } from 'vitest';
import { memoryStorage } from '@/platform/storage';
import { SessionStore } from '@/services/session';
import {
  actionScope,
  answeredAction,
  createStaffDrafts,
  hasContent,
  REGISTER_SCOPE,
  STAFF_DRAFT_MAX_AGE_MS,
  sendingAction,
  shownTaken,
} from './staff-drafts';

const tokens = {
  accessToken: 'a',
  accessTokenExpiresAt: '2026-03-02T02:15:00.000Z',
  refreshToken: 'r'.repeat(20),
  refreshTokenExpiresAt: '2026-03-02T14:00:00.000Z',
};
const staff = (id: string, username: string) => ({
  kind: 'staff' as const,
  id,
  username,
  displayName: username,
  roles: ['handler' as const],
  capabilities: ['read_cases' as const, 'read_templates' as const],
  unit: { id: 'u', code: 'U', name: '安全科' },
  mustChangePassword: false,
  signInAlert: null,
});

describe('staff drafts across the end of a session', () => {
  it('keeps a half-written letter through an expired session and gives it back to the same person', () => {
    const storage = memoryStorage();
    let now = Date.parse('2026-03-02T02:00:00.000Z');
    const drafts = createStaffDrafts(storage, () => now);
    const session = new SessionStore(storage);
    session.set({ tokens, me: staff('s1', 'ds.handler') });

    const scope = actionScope('p1', 'draft_reply');
    const letter = {
      request: '要求整改通风',
      factsAndReasons: '经现场检测，三号井风量不足',
      decision: '',
      legalBasis: '',
      outcome: '',
    };
    drafts.save('s1', scope, letter);

    // The session ends (12 idle hours, a disabled account): the store forgets the tokens only.
    now += 13 * 3600_000;
    session.clear('expired');
    expect(session.get()).toBeNull();
    expect(drafts.load('s1', scope)).toEqual(letter);

    // Someone else signs in on this device: the first person's draft is not theirs.
    session.set({ tokens, me: staff('s2', 'xh.handler') });
    expect(drafts.load('s2', scope)).toBeNull();
    expect(drafts.scopes('s2')).toEqual([]);

    // The same person again: every word is there.
    session.set({ tokens, me: staff('s1', 'ds.handler') });
    expect(drafts.load('s1', scope)).toEqual(letter);
  });

  it('forgets a draft once it is sent, and all of a person’s drafts when they sign out on purpose', () => {
    const storage = memoryStorage();
    const drafts = createStaffDrafts(storage);
    drafts.save('s1', actionScope('p1', 'object'), { reasons: '不属于本科职责' });
    drafts.save('s1', actionScope('p2', 'add_note'), { text: '已电话联系' });
    drafts.save('s1', REGISTER_SCOPE, { fields: { title: '来信' } });
    drafts.save('s2', REGISTER_SCOPE, { fields: { title: '他人的登记' } });
    expect(drafts.scopes('s1')).toEqual(['petition.p1.object', 'petition.p2.add_note', 'register']);

    drafts.clear('s1', actionScope('p1', 'object'));
    expect(drafts.load('s1', actionScope('p1', 'object'))).toBeNull();
    expect(drafts.scopes('s1')).toEqual(['petition.p2.add_note', 'register']);

    drafts.clearAll('s1');
    expect(drafts.scopes('s1')).toEqual([]);
    expect(Object.keys(storage.dump()).filter((key) => key.includes('.s1'))).toEqual([]);
    expect(drafts.load('s2', REGISTER_SCOPE)).toEqual({ fields: { title: '他人的登记' } });
  });

  it('drops a draft older than a staff session can live (7 days)', () => {
    const storage = memoryStorage();
    let now = Date.parse('2026-03-02T02:00:00.000Z');
    const drafts = createStaffDrafts(storage, () => now);
    drafts.save('s1', REGISTER_SCOPE, { title: 'x' });
    now += STAFF_DRAFT_MAX_AGE_MS - 1000;
    expect(drafts.load('s1', REGISTER_SCOPE)).toEqual({ title: 'x' });
    now += 2000;
    expect(drafts.load('s1', REGISTER_SCOPE)).toBeNull();
    expect(drafts.scopes('s1')).toEqual([]);
  });

  it('reads a corrupt or foreign entry as no draft', () => {
    const storage = memoryStorage({
      'xinfang.staff.draft.s1.register': {
        schema: 1,
        staffId: 's2',
        scope: 'register',
        savedAt: new Date().toISOString(),
        value: {},
      },
    });
    expect(createStaffDrafts(storage).load('s1', REGISTER_SCOPE)).toBeNull();
  });

  it('keeps only forms with something in them', () => {
    expect(hasContent({ text: '  ', on: false })).toBe(false);
    expect(hasContent({ text: 'a' })).toBe(true);
    expect(hasContent({ takeOwnership: true })).toBe(true);
  });

  it('resends an unanswered action with the version it first went with, until answered', () => {
    const drafts = createStaffDrafts(memoryStorage());
    const first = sendingAction(drafts, 's1', 'p1', 'add_note', { version: 4, afterSeq: 9 });
    expect(first).toEqual({ version: 4, afterSeq: 9 });
    // No answer; the page was loaded again and shows version 5: the resend still goes as 4 (its
    // key), and the form's draft beside it is untouched.
    drafts.save('s1', actionScope('p1', 'add_note'), { text: '已电话联系' });
    expect(sendingAction(drafts, 's1', 'p1', 'add_note', { version: 5, afterSeq: 10 })).toEqual(first);
    // Someone else on this device, another case or another action: their own.
    expect(sendingAction(drafts, 's2', 'p1', 'add_note', { version: 5, afterSeq: 10 }).version).toBe(5);
    expect(sendingAction(drafts, 's1', 'p1', 'send_message', { version: 5, afterSeq: 10 }).version).toBe(5);
    // Answered: the next send is a new one, with the case as it is.
    answeredAction(drafts, 's1', 'p1', 'add_note');
    expect(sendingAction(drafts, 's1', 'p1', 'add_note', { version: 6, afterSeq: 11 }).version).toBe(6);
    expect(drafts.load('s1', actionScope('p1', 'add_note'))).toEqual({ text: '已电话联系' });
    // Signing out on purpose forgets them with the drafts.
    drafts.clearAll('s1');
    expect(drafts.scopes('s1')).toEqual([]);
  });

  it('sees an unanswered action taken only in a later step by the same person', () => {
    const step = (seq: number, actorId: string, type: string, data: Record<string, unknown> = {}) => ({
      seq,
      type,
      at: '2026-03-02T02:00:00.000Z',
      stage: 'first' as const,
      actorRole: 'handler',
      actor: { id: actorId, name: actorId },
      visibility: 'internal' as const,
      unit: null,
      data,
    });
    const sent = { version: 4, afterSeq: 2 };
    const before = [step(1, 's0', 'registered'), step(2, 's1', 'accepted')];
    expect(shownTaken(sent, before, 's1')).toBe(false);
    expect(shownTaken(sent, [...before, step(3, 's2', 'investigation_recorded')], 's1')).toBe(false);
    expect(shownTaken(sent, [...before, step(3, 's1', 'investigation_recorded')], 's1')).toBe(true);
    // A note or a message: the same text, not an earlier or another one.
    const note = step(3, 's1', 'note_added', { text: '已电话联系' });
    expect(shownTaken(sent, [...before, note], 's1', '已电话联系')).toBe(true);
    expect(shownTaken(sent, [...before, note], 's1', '已上门核实')).toBe(false);
  });
});
