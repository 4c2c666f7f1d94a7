import type { SubmitPetitionBody } from '@xinfang/shared/schemas/petitions';
import type { KeyValueStore } from '@/platform/storage';
import { EMPTY_FIELDS, type SubmissionFields } from './fields';

/**
 * Drafts that survive everything (a dead battery, WeChat killing the app, a closed tab): every
 * change is written to the device at once. A draft belongs to one signed-in person.
 *
 * The idempotency key is made with the draft and kept until the server's answer has been received
 * (acknowledged). Once a submission has been sent, its exact body is frozen in `pending`: a retry
 * sends the same body under the same key, so however the first answer was lost, the server makes
 * one petition and answers the retry with its number and query code. Only a definitive refusal
 * (the server kept nothing) releases the body for editing — still under the same key, which the
 * server has not recorded.
 */

export interface DraftPhoto {
  /** Local id. */
  id: string;
  /** Where the photo's bytes are kept on the device (a file path, or an IndexedDB key on h5). */
  ref: string;
  bytes: number;
  /** The server's attachment, once uploaded. */
  attachmentId: string | null;
}

/**
 * The person's own name and address as typed on the form and not yet saved to their account: kept
 * with the rest of the draft, so a reload loses nothing, and gone with it. Only these two — a phone
 * or ID number is never kept on the device.
 */
export interface DraftProfile {
  realName: string;
  address: string;
}

export interface PendingSubmission {
  body: SubmitPetitionBody;
  since: string;
}

export interface Draft {
  schema: 1;
  ownerId: string;
  idempotencyKey: string;
  createdAt: string;
  updatedAt: string;
  fields: SubmissionFields;
  photos: DraftPhoto[];
  /** Name and address typed and not yet on the account; null when the account's are shown. */
  profile: DraftProfile | null;
  /** A submission sent whose answer has not arrived. */
  pending: PendingSubmission | null;
}

/** What the person keeps after submitting: shown on the success page until they leave it. */
export interface Receipt {
  petitionId: string;
  number: string;
  queryCode: string;
  at: string;
  /**
   * Declined in the same request (Art 19 ¶3, 36 ¶3: the same matter pending below, or already
   * re-examined): why, and where to turn. Absent when it was registered to be handled.
   */
  declined?: { reason: string; guidance: string | null };
}

export interface DraftStoreDeps {
  storage: KeyValueStore;
  newKey: () => string;
  now?: () => Date;
}

const draftKey = (ownerId: string) => `xinfang.draft.${ownerId}`;
const receiptKey = (ownerId: string) => `xinfang.receipt.${ownerId}`;

export function createDraftStore({ storage, newKey, now = () => new Date() }: DraftStoreDeps) {
  const stamp = () => now().toISOString();

  function load(ownerId: string): Draft | null {
    const draft = storage.get<Draft>(draftKey(ownerId));
    if (draft?.schema !== 1 || draft.ownerId !== ownerId || !draft.idempotencyKey) return null;
    return {
      ...draft,
      fields: { ...EMPTY_FIELDS, ...draft.fields },
      profile: onlyNameAndAddress(draft.profile),
    };
  }

  function write(draft: Draft): Draft {
    const saved = { ...draft, profile: onlyNameAndAddress(draft.profile), updatedAt: stamp() };
    storage.set(draftKey(draft.ownerId), saved);
    return saved;
  }

  return {
    load,

    /** The person's draft, or a new empty one with a fresh idempotency key. */
    open(ownerId: string): Draft {
      const existing = load(ownerId);
      if (existing) return existing;
      const at = stamp();
      return {
        schema: 1,
        ownerId,
        idempotencyKey: newKey(),
        createdAt: at,
        updatedAt: at,
        fields: { ...EMPTY_FIELDS, representatives: [...EMPTY_FIELDS.representatives] },
        photos: [],
        profile: null,
        pending: null,
      };
    },

    /** Saves a change. The key never changes here; a pending body cannot be edited. */
    save(draft: Draft): Draft {
      const stored = load(draft.ownerId);
      const idempotencyKey = stored?.idempotencyKey ?? draft.idempotencyKey;
      const pending = stored?.pending ?? draft.pending;
      return write({ ...draft, idempotencyKey, pending });
    },

    /** Whether there is anything worth restoring. */
    hasContent(draft: Draft | null): boolean {
      if (!draft) return false;
      const f = draft.fields;
      return Boolean(
        draft.pending ||
          draft.photos.length > 0 ||
          draft.profile ||
          f.kind ||
          f.categoryCode ||
          f.title.trim() ||
          f.content.trim() ||
          f.location.trim(),
      );
    },

    /** Freezes the body about to be sent; a pending body already frozen is kept as it is. */
    markPending(draft: Draft, body: SubmitPetitionBody): Draft {
      const stored = load(draft.ownerId) ?? draft;
      if (stored.pending) return stored;
      return write({ ...draft, idempotencyKey: stored.idempotencyKey, pending: { body, since: stamp() } });
    },

    /** After a definitive refusal: the server kept nothing, so the form may change (same key). */
    releasePending(draft: Draft): Draft {
      const stored = load(draft.ownerId) ?? draft;
      return write({ ...stored, pending: null });
    },

    /** The server has answered: the draft and its key are done with; the receipt is kept to show. */
    acknowledge(ownerId: string, receipt: Receipt): void {
      storage.set(receiptKey(ownerId), receipt);
      storage.remove(draftKey(ownerId));
    },

    /** Signing out on purpose: the name and address typed are forgotten; the rest stays. */
    forgetProfile(ownerId: string): void {
      const stored = load(ownerId);
      if (stored?.profile) write({ ...stored, profile: null });
    },

    /** Throws the draft away (the person chose to start again): a new draft gets a new key. */
    discard(ownerId: string): void {
      storage.remove(draftKey(ownerId));
    },

    receipt(ownerId: string): Receipt | null {
      return storage.get<Receipt>(receiptKey(ownerId));
    },

    forgetReceipt(ownerId: string): void {
      storage.remove(receiptKey(ownerId));
    },
  };
}

export type DraftStore = ReturnType<typeof createDraftStore>;

/** The two strings a draft may keep of the person, whatever else a caller or a record holds. */
function onlyNameAndAddress(profile: DraftProfile | null | undefined): DraftProfile | null {
  if (!profile || typeof profile.realName !== 'string' || typeof profile.address !== 'string') return null;
  return { realName: profile.realName, address: profile.address };
}
