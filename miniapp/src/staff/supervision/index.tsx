import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { REASON_MAX } from '@xinfang/shared/lifecycle';
import type {
  EscalatedCase,
  ReviewSupervisionBody,
  SupervisionNotice,
} from '@xinfang/shared/schemas/supervision';
import { useCallback, useState } from 'react';
import { staffCopy } from '@/copy/staff';
import { formatDateString } from '@/format/dates';
import {
  acknowledgeEscalation,
  acknowledgeSupervision,
  reviewSupervision,
  type SupervisionFilter,
  supervisionList,
} from '@/services/supervision';
import { pressable } from '@/ui/a11y';
import { Button } from '@/ui/Button';
import { Card } from '@/ui/Card';
import { ConfirmDialog } from '@/ui/ConfirmDialog';
import { Loading, Notice } from '@/ui/Feedback';
import { TextField } from '@/ui/TextField';
import { staffRoutes } from '../routes';
import { can } from '../session/roles';
import { useStaffSession } from '../session/use-staff-session';
import { retryOf } from '../ui/errors';
import { StaffError, StaffPage } from '../ui/StaffPage';
import { useLoaded } from '../ui/use-loaded';
import { Receipt } from './Receipt';

const text = staffCopy.supervision;
const FILTERS: SupervisionFilter[] = ['open', 'overdue', 'answered', 'all'];

/**
 * The supervisor's list (Art 38–40): the supervision notices of their subtree by where they stand —
 * waiting, past their date, answered and waiting for review — and the cases whose deadlines the
 * system escalated, highest step first, each with its 签收 (who acknowledged it, or for how long
 * nobody has). A unit's subtree only when opened with `unitId`.
 */
export default function StaffSupervision() {
  const session = useStaffSession();
  const me = session.me;
  const unitId = useRouter().params.unitId;
  const [filter, setFilter] = useState<SupervisionFilter>('open');
  const fetchList = useCallback(
    () => supervisionList(filter, unitId ? decodeURIComponent(unitId) : undefined),
    [filter, unitId],
  );
  const { value: list, error, load } = useLoaded(me !== null, fetchList, { onShow: true, pullDown: true });

  return (
    <StaffPage
      title={text.title}
      testId="staff-supervision-page"
      state={session}
      nav="supervision"
      onRestored={() => void load()}
    >
      {me && !can.supervise(me) && <Notice tone="warn">{staffCopy.errors.FORBIDDEN}</Notice>}
      <Text className="xf-text xf-text--muted">{text.intro}</Text>
      <View className="staff-tabs" role="tablist" aria-label={text.tabsLabel} data-testid="supervision-tabs">
        {FILTERS.map((f) => (
          <View
            key={f}
            className={`staff-tab${f === filter ? ' staff-tab--current' : ''}`}
            data-testid={`supervision-tab-${f}`}
            aria-selected={f === filter ? 'true' : 'false'}
            {...pressable(null, () => setFilter(f), { role: 'tab' })}
          >
            <Text>{text.tabs[f]}</Text>
          </View>
        ))}
      </View>
      {error ? <StaffError error={error} onRetry={() => void load()} what={text.title} /> : null}
      {list === null && !error && <Loading />}
      {list && (
        <>
          <Card title={text.notices} testId="supervision-notices-card" label={text.notices}>
            {list.notices.length === 0 && (
              <Text className="xf-status" data-testid="supervision-notices-empty">
                {text.noticesEmpty}
              </Text>
            )}
            <View role="list" aria-label={text.notices} data-testid="supervision-notices">
              {list.notices.map((notice) => (
                <NoticeRow
                  key={`${notice.petitionId}-${notice.no}`}
                  notice={notice}
                  onReviewed={() => void load()}
                />
              ))}
            </View>
          </Card>
          <Card title={text.escalated} testId="supervision-escalated-card" label={text.escalated}>
            {list.escalated.length === 0 && (
              <Text className="xf-status" data-testid="supervision-escalated-empty">
                {text.escalatedEmpty}
              </Text>
            )}
            <View role="list" aria-label={text.escalated} data-testid="supervision-escalated">
              {list.escalated.map((item) => (
                <EscalatedRow
                  key={`${item.petitionId}-${item.escalation.clock}-${item.escalation.level}`}
                  item={item}
                  onAcknowledged={() => void load()}
                />
              ))}
            </View>
          </Card>
        </>
      )}
    </StaffPage>
  );
}

const openCase = (petitionId: string) => () =>
  void Taro.navigateTo({ url: staffRoutes.petition(petitionId) });

/** A notice; its answer's review offered only to those the server says review it (Art 40). */
function NoticeRow({ notice, onReviewed }: { notice: SupervisionNotice; onReviewed: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // The review last sent, for 重试 to send again.
  const [sent, setSent] = useState<ReviewSupervisionBody | null>(null);
  // 退回重答 asks first, for the reason the unit answers again by (Art 40).
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonTried, setReasonTried] = useState(false);
  const review = async (body: ReviewSupervisionBody) => {
    setBusy(true);
    setError(null);
    setSent(body);
    try {
      await reviewSupervision(notice.petitionId, notice.no, body);
      onReviewed();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  const confirmReturn = () => {
    setReasonTried(true);
    if (reason.trim() === '') return;
    setReturning(false);
    void review({ decision: 'returned', note: reason.trim() });
  };
  const alarm = notice.status === 'overdue' ? ' staff-row--overdue' : '';
  return (
    <View
      role="listitem"
      className={`staff-row${alarm}`}
      data-testid="supervision-notice"
      data-number={notice.petitionNumber}
      data-status={notice.status}
    >
      <View
        className="staff-row__open"
        data-testid="supervision-notice-open"
        {...pressable(null, openCase(notice.petitionId), { role: 'link' })}
      >
        <View className="staff-row__top">
          <Text className="staff-row__number">{notice.petitionNumber}</Text>
          <Text
            className={`staff-badge${notice.status === 'overdue' ? ' staff-badge--overdue' : ''}`}
            data-testid="supervision-notice-status"
          >
            {text.status[notice.status]}
          </Text>
        </View>
        <Text className="staff-row__title">{notice.petitionTitle}</Text>
        <Text className="staff-row__meta">
          {`${text.concern[notice.concern]} · ${text.noticeMeta(notice.no, notice.unit.name, formatDateString(notice.dueDate))}`}
        </Text>
      </View>
      {notice.status === 'answered' && notice.answer !== null && (
        // What the reviewer approves or returns, read before either.
        <Text className="xf-text xf-text--pre" data-testid="supervision-notice-answer">
          {text.caseAnswer(notice.answer)}
        </Text>
      )}
      <Receipt
        receipt={notice}
        acknowledge={() => acknowledgeSupervision(notice.petitionId, notice.no)}
        onAcknowledged={onReviewed}
        testId="supervision-notice-receipt"
      />
      {notice.mayReview && (
        <View className="staff-row__actions">
          <Button
            variant="primary"
            inline
            busy={busy}
            testId="supervision-approve"
            onPress={() => void review({ decision: 'approved' })}
          >
            {text.approve}
          </Button>
          <Button inline disabled={busy} testId="supervision-return" onPress={() => setReturning(true)}>
            {text.returnIt}
          </Button>
        </View>
      )}
      {returning && (
        <ConfirmDialog
          title={text.returnTitle}
          body={text.returnBody}
          confirm={text.returnYes}
          cancel={text.returnNo}
          onConfirm={confirmReturn}
          onCancel={() => setReturning(false)}
          testId="supervision-return-dialog"
        >
          <TextField
            label={text.returnReason}
            value={reason}
            onChange={setReason}
            multiline
            required
            maxLength={REASON_MAX}
            error={reasonTried && reason.trim() === '' ? text.returnReasonRequired : null}
            testId="supervision-return-reason"
          />
        </ConfirmDialog>
      )}
      {error ? (
        <StaffError
          error={error}
          onRetry={retryOf(error, () => {
            if (sent) void review(sent);
          })}
          what={sent?.decision === 'returned' ? text.returnIt : text.approve}
          testId="supervision-review-error"
        />
      ) : null}
    </View>
  );
}

function EscalatedRow({ item, onAcknowledged }: { item: EscalatedCase; onAcknowledged: () => void }) {
  const { escalation } = item;
  const red = escalation.flag === 'red';
  return (
    <View
      role="listitem"
      className={`staff-row${red ? ' staff-row--overdue' : ' staff-row--soon'}`}
      data-testid="supervision-escalated-case"
      data-number={item.petitionNumber}
      data-level={escalation.level}
    >
      <View className="staff-row__open" {...pressable(null, openCase(item.petitionId), { role: 'link' })}>
        <View className="staff-row__top">
          <Text className="staff-row__number">{item.petitionNumber}</Text>
          <Text className={`staff-badge ${red ? 'staff-badge--overdue' : 'staff-badge--soon'}`}>
            {text.flag[escalation.flag]}
          </Text>
        </View>
        <Text className="staff-row__title">{item.petitionTitle}</Text>
        <Text className="staff-row__meta">
          {text.deadlineMeta(escalation.deadline, formatDateString(escalation.dueDate))}
        </Text>
        <Text className="staff-row__meta" data-testid="supervision-escalated-level">
          {text.level(escalation.level, escalation.unit.name)}
        </Text>
      </View>
      <Receipt
        receipt={escalation}
        acknowledge={() => acknowledgeEscalation(escalation.id)}
        onAcknowledged={onAcknowledged}
        testId="supervision-escalated-receipt"
      />
    </View>
  );
}
