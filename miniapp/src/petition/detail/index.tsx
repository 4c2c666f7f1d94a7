import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import type { CaseActionType, Rating } from '@xinfang/shared/lifecycle';
import type { OrgUnit } from '@xinfang/shared/schemas/identity';
import type { Category, ClockView, PetitionDetail, TimelineEvent } from '@xinfang/shared/schemas/petitions';
import { useCallback, useEffect, useRef, useState } from 'react';
import { copy } from '@/copy/zh-CN';
import { SubscribeOffer } from '@/features/notifications/SubscribeOffer';
import { formatDate, formatDateString, formatDateTime } from '@/format/dates';
import { ApiError } from '@/services/api';
import { getCategories, getUnits } from '@/services/org';
import { type ActionParams, act, getPetition } from '@/services/petitions';
import { useSignedIn } from '@/session/use-session';
import { AttachmentTile } from '@/ui/AttachmentTile';
import { heading } from '@/ui/a11y';
import { Button } from '@/ui/Button';
import { Card, KeyValue } from '@/ui/Card';
import { Choice } from '@/ui/Choice';
import { ClockCountdown } from '@/ui/ClockCountdown';
import { ErrorRetry, Loading, Notice, StatusLine } from '@/ui/Feedback';
import { Page } from '@/ui/Page';
import { StateChip } from '@/ui/StateChip';
import { TextField } from '@/ui/TextField';
import { Timeline } from '@/ui/Timeline';
import './index.scss';

const text = copy.detail;

type Acting = { type: CaseActionType; error: unknown } | null;

/**
 * One petition as its petitioner sees it: where it is and by when, the steps so far with the
 * clocks they met or missed, messages with the handler, attachments, the decision letter, and the
 * actions the server says this person may take now (`allowedActions`) — nothing else is offered.
 */
export default function Detail() {
  const session = useSignedIn();
  const id = useRouter().params.id ?? '';
  const [detail, setDetail] = useState<PetitionDetail | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [units, setUnits] = useState<OrgUnit[]>([]);
  const [categories, setCategories] = useState<Category[]>([]);
  const [now, setNow] = useState(() => Date.now());
  const [busy, setBusy] = useState<CaseActionType | null>(null);
  const [failure, setFailure] = useState<Acting>(null);
  const [status, setStatus] = useState<string | null>(null);
  const acting = useRef(false);

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      const fresh = await getPetition(id);
      setDetail(fresh);
      setNow(Date.now());
    } catch (error) {
      setLoadError(error);
    }
  }, [id]);

  useEffect(() => {
    if (!session) return;
    void load();
    getUnits()
      .then(setUnits)
      .catch(() => undefined);
    getCategories()
      .then(setCategories)
      .catch(() => undefined);
  }, [session, load]);
  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh());
  });
  // Coming back to the page (from WeChat's background, or another page): new messages and steps.
  const shownOnce = useRef(false);
  useDidShow(() => {
    if (shownOnce.current && session) void load();
    shownOnce.current = true;
  });

  /** Runs one action with the version shown; a stale version reloads and says so. */
  const run = useCallback(
    async <T extends CaseActionType>(type: T, params: ActionParams<T>, done: string): Promise<boolean> => {
      if (!detail || acting.current) return false;
      acting.current = true;
      setBusy(type);
      setFailure(null);
      setStatus(null);
      try {
        setDetail(await act(id, type, params, detail.version));
        setNow(Date.now());
        setStatus(done);
        return true;
      } catch (error) {
        if (error instanceof ApiError && error.code === 'VERSION_CONFLICT') await load();
        setFailure({ type, error });
        return false;
      } finally {
        acting.current = false;
        setBusy(null);
      }
    },
    [detail, id, load],
  );

  if (!session)
    return (
      <Page title={text.title}>
        <Loading />
      </Page>
    );
  if (!detail) {
    return (
      <Page title={text.title} testId="detail-page">
        {loadError ? (
          <ErrorRetry
            error={loadError}
            onRetry={() => void load()}
            what={text.title}
            testId={
              loadError instanceof ApiError && loadError.code === 'NOT_FOUND' ? 'detail-not-found' : 'error'
            }
          />
        ) : (
          <Loading />
        )}
      </Page>
    );
  }

  const allowed = new Map(detail.allowedActions.map((a) => [a.type, a]));
  const unitName = (unitId: unknown) =>
    units.find((u) => u.id === unitId)?.name ??
    [detail.units.receiving, detail.units.concerned, detail.units.handling].find((u) => u?.id === unitId)
      ?.name ??
    copy.common.unknownUnit;
  const running = detail.clocks.filter((c) => c.finishedAt === null);
  const letters = detail.timeline.filter((e) => e.type === 'reply_issued');
  const messages = detail.timeline.filter((e) => e.type === 'message_sent' || e.type === 'petitioner_wrote');
  const errorFor = (type: CaseActionType) => (failure?.type === type ? failure.error : null);
  // Art 34: an approved extension and its reason are told to the petitioner.
  const extensions = detail.timeline.filter((e) => e.type === 'extension_approved');

  return (
    <Page title={text.title} testId="detail-page">
      <Card testId="detail-summary">
        <View className="detail__top">
          <StateChip state={detail.state} />
          <Text className="detail__number" data-testid="detail-number">
            {detail.number}
          </Text>
        </View>
        <Text className="detail__title" {...heading(2)}>
          {detail.title}
        </Text>
        <KeyValue label={text.kind}>{copy.kinds[detail.kind].choice}</KeyValue>
        <KeyValue label={text.category}>
          {categories.find((c) => c.code === detail.categoryCode)?.name ?? detail.categoryCode}
        </KeyValue>
        <KeyValue label={text.received}>{formatDateTime(detail.receivedAt)}</KeyValue>
        {detail.holder && (
          <KeyValue label={text.holder} testId="detail-holder">
            {detail.holder.name}
          </KeyValue>
        )}
        <KeyValue label={text.concerned}>{detail.units.concerned.name}</KeyValue>
        {detail.stage !== 'first' && <KeyValue label={text.stage}>{copy.stages[detail.stage]}</KeyValue>}
        <Button inline onPress={() => void load()} testId="detail-reload">
          {text.reload}
        </Button>
        <SubscribeOffer moment={detail.state === 'replied' ? 'reply' : 'detail'} />
      </Card>

      <StatusLine text={status} testId="detail-status" />

      {running.length > 0 && (
        <Card title={text.clocks} testId="detail-clocks">
          {running.map((clock) => (
            <ClockCountdown key={`${clock.stage}-${clock.name}`} clock={clock} now={now} />
          ))}
          {extensions.map((event) => (
            <Notice key={event.seq} tone="warn" testId="detail-extension">
              {`${text.extension(Number(event.data.days))}。${text.extensionReason(String(event.data.reason ?? ''))}`}
            </Notice>
          ))}
        </Card>
      )}

      {letters.map((event) => (
        <Letter key={event.seq} event={event} />
      ))}

      {allowed.has('rate') && (
        <RatingForm
          busy={busy === 'rate'}
          error={errorFor('rate')}
          onRate={(params) => run('rate', params, text.rated(copy.ratings[params.rating]))}
        />
      )}
      {(['request_review', 'request_re_examination'] as const).map((type) =>
        allowed.has(type) ? (
          <AppealForm
            key={type}
            type={type}
            window={running.find(
              (c) => c.name === (type === 'request_review' ? 'review_window' : 're_examination_window'),
            )}
            busy={busy === type}
            error={errorFor(type)}
            onSubmit={(reason) =>
              run(
                type,
                { reason },
                text.appealDone(type === 'request_review' ? text.review : text.reExamination),
              )
            }
          />
        ) : null,
      )}

      <Card title={text.messages} testId="detail-messages">
        {messages.length === 0 ? (
          <Text className="xf-text xf-text--muted">{text.messagesEmpty}</Text>
        ) : (
          <View role="list">
            {messages.map((event) => (
              <View
                key={event.seq}
                role="listitem"
                className={`message message--${event.type === 'petitioner_wrote' ? 'mine' : 'staff'}`}
                data-testid="message"
              >
                <Text className="message__who">
                  {`${event.type === 'petitioner_wrote' ? text.messageFromMe : text.messageFromStaff} · ${formatDateTime(event.at)}`}
                </Text>
                <Text className="message__text">{String(event.data.text ?? '')}</Text>
              </View>
            ))}
          </View>
        )}
        {allowed.has('petitioner_message') && (
          <MessageComposer
            busy={busy === 'petitioner_message'}
            error={errorFor('petitioner_message')}
            onSend={(textValue) => run('petitioner_message', { text: textValue }, text.messageSent)}
          />
        )}
      </Card>

      <Card title={text.content}>
        <Text className="xf-text xf-text--pre">{detail.content}</Text>
        {detail.location && <KeyValue label={copy.confirm.location}>{detail.location}</KeyValue>}
        {detail.collective && (
          <Text className="xf-text xf-text--muted">
            {text.collective(detail.collective.headcount, detail.collective.representatives.join('、'))}
          </Text>
        )}
      </Card>

      {detail.attachments.length > 0 && (
        <Card title={text.attachments} testId="detail-attachments">
          <View className="xf-row">
            {detail.attachments.map((attachment, i) => (
              <AttachmentTile key={attachment.id} attachment={attachment} n={i + 1} />
            ))}
          </View>
        </Card>
      )}

      <Card title={text.timeline}>
        <Timeline events={detail.timeline} clocks={detail.clocks} unitName={unitName} />
      </Card>

      {allowed.has('withdraw') && (
        <WithdrawForm
          busy={busy === 'withdraw'}
          error={errorFor('withdraw')}
          onWithdraw={(reason) => run('withdraw', reason ? { reason } : {}, copy.states.withdrawn)}
        />
      )}
    </Page>
  );
}

/** The decision letter (信访处理意见书) in the order Art 32 gives it. */
function Letter({ event }: { event: TimelineEvent }) {
  const letter = event.data.letter as
    | {
        request?: string;
        factsAndReasons?: string;
        decision?: string;
        legalBasis?: string | null;
        outcome?: string;
      }
    | undefined;
  if (!letter) return null;
  const deliveredAt = typeof event.data.deliveredAt === 'string' ? event.data.deliveredAt : event.at;
  const stage = event.stage === 'first' ? '' : `（${copy.stages[event.stage]}）`;
  return (
    <Card title={`${text.letter}${stage}`} testId="detail-letter" label={text.letter}>
      <Text className="xf-text xf-text--muted">{text.letterDelivered(formatDate(deliveredAt))}</Text>
      {letter.outcome && (
        <View className="letter__outcome" data-testid="letter-outcome" data-outcome={letter.outcome}>
          <Text>{`${text.letterOutcome}：${copy.outcomes[letter.outcome as keyof typeof copy.outcomes] ?? letter.outcome}`}</Text>
        </View>
      )}
      <LetterPart title={text.letterRequest} body={letter.request} />
      <LetterPart title={text.letterFacts} body={letter.factsAndReasons} />
      <LetterPart title={text.letterDecision} body={letter.decision} />
      <LetterPart title={text.letterBasis} body={letter.legalBasis ?? undefined} />
    </Card>
  );
}

function LetterPart({ title, body }: { title: string; body?: string }) {
  if (!body) return null;
  return (
    <View className="letter__part">
      <Text className="letter__heading" {...heading(3)}>
        {title}
      </Text>
      <Text className="xf-text xf-text--pre">{body}</Text>
    </View>
  );
}

function RatingForm({
  busy,
  error,
  onRate,
}: {
  busy: boolean;
  error: unknown;
  onRate: (params: { rating: Rating; comment?: string }) => Promise<boolean>;
}) {
  const [rating, setRating] = useState<Rating | null>(null);
  const [comment, setComment] = useState('');
  const [tried, setTried] = useState(false);
  const submit = () => {
    setTried(true);
    if (!rating) return;
    void onRate(comment.trim() ? { rating, comment: comment.trim() } : { rating });
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
      {error ? <ErrorRetry error={error} testId="rate-error" /> : null}
      <Button
        variant="primary"
        busy={busy}
        busyText={copy.common.loading}
        onPress={submit}
        testId="rating-submit"
      >
        {text.rateSubmit}
      </Button>
    </Card>
  );
}

function AppealForm({
  type,
  window,
  busy,
  error,
  onSubmit,
}: {
  type: 'request_review' | 'request_re_examination';
  window: ClockView | undefined;
  busy: boolean;
  error: unknown;
  onSubmit: (reason: string) => Promise<boolean>;
}) {
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const what = type === 'request_review' ? text.review : text.reExamination;
  const testId = type === 'request_review' ? 'review' : 're-examination';
  const submit = () => {
    setTried(true);
    if (!reason.trim()) return;
    void onSubmit(reason.trim());
  };
  return (
    <Card title={what} testId={`detail-${testId}`} label={what}>
      <Text className="xf-text xf-text--small xf-text--muted">
        {type === 'request_review' ? text.reviewIntro : text.reExaminationIntro}
      </Text>
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
      {error ? <ErrorRetry error={error} testId={`${testId}-error`} /> : null}
      <Button
        variant="primary"
        busy={busy}
        busyText={copy.common.loading}
        onPress={submit}
        testId={`${testId}-submit`}
      >
        {text.appealSubmit(what)}
      </Button>
    </Card>
  );
}

function MessageComposer({
  busy,
  error,
  onSend,
}: {
  busy: boolean;
  error: unknown;
  onSend: (text: string) => Promise<boolean>;
}) {
  const [value, setValue] = useState('');
  const send = async () => {
    if (!value.trim()) return;
    if (await onSend(value.trim())) setValue('');
  };
  return (
    <View className="message-composer">
      <TextField
        label={text.messageLabel}
        value={value}
        onChange={setValue}
        multiline
        maxLength={2000}
        placeholder={text.messagePlaceholder}
        testId="message-input"
      />
      {error ? <ErrorRetry error={error} testId="message-error" /> : null}
      <Button
        busy={busy}
        busyText={copy.common.loading}
        disabled={!value.trim()}
        onPress={() => void send()}
        testId="message-send"
      >
        {copy.common.send}
      </Button>
    </View>
  );
}

function WithdrawForm({
  busy,
  error,
  onWithdraw,
}: {
  busy: boolean;
  error: unknown;
  onWithdraw: (reason: string) => Promise<boolean>;
}) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  return (
    <Card testId="detail-withdraw">
      {!open ? (
        <Button variant="link" onPress={() => setOpen(true)} testId="withdraw-open">
          {text.withdraw}
        </Button>
      ) : (
        <View>
          <Text className="xf-text">{text.withdrawIntro}</Text>
          <TextField
            label={text.withdrawReason}
            value={reason}
            onChange={setReason}
            multiline
            maxLength={2000}
            testId="withdraw-reason"
          />
          {error ? <ErrorRetry error={error} testId="withdraw-error" /> : null}
          <Button
            variant="danger"
            busy={busy}
            busyText={copy.common.loading}
            onPress={() => void onWithdraw(reason.trim())}
            testId="withdraw-confirm"
          >
            {text.withdrawConfirm}
          </Button>
          <Button variant="link" onPress={() => setOpen(false)}>
            {copy.common.cancel}
          </Button>
        </View>
      )}
    </Card>
  );
}
