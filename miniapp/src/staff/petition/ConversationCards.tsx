import { Text, View } from '@tarojs/components';
import type { TimelineEvent } from '@xinfang/shared/schemas/petitions';
import type { ReactNode } from 'react';
import { staffCopy } from '@/copy/staff';
import { formatDateTime } from '@/format/dates';
import { Card } from '@/ui/Card';

const text = staffCopy.detail;

/**
 * What the petitioner and staff wrote to each other — the petitioner reads all of it — with the
 * form to write (`composer`) when this person may.
 */
export function MessagesCard({
  messages,
  composer,
}: {
  messages: readonly TimelineEvent[];
  composer: ReactNode;
}) {
  return (
    <Card title={text.messages} testId="staff-messages" label={text.messages}>
      <Text className="staff-visibility staff-visibility--visible">{staffCopy.common.visible}</Text>
      <Text className="xf-text xf-text--small xf-text--muted">{text.messagesIntro}</Text>
      {messages.length === 0 ? (
        <Text className="xf-text xf-text--muted">{text.messagesEmpty}</Text>
      ) : (
        <View role="list">
          {messages.map((event) => (
            <View
              key={event.seq}
              role="listitem"
              className={`staff-message staff-message--${event.type === 'petitioner_wrote' ? 'petitioner' : 'staff'}`}
              data-testid="staff-message"
            >
              <Text className="staff-message__who">
                {`${
                  event.type === 'petitioner_wrote'
                    ? text.messageFromPetitioner
                    : text.messageFromStaff(event.actor?.name ?? '')
                } · ${formatDateTime(event.at)}`}
              </Text>
              <Text className="staff-message__text">{String(event.data.text ?? '')}</Text>
            </View>
          ))}
        </View>
      )}
      {composer}
    </Card>
  );
}

/** Internal notes, investigations and supervision — never shown to the petitioner — and their form. */
export function NotesCard({ notes, composer }: { notes: readonly TimelineEvent[]; composer: ReactNode }) {
  return (
    <Card title={text.notes} testId="staff-notes" label={text.notes}>
      <Text className="staff-visibility staff-visibility--internal">{staffCopy.common.internal}</Text>
      <Text className="xf-text xf-text--small xf-text--muted">{text.notesIntro}</Text>
      {notes.length === 0 ? (
        <Text className="xf-text xf-text--muted">{text.notesEmpty}</Text>
      ) : (
        <View role="list">
          {notes.map((event) => (
            <View key={event.seq} role="listitem" className="staff-note" data-testid="staff-note">
              <Text className="staff-message__who">
                {`${staffCopy.events[event.type]} · ${event.actor?.name ?? ''} · ${formatDateTime(event.at)}`}
              </Text>
              <Text className="staff-message__text">
                {String(
                  event.data.text ?? event.data.summary ?? event.data.requirements ?? event.data.answer ?? '',
                )}
              </Text>
            </View>
          ))}
        </View>
      )}
      {composer}
    </Card>
  );
}
