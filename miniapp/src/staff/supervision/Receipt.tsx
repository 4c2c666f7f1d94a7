import { Text, View } from '@tarojs/components';
import type { Acknowledgement } from '@xinfang/shared/schemas/supervision';
import { useState } from 'react';
import { staffCopy } from '@/copy/staff';
import { formatDateTime } from '@/format/dates';
import { Button } from '@/ui/Button';
import { retryOf } from '../ui/errors';
import { StaffError } from '../ui/StaffPage';

const text = staffCopy.supervision;

/** What a red step or a 督办单 says of its 签收, as the server gives it. */
export interface ReceiptState {
  acknowledged: Acknowledgement | null;
  unacknowledgedDays: number | null;
  mayAcknowledge: boolean;
}

/**
 * 签收 (Art 38–40): who acknowledged a red step or a 督办单 and when, or 「未签收，已N个工作日」
 * — and, for those it was meant for, the 签收 button. Nothing when no 签收 is awaited (a yellow).
 * The server acknowledges once, so a second tap, or 重试 after a lost answer, changes nothing.
 */
export function Receipt({
  receipt,
  acknowledge,
  onAcknowledged,
  testId,
}: {
  receipt: ReceiptState;
  acknowledge: () => Promise<unknown>;
  onAcknowledged: () => void;
  testId: string;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const send = async () => {
    setBusy(true);
    setError(null);
    try {
      await acknowledge();
      onAcknowledged();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  const { acknowledged, unacknowledgedDays } = receipt;
  if (acknowledged === null && unacknowledgedDays === null) return null;
  const waiting = acknowledged === null;
  return (
    <View data-testid={testId} data-acknowledged={!waiting}>
      <Text
        className={waiting ? 'staff-badge staff-badge--overdue' : 'xf-text xf-text--small xf-text--muted'}
        data-testid={`${testId}-state`}
      >
        {acknowledged
          ? text.acknowledged(acknowledged.by, formatDateTime(acknowledged.at))
          : text.unacknowledged(unacknowledgedDays ?? 0)}
      </Text>
      {waiting && receipt.mayAcknowledge && (
        <Button
          variant="primary"
          inline
          busy={busy}
          busyText={text.acknowledging}
          testId={`${testId}-ack`}
          onPress={() => void send()}
        >
          {text.acknowledge}
        </Button>
      )}
      {error ? (
        <StaffError
          error={error}
          onRetry={retryOf(error, () => void send())}
          what={text.acknowledge}
          testId={`${testId}-error`}
        />
      ) : null}
    </View>
  );
}
