import { Text, View } from '@tarojs/components';
import type { Escalation } from '@xinfang/shared/schemas/supervision';
import { useCallback, useEffect, useState } from 'react';
import { staffCopy } from '@/copy/staff';
import { formatDateString, formatDateTime } from '@/format/dates';
import { acknowledgeEscalation, escalationsOf } from '@/services/supervision';
import { Card } from '@/ui/Card';
import { Receipt } from '../supervision/Receipt';

const text = staffCopy.supervision;

/**
 * The case's escalation steps (Art 38–40), newest first: yellow when a deadline drew near (again
 * for each later due date), red when it passed, and each level it was raised to since; a red
 * withdrawn because the year's holiday notice moved the due date later stays, marked so. A red
 * shows its 签收, and offers it to those it was meant for. Shown only when there are any.
 */
export function EscalationsCard({ petitionId }: { petitionId: string }) {
  const [items, setItems] = useState<Escalation[]>([]);
  // Steps are recorded by the hourly job, never by an action here. A failure leaves the card out.
  const load = useCallback(
    () =>
      void escalationsOf(petitionId).then(
        (list) => setItems(list.items),
        () => setItems([]),
      ),
    [petitionId],
  );
  useEffect(load, [load]);
  if (items.length === 0) return null;
  return (
    <Card title={text.caseCard} testId="staff-escalations" label={text.caseCard}>
      <View role="list">
        {items.map((step) => (
          <View
            key={step.id}
            role="listitem"
            className="xf-row"
            data-testid="staff-escalation"
            data-flag={step.flag}
            data-withdrawn={step.withdrawnAt !== null}
          >
            <Text
              className={`staff-badge ${step.flag === 'red' ? 'staff-badge--overdue' : 'staff-badge--soon'}`}
            >
              {text.flag[step.flag]}
            </Text>
            <Text className="xf-text">
              {`${text.deadlineMeta(step.deadline, formatDateString(step.dueDate))} · ${text.level(step.level, step.unit.name)}`}
            </Text>
            <Text className="xf-text xf-text--small xf-text--muted">{formatDateTime(step.reachedAt)}</Text>
            {step.withdrawnAt !== null && (
              <Text className="xf-text xf-text--small xf-text--muted">{`${text.withdrawn} · ${formatDateTime(step.withdrawnAt)}`}</Text>
            )}
            <Receipt
              receipt={step}
              acknowledge={() => acknowledgeEscalation(step.id)}
              onAcknowledged={load}
              testId="staff-escalation-receipt"
            />
          </View>
        ))}
      </View>
    </Card>
  );
}
