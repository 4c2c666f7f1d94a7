import { Text, View } from '@tarojs/components';
import type { Booking, ReceptionDay } from '@xinfang/shared/schemas/reception';
import { useCallback, useEffect, useRef, useState } from 'react';
import { staffCopy } from '@/copy/staff';
import { formatDateString } from '@/format/dates';
import { cancelReceptionDay, dayBookings, deskReceptionDays, recordAttendance } from '@/services/reception';
import { Button } from '@/ui/Button';
import { Card } from '@/ui/Card';
import { Loading, Notice, StatusLine } from '@/ui/Feedback';
import { TextField } from '@/ui/TextField';
import { beijingDateIn, beijingParts } from '../forms/dates';
import { useStaffSession } from '../session/use-staff-session';
import { isApiError } from '../ui/errors';
import { StaffError, StaffPage } from '../ui/StaffPage';
import { useLoaded } from '../ui/use-loaded';
import { AskByPhone } from './AskByPhone';
import { DayForm } from './DayForm';
import { dayHasCome, mayCancel, mayChange } from './day-form';
import { VisitForm } from './VisitForm';

const text = staffCopy.reception;
const fetchDays = async (): Promise<ReceptionDay[]> => (await deskReceptionDays()).items;

/**
 * The desk on leaders' reception days (Art 18): publishing a day; each day from a week back with
 * its bookings — from the day itself, who booked (name, masked phone), who came, who did not (a
 * day gone by can still be closed), and what a received person raised,
 * registered as a visit from the booking; changing a day not yet begun (改期/调整) or cancelling
 * it, with the reason its people are told; who a change moved and has not answered yet, with a
 * name and masked phone to call them.
 */
export default function StaffReception() {
  const session = useStaffSession();
  const { value: days, error, load } = useLoaded(session.me !== null, fetchDays);
  const [publishing, setPublishing] = useState(false);
  const [status, setStatus] = useState<string | null>(null);

  return (
    <StaffPage
      title={text.title}
      testId="staff-reception-page"
      state={session}
      nav="reception"
      onRestored={() => void load()}
    >
      <Text className="xf-text xf-text--muted">{text.intro}</Text>
      <StatusLine text={status} testId="reception-page-status" />
      {publishing ? (
        <Card title={text.publishTitle} label={text.publishTitle} testId="reception-publish">
          <DayForm
            onPublished={async () => {
              setPublishing(false);
              setStatus(text.published);
              await load();
            }}
            onClose={() => setPublishing(false)}
          />
        </Card>
      ) : (
        <Button
          variant="primary"
          testId="reception-publish-open"
          onPress={() => {
            setStatus(null);
            setPublishing(true);
          }}
        >
          {text.publishOpen}
        </Button>
      )}
      {error ? <StaffError error={error} onRetry={() => void load()} what={text.title} /> : null}
      {days === null && !error && <Loading />}
      {days?.length === 0 && <Text className="xf-text">{text.none}</Text>}
      {days?.map((day) => (
        <DayCard key={day.id} day={day} onChanged={load} />
      ))}
    </StaffPage>
  );
}

function DayCard({ day, onChanged }: { day: ReceptionDay; onChanged: () => Promise<void> }) {
  const [bookings, setBookings] = useState<Booking[] | null>(null);
  const [receiving, setReceiving] = useState<string | null>(null);
  const [changing, setChanging] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const today = beijingDateIn(Date.now(), 0);
  const come = dayHasCome(day, today);
  const load = useCallback(async () => {
    try {
      setBookings((await dayBookings(day.id)).items);
    } catch (failure) {
      setError(failure);
    }
  }, [day.id]);
  useEffect(() => {
    void load();
  }, [load]);
  // The row being marked: a second tap while the first is on its way would be refused as already
  // recorded, and shown as a failure although the first succeeded.
  const [marking, setMarking] = useState<string | null>(null);
  const inFlight = useRef<string | null>(null);
  const attend = async (booking: Booking, attended: boolean) => {
    if (inFlight.current) return;
    inFlight.current = booking.id;
    setMarking(booking.id);
    setError(null);
    try {
      await recordAttendance(day.id, booking.id, attended);
      await load();
    } catch (failure) {
      setError(failure);
    } finally {
      inFlight.current = null;
      setMarking(null);
    }
  };
  const title = text.day(formatDateString(day.date), day.leader, day.place);
  const waiting = bookings?.some((b) => b.status === 'active') ?? false;
  // Moved by a change and silent: their places stay held, so the desk calls to ask.
  const unanswered = bookings?.filter((b) => b.awaitingAnswer).length ?? 0;
  return (
    <Card title={title} testId="reception-day" label={title}>
      {day.cancelReason !== null && (
        <Notice tone="warn" testId="reception-day-cancelled">
          {text.dayCancelled(day.cancelReason)}
        </Notice>
      )}
      {day.cancelReason === null && day.changeReason !== null && (
        <Notice tone="info" testId="reception-day-changed">
          {text.dayChanged(day.changeReason)}
        </Notice>
      )}
      {day.cancelReason === null && !day.leaderActive && (
        <Notice tone="warn" testId="reception-leader-gone">
          {text.leaderGone}
        </Notice>
      )}
      {day.cancelReason === null && unanswered > 0 && (
        <Notice tone="warn" testId="reception-unanswered">
          {text.unanswered(unanswered)}
        </Notice>
      )}
      <StatusLine text={status} testId="reception-status" />
      {error ? <StaffError error={error} onRetry={() => void load()} what={text.bookings} /> : null}
      {bookings?.length === 0 && <Text className="xf-text xf-text--muted">{text.noBookings}</Text>}
      {!come && day.cancelReason === null && waiting && (
        <Text className="xf-text xf-text--muted" data-testid="reception-not-yet">
          {text.notYet}
        </Text>
      )}
      <View role="list">
        {bookings?.map((b) => (
          <View
            key={b.id}
            role="listitem"
            className="staff-row"
            data-testid="reception-desk-booking"
            data-status={b.status}
            data-awaiting={b.awaitingAnswer}
          >
            <View className="staff-row__top">
              <Text className="staff-row__number">{text.slot(b.from, b.to)}</Text>
              <Text className="staff-badge">
                {b.awaitingAnswer ? text.awaitingAnswer : b.expired ? text.unrecorded : text.status[b.status]}
              </Text>
            </View>
            <Text className="staff-row__title">{b.topic}</Text>
            {b.contact && !b.awaitingAnswer && (
              <Text className="staff-row__meta" data-testid="reception-person">
                {text.person(b.contact.realName, b.contact.phone)}
              </Text>
            )}
            <AskByPhone dayId={day.id} booking={b} />
            {b.confirmed && <Text className="staff-row__meta">{text.confirmedMove}</Text>}
            {b.notKept && <Text className="staff-row__meta">{text.notKept}</Text>}
            {b.petitionNumber && <Text className="staff-row__meta">{text.received(b.petitionNumber)}</Text>}
            {come && (b.status === 'active' || b.status === 'attended') && receiving !== b.id && (
              <View className="staff-row__actions">
                <Button
                  inline
                  variant="primary"
                  testId="reception-receive"
                  onPress={() => setReceiving(b.id)}
                >
                  {text.receive}
                </Button>
                {b.status === 'active' && (
                  <Button
                    inline
                    busy={marking === b.id}
                    testId="reception-came"
                    onPress={() => void attend(b, true)}
                  >
                    {text.came}
                  </Button>
                )}
                {b.status === 'active' && (
                  <Button
                    inline
                    busy={marking === b.id}
                    testId="reception-missed"
                    onPress={() => void attend(b, false)}
                  >
                    {text.missed}
                  </Button>
                )}
              </View>
            )}
            {receiving === b.id && (
              <VisitForm
                dayId={day.id}
                booking={b}
                onDone={(made) => {
                  setReceiving(null);
                  setStatus(text.received(made.petition.number));
                  void load();
                }}
              />
            )}
          </View>
        ))}
      </View>
      {changing ? (
        <DayForm
          changing={day}
          onPublished={async () => {
            setChanging(false);
            setStatus(text.changedDone);
            await onChanged();
            await load();
          }}
          onStale={async () => {
            setChanging(false);
            setStatus(text.changedStale);
            await onChanged();
          }}
          onClose={() => setChanging(false)}
        />
      ) : (
        mayChange(day, beijingParts(Date.now())) && (
          <Button testId="reception-day-change" onPress={() => setChanging(true)}>
            {text.changeDay}
          </Button>
        )
      )}
      {mayCancel(day, today) && !changing && (
        <CancelDay
          day={day}
          onCancelled={async () => {
            setStatus(text.cancelledDone);
            await onChanged();
          }}
        />
      )}
    </Card>
  );
}

/** 取消: the reason first (the people who booked are told it), then a second tap to confirm. */
function CancelDay({ day, onCancelled }: { day: ReceptionDay; onCancelled: () => Promise<void> }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (!open) {
    return (
      <Button variant="danger" testId="reception-day-cancel" onPress={() => setOpen(true)}>
        {text.cancelDay}
      </Button>
    );
  }
  const missing = reason.trim() === '';
  const refused = isApiError(error, 'VALIDATION_FAILED');
  const send = async () => {
    setTried(true);
    if (missing || busy) return;
    setBusy(true);
    setError(null);
    try {
      await cancelReceptionDay(day.id, { reason: reason.trim() });
      setOpen(false);
      await onCancelled();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <View data-testid="reception-day-cancel-form">
      <TextField
        label={text.cancelReason}
        value={reason}
        onChange={(value) => {
          setReason(value);
          setError(null);
        }}
        multiline
        required
        maxLength={200}
        error={
          tried && missing
            ? text.cancelReasonMissing
            : refused && error instanceof Error
              ? error.message
              : null
        }
        testId="reception-day-cancel-reason"
      />
      {error && !refused ? (
        <StaffError error={error} onRetry={() => void send()} what={text.cancelDay} />
      ) : null}
      <Button variant="danger" busy={busy} testId="reception-day-cancel-confirm" onPress={() => void send()}>
        {text.cancelConfirm}
      </Button>
      <Button testId="reception-day-cancel-keep" onPress={() => setOpen(false)}>
        {text.cancelKeep}
      </Button>
    </View>
  );
}
