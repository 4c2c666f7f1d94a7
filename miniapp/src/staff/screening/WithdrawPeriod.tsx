import { View } from '@tarojs/components';
import type { SensitivePeriodView } from '@xinfang/shared/schemas/screening';
import { useState } from 'react';
import { staffCopy } from '@/copy/staff';
import { withdrawSensitivePeriod } from '@/services/screening';
import { Button } from '@/ui/Button';
import { ConfirmDialog } from '@/ui/ConfirmDialog';
import { TextField } from '@/ui/TextField';
import { retryOf } from '../ui/errors';
import { StaffError } from '../ui/StaffPage';
import { withdrawalReasonProblem } from './sensitive-periods';

const text = staffCopy.screening;
/** The server's limit on the reason (screening.route.ts). */
const REASON_MAX = 200;

/** 撤回 a period: the reason first (it is recorded), confirmed in the same dialog, then sent. */
export function WithdrawPeriod({
  period,
  onWithdrawn,
}: {
  period: SensitivePeriodView;
  onWithdrawn: (reason: string) => Promise<void>;
}) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const send = async (why: string) => {
    setBusy(true);
    setError(null);
    try {
      await withdrawSensitivePeriod(period.id, why);
      await onWithdrawn(why);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  const confirm = () => {
    setTried(true);
    if (withdrawalReasonProblem(reason) !== null) return;
    setOpen(false);
    void send(reason.trim());
  };
  return (
    <View className="staff-row__actions">
      <Button
        variant="danger"
        inline
        busy={busy}
        label={text.sensitiveWithdrawLabel(period.name)}
        testId="screening-sensitive-withdraw"
        onPress={() => {
          setTried(false);
          setOpen(true);
        }}
      >
        {text.sensitiveWithdraw}
      </Button>
      {open && (
        <ConfirmDialog
          title={text.sensitiveWithdrawTitle(period.name)}
          body={text.sensitiveWithdrawBody}
          confirm={text.sensitiveWithdrawYes}
          cancel={text.sensitiveWithdrawNo}
          onConfirm={confirm}
          onCancel={() => setOpen(false)}
          testId="screening-sensitive-withdraw-dialog"
        >
          <TextField
            label={text.sensitiveWithdrawReason}
            value={reason}
            onChange={setReason}
            multiline
            required
            maxLength={REASON_MAX}
            error={tried ? withdrawalReasonProblem(reason) : null}
            testId="screening-sensitive-withdraw-reason"
          />
        </ConfirmDialog>
      )}
      {error ? (
        <StaffError
          error={error}
          onRetry={retryOf(error, () => void send(reason.trim()))}
          what={text.sensitiveWithdraw}
        />
      ) : null}
    </View>
  );
}
