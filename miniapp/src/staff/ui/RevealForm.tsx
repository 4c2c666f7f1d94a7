import { View } from '@tarojs/components';
import { useRef, useState } from 'react';
import { staffCopy } from '@/copy/staff';
import { Button } from '@/ui/Button';
import { TextField } from '@/ui/TextField';
import { type RevealedPetitioner, revealPetitioner } from '../services/staff-api';
import { StaffError } from './StaffPage';

const text = staffCopy.detail;

/**
 * Asking to see a petitioner's full name, phone and ID number through one of their cases: with a
 * reason the audit log keeps (PIPL Art 51). The server refuses it where the viewer may not know
 * the person (Art 30); offer it only to those who work cases.
 */
export function RevealForm({
  petitionId,
  onRevealed,
}: {
  petitionId: string;
  onRevealed: (revealed: RevealedPetitioner) => void;
}) {
  const [opening, setOpening] = useState(false);
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const inFlight = useRef(false);

  const reveal = async () => {
    setTried(true);
    if ([...reason.trim()].length < 2 || inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    setError(null);
    try {
      onRevealed(await revealPetitioner(petitionId, reason.trim()));
      setOpening(false);
      setReason('');
    } catch (failure) {
      setError(failure);
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  if (!opening)
    return (
      <Button onPress={() => setOpening(true)} testId="staff-reveal">
        {text.reveal}
      </Button>
    );
  return (
    <View>
      <TextField
        label={text.revealReason}
        value={reason}
        onChange={setReason}
        required
        maxLength={200}
        placeholder={text.revealReasonPlaceholder}
        error={tried && [...reason.trim()].length < 2 ? text.revealReasonRequired : null}
        testId="staff-reveal-reason"
      />
      {error ? <StaffError error={error} testId="staff-reveal-error" /> : null}
      <Button variant="primary" busy={busy} onPress={() => void reveal()} testId="staff-reveal-submit">
        {text.revealSubmit}
      </Button>
      <Button variant="link" onPress={() => setOpening(false)}>
        {staffCopy.common.cancel}
      </Button>
    </View>
  );
}
