import { Text, View } from '@tarojs/components';
import type { Attachment } from '@xinfang/shared/schemas/petitions';
import { useEffect, useState } from 'react';
import { copy } from '@/copy/zh-CN';
import { attachmentSource, openAttachment, releaseSource } from '@/services/attachments';
import { pressable } from './a11y';
import { Picture } from './controls';

/**
 * One attachment of a petition: its thumbnail, fetched with the access token (an image address
 * alone would not be authorised); tapping opens the full picture.
 */
export function AttachmentTile({ attachment, n }: { attachment: Attachment; n: number }) {
  const [source, setSource] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const label = attachment.kind === 'pdf' ? copy.detail.attachmentPdf(n) : copy.detail.attachmentAlt(n);

  useEffect(() => {
    let alive = true;
    let loaded: string | null = null;
    if (attachment.hasThumbnail) {
      attachmentSource(attachment.id, 'thumbnail')
        .then((url) => {
          loaded = url;
          if (alive) setSource(url);
          else releaseSource(url);
        })
        .catch(() => alive && setFailed(true));
    }
    return () => {
      alive = false;
      if (loaded) releaseSource(loaded);
    };
  }, [attachment.id, attachment.hasThumbnail]);

  const open = async () => {
    try {
      await openAttachment(attachment.id, attachment.kind);
    } catch {
      setFailed(true);
    }
  };

  return (
    <View className="xf-attachment" data-testid="attachment" {...pressable(label, () => void open())}>
      {source ? (
        <Picture className="xf-attachment__image" src={source} alt={label} />
      ) : (
        <View className="xf-attachment__image xf-attachment__image--empty">
          <Text>{attachment.kind === 'pdf' ? 'PDF' : failed ? copy.detail.attachmentFailed : '…'}</Text>
        </View>
      )}
      <Text className="xf-attachment__label">{label}</Text>
    </View>
  );
}
