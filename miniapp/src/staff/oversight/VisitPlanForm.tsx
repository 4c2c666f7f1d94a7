import { Text, View } from '@tarojs/components';
import type { StaffAccount, StaffMe } from '@xinfang/shared/schemas/identity';
import { useEffect, useState } from 'react';
import { staffCopy } from '@/copy/staff';
import { newIdempotencyKey } from '@/platform/ids';
import { planVisit } from '@/services/oversight';
import { Button } from '@/ui/Button';
import { ChipChoice } from '@/ui/ChipChoice';
import { StatusLine } from '@/ui/Feedback';
import { TextField } from '@/ui/TextField';
import { beijingDateIn } from '../forms/dates';
import { listLeaders } from '../services/staff-api';
import { can, leads } from '../session/roles';
import { retryOf } from '../ui/errors';
import { StaffError } from '../ui/StaffPage';
import { isClean, toVisitBody, type VisitPlanFields, visitPlanProblems } from './oversight-forms';
import { SubtreeUnitField } from './SubtreeUnitField';

const text = staffCopy.oversight;
const blank = (): VisitPlanFields => ({ leaderId: null, unitId: null, place: '', date: '', topic: '' });

/**
 * Planning a 下访 (Art 18): which leader goes (a leader may go himself; reception and supervisors
 * name one of their subtree's leaders), to which unit and place, on which day, about what. One
 * key per filled form: a retried plan makes one visit.
 */
export function VisitPlanForm({ me, onPlanned }: { me: StaffMe; onPlanned: () => Promise<void> }) {
  const selfLeads = leads(me);
  const [leaders, setLeaders] = useState<Pick<StaffAccount, 'id' | 'displayName'>[]>([]);
  const [fields, setFields] = useState(blank);
  const [key, setKey] = useState(newIdempotencyKey);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState<string | null>(null);
  const today = beijingDateIn(Date.now(), 0);
  const problems = visitPlanProblems(fields, today, selfLeads);
  const shown = tried ? problems : {};
  const set = (patch: Partial<VisitPlanFields>) => setFields((f) => ({ ...f, ...patch }));

  useEffect(() => {
    if (!can.listStaff(me)) return;
    listLeaders()
      .then((list) => setLeaders(list.filter((p) => p.id !== me.id)))
      .catch(() => setLeaders([]));
  }, [me]);

  const send = async () => {
    setTried(true);
    setStatus(null);
    if (!isClean(problems) || busy) return;
    setBusy(true);
    setError(null);
    try {
      await planVisit(toVisitBody(fields), key);
      setFields(blank());
      setKey(newIdempotencyKey());
      setTried(false);
      setStatus(text.planDone);
      await onPlanned();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const leaderOptions = [
    ...(selfLeads ? [{ value: '', label: text.leaderSelf }] : []),
    ...leaders.map((p) => ({ value: p.id, label: p.displayName })),
  ];
  return (
    <View data-testid="visit-plan-form">
      <Text className="xf-text xf-text--muted">{text.planIntro}</Text>
      {leaderOptions.length > 1 || !selfLeads ? (
        <ChipChoice
          label={text.leader}
          options={leaderOptions}
          value={fields.leaderId ?? ''}
          onChange={(id) => set({ leaderId: id || null })}
          error={shown.leaderId ?? null}
          testId="visit-leader"
        />
      ) : null}
      <SubtreeUnitField
        rootId={me.unit.id}
        label={text.visitUnit}
        value={fields.unitId}
        onChange={(unitId) => set({ unitId })}
        error={shown.unitId ?? null}
        testId="visit-unit"
      />
      <TextField
        label={text.place}
        value={fields.place}
        onChange={(place) => set({ place })}
        required
        maxLength={200}
        error={shown.place ?? null}
        testId="visit-place"
      />
      <TextField
        label={text.date}
        value={fields.date}
        onChange={(date) => set({ date })}
        keyboard="date"
        required
        min={today}
        error={shown.date ?? null}
        testId="visit-date"
      />
      <TextField
        label={text.topic}
        value={fields.topic}
        onChange={(topic) => set({ topic })}
        required
        maxLength={200}
        error={shown.topic ?? null}
        testId="visit-topic"
      />
      {error ? (
        <StaffError error={error} onRetry={retryOf(error, () => void send())} what={text.planVisit} />
      ) : null}
      <Button variant="primary" busy={busy} onPress={() => void send()} testId="visit-plan-submit">
        {text.planSubmit}
      </Button>
      <StatusLine text={status} testId="visit-plan-status" />
    </View>
  );
}
