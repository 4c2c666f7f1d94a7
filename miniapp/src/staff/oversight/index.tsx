import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { OwnedCaseList } from '@xinfang/shared/schemas/registers';
import type { Suggestion } from '@xinfang/shared/schemas/suggestions';
import { SUGGESTION_ADOPTIONS } from '@xinfang/shared/schemas/value-lists';
import type { VisitList } from '@xinfang/shared/schemas/visits';
import { useCallback, useEffect, useRef, useState } from 'react';
import { staffCopy } from '@/copy/staff';
import { formatDateString } from '@/format/dates';
import { answerSuggestion, decideSuggestion, ownedCases, suggestions, visits } from '@/services/oversight';
import { pressable } from '@/ui/a11y';
import { Button } from '@/ui/Button';
import { Card } from '@/ui/Card';
import { Loading } from '@/ui/Feedback';
import { FoldOut } from '@/ui/FoldOut';
import { TextField } from '@/ui/TextField';
import { staffRoutes } from '../routes';
import { can, leads } from '../session/roles';
import { useStaffSession } from '../session/use-staff-session';
import { retryOf } from '../ui/errors';
import { StaffError, StaffPage } from '../ui/StaffPage';
import { SuggestionForm } from './SuggestionForm';
import { VisitsCard } from './VisitsCard';

const text = staffCopy.oversight;

interface Loaded {
  issued: Suggestion[];
  received: Suggestion[];
  owned: OwnedCaseList | null;
  visits: VisitList | null;
}

/**
 * Oversight beyond the case loop, for the people it is for: the suggestions to improve work one
 * issued (to record adoption) or one's unit received (to answer, Art 40); a leader's 包案 list with
 * each case's plan and deadline (Art 18); and the 下访 of one's subtree with the cases they produced.
 */
export default function StaffOversight() {
  const session = useStaffSession();
  const me = session.me;
  const [data, setData] = useState<Loaded | null>(null);
  const [error, setError] = useState<unknown>(null);
  const signedIn = me !== null;

  const load = useCallback(async () => {
    if (!me) return;
    setError(null);
    try {
      setData({
        issued: can.suggest(me) ? (await suggestions('issued')).items : [],
        received: can.answerSuggestions(me) ? (await suggestions('received')).items : [],
        owned: leads(me) ? await ownedCases() : null,
        visits: can.keepVisits(me) ? await visits() : null,
      });
    } catch (failure) {
      setError(failure);
    }
  }, [me]);
  useEffect(() => {
    if (signedIn) void load();
  }, [signedIn, load]);

  return (
    <StaffPage
      title={text.title}
      testId="staff-oversight-page"
      state={session}
      nav="oversight"
      onRestored={() => void load()}
    >
      {error ? <StaffError error={error} onRetry={() => void load()} what={text.title} /> : null}
      {data === null && !error && <Loading />}
      {data && me && can.suggest(me) && (
        <Card testId="oversight-issue" label={text.issue}>
          <FoldOut title={text.issue} testId="oversight-issue-fold">
            <SuggestionForm me={me} onIssued={() => void load()} />
          </FoldOut>
        </Card>
      )}
      {data && me && can.suggest(me) && (
        <SuggestionCard
          title={text.issued}
          items={data.issued}
          testId="oversight-issued"
          mode="decide"
          onDone={load}
        />
      )}
      {data && me && can.answerSuggestions(me) && (
        <SuggestionCard
          title={text.received}
          items={data.received}
          testId="oversight-received"
          mode="answer"
          onDone={load}
        />
      )}
      {data?.owned && <OwnedCard list={data.owned} />}
      {data?.visits && me && <VisitsCard list={data.visits} me={me} onChange={load} />}
    </StaffPage>
  );
}

const openCase = (id: string) => () => void Taro.navigateTo({ url: staffRoutes.petition(id) });

function SuggestionCard(props: {
  title: string;
  items: Suggestion[];
  testId: string;
  mode: 'answer' | 'decide';
  onDone: () => Promise<void>;
}) {
  return (
    <Card title={props.title} testId={props.testId} label={props.title}>
      {props.items.length === 0 && <Text className="xf-status">{text.suggestionsEmpty}</Text>}
      <View role="list" aria-label={props.title}>
        {props.items.map((s) => (
          <SuggestionRow key={s.id} suggestion={s} mode={props.mode} onDone={props.onDone} />
        ))}
      </View>
    </Card>
  );
}

function SuggestionRow({
  suggestion: s,
  mode,
  onDone,
}: {
  suggestion: Suggestion;
  mode: 'answer' | 'decide';
  onDone: () => Promise<void>;
}) {
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // The answer or decision last sent, for 重试 to send again.
  const last = useRef<(() => Promise<unknown>) | null>(null);
  const run = async (task: () => Promise<unknown>) => {
    last.current = task;
    setBusy(true);
    setError(null);
    try {
      await task();
      await onDone();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  const canAnswer = mode === 'answer' && (s.status === 'open' || s.status === 'overdue');
  const canDecide = mode === 'decide' && s.status === 'answered';
  return (
    <View
      role="listitem"
      className={`staff-row${s.status === 'overdue' ? ' staff-row--overdue' : ''}`}
      data-testid="oversight-suggestion"
      data-status={s.status}
    >
      <View className="staff-row__top">
        <Text className="staff-row__number">{s.petition?.number ?? ''}</Text>
        <Text className={`staff-badge${s.status === 'overdue' ? ' staff-badge--overdue' : ''}`}>
          {s.adoption ? text.adoption[s.adoption] : text.status[s.status]}
        </Text>
      </View>
      <Text className="staff-row__title">{s.suggestion}</Text>
      <Text className="staff-row__meta">{text.suggestionMeta(s.unit.name, formatDateString(s.dueDate))}</Text>
      {s.answer && <Text className="xf-text">{`${text.answer}：${s.answer}`}</Text>}
      {s.adoptionNote && <Text className="xf-text xf-text--muted">{s.adoptionNote}</Text>}
      {(canAnswer || canDecide) && (
        <TextField
          label={canAnswer ? text.answer : text.note}
          value={value}
          onChange={setValue}
          multiline
          maxLength={2000}
          testId={canAnswer ? 'oversight-answer' : 'oversight-note'}
        />
      )}
      {canAnswer && (
        <Button
          variant="primary"
          busy={busy}
          disabled={value.trim() === ''}
          testId="oversight-send-answer"
          onPress={() => void run(() => answerSuggestion(s.id, value.trim()))}
        >
          {text.sendAnswer}
        </Button>
      )}
      {canDecide && (
        <View className="staff-row__actions">
          {SUGGESTION_ADOPTIONS.map((adoption) => (
            <Button
              key={adoption}
              inline
              busy={busy}
              disabled={value.trim() === ''}
              testId={`oversight-${adoption}`}
              onPress={() => void run(() => decideSuggestion(s.id, { adoption, note: value.trim() }))}
            >
              {text.decide(text.adoption[adoption] ?? adoption)}
            </Button>
          ))}
        </View>
      )}
      {error ? (
        <StaffError
          error={error}
          onRetry={retryOf(error, () => {
            if (last.current) void run(last.current);
          })}
          what={text.suggestions}
        />
      ) : null}
    </View>
  );
}

function OwnedCard({ list }: { list: OwnedCaseList }) {
  return (
    <Card title={text.owned} testId="oversight-owned" label={text.owned}>
      <Text className="xf-text xf-text--muted">{text.ownedMeta(list.open, list.closed)}</Text>
      {list.items.length === 0 && <Text className="xf-status">{text.ownedEmpty}</Text>}
      <View role="list" aria-label={text.owned}>
        {list.items.map((item) => (
          <View
            key={item.case.petitionId}
            role="listitem"
            className={`staff-row${item.overdue ? ' staff-row--overdue' : ''}`}
            data-testid="oversight-owned-case"
          >
            <View
              className="staff-row__open"
              {...pressable(null, openCase(item.case.petitionId), { role: 'link' })}
            >
              <View className="staff-row__top">
                <Text className="staff-row__number">{item.case.petitionNumber}</Text>
                {item.overdue && <Text className="staff-badge staff-badge--overdue">{text.overdue}</Text>}
              </View>
              <Text className="staff-row__title">{item.case.title}</Text>
              {item.plan && <Text className="staff-row__meta">{text.plan(item.plan.plan)}</Text>}
            </View>
          </View>
        ))}
      </View>
    </Card>
  );
}
