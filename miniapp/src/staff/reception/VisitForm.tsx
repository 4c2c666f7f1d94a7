import { View } from '@tarojs/components';
import { PETITION_KINDS, type PetitionKind } from '@xinfang/shared/lifecycle';
import type { Category, Submitted } from '@xinfang/shared/schemas/petitions';
import type { Booking } from '@xinfang/shared/schemas/reception';
import { useEffect, useRef, useState } from 'react';
import { staffCopy } from '@/copy/staff';
import { copy } from '@/copy/zh-CN';
import { newIdempotencyKey } from '@/platform/ids';
import { getCategories } from '@/services/org';
import { registerBookedVisit } from '@/services/reception';
import { Button } from '@/ui/Button';
import { ChipChoice } from '@/ui/ChipChoice';
import { TextField } from '@/ui/TextField';
import { retryOf } from '../ui/errors';
import { StaffError } from '../ui/StaffPage';

const text = staffCopy.reception;

/**
 * What the person raised with the leader, registered as a visit from their booking: the kind, the
 * category, a title and the content. One key per opened form, so a retried registration is one case.
 */
export function VisitForm({
  dayId,
  booking,
  onDone,
}: {
  dayId: string;
  booking: Booking;
  onDone: (made: Submitted) => void;
}) {
  const [categories, setCategories] = useState<Category[]>([]);
  const [kind, setKind] = useState<PetitionKind>('request');
  const [categoryCode, setCategoryCode] = useState('');
  const [title, setTitle] = useState('');
  const [content, setContent] = useState(booking.topic);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const key = useRef(newIdempotencyKey());
  useEffect(() => {
    void getCategories().then(setCategories, setError);
  }, []);
  const ready = categoryCode !== '' && title.trim() !== '' && content.trim() !== '';
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      onDone(
        await registerBookedVisit(
          dayId,
          booking.id,
          { kind, categoryCode, title: title.trim(), content: content.trim() },
          key.current,
        ),
      );
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <View data-testid="reception-visit-form">
      <ChipChoice
        label={text.kind}
        options={PETITION_KINDS.map((k) => ({ value: k, label: copy.kinds[k].name }))}
        value={kind}
        onChange={(v) => setKind(v as PetitionKind)}
        testId="reception-visit-kind"
      />
      <ChipChoice
        label={text.category}
        options={categories.map((c) => ({ value: c.code, label: c.name }))}
        value={categoryCode}
        onChange={setCategoryCode}
        testId="reception-visit-category"
      />
      <TextField
        label={text.visitTitle}
        value={title}
        onChange={setTitle}
        maxLength={100}
        required
        testId="reception-visit-title"
      />
      <TextField
        label={text.content}
        value={content}
        onChange={setContent}
        multiline
        maxLength={5000}
        required
        testId="reception-visit-content"
      />
      <Button
        variant="primary"
        busy={busy}
        disabled={!ready}
        testId="reception-visit-save"
        onPress={() => void save()}
      >
        {text.save}
      </Button>
      {error ? (
        <StaffError error={error} onRetry={retryOf(error, () => void save())} what={text.receive} />
      ) : null}
    </View>
  );
}
