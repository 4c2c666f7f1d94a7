import { Text, View } from '@tarojs/components';
import { useContext, useState } from 'react';
import { copy } from '@/copy/zh-CN';
import type { Draft } from '@/features/submission/draft';
import { LIMITS } from '@/features/submission/form';
import { type PhotoSource, pickPhotos } from '@/features/submission/pick';
import { type PhotoView, photoFailure, type usePhotoUploads } from '@/features/submission/use-photo-uploads';
import { Button } from '@/ui/Button';
import { Card } from '@/ui/Card';
import { Picture } from '@/ui/controls';
import { ErrorsSummarised, useUniqueId } from '@/ui/focus';

const text = copy.submit;

/** The photos of the form: taken or picked, compressed, kept on the device and uploaded. */
export function PhotosSection({
  draft,
  photos,
  error,
}: {
  draft: Draft;
  photos: ReturnType<typeof usePhotoUploads>;
  error: string | null;
}) {
  const [full, setFull] = useState(false);
  const id = useUniqueId('photos');
  const summarised = useContext(ErrorsSummarised);
  const choose = async (source: PhotoSource) => {
    const room = LIMITS.photos - draft.photos.length;
    setFull(room <= 0);
    if (room > 0) await photos.add(await pickPhotos(source, room));
  };
  const shown =
    error ?? (full && draft.photos.length >= LIMITS.photos ? text.photoTooMany(LIMITS.photos) : null);
  return (
    <Card title={text.steps.photos}>
      <Text className="xf-text xf-text--small xf-text--muted">{text.photosHint(LIMITS.photos)}</Text>
      <View
        className="photos"
        role="list"
        aria-label={text.steps.photos}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={shown ? `${id}-error` : undefined}
        data-testid="photos"
      >
        {draft.photos.map((photo, i) => (
          <PhotoTile
            key={photo.id}
            n={i + 1}
            view={photos.views[photo.id]}
            uploaded={photo.attachmentId !== null}
            onRetry={() => void photos.retry(photo.id)}
            onRemove={() => photos.remove(photo.id)}
          />
        ))}
      </View>
      {shown && (
        <Text
          className="xf-field__error"
          id={`${id}-error`}
          // 照片太多 answers a tap, at once; the form's problems are said in its summary.
          role={summarised && error ? undefined : 'alert'}
        >
          {shown}
        </Text>
      )}
      <View className="xf-row">
        <Button inline onPress={() => void choose('camera')} testId="photo-camera">
          {text.takePhoto}
        </Button>
        <Button inline onPress={() => void choose('album')} testId="photo-album">
          {text.choosePhoto}
        </Button>
      </View>
    </Card>
  );
}

/** One photo of a draft, with its upload's progress, and retry and remove. */
export function PhotoTile({
  n,
  view,
  uploaded,
  onRetry,
  onRemove,
}: {
  n: number;
  view: PhotoView | undefined;
  uploaded: boolean;
  onRetry: () => void;
  onRemove: () => void;
}) {
  const state = uploaded ? 'uploaded' : (view?.state ?? 'waiting');
  const failure = state === 'failed' ? photoFailure(view?.error ?? null) : null;
  const status =
    state === 'uploaded'
      ? text.photoUploaded
      : state === 'uploading'
        ? text.photoUploading(view?.progress ?? 0)
        : state === 'failed'
          ? text.photoFailed
          : text.photoWaiting;
  return (
    <View className="photo" role="listitem" data-testid="photo" data-state={state}>
      {view?.preview ? (
        <Picture className="photo__image" src={view.preview} alt={text.photoAlt(n)} />
      ) : (
        <View className="photo__image photo__image--missing" />
      )}
      <View role={failure ? 'alert' : undefined} aria-live={failure ? undefined : 'polite'}>
        <Text className={`photo__status photo__status--${state}`}>{`${text.photoAlt(n)}：${status}`}</Text>
        {failure && (
          <Text className="photo__reason" data-testid="photo-reason">
            {failure.reason}
          </Text>
        )}
      </View>
      {state === 'uploading' && (
        <View
          className="photo__bar"
          role="progressbar"
          aria-label={text.photoAlt(n)}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={view?.progress ?? 0}
        >
          <View className="photo__bar-fill" style={{ width: `${view?.progress ?? 0}%` }} />
        </View>
      )}
      <View className="xf-row">
        {failure?.retryable && (
          <Button inline variant="primary" onPress={onRetry} label={text.photoRetry(n)} testId="photo-retry">
            {copy.common.retry}
          </Button>
        )}
        <Button inline variant="danger" onPress={onRemove} label={text.photoRemove(n)} testId="photo-remove">
          {copy.common.remove}
        </Button>
      </View>
    </View>
  );
}
