import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { HandOverPlan, HandOverResult } from '@xinfang/shared/schemas/hand-over';
import { useCallback, useRef, useState } from 'react';
import { staffCopy } from '@/copy/staff';
import { newIdempotencyKey } from '@/platform/ids';
import { Button } from '@/ui/Button';
import { Card, KeyValue } from '@/ui/Card';
import { Choice } from '@/ui/Choice';
import { Loading, Notice } from '@/ui/Feedback';
import { TextField } from '@/ui/TextField';
import { staffRoutes } from '../routes';
import { handOver, handOverPlan } from '../services/staff-api';
import { useStaffSession } from '../session/use-staff-session';
import { isApiError, retryOf } from '../ui/errors';
import { StaffError, StaffPage } from '../ui/StaffPage';
import { useLoaded } from '../ui/use-loaded';
import {
  type HandOverForm,
  type HandOverProblems,
  handOverBody,
  handOverProblems,
  mayHandOver,
  successorName,
} from './model';

const text = staffCopy.handOver;
const REASON_MAX = 500;

/**
 * 一键移交 (Art 24): the unit head hands every open case a 承办人 answers for to one colleague of
 * the handling unit, chosen among those who may lawfully take all of them (the server offers
 * only those), with a reason; a confirm step names how many cases move and to whom; the result
 * says it was done. A refusal names the cases and the rule, and nothing moved. Cases that cannot
 * move now (under objection) are named with why. The hand-over is bound to the plan shown: when
 * it changed meanwhile the page says so and shows the new plan, and nothing moved.
 */
export default function StaffHandOver() {
  const session = useStaffSession();
  const me = session.me;
  const id = useRouter().params.id ?? '';
  const fetchPlan = useCallback(() => handOverPlan(id), [id]);
  const loaded = useLoaded(me && id ? me.id : null, fetchPlan);
  const plan = loaded.value;
  return (
    <StaffPage
      title={text.title}
      testId="staff-hand-over-page"
      state={session}
      nav="overview"
      onRestored={() => void loaded.load()}
    >
      {me && !mayHandOver(me) && <Notice tone="warn">{staffCopy.errors.FORBIDDEN}</Notice>}
      <Text className="xf-text xf-text--muted">{text.intro}</Text>
      {loaded.error ? (
        <StaffError error={loaded.error} onRetry={() => void loaded.load()} what={text.title} />
      ) : null}
      {!plan && !loaded.error && <Loading />}
      {plan && <HandOverCard key={plan.person.id} plan={plan} onReload={() => void loaded.load()} />}
    </StaffPage>
  );
}

type Step = { kind: 'form' } | { kind: 'asking' } | { kind: 'done'; result: HandOverResult };

function HandOverCard({ plan, onReload }: { plan: HandOverPlan; onReload: () => void }) {
  const [form, setForm] = useState<HandOverForm>({ successorId: null, reason: '' });
  const [problems, setProblems] = useState<HandOverProblems>({});
  const [step, setStep] = useState<Step>({ kind: 'form' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // The plan changed since it was shown (a case assigned, gone or moved on): shown afresh.
  const [changed, setChanged] = useState(false);
  // One key per confirmed hand-over: a retry after a lost answer is answered, not done again.
  const key = useRef<string | null>(null);
  const total = plan.cases.total;

  const send = async () => {
    key.current ??= newIdempotencyKey();
    setBusy(true);
    setError(null);
    setChanged(false);
    try {
      const result = await handOver(plan.person.id, handOverBody(form, plan), key.current);
      setStep({ kind: 'done', result });
      onReload();
    } catch (failure) {
      const stale = isApiError(failure, 'VERSION_CONFLICT');
      setChanged(stale);
      setError(stale ? null : failure);
      setStep({ kind: 'form' });
      if (stale) onReload();
      // Refused: nothing moved; what the person changes next is a new request.
      if (isApiError(failure, 'LIFECYCLE_REFUSED') || isApiError(failure, 'VERSION_CONFLICT'))
        key.current = null;
    } finally {
      setBusy(false);
    }
  };

  const ask = () => {
    const found = handOverProblems(form, plan);
    setProblems(found);
    if (Object.keys(found).length === 0) setStep({ kind: 'asking' });
  };

  return (
    <Card testId="staff-hand-over">
      <KeyValue label={text.person}>{`${plan.person.displayName}（${plan.person.unit.name}）`}</KeyValue>
      {step.kind === 'done' ? (
        <>
          <Notice tone="ok" testId="staff-hand-over-done">
            {text.done(step.result.cases.total, step.result.successor.displayName)}
          </Notice>
          <Button onPress={() => void Taro.navigateTo({ url: staffRoutes.overview })}>{text.back}</Button>
        </>
      ) : changed ? (
        <Notice tone="warn" testId="staff-hand-over-changed">
          {text.changed}
        </Notice>
      ) : null}
      {step.kind === 'done' ? null : total === 0 ? (
        <Text className="xf-text xf-text--muted" data-testid="staff-hand-over-none">
          {plan.blocked.length > 0 ? text.noneMovable : text.none}
        </Text>
      ) : (
        <>
          <Text className="xf-text">{text.cases(total)}</Text>
          <View role="list" data-testid="staff-hand-over-cases">
            {plan.cases.petitions.map((p) => (
              <Text key={p.number} role="listitem" className="xf-text xf-text--strong">
                {p.number}
              </Text>
            ))}
          </View>
          {plan.successors.length === 0 ? (
            <Notice tone="warn" testId="staff-hand-over-no-successor">
              {text.noSuccessor}
            </Notice>
          ) : (
            <>
              <Choice
                label={text.successor}
                options={plan.successors.map((s) => ({ value: s.id, label: s.displayName }))}
                value={form.successorId}
                onChange={(successorId) => setForm({ ...form, successorId })}
                required
                error={problems.successorId ?? null}
                testId="staff-hand-over-successor"
              />
              <TextField
                label={text.reason}
                value={form.reason}
                onChange={(reason) => setForm({ ...form, reason })}
                maxLength={REASON_MAX}
                multiline
                required
                hint={text.reasonHint}
                error={problems.reason ?? null}
                testId="staff-hand-over-reason"
              />
              {error ? (
                <StaffError
                  error={error}
                  message={isApiError(error, 'LIFECYCLE_REFUSED') ? (error as Error).message : undefined}
                  onRetry={retryOf(error, () => void send())}
                  what={text.title}
                  testId="staff-hand-over-error"
                />
              ) : null}
              {step.kind === 'asking' ? (
                <View role="group" aria-label={text.title}>
                  <Text className="xf-text xf-text--strong" data-testid="staff-hand-over-question">
                    {text.confirm(total, successorName(plan, form.successorId))}
                  </Text>
                  <Button
                    variant="primary"
                    busy={busy}
                    onPress={() => void send()}
                    testId="staff-hand-over-confirm"
                  >
                    {text.confirmYes}
                  </Button>
                  <Button onPress={() => setStep({ kind: 'form' })} testId="staff-hand-over-cancel">
                    {text.cancel}
                  </Button>
                </View>
              ) : (
                <Button variant="primary" onPress={ask} testId="staff-hand-over-submit">
                  {text.submit(total)}
                </Button>
              )}
            </>
          )}
        </>
      )}
      {step.kind !== 'done' && plan.blocked.length > 0 && (
        <>
          <Text className="xf-text">{text.blocked(plan.blocked.length)}</Text>
          <View role="list" data-testid="staff-hand-over-blocked">
            {plan.blocked.map((b) => (
              <Text key={b.number} role="listitem" className="xf-text">
                {text.blockedCase(b.number, b.why)}
              </Text>
            ))}
          </View>
        </>
      )}
    </Card>
  );
}
