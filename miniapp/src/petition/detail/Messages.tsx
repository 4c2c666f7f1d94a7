import { Text, View } from '@tarojs/components';
import type { TimelineEvent } from '@xinfang/shared/schemas/petitions';
import { copy } from '@/copy/zh-CN';
import { useCaseDraft } from '@/features/petition/case-drafts';
import type { ActionFailure } from '@/features/petition/use-petition';
import { formatDateTime } from '@/format/dates';
import { Button } from '@/ui/Button';
import { Card } from '@/ui/Card';
import { TextField } from '@/ui/TextField';
import { ActionError } from './forms';

const text = copy.detail;

/** The messages between the petitioner and the handler, with a box to write one. */
export function Messages({
  petitionId,
  timeline,
  canWrite,
  busy,
  failure,
  onSend,
}: {
  petitionId: string;
  timeline: readonly TimelineEvent[];
  canWrite: boolean;
  busy: boolean;
  failure: ActionFailure | null;
  onSend: (text: string) => Promise<boolean>;
}) {
  // Kept on the device until sent: a failed send and a reload lose nothing. A send whose answer
  // was lost but which the thread shows is forgotten, not offered to be sent again.
  const [value, setValue, forget] = useCaseDraft(petitionId, 'petitioner_message', timeline);
  const messages = timeline.filter((e) => e.type === 'message_sent' || e.type === 'petitioner_wrote');
  const send = async () => {
    if (!value.trim()) return;
    if (await onSend(value.trim())) forget();
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
          <ActionError failure={failure} button={copy.common.send} testId="message-error" />
          <Button
            busy={busy}
            busyText={copy.common.loading}
            disabled={!value.trim()}
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
