import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { heading } from './a11y';
import { Button } from './Button';

/**
 * A question before something that cannot be undone, drawn by the app (not the platform's modal)
 * so that it grows with large text and its destructive choice looks destructive: the safe answer
 * comes first and is the plain one, the destructive one is red. `children` go between the
 * question and the answers: what the answer needs (a reason the confirming side checks).
 */
export function ConfirmDialog({
  title,
  body,
  confirm,
  cancel,
  onConfirm,
  onCancel,
  testId = 'confirm-dialog',
  children,
}: {
  title: string;
  body: string;
  confirm: string;
  cancel: string;
  onConfirm: () => void;
  onCancel: () => void;
  testId?: string;
  children?: ReactNode;
}) {
  return (
    <View className="xf-dialog" data-testid={testId}>
      <View className="xf-dialog__scrim" onClick={onCancel} aria-hidden="true" />
      <View className="xf-dialog__box" role="alertdialog" aria-modal="true" aria-label={title}>
        <Text className="xf-dialog__title" {...heading(2)}>
          {title}
        </Text>
        <Text className="xf-text">{body}</Text>
        {children}
        <Button onPress={onCancel} testId={`${testId}-cancel`}>
          {cancel}
        </Button>
        <Button variant="destructive" onPress={onConfirm} testId={`${testId}-confirm`}>
          {confirm}
        </Button>
      </View>
    </View>
  );
}
