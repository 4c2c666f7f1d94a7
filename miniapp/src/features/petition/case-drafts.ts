import type { TimelineEvent } from '@xinfang/shared/schemas/petitions';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { DraftPhoto } from '@/features/submission/draft';
import { discardPhoto } from '@/features/submission/photo-store';
import { deviceStorage } from '@/platform/device-storage';
import type { KeyValueStore } from '@/platform/storage';
import { session } from '@/services/instance';

/**
 * What a petitioner writes on a case's page and has not sent yet — why they ask for review or
 * re-examination, a rating's comment, a message — kept on the device at every change, per person
 * and per case, so that a failed send and a reload lose nothing. Sending it forgets it; so does
 * signing out on purpose (a phone may be shared in a family). Someone else signing in on the same
 * device never sees it.
 *
 * A send whose answer never came is kept as well (`Sent`): resends go with the version it was
 * first sent with, so they carry the same Idempotency-Key and the server takes the action once —
 * even after a reload showed a newer version. It goes with the text: once the server answered, or
 * once the case shows the action taken (`tookEffect`).
 *
 * A message may carry photos (补充材料): kept beside its text, uploaded ids included, so that a
 * resend is the same request and a reload shows them again.
 */

/** The forms of a case's page whose text is kept: each is the action it sends. */
export const CASE_FORMS = [
  'rate',
  'request_review',
  'request_re_examination',
  'petitioner_message',
  'withdraw',
] as const;
export type CaseForm = (typeof CASE_FORMS)[number];

interface CaseDraftEntry {
  schema: 1;
  ownerId: string;
  text: string;
}

/** A send of the form not yet answered: the version it went with, and the last step seen then. */
export interface Sent {
  version: number;
  afterSeq: number;
}

interface PhotosEntry {
  schema: 1;
  ownerId: string;
  photos: DraftPhoto[];
}

interface SentEntry extends Sent {
  schema: 1;
  ownerId: string;
}

/** The step each form's action leaves in the timeline. */
const STEP_OF: Record<CaseForm, string> = {
  rate: 'rated',
  request_review: 'review_requested',
  request_re_examination: 're_examination_requested',
  petitioner_message: 'petitioner_wrote',
  withdraw: 'withdrawn',
};

/**
 * Whether the case shows a send of the form taken: its step after the last one seen when it was
 * sent — for a message, with the same text (a message may be sent again on purpose).
 */
export function tookEffect(
  form: CaseForm,
  sent: Sent,
  timeline: readonly TimelineEvent[],
  text?: string,
): boolean {
  return timeline.some(
    (event) =>
      event.seq > sent.afterSeq &&
      event.type === STEP_OF[form] &&
      (form !== 'petitioner_message' || event.data.text === text),
  );
}

/** The last step of a timeline the petitioner sees (0 when none). */
export function lastSeq(timeline: readonly TimelineEvent[]): number {
  return timeline.reduce((last, event) => Math.max(last, event.seq), 0);
}

const entryKey = (ownerId: string, petitionId: string, form: CaseForm) =>
  `xinfang.case-draft.${ownerId}.${petitionId}.${form}`;
const sentKey = (ownerId: string, petitionId: string, form: CaseForm) =>
  `${entryKey(ownerId, petitionId, form)}.sent`;
const photosKey = (ownerId: string, petitionId: string, form: CaseForm) =>
  `${entryKey(ownerId, petitionId, form)}.photos`;
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

  const forgetKeys = (ownerId: string, gone: string[]) => {
    for (const key of gone) storage.remove(key);
    const list = keys(ownerId);
    if (list.some((k) => gone.includes(k)))
      setKeys(
        ownerId,
        list.filter((k) => !gone.includes(k)),
      );
  };
  const remember = (ownerId: string, key: string, value: unknown) => {
    storage.set(key, value);
    const list = keys(ownerId);
    if (!list.includes(key)) setKeys(ownerId, [...list, key]);
  };

  /** Forgets the form's text, its photos and its unanswered send. */
  function clear(ownerId: string, petitionId: string, form: CaseForm): void {
    forgetKeys(ownerId, [
      entryKey(ownerId, petitionId, form),
      photosKey(ownerId, petitionId, form),
      sentKey(ownerId, petitionId, form),
    ]);
  }

  function loadPhotos(ownerId: string, petitionId: string, form: CaseForm): DraftPhoto[] {
    const entry = storage.get<PhotosEntry>(photosKey(ownerId, petitionId, form));
    return entry?.schema === 1 && entry.ownerId === ownerId && Array.isArray(entry.photos)
      ? entry.photos
      : [];
  }

  function sent(ownerId: string, petitionId: string, form: CaseForm): Sent | null {
    const entry = storage.get<SentEntry>(sentKey(ownerId, petitionId, form));
    return entry?.schema === 1 && entry.ownerId === ownerId && Number.isInteger(entry.version)
      ? { version: entry.version, afterSeq: Number(entry.afterSeq) || 0 }
      : null;
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
        forgetKeys(ownerId, [entryKey(ownerId, petitionId, form)]);
        return;
      }
      remember(ownerId, entryKey(ownerId, petitionId, form), {
        schema: 1,
        ownerId,
        text,
      } satisfies CaseDraftEntry);
    },
    loadPhotos,
    /** Keeps the form's photos, or forgets them when there are none. */
    savePhotos(ownerId: string, petitionId: string, form: CaseForm, photos: DraftPhoto[]): void {
      const key = photosKey(ownerId, petitionId, form);
      if (photos.length === 0) forgetKeys(ownerId, [key]);
      else remember(ownerId, key, { schema: 1, ownerId, photos } satisfies PhotosEntry);
    },
    clear,
    sent,
    /**
     * The send about to go: the first keeps the version on screen; while it stays unanswered,
     * every resend goes with that version (and so the same key), whatever was loaded since.
     */
    sending(ownerId: string, petitionId: string, form: CaseForm, now: Sent): Sent {
      const first = sent(ownerId, petitionId, form);
      if (first) return first;
      remember(ownerId, sentKey(ownerId, petitionId, form), {
        schema: 1,
        ownerId,
        ...now,
      } satisfies SentEntry);
      return now;
    },
    /** The server refused the send and kept nothing: the next one goes with the case as it is. */
    refused(ownerId: string, petitionId: string, form: CaseForm): void {
      forgetKeys(ownerId, [sentKey(ownerId, petitionId, form)]);
    },
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

/** A form's photos as kept with its draft, and how to change them (see `usePhotoUploads`). */
export interface DraftPhotos {
  draft: { photos: DraftPhoto[] };
  commit: (change: (draft: { photos: DraftPhoto[] }) => { photos: DraftPhoto[] }) => void;
}

/**
 * A form's text on a case's page, kept on the device at every change for the signed-in person and
 * restored when the page opens again; `clear` forgets it once the server has it. Given the case's
 * timeline, it is forgotten too when that shows it sent though the answer was lost. Its photos
 * (a message's) are kept and forgotten with it.
 */
export function useCaseDraft(
  petitionId: string,
  form: CaseForm,
  timeline?: readonly TimelineEvent[],
): [string, (text: string) => void, () => void, DraftPhotos] {
  const ownerId = session.get()?.me.id ?? null;
  const [text, setText] = useState(() => (ownerId ? caseDrafts.load(ownerId, petitionId, form) : ''));
  const [photos, setPhotos] = useState(() =>
    ownerId ? caseDrafts.loadPhotos(ownerId, petitionId, form) : [],
  );
  const owner = useRef(ownerId);
  owner.current = ownerId;
  const kept = useRef(photos);
  kept.current = photos;

  // Sent or abandoned: the photos' bytes kept on the device go too.
  const forgetAll = useCallback(
    (id: string) => {
      for (const photo of kept.current) if (photo.ref) void discardPhoto(photo.ref);
      caseDrafts.clear(id, petitionId, form);
      setText('');
      setPhotos([]);
    },
    [petitionId, form],
  );

  useEffect(() => {
    setText(ownerId ? caseDrafts.load(ownerId, petitionId, form) : '');
    setPhotos(ownerId ? caseDrafts.loadPhotos(ownerId, petitionId, form) : []);
  }, [ownerId, petitionId, form]);

  useEffect(() => {
    if (!ownerId || !timeline) return;
    const first = caseDrafts.sent(ownerId, petitionId, form);
    const written = caseDrafts.load(ownerId, petitionId, form).trim();
    if (first && tookEffect(form, first, timeline, written)) forgetAll(ownerId);
  }, [ownerId, petitionId, form, timeline, forgetAll]);

  const change = useCallback(
    (value: string) => {
      setText(value);
      if (owner.current) caseDrafts.save(owner.current, petitionId, form, value);
    },
    [petitionId, form],
  );
  const clear = useCallback(() => {
    if (owner.current) forgetAll(owner.current);
    else setText('');
  }, [forgetAll]);

  const commitPhotos = useCallback<DraftPhotos['commit']>(
    (update) => {
      const next = update({ photos: kept.current }).photos;
      kept.current = next;
      setPhotos(next);
      if (owner.current) caseDrafts.savePhotos(owner.current, petitionId, form, next);
    },
    [petitionId, form],
  );
  const draft = useMemo(() => ({ photos }), [photos]);

  return [text, change, clear, { draft, commit: commitPhotos }];
}
