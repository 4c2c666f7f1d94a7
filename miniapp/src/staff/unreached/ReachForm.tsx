import { View } from '@tarojs/components';
import type { UnreachedNotice } from '@xinfang/shared/schemas/unreached';
import { REACH_METHODS } from '@xinfang/shared/schemas/value-lists';
import { useState } from 'react';
import { staffCopy } from '@/copy/staff';
import { Button } from '@/ui/Button';
import { Choice } from '@/ui/Choice';
import { TextField } from '@/ui/TextField';
import { retryOf } from '../ui/errors';
import { StaffError } from '../ui/StaffPage';
import { recordReach } from './api';
import { blankReach, reachProblems, toReachBody } from './reach-form';

const text = staffCopy.unreached;
const beijingToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const beijingDay = (instant: string) =>
  new Date(Date.parse(instant) + 8 * 3600_000).toISOString().slice(0, 10);

/** 挂号邮寄 with its number, 当面, or 电话告知 with whom: recorded once, then the notice leaves the list. */
export function ReachForm({ item, onSaved }: { item: UnreachedNotice; onSaved: () => void }) {
  const today = beijingToday();
  const [fields, setFields] = useState(() => blankReach(today));
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const problems = reachProblems(fields, beijingDay(item.issuedAt), today);
  const shown = (p: (typeof problems)[number]) => (tried && problems.includes(p) ? text.problems[p] : null);
  const set = (change: Partial<typeof fields>) => setFields((f) => ({ ...f, ...change }));

  const save = async () => {
    setTried(true);
    if (problems.length > 0 || !fields.method) return;
    setBusy(true);
    setError(null);
    try {
      await recordReach(item.id, toReachBody({ ...fields, method: fields.method }));
      onSaved();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View data-testid="unreached-form">
      <Choice
        label={text.method}
        options={REACH_METHODS.map((m) => ({ value: m, label: text.methods[m] ?? m }))}
        value={fields.method}
        onChange={(method) => set({ method })}
        required
        error={shown('method')}
        testId="unreached-method"
      />
      {fields.method === 'post' && (
        <TextField
          label={text.trackingNo}
          value={fields.trackingNo}
          onChange={(trackingNo) => set({ trackingNo })}
          maxLength={40}
          required
          error={shown('trackingNo')}
          testId="unreached-tracking"
        />
      )}
      {fields.method === 'phone' && (
        <TextField
          label={text.reachedWhom}
          value={fields.reachedWhom}
          onChange={(reachedWhom) => set({ reachedWhom })}
          maxLength={40}
          required
          error={shown('reachedWhom')}
          testId="unreached-whom"
        />
      )}
      <TextField
        label={text.reachedOn}
        value={fields.reachedOn}
        onChange={(reachedOn) => set({ reachedOn })}
        required
        min={beijingDay(item.issuedAt)}
        max={today}
        error={shown('reachedOn')}
        testId="unreached-date"
      />
      <TextField
        label={text.note}
        value={fields.note}
        onChange={(note) => set({ note })}
        maxLength={200}
        testId="unreached-note"
      />
      <Button variant="primary" busy={busy} testId="unreached-save" onPress={() => void save()}>
        {text.save}
      </Button>
      {error ? (
        <StaffError error={error} onRetry={retryOf(error, () => void save())} what={text.record} />
      ) : null}
    </View>
  );
}
