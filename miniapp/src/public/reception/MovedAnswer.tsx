import { Text, View } from '@tarojs/components';
import type { Booking } from '@xinfang/shared/schemas/reception';
import { copy } from '@/copy/zh-CN';
import { formatDateString } from '@/format/dates';
import { ApiError } from '@/services/api';
import { answerMovedBooking } from '@/services/reception';
import { heading } from '@/ui/a11y';
import { Button } from '@/ui/Button';
import { KeyValue } from '@/ui/Card';

const text = copy.reception;

/**
 * A booking the desk's change moved to another date, time, place or leader: the time the person
 * now holds, plainly, and the question whether they still come — two large buttons, one tap each.
 * `run` is the page's guard (one request at a time, the list reloaded after, what it says shown).
 */
export function MovedAnswer({
  booking,
  busy,
  run,
}: {
  booking: Booking;
  busy: boolean;
  run: (task: () => Promise<string>) => Promise<void>;
}) {
  const answer = (come: boolean) =>
    void run(async () => {
      try {
        // The day as the page read it: changed again since, the answer is refused (409).
        await answerMovedBooking(booking.id, { version: booking.day.version, come });
      } catch (failure) {
        if (!(failure instanceof ApiError && failure.code === 'VERSION_CONFLICT')) throw failure;
        return text.movedAgain;
      }
      return come ? text.movedComing : text.cancelled;
    });
  return (
    <View className="xf-notice xf-notice--warn" data-testid="reception-moved">
      <Text className="xf-text xf-text--strong" {...heading(3)}>
        {text.movedAsk}
      </Text>
      <KeyValue label={text.movedTime} testId="reception-moved-time">
        {`${formatDateString(booking.day.date)} ${booking.from}–${booking.to}`}
      </KeyValue>
      <KeyValue label={text.place}>{booking.day.place}</KeyValue>
      <KeyValue label={text.leader}>{booking.day.leader}</KeyValue>
      <Text className="xf-text xf-text--strong">{text.movedQuestion}</Text>
      <Button variant="primary" busy={busy} testId="reception-moved-come" onPress={() => answer(true)}>
        {text.movedCome}
      </Button>
      <Button variant="danger" busy={busy} testId="reception-moved-cancel" onPress={() => answer(false)}>
        {text.movedCancel}
      </Button>
    </View>
  );
}
