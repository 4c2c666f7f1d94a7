import { Text } from '@tarojs/components';
import type { FollowUp } from '@xinfang/shared/schemas/aftercare';
import { useEffect, useState } from 'react';
import { staffCopy } from '@/copy/staff';
import { formatDateString } from '@/format/dates';
import { followUps } from '@/services/aftercare';
import { Card } from '@/ui/Card';
import { FollowUpForm, FollowUpOutcomeView } from './FollowUpForm';

const text = staffCopy.followUps;

/**
 * The case's follow-up (回访) after it concluded: when it is due and, once made, how it went; the
 * unit records it here. Shown only when the case owes one and the viewer's subtree holds it.
 */
export function FollowUpCard({ petitionId }: { petitionId: string }) {
  const [items, setItems] = useState<FollowUp[]>([]);
  useEffect(() => {
    // A failure (or a role without follow-ups) leaves the card out.
    void followUps({ petitionId }).then(
      (list) => setItems(list.items),
      () => setItems([]),
    );
  }, [petitionId]);
  const item = items[items.length - 1];
  if (!item) return null;
  return (
    <Card title={text.card} testId="staff-follow-up" label={text.card}>
      <Text className={`staff-badge${item.status === 'overdue' ? ' staff-badge--overdue' : ''}`}>
        {`${text.tabs[item.status]} · ${text.due(formatDateString(item.dueDate))}`}
      </Text>
      {item.outcome ? (
        <FollowUpOutcomeView item={item} />
      ) : (
        <FollowUpForm item={item} onSaved={(saved) => setItems([saved])} />
      )}
    </Card>
  );
}
