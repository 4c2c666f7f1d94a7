import { useCallback, useEffect, useRef, useState } from 'react';
import { deviceStorage } from '@/platform/device-storage';
import type { KeyValueStore } from '@/platform/storage';
import { session } from '@/services/instance';

/**
 * What a petitioner writes on a case's page and has not sent yet — why they ask for review or
 * re-examination, a rating's comment, a message — kept on the device at every change, per person
 * and per case, so that a failed send and a reload lose nothing. Sending it forgets it; so does
 * signing out on purpose (a phone may be shared in a family). Someone else signing in on the same
 * device never sees it.
 */

/** The forms of a case's page whose text is kept: each is the action it sends. */
export const CASE_FORMS = ['rate', 'request_review', 'request_re_examination', 'petitioner_message'] as const;
export type CaseForm = (typeof CASE_FORMS)[number];

interface CaseDraftEntry {
  schema: 1;
  ownerId: string;
  text: string;
}

const entryKey = (ownerId: string, petitionId: string, form: CaseForm) =>
  `xinfang.case-draft.${ownerId}.${petitionId}.${form}`;
const indexKey = (ownerId: string) => `xinfang.case-drafts.${ownerId}`;

export function createCaseDrafts(storage: KeyValueStore) {
  const keys = (ownerId: string): string[] => {
    const list = storage.get<unknown>(indexKey(ownerId));
    return Array.isArray(list) ? list.filter((k): k is string => typeof k === 'string') : [];
  };
  const setKeys = (ownerId: string, list: string[]) => {
    if (list.length === 0) storage.remove(indexKey(ownerId));
    else storage.set(indexKey(ownerId), list);
  };

  function clear(ownerId: string, petitionId: string, form: CaseForm): void {
    const key = entryKey(ownerId, petitionId, form);
    storage.remove(key);
    const list = keys(ownerId);
    if (list.includes(key))
      setKeys(
        ownerId,
        list.filter((k) => k !== key),
      );
  }

  return {
    load(ownerId: string, petitionId: string, form: CaseForm): string {
      const entry = storage.get<CaseDraftEntry>(entryKey(ownerId, petitionId, form));
      return entry?.schema === 1 && entry.ownerId === ownerId && typeof entry.text === 'string'
        ? entry.text
        : '';
    },
    /** Keeps the text, or forgets it when there is nothing but spaces. */
    save(ownerId: string, petitionId: string, form: CaseForm, text: string): void {
      if (!text.trim()) {
        clear(ownerId, petitionId, form);
        return;
      }
      const key = entryKey(ownerId, petitionId, form);
      storage.set(key, { schema: 1, ownerId, text } satisfies CaseDraftEntry);
      const list = keys(ownerId);
      if (!list.includes(key)) setKeys(ownerId, [...list, key]);
    },
    clear,
    /**
     * The drafts of forms the case no longer offers: sent, though the answer was lost on the way
     * (the server then shows the action done), or too late to send.
     */
    clearUnoffered(ownerId: string, petitionId: string, offered: ReadonlySet<string>): void {
      for (const form of CASE_FORMS) if (!offered.has(form)) clear(ownerId, petitionId, form);
    },
    /** Every case draft of this person (signing out on purpose). */
    clearAll(ownerId: string): void {
      for (const key of keys(ownerId)) storage.remove(key);
      storage.remove(indexKey(ownerId));
    },
  };
}

export type CaseDrafts = ReturnType<typeof createCaseDrafts>;

/** The device's case drafts. */
export const caseDrafts = createCaseDrafts(deviceStorage);

/**
 * A form's text on a case's page, kept on the device at every change for the signed-in person and
 * restored when the page opens again; `clear` forgets it once the server has it.
 */
export function useCaseDraft(
  petitionId: string,
  form: CaseForm,
): [string, (text: string) => void, () => void] {
  const ownerId = session.get()?.me.id ?? null;
  const [text, setText] = useState(() => (ownerId ? caseDrafts.load(ownerId, petitionId, form) : ''));
  const owner = useRef(ownerId);
  owner.current = ownerId;

  useEffect(() => {
    setText(ownerId ? caseDrafts.load(ownerId, petitionId, form) : '');
  }, [ownerId, petitionId, form]);

  const change = useCallback(
    (value: string) => {
      setText(value);
      if (owner.current) caseDrafts.save(owner.current, petitionId, form, value);
    },
    [petitionId, form],
  );
  const clear = useCallback(() => {
    setText('');
    if (owner.current) caseDrafts.clear(owner.current, petitionId, form);
  }, [petitionId, form]);

  return [text, change, clear];
}
