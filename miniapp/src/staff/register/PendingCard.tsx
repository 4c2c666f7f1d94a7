import { Text } from '@tarojs/components';
import type { OrgUnit } from '@xinfang/shared/schemas/identity';
import type { Category, RegisterPetitionBody } from '@xinfang/shared/schemas/petitions';
import { staffCopy } from '@/copy/staff';
import { copy } from '@/copy/zh-CN';
import { formatDateTime } from '@/format/dates';
import { Button } from '@/ui/Button';
import { Card, KeyValue } from '@/ui/Card';
import { Notice } from '@/ui/Feedback';
import { StaffError } from '../ui/StaffPage';

const text = staffCopy.register;

/**
 * A registration sent without an answer: what was sent, read-only, so the clerk sees what waits;
 * 登记 sends it again as it was (the same key: registered once), 修改后重新登记 opens the form on it.
 */
export function PendingCard({
  body,
  petitionerName,
  categories,
  units,
  busy,
  error,
  onSend,
  onCorrect,
}: {
  body: RegisterPetitionBody;
  petitionerName: string | null;
  categories: Category[] | null;
  units: OrgUnit[] | null;
  busy: boolean;
  error: unknown;
  onSend: () => void;
  onCorrect: () => void;
}) {
  const category = categories?.find((c) => c.code === body.categoryCode)?.name ?? body.categoryCode;
  const unit = body.concernedUnitId
    ? (units?.find((u) => u.id === body.concernedUnitId)?.name ?? copy.common.unknownUnit)
    : copy.submit.unitUnknown;
  return (
    <Card testId="staff-register-pending" title={text.pendingContent}>
      <Notice tone="warn" testId="staff-register-unconfirmed">
        {text.unconfirmed}
      </Notice>
      <KeyValue label={copy.confirm.petitioner}>{petitionerName ?? copy.common.none}</KeyValue>
      <KeyValue label={text.channel}>{staffCopy.channels[body.channel]}</KeyValue>
      <KeyValue label={text.receivedTime}>{formatDateTime(body.receivedAt)}</KeyValue>
      <KeyValue label={text.kind}>{copy.kinds[body.kind].formal}</KeyValue>
      <KeyValue label={copy.submit.category}>{category}</KeyValue>
      <KeyValue label={text.unit}>{unit}</KeyValue>
      <KeyValue label={staffCopy.detail.content} testId="staff-register-pending-content">
        {body.content}
      </KeyValue>
      {body.title ? <KeyValue label={copy.submit.titleLabel}>{body.title}</KeyValue> : null}
      {body.location ? <KeyValue label={staffCopy.detail.location}>{body.location}</KeyValue> : null}
      {body.attachmentIds?.length ? (
        <KeyValue label={copy.confirm.photos}>{copy.confirm.photosCount(body.attachmentIds.length)}</KeyValue>
      ) : null}
      {body.headcount ? (
        <KeyValue label={copy.confirm.collective}>
          {copy.confirm.collectiveValue(body.headcount, (body.representatives ?? []).join('、'))}
        </KeyValue>
      ) : null}
      {error ? <StaffError error={error} testId="staff-register-error" /> : null}
      <Button
        variant="primary"
        busy={busy}
        busyText={text.submitting}
        onPress={onSend}
        testId="staff-register-submit"
      >
        {text.submit}
      </Button>
      <Button variant="link" disabled={busy} onPress={onCorrect} testId="staff-register-correct">
        {text.correct}
      </Button>
      <Text className="xf-text xf-text--small xf-text--muted">{text.correctHint}</Text>
    </Card>
  );
}
