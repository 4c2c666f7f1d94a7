import { Text, View } from '@tarojs/components';
import type { PetitionDetail } from '@xinfang/shared/schemas/petitions';
import { staffCopy } from '@/copy/staff';
import { copy } from '@/copy/zh-CN';
import { formatDateTime } from '@/format/dates';
import { heading } from '@/ui/a11y';
import { Button } from '@/ui/Button';
import { Card, KeyValue } from '@/ui/Card';
import { StaffStateChip } from '../ui/StaffStateChip';

const text = staffCopy.detail;

/** What the case is and where it stands: number, state, title, kind, channel, category, units. */
export function SummaryCard({
  detail,
  categoryName,
  onReload,
}: {
  detail: PetitionDetail;
  categoryName: string;
  onReload: () => void;
}) {
  return (
    <Card testId="staff-summary">
      <View className="staff-summary__top">
        <Text className="staff-summary__number" data-testid="staff-number">
          {detail.number}
        </Text>
        <StaffStateChip state={detail.state} testId="staff-state" />
      </View>
      <Text className="staff-summary__title" {...heading(2)}>
        {detail.title}
      </Text>
      <KeyValue label={text.kind}>{copy.kinds[detail.kind].formal}</KeyValue>
      <KeyValue label={text.channel}>{copy.channels[detail.channel] ?? detail.channel}</KeyValue>
      <KeyValue label={text.category}>{categoryName}</KeyValue>
      <KeyValue label={text.received}>{formatDateTime(detail.receivedAt)}</KeyValue>
      {detail.stage !== 'first' && <KeyValue label={text.stage}>{copy.stages[detail.stage]}</KeyValue>}
      <KeyValue label={text.receiving}>{detail.units.receiving.name}</KeyValue>
      <KeyValue label={text.concerned} testId="staff-concerned-unit">
        {detail.units.concerned?.name ?? text.concernedUnknown}
      </KeyValue>
      {detail.units.handling && (
        <KeyValue label={text.handling} testId="staff-handling-unit">
          {detail.units.handling.name}
        </KeyValue>
      )}
      {detail.responsibleLeader && (
        <KeyValue label={text.responsibleLeader} testId="staff-responsible-leader">
          {detail.responsibleLeader.name}
        </KeyValue>
      )}
      <Button inline onPress={onReload} testId="staff-reload">
        {text.reload}
      </Button>
    </Card>
  );
}
