import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { OrgUnit } from '@xinfang/shared/schemas/identity';
import type { SubmitPetitionBody } from '@xinfang/shared/schemas/petitions';
import { useEffect, useRef, useState } from 'react';
import { copy } from '@/copy/zh-CN';
import { useCategoryNames } from '@/features/categories/use-category-names';
import { profileComplete } from '@/features/profile/use-profile-form';
import type { Draft } from '@/features/submission/draft';
import { isValid, toSubmitBody, validate } from '@/features/submission/form';
import { drafts } from '@/features/submission/instance';
import { discardPhoto } from '@/features/submission/photo-store';
import { receiptOf } from '@/features/submission/receipt';
import { buildUnitTree, unitPath } from '@/features/submission/units';
import { leaveFor } from '@/petition/success/leave';
import { routes } from '@/routes';
import { ApiError } from '@/services/api';
import { getUnits } from '@/services/org';
import { submitPetition } from '@/services/petitions';
import { isTransient } from '@/services/retry';
import { useSignedIn } from '@/session/use-session';
import { Button } from '@/ui/Button';
import { Card, KeyValue } from '@/ui/Card';
import { ErrorRetry, Loading, Notice } from '@/ui/Feedback';
import { Page } from '@/ui/Page';

const text = copy.confirm;

type Outcome =
  | { kind: 'idle' }
  | { kind: 'sending' }
  /** No answer: the petition may or may not exist. The same body and key will be sent again. */
  | { kind: 'unconfirmed'; error: unknown }
  /** The server refused and kept nothing: the form may be changed. */
  | { kind: 'refused'; error: unknown }
  /** A retry long after the first send, which had arrived: its case, and no query code again. */
  | { kind: 'alreadySubmitted'; petitionId: string; number: string };

/**
 * Check, then submit. The body sent is frozen in the draft with its idempotency key before the
 * first attempt, so a lost answer is retried — automatically, then by the person — without ever
 * making a second petition. Double taps do nothing.
 */
export default function Confirm() {
  const session = useSignedIn();
  const me = session?.me.kind === 'petitioner' ? session.me : null;
  const [draft, setDraft] = useState<Draft | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [units, setUnits] = useState<OrgUnit[]>([]);
  const { nameOf: categoryName } = useCategoryNames(me !== null);
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });
  const inFlight = useRef(false);

  useEffect(() => {
    if (!me) return;
    const stored = drafts.load(me.id);
    if (!stored && drafts.receipt(me.id)) {
      void Taro.redirectTo({ url: routes.success });
      return;
    }
    setDraft(stored);
    setLoaded(true);
    if (stored?.pending) setOutcome({ kind: 'unconfirmed', error: null });
    getUnits()
      .then(setUnits)
      .catch(() => undefined);
  }, [me]);

  if (!me || !loaded)
    return (
      <Page title={text.title}>
        <Loading />
      </Page>
    );
  if (outcome.kind === 'alreadySubmitted') {
    return (
      <Page title={text.title} testId="confirm-page">
        <Notice testId="confirm-already">{text.alreadySubmitted(outcome.number)}</Notice>
        <Button
          variant="primary"
          onPress={() => void leaveFor(routes.mine, routes.detail(outcome.petitionId))}
        >
          {copy.success.view}
        </Button>
        <Button onPress={() => void leaveFor(routes.mine)}>{copy.nav.mine}</Button>
      </Page>
    );
  }
  if (!draft) {
    return (
      <Page title={text.title} testId="confirm-page">
        <Notice>{text.empty}</Notice>
        <Button variant="primary" onPress={() => void Taro.reLaunch({ url: routes.home })}>
          {copy.nav.home}
        </Button>
      </Page>
    );
  }

  const body: SubmitPetitionBody | null =
    draft.pending?.body ??
    (isValid(validate(draft.fields, draft.photos)) && profileComplete(me)
      ? toSubmitBody(draft.fields, draft.photos)
      : null);
  const pending = draft.pending !== null;

  const submit = async () => {
    if (inFlight.current || !body) return;
    inFlight.current = true;
    setOutcome({ kind: 'sending' });
    const sending = drafts.markPending(draft, body);
    setDraft(sending);
    const frozen = sending.pending?.body ?? body;
    try {
      const answer = await submitPetition(frozen, sending.idempotencyKey);
      for (const photo of sending.photos) if (photo.ref) void discardPhoto(photo.ref);
      // The server answers a retry whose first answer it no longer keeps (48 h) with the case that
      // send made and an empty query code: shown once, it cannot be shown again.
      if (answer.queryCode === '') {
        drafts.discard(me.id);
        setOutcome({
          kind: 'alreadySubmitted',
          petitionId: answer.petition.id,
          number: answer.petition.number,
        });
        return;
      }
      drafts.acknowledge(me.id, receiptOf(answer, new Date()));
      void Taro.redirectTo({ url: routes.success });
    } catch (error) {
      handleFailure(error, sending);
    } finally {
      inFlight.current = false;
    }
  };

  const handleFailure = (error: unknown, sending: Draft) => {
    if (!(error instanceof ApiError) || isTransient(error) || error.code === 'UNAUTHENTICATED') {
      // No answer (or the session ended): keep the frozen body and key; retrying is safe.
      setOutcome({ kind: 'unconfirmed', error });
      return;
    }
    if (error.code === 'IDEMPOTENCY_KEY_REUSED') {
      setOutcome({ kind: 'refused', error });
      return;
    }
    // Refused, nothing kept: the same key may carry a changed body.
    const released = drafts.releasePending(sending);
    if (refersToAttachments(error)) {
      // Uploads the server no longer has (or no longer recognises): upload the kept photos again.
      drafts.save({ ...released, photos: released.photos.map((p) => ({ ...p, attachmentId: null })) });
      void Taro.redirectTo({ url: `${routes.submit}?reupload=1` });
      return;
    }
    setDraft(released);
    setOutcome({ kind: 'refused', error });
  };

  const tree = buildUnitTree(units);
  const unitName = (id: string) =>
    unitPath(tree, id)
      .map((u) => u.name)
      .join(' / ') || copy.common.unknownUnit;

  return (
    <Page title={text.title} testId="confirm-page">
      <Text className="xf-text xf-text--muted">{text.intro}</Text>
      {body ? (
        <Card testId="confirm-summary">
          <KeyValue label={text.petitioner}>
            {copy.profile.summary(me.realName ?? '', me.address ?? '')}
          </KeyValue>
          <KeyValue label={text.kind}>{copy.kinds[body.kind].choice}</KeyValue>
          <KeyValue label={text.category}>{categoryName(body.categoryCode)}</KeyValue>
          <KeyValue label={text.unit}>
            {body.concernedUnitId ? unitName(body.concernedUnitId) : copy.submit.unitUnknown}
          </KeyValue>
          <KeyValue label={text.titleLabel} testId="confirm-title">
            {body.title}
          </KeyValue>
          <KeyValue label={text.content}>{body.content}</KeyValue>
          {body.location ? <KeyValue label={text.location}>{body.location}</KeyValue> : null}
          <KeyValue label={text.photos} testId="confirm-photos">
            {body.attachmentIds?.length ? text.photosCount(body.attachmentIds.length) : copy.common.none}
          </KeyValue>
          {body.headcount ? (
            <KeyValue label={text.collective}>
              {text.collectiveValue(body.headcount, (body.representatives ?? []).join('、'))}
            </KeyValue>
          ) : null}
        </Card>
      ) : (
        <Notice tone="warn">{copy.submit.notReady}</Notice>
      )}

      {outcome.kind === 'unconfirmed' && (
        <View data-testid="confirm-unconfirmed">
          <Notice tone="warn">{text.unconfirmed}</Notice>
          {outcome.error ? <ErrorRetry error={outcome.error} testId="confirm-error" /> : null}
        </View>
      )}
      {outcome.kind === 'refused' && <ErrorRetry error={outcome.error} testId="confirm-error" />}
      {outcome.kind === 'refused' &&
        outcome.error instanceof ApiError &&
        outcome.error.code === 'IDEMPOTENCY_KEY_REUSED' && (
          <Button onPress={() => void Taro.reLaunch({ url: routes.mine })}>{copy.nav.mine}</Button>
        )}

      {process.env.TARO_ENV === 'weapp' && (
        <Text className="xf-text xf-text--small xf-text--muted">{text.subscribe}</Text>
      )}
      <Button
        variant="primary"
        disabled={!body}
        busy={outcome.kind === 'sending'}
        busyText={text.submitting}
        onPress={() => void submit()}
        testId="confirm-submit"
      >
        {pending ? text.retrySubmit : text.submit}
      </Button>
      {!pending && (
        <Button
          onPress={() => void Taro.navigateBack().catch(() => Taro.redirectTo({ url: routes.submit }))}
          testId="confirm-edit"
        >
          {text.edit}
        </Button>
      )}
    </Page>
  );
}

function refersToAttachments(error: ApiError): boolean {
  if (error.code !== 'VALIDATION_FAILED' || !Array.isArray(error.details)) return false;
  return error.details.some(
    (issue) =>
      typeof issue === 'object' &&
      issue !== null &&
      String((issue as { path?: unknown }).path).includes('attachmentIds'),
  );
}
