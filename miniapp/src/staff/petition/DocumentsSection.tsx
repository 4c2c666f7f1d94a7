import { View } from '@tarojs/components';
import type { PetitionDetail } from '@xinfang/shared/schemas/petitions';
import { DocumentList } from '@/features/documents/DocumentList';
import { CorrectDeliveryForm, RecordDeliveryForm } from './DeliveryForms';

/** The actions this section handles itself, left out of the page's generic action forms. */
export const DELIVERY_ACTIONS = ['record_delivery', 'correct_delivery'];

/**
 * A case's documents for staff — each to open, print or save, the 送达回证 form among them — and,
 * when the server allows it, recording the answer's delivery or (a unit head) correcting its date.
 */
export function DocumentsSection({
  detail,
  onChange,
  onOpened,
}: {
  detail: PetitionDetail;
  onChange: (next: PetitionDetail) => void;
  onOpened: () => void;
}) {
  const allowed = (type: string) => detail.allowedActions.some((a) => a.type === type);
  return (
    <View data-testid="staff-documents">
      <DocumentList petitionId={detail.id} version={detail.version} onOpened={onOpened} staff />
      {allowed('record_delivery') && <RecordDeliveryForm detail={detail} onDone={onChange} />}
      {allowed('correct_delivery') && <CorrectDeliveryForm detail={detail} onDone={onChange} />}
    </View>
  );
}
