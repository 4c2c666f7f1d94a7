import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { CaseActionType } from '@xinfang/shared/lifecycle';
import type { OrgUnit } from '@xinfang/shared/schemas/identity';
import { useEffect, useState } from 'react';
import { copy } from '@/copy/zh-CN';
import { useCategoryNames } from '@/features/categories/use-category-names';
import { DocumentList } from '@/features/documents/DocumentList';
import { SubscribeOffer } from '@/features/notifications/SubscribeOffer';
import { type CaseForm, caseDrafts, lastSeq, tookEffect } from '@/features/petition/case-drafts';
import { usePetition } from '@/features/petition/use-petition';
import { ProgressCard } from '@/features/progress/ProgressCard';
import { ratedIn, windowAwaitingReceipt } from '@/features/progress/progress';
import { formatDateTime } from '@/format/dates';
import { routes } from '@/routes';
import { ApiError } from '@/services/api';
import { getUnits } from '@/services/org';
import type { ActionParams } from '@/services/petitions';
import { useSignedIn } from '@/session/use-session';
import { AttachmentTile } from '@/ui/AttachmentTile';
import { heading } from '@/ui/a11y';
import { Button } from '@/ui/Button';
import { Card, KeyValue } from '@/ui/Card';
import { ErrorRetry, Loading, Notice, StatusLine } from '@/ui/Feedback';
import { Page } from '@/ui/Page';
import { StateChip } from '@/ui/StateChip';
import { Timeline } from '@/ui/Timeline';
import { concernedUnitName } from './concerned';
import { AppealForm, RatingForm, WithdrawForm } from './forms';
import { Letter } from './Letter';
import { Messages } from './Messages';
import './index.scss';

const text = copy.detail;

/**
 * One petition as its petitioner sees it: where it is on a plain step bar and the one date that
 * matters now (the statutory limits folded away), the decision letter, messages with the handler,
 * attachments, the steps so far, and the actions the server says this person may take now
 * (`allowedActions`) — nothing else is offered.
 */
export default function Detail() {
  const session = useSignedIn();
  const id = useRouter().params.id ?? '';
  const { detail, loadError, load, now, busy, failure, status, attempt } = usePetition(id, session !== null);
  const [units, setUnits] = useState<OrgUnit[]>([]);
  const { nameOf: categoryName } = useCategoryNames(session !== null);

  // What was typed in a form the case no longer offers can no longer be sent: forget it.
  useEffect(() => {
    if (session && detail)
      caseDrafts.clearUnoffered(session.me.id, detail.id, new Set(detail.allowedActions.map((a) => a.type)));
  }, [session, detail]);

  useEffect(() => {
    if (!session) return;
    getUnits()
      .then(setUnits)
      .catch(() => undefined);
  }, [session]);

  if (!session)
    return (
      <Page title={text.title}>
        <Loading />
      </Page>
    );
  if (!detail) {
    // A case that is not there (or not theirs) will not appear on a retry: lead back to the list.
    const notFound = loadError instanceof ApiError && loadError.code === 'NOT_FOUND';
    return (
      <Page title={text.title} testId="detail-page">
        {notFound ? (
          <>
            <ErrorRetry error={loadError} testId="detail-not-found" />
            <Button
              variant="primary"
              onPress={() => void Taro.reLaunch({ url: routes.mine })}
              testId="detail-back-to-mine"
            >
              {text.backToMine}
            </Button>
          </>
        ) : loadError ? (
          <ErrorRetry error={loadError} onRetry={() => void load()} what={text.title} />
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
  const failureFor = (type: CaseActionType) => (failure?.type === type ? failure : null);
  /**
   * Sends a form. A send whose answer was lost is kept on the device with the version it went
   * with, and every resend goes with that version — the same Idempotency-Key — so the server
   * takes it once, even after a reload moved the version on (handbook: a retried write never
   * happens twice).
   */
  const take = async <T extends CaseForm>(form: T, params: ActionParams<T>, done: string) => {
    if (busy) return false;
    const owner = session.me.id;
    const first = caseDrafts.sending(owner, detail.id, form, {
      version: detail.version,
      afterSeq: lastSeq(detail.timeline),
    });
    const message = form === 'petitioner_message' ? (params as { text: string }).text : undefined;
    const outcome = await attempt(form, params, done, {
      version: first.version,
      tookEffect: (reloaded) => tookEffect(form, first, reloaded.timeline, message),
    });
    // Refused: nothing was kept under that key, so the next send goes with the case as it is.
    if (outcome === 'refused') caseDrafts.refused(owner, detail.id, form);
    return outcome === 'done';
  };
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
        <KeyValue label={text.kind}>{copy.kinds[detail.kind].name}</KeyValue>
        <KeyValue label={text.category}>{categoryName(detail.categoryCode)}</KeyValue>
        <KeyValue label={text.received}>{formatDateTime(detail.receivedAt)}</KeyValue>
        {detail.holder && (
          <KeyValue label={text.holder} testId="detail-holder">
            {detail.holder.name}
          </KeyValue>
        )}
        <KeyValue label={text.concerned} testId="detail-concerned">
          {concernedUnitName(detail) ?? text.concernedUnknown}
        </KeyValue>
        <Button inline onPress={() => void load()} testId="detail-reload">
          {text.reload}
        </Button>
        <SubscribeOffer moment={detail.state === 'replied' ? 'reply' : 'detail'} />
      </Card>

      <StatusLine text={status} testId="detail-status" />

      <ProgressCard
        state={detail.state}
        stage={detail.stage}
        rated={ratedIn(detail.timeline, detail.stage)}
        clocks={detail.clocks}
        now={now}
        awaitingReceipt={windowAwaitingReceipt(detail.kind, detail.state, detail.stage, detail.timeline)}
        noHigherUnit={detail.noHigherUnit}
      >
        {extensions.map((event) => (
          <Notice key={event.seq} tone="warn" testId="detail-extension">
            {`${text.extension(Number(event.data.days))}。${text.extensionReason(String(event.data.reason ?? ''))}`}
          </Notice>
        ))}
      </ProgressCard>

      {letters.map((event) => (
        <Letter key={event.seq} event={event} />
      ))}

      <DocumentList petitionId={detail.id} version={detail.version} onOpened={() => void load()} />

      {allowed.has('rate') && (
        <RatingForm
          petitionId={detail.id}
          busy={busy === 'rate'}
          failure={failureFor('rate')}
          onRate={(params) => take('rate', params, text.rated(copy.ratings[params.rating]))}
        />
      )}
      {(['request_review', 'request_re_examination'] as const).map((type) =>
        allowed.has(type) ? (
          <AppealForm
            key={type}
            petitionId={detail.id}
            type={type}
            window={running.find(
              (c) => c.name === (type === 'request_review' ? 'review_window' : 're_examination_window'),
            )}
            busy={busy === type}
            failure={failureFor(type)}
            onSubmit={(reason) => take(type, { reason }, text.appeal[type].done)}
          />
        ) : null,
      )}

      <Messages
        petitionId={detail.id}
        timeline={detail.timeline}
        attachments={detail.attachments}
        canWrite={allowed.has('petitioner_message')}
        busy={busy === 'petitioner_message'}
        failure={failureFor('petitioner_message')}
        onSend={(textValue, attachmentIds) =>
          take(
            'petitioner_message',
            { text: textValue, ...(attachmentIds.length ? { attachmentIds } : {}) },
            text.messageSent,
          )
        }
      />

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
        <Timeline
          events={detail.timeline}
          clocks={detail.clocks}
          unitName={unitName}
          attachments={detail.attachments}
        />
      </Card>

      {allowed.has('withdraw') && (
        <WithdrawForm
          petitionId={detail.id}
          stage={detail.stage}
          busy={busy === 'withdraw'}
          failure={failureFor('withdraw')}
          onWithdraw={(reason) => take('withdraw', reason ? { reason } : {}, copy.states.withdrawn)}
        />
      )}
    </Page>
  );
}
