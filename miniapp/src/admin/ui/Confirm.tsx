import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { adminCopy } from '@/copy/admin';
import { Button } from '@/ui/Button';

/**
 * A change that is hard to take back (retire a unit, disable an account, undo an import): the
 * button first asks, in words, what will happen; only the second press does it.
 */
export function ConfirmButton({
  label,
  question,
  hint,
  onConfirm,
  busy = false,
  variant = 'danger',
  testId,
}: {
  label: string;
  question: string;
  hint?: string;
  onConfirm: () => void;
  busy?: boolean;
  variant?: 'danger' | 'secondary';
  testId: string;
}) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <View className="admin-action">
        {hint && <Text className="xf-text xf-text--small xf-text--muted">{hint}</Text>}
        <Button variant={variant} onPress={() => setAsking(true)} testId={testId}>
          {label}
        </Button>
      </View>
    );
  }
  return (
    <View className="admin-action admin-action--asking" role="group" aria-label={label}>
      <Text className="xf-text xf-text--strong">{question}</Text>
      {hint && <Text className="xf-text xf-text--small">{hint}</Text>}
      <View className="admin-action__buttons">
        <Button
          variant={variant}
          inline
          busy={busy}
          onPress={() => {
            onConfirm();
            setAsking(false);
          }}
          testId={`${testId}-confirm`}
          label={`${label}：${question}`}
        >
          {label}
        </Button>
        <Button inline onPress={() => setAsking(false)} testId={`${testId}-cancel`}>
          {adminCopy.common.cancel}
        </Button>
      </View>
    </View>
  );
}
