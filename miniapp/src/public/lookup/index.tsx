import { Text } from '@tarojs/components';
import type { OrgUnit } from '@xinfang/shared/schemas/identity';
import { useEffect, useRef, useState } from 'react';
import { copy } from '@/copy/zh-CN';
import { PublicDocuments } from '@/features/documents/PublicDocuments';
import { ProgressCard } from '@/features/progress/ProgressCard';
import { ratedIn } from '@/features/progress/progress';
import { formatDateTime } from '@/format/dates';
import { ApiError } from '@/services/api';
import { getUnits } from '@/services/org';
import { type LookupAnswer, lookup } from '@/services/petitions';
import { Button } from '@/ui/Button';
import { Card, KeyValue } from '@/ui/Card';
import { ErrorRetry } from '@/ui/Feedback';
import { Page } from '@/ui/Page';
import { StateChip } from '@/ui/StateChip';
import { TextField } from '@/ui/TextField';
import { Timeline } from '@/ui/Timeline';
import { lookupCode, lookupNumber } from './normalize';

const text = copy.lookup;

/**
 * 查询 without signing in (Art 18, 21): number and query code give the state, the clocks and the
 * official steps — never anyone's words or personal data (the server leaves them out).
 */
export default function Lookup() {
  const [number, setNumber] = useState('');
  const [code, setCode] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [answer, setAnswer] = useState<LookupAnswer | null>(null);
  const [units, setUnits] = useState<OrgUnit[]>([]);
  const [now, setNow] = useState(() => Date.now());
  const inFlight = useRef(false);

  useEffect(() => {
    getUnits()
      .then(setUnits)
      .catch(() => undefined);
  }, []);

  const submit = async () => {
    setTried(true);
    if (!lookupNumber(number) || !lookupCode(code) || inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    setError(null);
    setAnswer(null);
    try {
      setAnswer(await lookup(lookupNumber(number), lookupCode(code)));
      setNow(Date.now());
    } catch (failure) {
      setError(failure);
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  const unitName = (id: unknown) => units.find((u) => u.id === id)?.name ?? copy.common.unknownUnit;
  const notFound =
    error instanceof ApiError && (error.code === 'NOT_FOUND' || error.code === 'VALIDATION_FAILED');

  return (
    <Page title={text.title} testId="lookup-page">
      <Text className="xf-text xf-text--muted">{text.intro}</Text>
      <Card>
        <TextField
          label={text.number}
          value={number}
          onChange={setNumber}
          maxLength={20}
          placeholder={text.numberPlaceholder}
          required
          error={tried && !number.trim() ? text.numberRequired : null}
          testId="lookup-number"
        />
        <TextField
          label={text.code}
          value={code}
          onChange={setCode}
          maxLength={20}
          placeholder={text.codePlaceholder}
          required
          error={tried && !code.trim() ? text.codeRequired : null}
          testId="lookup-code"
        />
        {error ? (
          notFound ? (
            <ErrorRetry error={error} message={text.notFound} testId="lookup-error" />
          ) : (
            <ErrorRetry
              error={error}
              onRetry={() => void submit()}
              what={text.submit}
              testId="lookup-error"
            />
          )
        ) : null}
        <Button
          variant="primary"
          busy={busy}
          busyText={copy.common.loading}
          onPress={() => void submit()}
          testId="lookup-submit"
        >
          {text.submit}
        </Button>
      </Card>

      {answer && (
        <>
          <Card title={text.result} testId="lookup-result" label={text.result}>
            <KeyValue label={copy.detail.number} testId="lookup-result-number">
              {answer.number}
            </KeyValue>
            <KeyValue label={text.state}>
              <StateChip state={answer.state} />
            </KeyValue>
            <KeyValue label={text.kind}>{copy.kinds[answer.kind].name}</KeyValue>
            <KeyValue label={text.received}>{formatDateTime(answer.receivedAt)}</KeyValue>
            {answer.holder && <KeyValue label={text.holder}>{answer.holder.name}</KeyValue>}
          </Card>
          <ProgressCard
            state={answer.state}
            stage={answer.stage}
            rated={ratedIn(answer.timeline, answer.stage)}
            clocks={answer.clocks}
            now={now}
          />
          <PublicDocuments documents={answer.documents} />
          <Card title={copy.detail.timeline}>
            <Timeline events={answer.timeline} clocks={answer.clocks} unitName={unitName} />
          </Card>
        </>
      )}
    </Page>
  );
}
