import { Text, View } from '@tarojs/components';
import { ATTACHMENTS_MAX } from '@xinfang/shared/lifecycle';
import type { Attachment, TimelineEvent } from '@xinfang/shared/schemas/petitions';
import { copy } from '@/copy/zh-CN';
import { useCaseDraft } from '@/features/petition/case-drafts';
import type { ActionFailure } from '@/features/petition/use-petition';
import { pickPhotos } from '@/features/submission/pick';
import { usePhotoUploads } from '@/features/submission/use-photo-uploads';
import { formatDateTime } from '@/format/dates';
import { Button } from '@/ui/Button';
import { Card } from '@/ui/Card';
import { EventAttachments } from '@/ui/EventAttachments';
import { TextField } from '@/ui/TextField';
import { PhotoTile } from '../submit/PhotosSection';
import { ActionError } from './forms';

const text = copy.detail;

/**
 * The messages between the petitioner and the handler, with a box to write one and photos to add
 * (补充材料: a payslip, a certificate — the line written says what they are).
 */
export function Messages({
  petitionId,
  timeline,
  attachments,
  canWrite,
  busy,
  failure,
  onSend,
}: {
  petitionId: string;
  timeline: readonly TimelineEvent[];
  attachments: readonly Attachment[];
  canWrite: boolean;
  busy: boolean;
  failure: ActionFailure | null;
  onSend: (text: string, attachmentIds: string[]) => Promise<boolean>;
}) {
  // Kept on the device until sent, photos too: a failed send and a reload lose nothing, and a
  // resend is the same request. A send whose answer was lost but which the thread shows is
  // forgotten, not offered to be sent again.
  const [value, setValue, forget, photos] = useCaseDraft(petitionId, 'petitioner_message', timeline);
  const uploads = usePhotoUploads(photos.draft, photos.commit);
  const drafted = photos.draft.photos;
  const uploaded = drafted.flatMap((p) => (p.attachmentId ? [p.attachmentId] : []));
  const pending = uploaded.length < drafted.length;
  const messages = timeline.filter((e) => e.type === 'message_sent' || e.type === 'petitioner_wrote');
  const send = async () => {
    if (!value.trim() || pending) return;
    if (await onSend(value.trim(), uploaded)) forget();
  };
  const room = ATTACHMENTS_MAX - drafted.length;
  const addPhotos = async () => {
    if (room > 0) await uploads.add(await pickPhotos('album', room, { orCamera: true }));
  };
  return (
    <Card title={text.messages} testId="detail-messages">
      {messages.length === 0 ? (
        <Text className="xf-text xf-text--muted">{text.messagesEmpty}</Text>
      ) : (
        <View role="list">
          {messages.map((event) => (
            <View
              key={event.seq}
              role="listitem"
              className={`message message--${event.type === 'petitioner_wrote' ? 'mine' : 'staff'}`}
              data-testid="message"
            >
              <Text className="message__who">
                {`${event.type === 'petitioner_wrote' ? text.messageFromMe : text.messageFromStaff} · ${formatDateTime(event.at)}`}
              </Text>
              <Text className="message__text">{String(event.data.text ?? '')}</Text>
              <EventAttachments event={event} attachments={attachments} />
            </View>
          ))}
        </View>
      )}
      {canWrite && (
        <View className="message-composer">
          <TextField
            label={text.messageLabel}
            value={value}
            onChange={setValue}
            multiline
            maxLength={2000}
            required
            placeholder={text.messagePlaceholder}
            testId="message-input"
          />
          <Text className="xf-text xf-text--small xf-text--muted">
            {text.messagePhotosHint(ATTACHMENTS_MAX)}
          </Text>
          {drafted.length > 0 && (
            <View
              className="photos"
              role="list"
              aria-label={text.messagePhotosLabel}
              data-testid="message-photos"
            >
              {drafted.map((photo, i) => (
                <PhotoTile
                  key={photo.id}
                  n={i + 1}
                  view={uploads.views[photo.id]}
                  uploaded={photo.attachmentId !== null}
                  onRetry={() => void uploads.retry(photo.id)}
                  onRemove={() => uploads.remove(photo.id)}
                />
              ))}
            </View>
          )}
          {pending && <Text className="xf-text xf-text--small">{copy.validation.photosNotUploaded}</Text>}
          <Button disabled={room <= 0} onPress={() => void addPhotos()} testId="message-photo-add">
            {room > 0 ? text.messagePhotoAdd : copy.submit.photoTooMany(ATTACHMENTS_MAX)}
          </Button>
          <ActionError failure={failure} button={copy.common.send} testId="message-error" />
          <Button
            busy={busy}
            busyText={copy.common.loading}
            disabled={!value.trim() || pending}
            onPress={() => void send()}
            testId="message-send"
          >
            {copy.common.send}
          </Button>
        </View>
      )}
    </Card>
  );
}
