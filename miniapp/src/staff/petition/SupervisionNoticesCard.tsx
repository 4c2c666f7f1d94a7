import { Text, View } from '@tarojs/components';
import type { SupervisionNotice } from '@xinfang/shared/schemas/supervision';
import { useCallback, useEffect, useState } from 'react';
import { staffCopy } from '@/copy/staff';
import { formatDateString } from '@/format/dates';
import { acknowledgeSupervision, supervisionNoticesOf } from '@/services/supervision';
import { Button } from '@/ui/Button';
import { Card } from '@/ui/Card';
import { Receipt } from '../supervision/Receipt';
import { StaffError } from '../ui/StaffPage';

const text = staffCopy.supervision;

/** Statuses in which the supervised unit still owes its written answer. */
const AWAITING_ANSWER = ['open', 'overdue', 'returned'];

/**
 * The case's 督办单 (Art 40), oldest first, for everyone who reads the case: who issued each,
 * to which unit, what it asks and by when, where it stands, its 签收 (offered to those the server
 * says may sign: the unit it went to), the written answer and the review. `answerable`: the
 * notices this person may answer now (the page's `answer_supervision`), each with a way to its
 * form. Read again when the case changes (`version`). Shown only when there are any.
 */
export function SupervisionNoticesCard({
  petitionId,
  version,
  answerable,
  onAnswer,
}: {
  petitionId: string;
  version: number;
  answerable: readonly number[];
  onAnswer: (no: number) => void;
}) {
  const [items, setItems] = useState<SupervisionNotice[]>([]);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(
    () =>
      void supervisionNoticesOf(petitionId).then(
        (list) => {
          setItems(list.items);
          setError(null);
        },
        (failure: unknown) => setError(failure),
      ),
    [petitionId],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new version of the case is news here.
  useEffect(load, [load, version]);
  if (items.length === 0 && !error) return null;
  return (
    <Card title={text.caseNotices} testId="staff-supervision-notices" label={text.caseNotices}>
      {error ? <StaffError error={error} onRetry={load} what={text.caseNotices} /> : null}
      <View role="list">
        {items.map((notice) => (
          <View
            key={notice.no}
            role="listitem"
            className={`staff-row${notice.status === 'overdue' ? ' staff-row--overdue' : ''}`}
            data-testid="staff-supervision-notice"
            data-no={notice.no}
            data-status={notice.status}
          >
            <View className="staff-row__top">
              <Text className="staff-row__number">{text.caseNoticeTitle(notice.no)}</Text>
              <Text
                className={`staff-badge${notice.status === 'overdue' ? ' staff-badge--overdue' : ''}`}
                data-testid="staff-supervision-notice-status"
              >
                {text.caseStatus[notice.status]}
              </Text>
            </View>
            <Text className="staff-row__meta">
              {text.caseNoticeMeta(
                notice.issuingUnit?.name ?? null,
                notice.unit.name,
                formatDateString(notice.dueDate),
              )}
            </Text>
            <Text className="xf-text xf-text--pre">
              {text.caseRequirements(text.concern[notice.concern] ?? '', notice.requirements)}
            </Text>
            <Receipt
              receipt={notice}
              acknowledge={() => acknowledgeSupervision(petitionId, notice.no)}
              onAcknowledged={load}
              testId="staff-supervision-notice-receipt"
            />
            {notice.answer !== null && (
              <Text className="xf-text xf-text--pre" data-testid="staff-supervision-notice-answer">
                {text.caseAnswer(notice.answer)}
              </Text>
            )}
            {notice.status === 'approved' && (
              <Text className="xf-text xf-text--small">{text.caseApproved(notice.reviewNote)}</Text>
            )}
            {notice.status === 'returned' && (
              <Text className="xf-text xf-text--small" data-testid="staff-supervision-notice-returned">
                {text.caseReturned(notice.reviewNote)}
              </Text>
            )}
            {AWAITING_ANSWER.includes(notice.status) && answerable.includes(notice.no) && (
              <Button
                inline
                testId="staff-supervision-notice-answer-open"
                onPress={() => onAnswer(notice.no)}
              >
                {text.caseAnswerIt}
              </Button>
            )}
          </View>
        ))}
      </View>
    </Card>
  );
}
