import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Booking, ReceptionDay } from '@xinfang/shared/schemas/reception';
import { useCallback, useEffect, useRef, useState } from 'react';
import { copy } from '@/copy/zh-CN';
import { formatDateString } from '@/format/dates';
import { routes, withNext } from '@/routes';
import { ApiError } from '@/services/api';
import { bookSlot, cancelBooking, myBookings, receptionDays } from '@/services/reception';
import { useSession } from '@/session/use-session';
import { heading } from '@/ui/a11y';
import { Button } from '@/ui/Button';
import { Card, KeyValue } from '@/ui/Card';
import { ErrorRetry, Loading, StatusLine } from '@/ui/Feedback';
import { Page } from '@/ui/Page';
import { TextField } from '@/ui/TextField';
import { bookingChangeNote } from './booking-note';
import { MovedAnswer } from './MovedAnswer';

const text = copy.reception;

/**
 * Leaders' reception days (Art 18): who receives, when, where and on what, with the places left;
 * a signed-in petitioner books one slot with a sentence on their matter, sees it, and may cancel it
 * (one booking at a time: cancel to book another); a booking the desk's change moved asks whether
 * they still come (MovedAnswer).
 */
export default function Reception() {
  const session = useSession();
  const petitioner = session?.me.kind === 'petitioner';
  const [days, setDays] = useState<ReceptionDay[] | null>(null);
  const [mine, setMine] = useState<Booking[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [choosing, setChoosing] = useState<{ day: ReceptionDay; slot: number } | null>(null);
  const [topic, setTopic] = useState('');
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const inFlight = useRef(false);

  const load = useCallback(async () => {
    setError(null);
    try {
      setDays((await receptionDays()).items);
      setMine(petitioner ? (await myBookings()).items : []);
    } catch (failure) {
      setError(failure);
    }
  }, [petitioner]);
  useEffect(() => {
    void load();
  }, [load]);

  const guarded = async (task: () => Promise<string>) => {
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      const said = await task();
      await load();
      setStatus(said);
    } catch (failure) {
      setError(failure);
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  const choose = (day: ReceptionDay, slot: number) => {
    if (!petitioner) {
      void Taro.navigateTo({ url: withNext(routes.login, routes.reception) });
      return;
    }
    setChoosing({ day, slot });
    setStatus(null);
  };
  // A booking of a day gone by no longer holds the person (已过期): they may book again.
  const active = mine.find((b) => b.status === 'active' && !b.expired) ?? null;

  return (
    <Page title={text.title} testId="reception-page">
      <Text className="xf-text xf-text--muted">{text.intro}</Text>
      <StatusLine text={status} testId="reception-status" />
      {error ? <ErrorRetry error={error} onRetry={() => void load()} what={text.title} /> : null}
      {mine.length > 0 && (
        <Card title={text.mine} label={text.mine} testId="reception-mine">
          {mine.map((b) => (
            <View key={b.id} className="xf-row" data-testid="reception-booking" data-status={b.status}>
              <Text className="xf-text">
                {`${b.expired ? text.expired : text.status[b.status]}：${text.mineEntry(formatDateString(b.day.date), b.from, b.to, b.day.place)}`}
              </Text>
              {b.expired && (
                <Text className="xf-text" data-testid="reception-booking-expired">
                  {text.expiredNote}
                </Text>
              )}
              {b.status === 'cancelled' && b.day.cancelReason !== null && (
                <Text className="xf-text" data-testid="reception-booking-day-cancelled">
                  {text.dayCancelled(b.day.cancelReason)}
                </Text>
              )}
              {bookingChangeNote(b) !== null && (
                <Text className="xf-text" data-testid="reception-booking-day-changed">
                  {bookingChangeNote(b)}
                </Text>
              )}
              {b.awaitingAnswer && <MovedAnswer booking={b} busy={busy} run={guarded} />}
              {b.confirmed && (
                <Text className="xf-text" data-testid="reception-booking-confirmed">
                  {text.movedConfirmed}
                </Text>
              )}
              {b.status === 'active' && !b.expired && !b.day.leaderActive && (
                <Text className="xf-text" data-testid="reception-booking-leader-gone">
                  {text.leaderGone}
                </Text>
              )}
              {b.petitionNumber && (
                <Text className="xf-text" data-testid="reception-booking-case">
                  {text.caseNumber(b.petitionNumber)}
                </Text>
              )}
              {b.status === 'active' && !b.expired && !b.awaitingAnswer && (
                <Button
                  inline
                  variant="danger"
                  busy={busy}
                  testId="reception-cancel"
                  onPress={() =>
                    void guarded(async () => {
                      await cancelBooking(b.id);
                      return text.cancelled;
                    })
                  }
                >
                  {text.cancel}
                </Button>
              )}
            </View>
          ))}
        </Card>
      )}
      {days === null && !error && <Loading />}
      {days?.length === 0 && <Text className="xf-status">{text.none}</Text>}
      {(days ?? []).map((day) => (
        <Card
          key={day.id}
          title={formatDateString(day.date)}
          label={formatDateString(day.date)}
          testId="reception-day"
        >
          <KeyValue label={text.leader}>{`${day.leader} · ${day.unit}`}</KeyValue>
          <KeyValue label={text.place}>{day.place}</KeyValue>
          <KeyValue label={text.topics}>{day.topics}</KeyValue>
          {day.changeReason !== null && (
            <Text className="xf-text" data-testid="reception-day-changed">
              {text.dayChanged(day.changeReason)}
            </Text>
          )}
          {day.slots.map((slot) => (
            <View
              key={slot.index}
              className="xf-row"
              data-testid="reception-slot"
              data-left={slot.left}
              data-ended={slot.ended}
            >
              <Text className="xf-text">
                {`${slot.from}–${slot.to} · ${slot.ended ? text.ended : text.left(slot.left)}`}
              </Text>
              {slot.left > 0 && !slot.ended && !active && (
                <Button
                  inline
                  testId={`reception-book-${slot.index}`}
                  onPress={() => choose(day, slot.index)}
                >
                  {petitioner ? text.book(slot.from, slot.to) : text.signInToBook}
                </Button>
              )}
            </View>
          ))}
          {choosing?.day.id === day.id && (
            <View data-testid="reception-form">
              <Text className="xf-text xf-text--strong" {...heading(3)}>
                {text.book(day.slots[choosing.slot]?.from ?? '', day.slots[choosing.slot]?.to ?? '')}
              </Text>
              <TextField
                label={text.topic}
                value={topic}
                onChange={setTopic}
                placeholder={text.topicHint}
                maxLength={500}
                required
                testId="reception-topic"
              />
              <Button
                variant="primary"
                busy={busy}
                disabled={topic.trim().length === 0}
                testId="reception-confirm"
                onPress={() =>
                  void guarded(async () => {
                    try {
                      // The version read: a day the desk changed since is refused, not booked.
                      await bookSlot(day.id, {
                        slot: choosing.slot,
                        version: day.version,
                        topic: topic.trim(),
                      });
                    } catch (failure) {
                      if (!(failure instanceof ApiError && failure.code === 'VERSION_CONFLICT'))
                        throw failure;
                      // The day as it is now is loaded (guarded); the topic stays for the new choice.
                      setChoosing(null);
                      return text.dayChangedMeanwhile;
                    }
                    setChoosing(null);
                    setTopic('');
                    return text.booked;
                  })
                }
              >
                {text.confirm}
              </Button>
              <Button testId="reception-form-cancel" onPress={() => setChoosing(null)}>
                {text.cancelForm}
              </Button>
            </View>
          )}
        </Card>
      ))}
    </Page>
  );
}
