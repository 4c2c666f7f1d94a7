import { Text, View } from '@tarojs/components';
import type { Booking, ReceptionDay } from '@xinfang/shared/schemas/reception';
import { useCallback, useEffect, useState } from 'react';
import { staffCopy } from '@/copy/staff';
import { formatDateString } from '@/format/dates';
import { dayBookings, deskReceptionDays, recordAttendance } from '@/services/reception';
import { Button } from '@/ui/Button';
import { Card } from '@/ui/Card';
import { Loading, Notice, StatusLine } from '@/ui/Feedback';
import { useStaffSession } from '../session/use-staff-session';
import { StaffError, StaffPage } from '../ui/StaffPage';
import { useLoaded } from '../ui/use-loaded';
import { VisitForm } from './VisitForm';

const text = staffCopy.reception;
const fetchDays = async (): Promise<ReceptionDay[]> => (await deskReceptionDays()).items;

/**
 * The desk on leaders' reception days (Art 18): each coming day with its bookings — who came, who
 * did not, and what a received person raised, registered as a visit from the booking.
 */
export default function StaffReception() {
  const session = useStaffSession();
  const { value: days, error, load } = useLoaded(session.me !== null, fetchDays);

  return (
    <StaffPage
      title={text.title}
      testId="staff-reception-page"
      state={session}
      nav="reception"
      onRestored={() => void load()}
    >
      <Text className="xf-text xf-text--muted">{text.intro}</Text>
      {error ? <StaffError error={error} onRetry={() => void load()} what={text.title} /> : null}
      {days === null && !error && <Loading />}
      {days?.length === 0 && <Text className="xf-text">{text.none}</Text>}
      {days?.map((day) => (
        <DayCard key={day.id} day={day} />
      ))}
    </StaffPage>
  );
}

function DayCard({ day }: { day: ReceptionDay }) {
  const [bookings, setBookings] = useState<Booking[] | null>(null);
  const [receiving, setReceiving] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
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
  const attend = async (booking: Booking, attended: boolean) => {
    setError(null);
    try {
      await recordAttendance(day.id, booking.id, attended);
      await load();
    } catch (failure) {
      setError(failure);
    }
  };
  const title = text.day(formatDateString(day.date), day.leader, day.place);
  return (
    <Card title={title} testId="reception-day" label={title}>
      {!day.leaderActive && (
        <Notice tone="warn" testId="reception-leader-gone">
          {text.leaderGone}
        </Notice>
      )}
      <StatusLine text={status} testId="reception-status" />
      {error ? <StaffError error={error} onRetry={() => void load()} what={text.bookings} /> : null}
      {bookings?.length === 0 && <Text className="xf-text xf-text--muted">{text.noBookings}</Text>}
      <View role="list">
        {bookings?.map((b) => (
          <View
            key={b.id}
            role="listitem"
            className="staff-row"
            data-testid="reception-desk-booking"
            data-status={b.status}
          >
            <View className="staff-row__top">
              <Text className="staff-row__number">{text.slot(b.from, b.to)}</Text>
              <Text className="staff-badge">{text.status[b.status]}</Text>
            </View>
            <Text className="staff-row__title">{b.topic}</Text>
            {b.petitionNumber && <Text className="staff-row__meta">{text.received(b.petitionNumber)}</Text>}
            {(b.status === 'active' || b.status === 'attended') && receiving !== b.id && (
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
                  <Button inline testId="reception-came" onPress={() => void attend(b, true)}>
                    {text.came}
                  </Button>
                )}
                {b.status === 'active' && (
                  <Button inline testId="reception-missed" onPress={() => void attend(b, false)}>
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
    </Card>
  );
}
