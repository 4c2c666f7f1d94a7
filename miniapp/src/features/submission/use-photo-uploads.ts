import { useCallback, useEffect, useRef, useState } from 'react';
import { newLocalId } from '@/platform/ids';
import { type PhotoData, uploadPhoto } from '@/services/attachments';
import type { Draft } from './draft';
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
 * A draft's photos on their way to the server: kept on the device first (so they survive the app
 * being killed), then uploaded one by one with progress; a failed one waits for its own retry.
 * Photos restored with a draft are uploaded again if they never made it.
 */
export function usePhotoUploads(draft: Draft | null, commit: (change: (draft: Draft) => Draft) => void) {
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
        setView(id, { state: 'failed', error: null });
        return;
      }
      setView(id, { state: 'uploading', progress: 0, error: null });
      try {
        const attachment = await uploadPhoto(bytes, (progress) => setView(id, { progress }));
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
