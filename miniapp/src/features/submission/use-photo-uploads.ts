import { useCallback, useEffect, useRef, useState } from 'react';
import { copy } from '@/copy/zh-CN';
import { newLocalId } from '@/platform/ids';
import { ApiError } from '@/services/api';
import { type PhotoData, uploadPhoto } from '@/services/attachments';
import { messageOf } from '@/ui/message-of';
import type { DraftPhoto } from './draft';
import { discardPhoto, keepPhoto, loadPhoto, releasePreview } from './photo-store';
import type { PickedPhoto } from './pick';

export interface PhotoView {
  id: string;
  preview: string | null;
  state: 'waiting' | 'uploading' | 'uploaded' | 'failed';
  progress: number;
  error: unknown;
}

/**
 * Refusals that sending the same photo again cannot change: its size (413), its type or broken
 * bytes (415), its content (422). The person can only take it out and choose another.
 */
const FINAL_STATUSES: readonly number[] = [413, 415, 422];

export interface PhotoFailure {
  /** Why, in words: the server's own reason for a refusal. */
  reason: string;
  /** Whether 重试 can help (a lost signal, a busy server); otherwise only 删除 is offered. */
  retryable: boolean;
}

/** What a failed upload's error means to the person; a null error: the photo left the device. */
export function photoFailure(error: unknown): PhotoFailure {
  if (error === null) return { reason: copy.submit.photoUnreadable, retryable: false };
  if (error instanceof ApiError && error.status !== null && FINAL_STATUSES.includes(error.status)) {
    // The server words its refusals for people (which types, how large).
    const reason = /[\u4e00-\u9fff]/.test(error.message) ? error.message : messageOf(error);
    return { reason: copy.submit.photoRefused(reason), retryable: false };
  }
  return { reason: messageOf(error), retryable: true };
}

/**
 * A draft's photos on their way to the server: kept on the device first (so they survive the app
 * being killed), then uploaded one by one with progress; a failed one waits for its own retry.
 * Photos restored with a draft are uploaded again if they never made it. The draft is a
 * submission's, or a message's on a case's page (补充材料).
 */
export function usePhotoUploads<D extends { photos: DraftPhoto[] }>(
  draft: D | null,
  commit: (change: (draft: D) => D) => void,
) {
  const [views, setViews] = useState<Record<string, PhotoView>>({});
  const data = useRef(new Map<string, PhotoData>());
  const known = useRef(new Set<string>());

  const setView = useCallback((id: string, patch: Partial<PhotoView>) => {
    setViews((all) => {
      const current = all[id] ?? { id, preview: null, state: 'waiting', progress: 0, error: null };
      return { ...all, [id]: { ...current, ...patch } };
    });
  }, []);

  const upload = useCallback(
    async (id: string) => {
      const bytes = data.current.get(id);
      if (bytes === undefined) {
        // Gone from the device (`photoFailure` of a null error).
        setView(id, { state: 'failed', error: null });
        return;
      }
      setView(id, { state: 'uploading', progress: 0, error: null });
      try {
        // The photo's local id is kept with the draft: every retry of it sends the same key.
        const attachment = await uploadPhoto(bytes, (progress) => setView(id, { progress }), `upload-${id}`);
        commit((d) => ({
          ...d,
          photos: d.photos.map((p) => (p.id === id ? { ...p, attachmentId: attachment.id } : p)),
        }));
        setView(id, { state: 'uploaded', progress: 100 });
      } catch (error) {
        setView(id, { state: 'failed', error });
      }
    },
    [commit, setView],
  );

  // Photos of a restored draft (and photos whose upload must be done again) are picked up here.
  useEffect(() => {
    if (!draft) return;
    for (const photo of draft.photos) {
      if (known.current.has(photo.id)) continue;
      known.current.add(photo.id);
      void loadPhoto(photo.ref).then((kept) => {
        if (kept) data.current.set(photo.id, kept.data);
        setView(photo.id, { preview: kept?.preview ?? null });
        if (photo.attachmentId) setView(photo.id, { state: 'uploaded', progress: 100 });
        else void upload(photo.id);
      });
    }
  }, [draft, upload, setView]);

  const add = useCallback(
    async (picked: PickedPhoto[]) => {
      for (const photo of picked) {
        const id = newLocalId('photo');
        known.current.add(id);
        data.current.set(id, photo.data);
        const preview = typeof photo.data === 'string' ? photo.data : URL.createObjectURL(photo.data);
        setView(id, { preview, state: 'waiting' });
        let ref: string;
        try {
          ref = await keepPhoto(id, photo.data);
        } catch {
          ref = '';
        }
        commit((d) => ({ ...d, photos: [...d.photos, { id, ref, bytes: photo.bytes, attachmentId: null }] }));
        void upload(id);
      }
    },
    [commit, setView, upload],
  );

  const remove = useCallback(
    (id: string) => {
      const photo = draft?.photos.find((p) => p.id === id);
      commit((d) => ({ ...d, photos: d.photos.filter((p) => p.id !== id) }));
      const preview = views[id]?.preview;
      if (preview) releasePreview(preview);
      data.current.delete(id);
      if (photo?.ref) void discardPhoto(photo.ref);
      setViews((all) => {
        const { [id]: _gone, ...rest } = all;
        return rest;
      });
    },
    [commit, draft, views],
  );

  return { views, add, retry: upload, remove };
}
