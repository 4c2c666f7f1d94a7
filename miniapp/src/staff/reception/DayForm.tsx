import { Text, View } from '@tarojs/components';
import type { StaffAccount } from '@xinfang/shared/schemas/identity';
import type { ReceptionDay } from '@xinfang/shared/schemas/reception';
import { useEffect, useState } from 'react';
import { staffCopy } from '@/copy/staff';
import { newIdempotencyKey } from '@/platform/ids';
import { publishReceptionDay } from '@/services/reception';
import { Button } from '@/ui/Button';
import { ChipChoice } from '@/ui/ChipChoice';
import { TextField } from '@/ui/TextField';
import { beijingParts } from '../forms/dates';
import { isClean } from '../oversight/oversight-forms';
import { listLeaders } from '../services/staff-api';
import { isApiError, retryOf } from '../ui/errors';
import { StaffError } from '../ui/StaffPage';
import { changeReceptionDay } from './change-api';
import {
  blankDay,
  blankSlot,
  type DayFields,
  dayFieldsOf,
  dayProblems,
  serverDayProblems,
  toChangeBody,
  toDayBody,
} from './day-form';

const text = staffCopy.reception;

/**
 * The desk publishes a leader's reception day (Art 18): who, when, where, on what, and the time
 * slots; or changes a published one (`changing`: 改期/调整), starting from the day as it is, with
 * a reason its people are told. What the server refuses is shown by the field it names. One key
 * per filled form: a retried publication is one day, a retried change one change.
 */
export function DayForm({
  onPublished,
  onClose,
  changing,
  onStale,
}: {
  onPublished: () => Promise<void>;
  onClose: () => void;
  changing?: ReceptionDay;
  /** Someone changed the day meanwhile: the page reloads it. */
  onStale?: () => Promise<void>;
}) {
  const [leaders, setLeaders] = useState<Pick<StaffAccount, 'id' | 'displayName'>[]>([]);
  const [fields, setFields] = useState(() => (changing ? dayFieldsOf(changing) : blankDay()));
  const [reason, setReason] = useState('');
  const [key, setKey] = useState(newIdempotencyKey);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const reasonMissing = changing !== undefined && reason.trim() === '';
  const problems = dayProblems(fields, beijingParts(Date.now()), changing !== undefined);
  const shown = { ...(tried ? problems : {}), ...serverDayProblems(error) };
  const fieldError = Object.keys(serverDayProblems(error)).length > 0;
  const set = (patch: Partial<DayFields>) => {
    setFields((f) => ({ ...f, ...patch }));
    setError(null);
  };
  /** A slot's problem, under its times or under its places, whichever it is about. */
  const slotError = (i: number, under: 'times' | 'capacity') => {
    const problem = shown[`slot${i}`];
    if (!problem) return null;
    return (problem === text.dayWords.capacity) === (under === 'capacity') ? problem : null;
  };
  const setSlot = (index: number, patch: Partial<DayFields['slots'][number]>) =>
    set({ slots: fields.slots.map((s, i) => (i === index ? { ...s, ...patch } : s)) });

  useEffect(() => {
    listLeaders()
      .then(setLeaders)
      .catch(() => setLeaders([]));
  }, []);

  const send = async () => {
    setTried(true);
    if (!isClean(problems) || reasonMissing || busy) return;
    setBusy(true);
    setError(null);
    try {
      if (changing) {
        await changeReceptionDay(changing.id, toChangeBody(fields, reason, changing.version), key);
      } else await publishReceptionDay(toDayBody(fields), key);
      setFields(blankDay());
      setKey(newIdempotencyKey());
      setTried(false);
      await onPublished();
    } catch (failure) {
      if (isApiError(failure, 'VERSION_CONFLICT') && onStale) await onStale();
      else setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View data-testid="reception-day-form">
      <Text className="xf-text xf-text--muted">{changing ? text.changeIntro : text.publishIntro}</Text>
      <ChipChoice
        label={text.leader}
        options={[
          ...(changing ? [{ value: '', label: `${text.sameLeader}（${changing.leader}）` }] : []),
          ...leaders.map((p) => ({ value: p.id, label: p.displayName })),
        ]}
        value={fields.leaderId ?? ''}
        onChange={(id) => set({ leaderId: id || null })}
        error={shown.leaderId ?? null}
        testId="reception-day-leader"
      />
      <TextField
        label={text.date}
        value={fields.date}
        onChange={(date) => set({ date })}
        keyboard="date"
        required
        min={beijingParts(Date.now()).date}
        error={shown.date ?? null}
        testId="reception-day-date"
      />
      <TextField
        label={text.place}
        value={fields.place}
        onChange={(place) => set({ place })}
        required
        maxLength={200}
        error={shown.place ?? null}
        testId="reception-day-place"
      />
      <TextField
        label={text.topics}
        value={fields.topics}
        onChange={(topics) => set({ topics })}
        required
        maxLength={500}
        error={shown.topics ?? null}
        testId="reception-day-topics"
      />
      {fields.slots.map((slot, i) => (
        <View
          // Slots have no identity but their place in the list, as the server names them.
          // biome-ignore lint/suspicious/noArrayIndexKey: the index is the slot's name
          key={i}
          role="group"
          aria-label={text.slotLabel(i + 1)}
          data-testid="reception-day-slot"
        >
          <Text className="xf-text xf-text--strong">{text.slotLabel(i + 1)}</Text>
          <TextField
            label={text.slotFrom}
            value={slot.from}
            onChange={(from) => setSlot(i, { from })}
            keyboard="time"
            required
            maxLength={5}
            testId={`reception-day-slot-${i}-from`}
          />
          <TextField
            label={text.slotTo}
            value={slot.to}
            onChange={(to) => setSlot(i, { to })}
            keyboard="time"
            required
            maxLength={5}
            error={slotError(i, 'times')}
            testId={`reception-day-slot-${i}-to`}
          />
          <TextField
            label={text.slotCapacity}
            value={slot.capacity}
            onChange={(capacity) => setSlot(i, { capacity })}
            keyboard="number"
            required
            maxLength={2}
            error={slotError(i, 'capacity')}
            testId={`reception-day-slot-${i}-capacity`}
          />
          {fields.slots.length > 1 && (
            <Button
              testId={`reception-day-slot-${i}-remove`}
              onPress={() => set({ slots: fields.slots.filter((_, j) => j !== i) })}
            >
              {text.removeSlot}
            </Button>
          )}
        </View>
      ))}
      {fields.slots.length < 24 && (
        <Button
          testId="reception-day-add-slot"
          onPress={() => set({ slots: [...fields.slots, blankSlot()] })}
        >
          {text.addSlot}
        </Button>
      )}
      {changing && (
        <TextField
          label={text.changeReason}
          value={reason}
          onChange={(value) => {
            setReason(value);
            setError(null);
          }}
          multiline
          required
          maxLength={200}
          error={tried && reasonMissing ? text.changeReasonMissing : null}
          testId="reception-day-change-reason"
        />
      )}
      {error && !fieldError ? (
        <StaffError
          error={error}
          onRetry={retryOf(error, () => void send())}
          what={changing ? text.changeTitle : text.publishTitle}
        />
      ) : null}
      <Button variant="primary" busy={busy} onPress={() => void send()} testId="reception-day-publish">
        {changing ? text.changeConfirm : text.publish}
      </Button>
      <Button onPress={onClose} testId="reception-day-close">
        {changing ? text.changeKeep : text.closeForm}
      </Button>
    </View>
  );
}
