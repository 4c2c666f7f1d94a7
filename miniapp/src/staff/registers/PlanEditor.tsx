import { Text, View } from '@tarojs/components';
import type { BacklogItem } from '@xinfang/shared/schemas/registers';
import { useState } from 'react';
import { staffCopy } from '@/copy/staff';
import { formatDate } from '@/format/dates';
import { savePlan } from '@/services/registers';
import { Button } from '@/ui/Button';
import { TextField } from '@/ui/TextField';
import { retryOf } from '../ui/errors';
import { StaffError } from '../ui/StaffPage';

const text = staffCopy.registers;

/**
 * A case's resolution plan (化解方案) in a register: shown with who last set it and when, and set or
 * revised in place (PUT, audited) by anyone the register is open to.
 */
export function PlanEditor({
  petitionId,
  plan,
  onSaved,
}: {
  petitionId: string;
  plan: BacklogItem['plan'];
  onSaved: () => Promise<void>;
}) {
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const save = async () => {
    setTried(true);
    if (value.trim() === '' || busy) return;
    setBusy(true);
    setError(null);
    try {
      await savePlan(petitionId, value.trim());
      setEditing(false);
      await onSaved();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="staff-plan" data-testid="register-plan">
      {plan ? (
        <View>
          <Text className="xf-text" data-testid="register-plan-text">{`${text.plan}：${plan.plan}`}</Text>
          <Text className="staff-row__meta">
            {text.planBy(plan.updatedBy.name, formatDate(plan.updatedAt))}
          </Text>
        </View>
      ) : (
        <Text className="xf-text xf-text--muted">{text.noPlan}</Text>
      )}
      {editing ? (
        <View>
          <TextField
            label={text.plan}
            value={value}
            onChange={setValue}
            multiline
            required
            maxLength={2000}
            error={tried && value.trim() === '' ? text.planRequired : null}
            testId="register-plan-input"
          />
          {error ? (
            <StaffError error={error} onRetry={retryOf(error, () => void save())} what={text.plan} />
          ) : null}
          <View className="staff-row__actions">
            <Button
              variant="primary"
              inline
              busy={busy}
              onPress={() => void save()}
              testId="register-plan-save"
            >
              {text.savePlan}
            </Button>
            <Button variant="link" inline onPress={() => setEditing(false)}>
              {staffCopy.common.cancel}
            </Button>
          </View>
        </View>
      ) : (
        <Button
          inline
          testId="register-plan-edit"
          onPress={() => {
            setValue(plan?.plan ?? '');
            setTried(false);
            setEditing(true);
          }}
        >
          {plan ? text.editPlan : text.setPlan}
        </Button>
      )}
    </View>
  );
}
