import { Text, View } from '@tarojs/components';
import type { Booking } from '@xinfang/shared/schemas/reception';
import { useState } from 'react';
import { staffCopy } from '@/copy/staff';
import { movedPersonPhone } from '@/services/reception';
import { Button } from '@/ui/Button';
import { StaffError } from '../ui/StaffPage';

const text = staffCopy.reception;

/**
 * A person a change moved who has not answered: the name and masked phone, and on a tap the full
 * number to call and ask whether they still come (each reveal audited by the server).
 */
export function AskByPhone({ dayId, booking }: { dayId: string; booking: Booking }) {
  const [phone, setPhone] = useState<{ phone: string | null } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // On the day every holding booking shows who it is; only a moved, silent person is called.
  if (!booking.contact || !booking.awaitingAnswer) return null;
  const reveal = async () => {
    setBusy(true);
    setError(null);
    try {
      setPhone(await movedPersonPhone(dayId, booking.id));
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <View>
      <Text className="staff-row__meta" data-testid="reception-contact">
        {text.contact(booking.contact.realName, booking.contact.phone)}
      </Text>
      {phone ? (
        <Text className="staff-row__note" data-testid="reception-phone">
          {text.phoneShown(phone.phone)}
        </Text>
      ) : (
        <Button inline busy={busy} testId="reception-phone-show" onPress={() => void reveal()}>
          {text.showPhone}
        </Button>
      )}
      {error ? <StaffError error={error} onRetry={() => void reveal()} what={text.showPhone} /> : null}
    </View>
  );
}
