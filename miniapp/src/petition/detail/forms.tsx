import { Text, View } from '@tarojs/components';
import type { Rating, Stage } from '@xinfang/shared/lifecycle';
import type { ClockView } from '@xinfang/shared/schemas/petitions';
import { useState } from 'react';
import { copy } from '@/copy/zh-CN';
import { useCaseDraft } from '@/features/petition/case-drafts';
import type { ActionFailure } from '@/features/petition/use-petition';
import { formatDateString } from '@/format/dates';
import { Button } from '@/ui/Button';
import { Card } from '@/ui/Card';
import { Choice } from '@/ui/Choice';
import { ErrorRetry, Notice } from '@/ui/Feedback';
import { TextField } from '@/ui/TextField';

const text = copy.detail;

/**
 * Why the last send of a form did not go through — or, when no answer came, that it may well
 * have, as the page loaded again shows, and that sending again does not send twice.
 */
export function ActionError({
  failure,
  button,
  testId,
}: {
  failure: ActionFailure | null;
  button: string;
  testId: string;
}) {
  if (!failure) return null;
  return (
    <ErrorRetry
      error={failure.error}
      message={failure.unconfirmed ? text.unconfirmed(button) : undefined}
      testId={testId}
    />
  );
}

/** The petitioner's answers to a reply: a rating, a review or re-examination, a withdrawal. */
export function RatingForm({
  petitionId,
  busy,
  failure,
  onRate,
}: {
  petitionId: string;
  busy: boolean;
  failure: ActionFailure | null;
  onRate: (params: { rating: Rating; comment?: string }) => Promise<boolean>;
}) {
  const [rating, setRating] = useState<Rating | null>(null);
  // Kept on the device until sent: a failed send and a reload lose nothing.
  const [comment, setComment, forgetComment] = useCaseDraft(petitionId, 'rate');
  const [tried, setTried] = useState(false);
  const submit = async () => {
    setTried(true);
    if (!rating) return;
    if (await onRate(comment.trim() ? { rating, comment: comment.trim() } : { rating })) forgetComment();
  };
  return (
    <Card title={text.rate} testId="detail-rate" label={text.rate}>
      <Text className="xf-text xf-text--small xf-text--muted">{text.rateIntro}</Text>
      <Choice
        label={text.rate}
        testId="rating"
        value={rating}
        onChange={setRating}
        options={(['satisfied', 'basically_satisfied', 'unsatisfied'] as const).map((value) => ({
          value,
          label: copy.ratings[value],
        }))}
      />
      {tried && !rating && (
        <Text className="xf-field__error" role="alert">
          {copy.validation.ratingRequired}
        </Text>
      )}
      <TextField
        label={text.rateComment}
        value={comment}
        onChange={setComment}
        multiline
        maxLength={500}
        placeholder={text.rateCommentPlaceholder}
        testId="rating-comment"
      />
      <ActionError failure={failure} button={text.rateSubmit} testId="rate-error" />
      <Button
        variant="primary"
        busy={busy}
        busyText={copy.common.loading}
        onPress={() => void submit()}
        testId="rating-submit"
      >
        {text.rateSubmit}
      </Button>
    </Card>
  );
}

export function AppealForm({
  petitionId,
  type,
  window,
  busy,
  failure,
  onSubmit,
}: {
  petitionId: string;
  type: 'request_review' | 'request_re_examination';
  window: ClockView | undefined;
  busy: boolean;
  failure: ActionFailure | null;
  onSubmit: (reason: string) => Promise<boolean>;
}) {
  // Kept on the device until sent: a failed send and a reload lose nothing.
  const [reason, setReason, forgetReason] = useCaseDraft(petitionId, type);
  const [tried, setTried] = useState(false);
  const words = text.appeal[type];
  const testId = type === 'request_review' ? 'review' : 're-examination';
  const submit = async () => {
    setTried(true);
    if (!reason.trim()) return;
    if (await onSubmit(reason.trim())) forgetReason();
  };
  return (
    <Card title={words.title} testId={`detail-${testId}`} label={words.title}>
      <Text className="xf-text xf-text--small xf-text--muted">{words.intro}</Text>
      {window && (
        <Notice tone="warn" testId={`${testId}-window`}>
          {text.windowEnds(formatDateString(window.dueDate))}
        </Notice>
      )}
      <TextField
        label={text.reason}
        value={reason}
        onChange={setReason}
        multiline
        maxLength={2000}
        required
        placeholder={text.reasonPlaceholder}
        error={tried && !reason.trim() ? copy.validation.textRequired : null}
        testId={`${testId}-reason`}
      />
      <ActionError failure={failure} button={words.submit} testId={`${testId}-error`} />
      <Button
        variant="primary"
        busy={busy}
        busyText={copy.common.loading}
        onPress={() => void submit()}
        testId={`${testId}-submit`}
      >
        {words.submit}
      </Button>
    </Card>
  );
}

export function WithdrawForm({
  petitionId,
  stage,
  busy,
  failure,
  onWithdraw,
}: {
  petitionId: string;
  /** During a 复查 or 复核, withdrawing ends the case with the earlier answer standing. */
  stage: Stage;
  busy: boolean;
  failure: ActionFailure | null;
  onWithdraw: (reason: string) => Promise<boolean>;
}) {
  const words =
    stage === 'first' ? { label: text.withdraw, intro: text.withdrawIntro } : text.withdrawAppeal[stage];
  // Kept on the device until sent: a failed send and a reload lose nothing.
  const [reason, setReason, forgetReason] = useCaseDraft(petitionId, 'withdraw');
  // Open again after a reload when a reason was written.
  const [open, setOpen] = useState(() => reason !== '');
  const submit = async () => {
    if (await onWithdraw(reason.trim())) forgetReason();
  };
  return (
    <Card testId="detail-withdraw">
      {!open ? (
        <Button variant="link" onPress={() => setOpen(true)} testId="withdraw-open">
          {words.label}
        </Button>
      ) : (
        <View>
          <Text className="xf-text" data-testid="withdraw-intro">
            {words.intro}
          </Text>
          <TextField
            label={text.withdrawReason}
            value={reason}
            onChange={setReason}
            multiline
            maxLength={2000}
            testId="withdraw-reason"
          />
          <ActionError failure={failure} button={text.withdrawConfirm} testId="withdraw-error" />
          <Button onPress={() => setOpen(false)} testId="withdraw-cancel">
            {copy.common.cancel}
          </Button>
          <Button
            variant="destructive"
            busy={busy}
            busyText={copy.common.loading}
            onPress={() => void submit()}
            testId="withdraw-confirm"
          >
            {text.withdrawConfirm}
          </Button>
        </View>
      )}
    </Card>
  );
}
