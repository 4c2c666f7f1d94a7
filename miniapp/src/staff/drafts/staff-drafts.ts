import type { TimelineEvent } from '@xinfang/shared/schemas/petitions';
import type { KeyValueStore } from '@/platform/storage';

/**
 * What staff have typed and not yet sent — a decision letter half written, an objection's reasons,
 * a registration — kept on the device at every change. A staff session ends after 12 idle hours
 * (or when an account is disabled, or the password changes elsewhere): the drafts stay, keyed by
 * the person, so that signing in again finds every word where it was. Someone else signing in on
 * the same device never sees them. Signing out on purpose clears them (a shared desk computer
 * should not keep petitioners' matters), and a draft untouched for a week is dropped.
 */

export interface StaffDraftEntry<T> {
  schema: 1;
  staffId: string;
  scope: string;
  savedAt: string;
  value: T;
}

/** As long as a staff session can last at all (7 days): a draft older than that is forgotten. */
export const STAFF_DRAFT_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;

const entryKey = (staffId: string, scope: string) => `xinfang.staff.draft.${staffId}.${scope}`;
const indexKey = (staffId: string) => `xinfang.staff.drafts.${staffId}`;

export interface StaffDraftStore {
  load<T>(staffId: string, scope: string): T | null;
  save<T>(staffId: string, scope: string, value: T): void;
  clear(staffId: string, scope: string): void;
  /** Every draft of this person (signing out on purpose). */
  clearAll(staffId: string): void;
  scopes(staffId: string): string[];
}

export function createStaffDrafts(
  storage: KeyValueStore,
  now: () => number = Date.now,
  maxAgeMs = STAFF_DRAFT_MAX_AGE_MS,
): StaffDraftStore {
  const scopes = (staffId: string): string[] => {
    const list = storage.get<unknown>(indexKey(staffId));
    return Array.isArray(list) ? list.filter((s): s is string => typeof s === 'string') : [];
  };
  const setScopes = (staffId: string, list: string[]) => {
    if (list.length === 0) storage.remove(indexKey(staffId));
    else storage.set(indexKey(staffId), list);
  };

  function clear(staffId: string, scope: string): void {
    storage.remove(entryKey(staffId, scope));
    const list = scopes(staffId);
    if (list.includes(scope))
      setScopes(
        staffId,
        list.filter((s) => s !== scope),
      );
  }

  return {
    load<T>(staffId: string, scope: string): T | null {
      const entry = storage.get<StaffDraftEntry<T>>(entryKey(staffId, scope));
      if (entry?.schema !== 1 || entry.staffId !== staffId || entry.scope !== scope) return null;
      const age = now() - Date.parse(entry.savedAt);
      if (!Number.isFinite(age) || age > maxAgeMs) {
        clear(staffId, scope);
        return null;
      }
      return entry.value;
    },
    save<T>(staffId: string, scope: string, value: T): void {
      const entry: StaffDraftEntry<T> = {
        schema: 1,
        staffId,
        scope,
        savedAt: new Date(now()).toISOString(),
        value,
      };
      storage.set(entryKey(staffId, scope), entry);
      const list = scopes(staffId);
      if (!list.includes(scope)) setScopes(staffId, [...list, scope]);
    },
    clear,
    clearAll(staffId: string): void {
      for (const scope of scopes(staffId)) storage.remove(entryKey(staffId, scope));
      storage.remove(indexKey(staffId));
    },
    scopes,
  };
}

/** The scope of an action's form on one petition. */
export function actionScope(petitionId: string, actionType: string): string {
  return `petition.${petitionId}.${actionType}`;
}

export const REGISTER_SCOPE = 'register';

/**
 * An action on a petition sent without an answer coming back: the version it went with, and the
 * last step of the case seen then. Kept beside the form's draft (same store, same person, same
 * week) so that every resend goes with that version — the same Idempotency-Key (`actionKey`) — and
 * the server takes the action once, even after a reload showed the case moved on.
 */
export interface UnansweredSend {
  version: number;
  afterSeq: number;
}

const sentScope = (petitionId: string, actionType: string) => `${actionScope(petitionId, actionType)}.sent`;

/**
 * The send about to go: the first keeps the version on screen; while it stays unanswered, every
 * resend goes with that version, whatever was loaded since.
 */
export function sendingAction(
  drafts: StaffDraftStore,
  staffId: string,
  petitionId: string,
  actionType: string,
  now: UnansweredSend,
): UnansweredSend {
  const first = drafts.load<UnansweredSend>(staffId, sentScope(petitionId, actionType));
  if (first && Number.isInteger(first.version))
    return { version: first.version, afterSeq: Number(first.afterSeq) || 0 };
  drafts.save(staffId, sentScope(petitionId, actionType), now);
  return now;
}

/** The server answered (took it, or refused it and kept nothing): the next send starts afresh. */
export function answeredAction(
  drafts: StaffDraftStore,
  staffId: string,
  petitionId: string,
  actionType: string,
): void {
  drafts.clear(staffId, sentScope(petitionId, actionType));
}

/**
 * Whether the case, loaded again after no answer came, shows the send taken: a step by this person
 * after the last one seen when it went — for a message or a note, with the same text (one may be
 * written again on purpose).
 */
export function shownTaken(
  sent: UnansweredSend,
  timeline: readonly TimelineEvent[],
  staffId: string,
  text?: string,
): boolean {
  return timeline.some(
    (event) =>
      event.seq > sent.afterSeq &&
      event.actor?.id === staffId &&
      (text === undefined || event.data.text === text),
  );
}

/** Whether a form's values hold anything worth keeping (any non-blank text or a set switch). */
export function hasContent(values: Record<string, unknown>): boolean {
  return Object.values(values).some((v) =>
    typeof v === 'string' ? v.trim() !== '' : typeof v === 'boolean' ? v : v !== null && v !== undefined,
  );
}
