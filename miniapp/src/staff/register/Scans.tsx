import { Text, View } from '@tarojs/components';
import type { Attachment } from '@xinfang/shared/schemas/petitions';
import { useState } from 'react';
import { staffCopy } from '@/copy/staff';
import { copy } from '@/copy/zh-CN';
import { LIMITS } from '@/features/submission/form';
import { pickPhotos } from '@/features/submission/pick';
import { newLocalId } from '@/platform/ids';
import { uploadPhoto } from '@/services/attachments';
import { AttachmentTile } from '@/ui/AttachmentTile';
import { Button } from '@/ui/Button';
import { StatusLine } from '@/ui/Feedback';
import { StaffError } from '../ui/StaffPage';
import type { RegisterDraft } from './register-form';

const text = staffCopy.register;

/** Scans of a letter, photos of materials: picked, compressed, uploaded at once (reception may upload). */
export function Scans({
  attachments,
  commit,
  error,
}: {
  attachments: Attachment[];
  commit: (change: (d: RegisterDraft) => RegisterDraft) => void;
  error?: string | null;
}) {
  const [progress, setProgress] = useState<number | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const left = LIMITS.photos - attachments.length;

  const add = async () => {
    setFailure(null);
    const picked = await pickPhotos('album', left, { orCamera: true }).catch(() => []);
    for (const photo of picked) {
      setProgress(0);
      try {
        const uploaded = await uploadPhoto(photo.data, setProgress, newLocalId('scan'));
        commit((d) => ({ ...d, attachments: [...d.attachments, uploaded].slice(0, LIMITS.photos) }));
      } catch (problem) {
        setFailure(problem);
        break;
      } finally {
        setProgress(null);
      }
    }
  };

  return (
    <View>
      <Text className="xf-text xf-text--small xf-text--muted">{text.scansHint(LIMITS.photos)}</Text>
      {attachments.length > 0 && (
        <View className="xf-row" data-testid="register-scan-list">
          {attachments.map((attachment, i) => (
            <View key={attachment.id} className="staff-scan">
              <AttachmentTile attachment={attachment} n={i + 1} />
              <Button
                inline
                variant="danger"
                onPress={() =>
                  commit((d) => ({ ...d, attachments: d.attachments.filter((a) => a.id !== attachment.id) }))
                }
                label={text.scanRemove(i + 1)}
              >
                {copy.common.remove}
              </Button>
            </View>
          ))}
        </View>
      )}
      {progress !== null && (
        <StatusLine text={text.scanUploading(progress)} testId="register-scan-progress" />
      )}
      {failure ? <StaffError error={failure} testId="register-scan-error" /> : null}
      {error && (
        <Text className="xf-field__error" role="alert">
          {error}
        </Text>
      )}
      {left > 0 && (
        <Button inline onPress={() => void add()} busy={progress !== null} testId="register-scan-add">
          {text.addScan}
        </Button>
      )}
    </View>
  );
}
