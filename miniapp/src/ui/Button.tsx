import { Text, View } from '@tarojs/components';
import { pressable } from './a11y';

export interface ButtonProps {
  children: string;
  onPress: () => void;
  /** `danger`: a red outline (remove one thing); `destructive`: solid red (wipe, cannot be undone). */
  variant?: 'primary' | 'secondary' | 'danger' | 'destructive' | 'link';
  inline?: boolean;
  disabled?: boolean;
  /** Working: the button shows `busyText` and ignores taps (double taps do nothing). */
  busy?: boolean;
  busyText?: string;
  /** The accessible name when the visible text alone is not clear enough. */
  label?: string;
  testId?: string;
  /** For a button that opens and closes a section below it. */
  expanded?: boolean;
}

/** A button: a large touch target, labelled, focusable, and inert while busy or disabled. */
export function Button({
  children,
  onPress,
  variant = 'secondary',
  inline = false,
  disabled = false,
  busy = false,
  busyText,
  label,
  testId,
  expanded,
}: ButtonProps) {
  const inert = disabled || busy;
  const className = [
    'xf-button',
    `xf-button--${variant}`,
    inline ? 'xf-button--inline' : '',
    disabled ? 'xf-button--disabled' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <View
      className={className}
      data-testid={testId}
      aria-busy={busy ? 'true' : undefined}
      {...pressable(label ?? children, onPress, { disabled: inert, expanded })}
    >
      <Text>{busy && busyText ? busyText : children}</Text>
    </View>
  );
}
