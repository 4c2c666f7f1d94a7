import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { heading } from './a11y';
import { Button } from './Button';
import { useDialogFocus, useUniqueId } from './focus';

/**
 * A question before something that cannot be undone, drawn by the app (not the platform's modal)
 * so that it grows with large text and its destructive choice looks destructive: the safe answer
 * comes first and is the plain one, the destructive one is red. `children` go between the
 * question and the answers: what the answer needs (a reason the confirming side checks). In h5
 * it is modal for the keyboard too: the safe answer takes focus, Tab stays inside, Esc is the safe
 * answer, and focus goes back to what opened it.
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
  const id = useUniqueId('xf-dialog');
  useDialogFocus(id, `[data-testid="${testId}-cancel"]`, onCancel);
  return (
    <View className="xf-dialog" data-testid={testId}>
      <View className="xf-dialog__scrim" onClick={onCancel} aria-hidden="true" />
      <View
        id={id}
        className="xf-dialog__box"
        role="alertdialog"
        aria-modal="true"
        aria-label={title}
        aria-describedby={`${id}-body`}
      >
        <Text className="xf-dialog__title" {...heading(2)}>
          {title}
        </Text>
        <Text className="xf-text" id={`${id}-body`}>
          {body}
        </Text>
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
