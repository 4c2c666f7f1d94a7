import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { adminCopy } from '@/copy/admin';
import { Button } from '@/ui/Button';
import { StatusLine } from '@/ui/Feedback';

/** A temporary password or an invitation code, shown once, with a way to copy what to hand over. */
export function OnceSecret({
  label,
  value,
  copyText,
  copyLabel = adminCopy.common.copy,
  testId,
}: {
  label: string;
  value: string;
  /** What is copied: the value, or a message that contains it. */
  copyText?: string;
  copyLabel?: string;
  testId: string;
}) {
  const [copied, setCopied] = useState(false);
  return (
    <View className="admin-secret" data-testid={testId}>
      <Text className="admin-secret__label">{label}</Text>
      <Text className="admin-secret__value" data-testid={`${testId}-value`} selectable>
        {value}
      </Text>
      <Text className="xf-text xf-text--small xf-text--muted">{adminCopy.common.showOnlyOnce}</Text>
      <Button
        inline
        onPress={() =>
          void Taro.setClipboardData({ data: copyText ?? value }).then(
            () => setCopied(true),
            () => undefined,
          )
        }
        testId={`${testId}-copy`}
      >
        {copyLabel}
      </Button>
      <StatusLine text={copied ? adminCopy.common.copied : null} />
    </View>
  );
}
