import { View } from '@tarojs/components';
import type { StaffMe } from '@xinfang/shared/schemas/identity';
import type { PetitionDetail } from '@xinfang/shared/schemas/petitions';
import { useRef, useState } from 'react';
import { staffCopy } from '@/copy/staff';
import { copy } from '@/copy/zh-CN';
import { Button } from '@/ui/Button';
import { Card, KeyValue } from '@/ui/Card';
import { Notice } from '@/ui/Feedback';
import { TextField } from '@/ui/TextField';
import { type RevealedPetitioner, revealPetitioner } from '../services/staff-api';
import { can } from '../session/roles';
import { StaffError } from '../ui/StaffPage';

const text = staffCopy.detail;

/**
 * The petitioner as staff may see them: the name and address, the phone and ID number masked. The
 * full numbers are shown only on request, with a reason the audit log keeps (PIPL Art 51), and
 * never to staff of an accused unit (Art 30: the server withholds the identity altogether).
 */
export function PetitionerCard({ detail, me }: { detail: PetitionDetail; me: StaffMe }) {
  const [opening, setOpening] = useState(false);
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [revealed, setRevealed] = useState<RevealedPetitioner | null>(null);
  const inFlight = useRef(false);
  const p = detail.petitioner;

  if (detail.identityWithheld || !p)
    return (
      <Card title={text.petitioner} testId="staff-petitioner">
        <Notice tone="warn" testId="staff-petitioner-withheld">
          {text.withheld}
        </Notice>
      </Card>
    );

  const reveal = async () => {
    setTried(true);
    if ([...reason.trim()].length < 2 || inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    setError(null);
    try {
      setRevealed(await revealPetitioner(detail.id, reason.trim()));
      setOpening(false);
      setReason('');
    } catch (failure) {
      setError(failure);
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  return (
    <Card title={text.petitioner} testId="staff-petitioner">
      <KeyValue label={text.petitionerName} testId="staff-petitioner-name">
        {(revealed?.realName ?? p.realName) || copy.common.none}
      </KeyValue>
      <KeyValue label={text.petitionerPhone} testId="staff-petitioner-phone">
        {(revealed ? revealed.phone : p.phone) || copy.common.none}
      </KeyValue>
      <KeyValue label={text.petitionerId} testId="staff-petitioner-id">
        {(revealed ? revealed.idNumber : p.idNumber) || copy.common.none}
      </KeyValue>
      <KeyValue label={text.petitionerAddress}>
        {(revealed?.address ?? p.address) || copy.common.none}
      </KeyValue>
      <KeyValue label={staffCopy.inbox.kind}>{p.worker ? text.worker : text.resident}</KeyValue>
      {revealed && (
        <Notice tone="warn" testId="staff-revealed">
          {text.revealed}
        </Notice>
      )}
      {!revealed && can.reveal(me) && (p.phone || p.idNumber) ? (
        opening ? (
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
        ) : (
          <Button onPress={() => setOpening(true)} testId="staff-reveal">
            {text.reveal}
          </Button>
        )
      ) : null}
    </Card>
  );
}
