import type { StaffMe } from '@xinfang/shared/schemas/identity';
import type { PetitionDetail } from '@xinfang/shared/schemas/petitions';
import { useState } from 'react';
import { staffCopy } from '@/copy/staff';
import { copy } from '@/copy/zh-CN';
import { Card, KeyValue } from '@/ui/Card';
import { Notice } from '@/ui/Feedback';
import type { RevealedPetitioner } from '../services/staff-api';
import { can } from '../session/roles';
import { RevealForm } from '../ui/RevealForm';

const text = staffCopy.detail;

/**
 * The petitioner as staff may see them: the name and address, the phone and ID number masked. The
 * full numbers are shown only on request, with a reason the audit log keeps (PIPL Art 51), and
 * never to staff of an accused unit (Art 30: the server withholds the identity altogether).
 */
export function PetitionerCard({ detail, me }: { detail: PetitionDetail; me: StaffMe }) {
  const [revealed, setRevealed] = useState<RevealedPetitioner | null>(null);
  const p = detail.petitioner;

  if (detail.identityWithheld || !p)
    return (
      <Card title={text.petitioner} testId="staff-petitioner">
        <Notice tone="warn" testId="staff-petitioner-withheld">
          {text.withheld}
        </Notice>
      </Card>
    );

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
        <RevealForm petitionId={detail.id} onRevealed={setRevealed} />
      ) : null}
    </Card>
  );
}
