import { View } from '@tarojs/components';
import type { Attachment, TimelineEvent } from '@xinfang/shared/schemas/petitions';
import { AttachmentTile } from './AttachmentTile';

/**
 * The files a step brought to the case (a petitioner's 补充材料 with his message), among the case's
 * attachments the viewer may see: an id the viewer may not open (Art 30) shows nothing.
 */
export function EventAttachments({
  event,
  attachments,
}: {
  event: TimelineEvent;
  attachments: readonly Attachment[];
}) {
  const ids = event.data.attachmentIds;
  const shown = Array.isArray(ids) ? attachments.filter((a) => ids.includes(a.id)) : [];
  if (shown.length === 0) return null;
  return (
    <View className="xf-row" data-testid="event-attachments">
      {shown.map((attachment, i) => (
        <AttachmentTile key={attachment.id} attachment={attachment} n={i + 1} />
      ))}
    </View>
  );
}
