import { Text, View } from '@tarojs/components';
import type { AssistRequest } from '@xinfang/shared/schemas/co-handling';
import { useCallback, useState } from 'react';
import { staffCopy } from '@/copy/staff';
import { formatDateString } from '@/format/dates';
import { pressable } from '@/ui/a11y';
import { Button } from '@/ui/Button';
import { Card } from '@/ui/Card';
import { Loading, Notice, StatusLine } from '@/ui/Feedback';
import { TextField } from '@/ui/TextField';
import { answerAssist, coHandlingList } from '../services/staff-api';
import { can } from '../session/roles';
import { useStaffSession } from '../session/use-staff-session';
import { retryOf } from '../ui/errors';
import { StaffError, StaffPage } from '../ui/StaffPage';
import { useLoaded } from '../ui/use-loaded';

const text = staffCopy.coHandling;
const FILTERS = ['open', 'answered'] as const;
type Filter = (typeof FILTERS)[number];
/** The answer's limit, as the lifecycle's (CONTENT_MAX). */
const ANSWER_MAX = 5000;

/**
 * 协办 (Art 24): the parts of cases other units asked my unit to answer, nearest date first and
 * the overdue marked, each with its answer form; and the parts already answered. The assisting
 * unit sees the part and the case's number — not the case, nor who petitioned (nor the title,
 * which often names him). A part the lead unit withdrew leaves the list.
 */
export default function StaffCoHandling() {
  const session = useStaffSession();
  const me = session.me;
  const [filter, setFilter] = useState<Filter>('open');
  const [sent, setSent] = useState(false);
  const fetchParts = useCallback(async () => (await coHandlingList(filter)).items, [filter]);
  const { value: items, error, load } = useLoaded(me !== null, fetchParts, { onShow: true, pullDown: true });

  return (
    <StaffPage
      title={text.title}
      testId="staff-co-handling-page"
      state={session}
      nav="coHandling"
      onRestored={() => void load()}
    >
      {me && !can.assist(me) && <Notice tone="warn">{staffCopy.errors.FORBIDDEN}</Notice>}
      <Text className="xf-text xf-text--muted">{text.intro}</Text>
      <View className="staff-tabs" role="tablist" aria-label={text.tabsLabel} data-testid="co-handling-tabs">
        {FILTERS.map((f) => (
          <View
            key={f}
            className={`staff-tab${f === filter ? ' staff-tab--current' : ''}`}
            data-testid={`co-handling-tab-${f}`}
            aria-selected={f === filter ? 'true' : 'false'}
            {...pressable(null, () => setFilter(f), { role: 'tab' })}
          >
            <Text>{text.tabs[f]}</Text>
          </View>
        ))}
      </View>
      <StatusLine text={sent ? text.sent : null} testId="co-handling-sent" />
      {error ? <StaffError error={error} onRetry={() => void load()} what={text.title} /> : null}
      {items === null && !error && <Loading />}
      {items && (
        <Card title={text.tabs[filter] ?? text.title} testId="co-handling-card" label={text.title}>
          {items.length === 0 && (
            <Text className="xf-status" data-testid="co-handling-empty">
              {text.empty}
            </Text>
          )}
          <View role="list" aria-label={text.title} data-testid="co-handling-list">
            {items.map((item) => (
              <PartRow
                key={`${item.petitionId}-${item.no}`}
                item={item}
                onAnswered={() => {
                  setSent(true);
                  void load();
                }}
              />
            ))}
          </View>
        </Card>
      )}
    </StaffPage>
  );
}

function PartRow({ item, onAnswered }: { item: AssistRequest; onAnswered: () => void }) {
  const [answer, setAnswer] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const send = async () => {
    if (answer.trim() === '') {
      setInvalid(true);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await answerAssist(item.petitionId, item.no, answer.trim());
      onAnswered();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  const badge = item.overdue ? text.overdue : text[item.status];
  return (
    <View
      role="listitem"
      className={`staff-row${item.overdue ? ' staff-row--overdue' : ''}`}
      data-testid="co-handling-part"
      data-number={item.number}
      data-status={item.status}
      data-overdue={item.overdue ? 'true' : 'false'}
    >
      <View className="staff-row__top">
        <Text className="staff-row__number">{item.number}</Text>
        <Text className={`staff-badge${item.overdue ? ' staff-badge--overdue' : ''}`}>{badge}</Text>
      </View>
      <Text className="staff-row__meta">
        {text.meta(item.no, item.leadUnit.name, formatDateString(item.dueDate))}
      </Text>
      <Text className="xf-text" data-testid="co-handling-part-text">
        {item.part}
      </Text>
      {item.status === 'open' && (
        <View className="staff-row__actions">
          <TextField
            label={text.answerLabel}
            value={answer}
            onChange={(value) => {
              setAnswer(value);
              setInvalid(false);
            }}
            placeholder={text.answerPlaceholder}
            maxLength={ANSWER_MAX}
            multiline
            required
            error={invalid ? text.required : null}
            testId="co-handling-answer"
          />
          <Button variant="primary" busy={busy} testId="co-handling-send" onPress={() => void send()}>
            {text.send}
          </Button>
        </View>
      )}
      {error ? (
        <StaffError error={error} onRetry={retryOf(error, () => void send())} what={text.send} />
      ) : null}
    </View>
  );
}
