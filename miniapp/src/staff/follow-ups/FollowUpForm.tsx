import { Text, View } from '@tarojs/components';
import type { FollowUp, FollowUpMethod } from '@xinfang/shared/schemas/aftercare';
import { FOLLOW_UP_METHODS } from '@xinfang/shared/schemas/value-lists';
import { useState } from 'react';
import { staffCopy } from '@/copy/staff';
import { formatDateString } from '@/format/dates';
import { recordFollowUp } from '@/services/aftercare';
import { Button } from '@/ui/Button';
import { Choice } from '@/ui/Choice';
import { TextField } from '@/ui/TextField';
import { retryOf } from '../ui/errors';
import { StaffError } from '../ui/StaffPage';

const text = staffCopy.followUps;
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/** How a follow-up went, once it is recorded: the method, the day, satisfied or not, what was said. */
export function FollowUpOutcomeView({ item }: { item: FollowUp }) {
  if (!item.outcome) return null;
  const { method, followedOn, satisfied, petitionerSaid } = item.outcome;
  return (
    <View data-testid="follow-up-outcome">
      <Text className="staff-row__meta">
        {text.outcome(text.methods[method] ?? method, formatDateString(followedOn), satisfied)}
      </Text>
      <Text className="xf-text">{petitionerSaid}</Text>
    </View>
  );
}

/**
 * Recording a follow-up: by phone, a visit or a message, on which day, what the petitioner said,
 * satisfied or not. The server records it once; sending it again answers with what was recorded.
 */
export function FollowUpForm({ item, onSaved }: { item: FollowUp; onSaved: (saved: FollowUp) => void }) {
  const [method, setMethod] = useState<FollowUpMethod | null>(null);
  const [followedOn, setFollowedOn] = useState(today());
  const [said, setSaid] = useState('');
  const [satisfied, setSatisfied] = useState<'yes' | 'no' | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const ready = method !== null && satisfied !== null && said.trim() !== '' && followedOn.trim() !== '';
  const save = async () => {
    if (!ready) return;
    setBusy(true);
    setError(null);
    try {
      onSaved(
        await recordFollowUp(item.id, {
          method,
          followedOn: followedOn.trim(),
          petitionerSaid: said.trim(),
          satisfied: satisfied === 'yes',
        }),
      );
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <View data-testid="follow-up-form">
      <Choice
        label={text.method}
        options={FOLLOW_UP_METHODS.map((m) => ({ value: m, label: text.methods[m] ?? m }))}
        value={method}
        onChange={setMethod}
        testId="follow-up-method"
      />
      <TextField
        label={text.followedOn}
        value={followedOn}
        onChange={setFollowedOn}
        required
        testId="follow-up-date"
      />
      <TextField
        label={text.petitionerSaid}
        value={said}
        onChange={setSaid}
        multiline
        maxLength={2000}
        required
        testId="follow-up-said"
      />
      <Choice
        label={text.satisfied}
        options={[
          { value: 'yes', label: text.yes },
          { value: 'no', label: text.no },
        ]}
        value={satisfied}
        onChange={setSatisfied}
        testId="follow-up-satisfied"
      />
      <Button
        variant="primary"
        busy={busy}
        disabled={!ready}
        testId="follow-up-save"
        onPress={() => void save()}
      >
        {text.save}
      </Button>
      {error ? (
        <StaffError error={error} onRetry={retryOf(error, () => void save())} what={text.record} />
      ) : null}
    </View>
  );
}
