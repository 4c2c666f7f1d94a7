import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { heading } from './a11y';

/** A white card with an optional level-2 heading. */
export function Card({
  title,
  children,
  testId,
  label,
}: {
  title?: string;
  children: ReactNode;
  testId?: string;
  /** Makes the card a named region for assistive technology. */
  label?: string;
}) {
  return (
    <View
      className="xf-card"
      data-testid={testId}
      {...(label ? { role: 'region', 'aria-label': label } : {})}
    >
      {title && (
        <Text className="xf-card__heading" {...heading(2)}>
          {title}
        </Text>
      )}
      {children}
    </View>
  );
}

/** A label and its value on one line. */
export function KeyValue({
  label,
  children,
  testId,
}: {
  label: string;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <View className="xf-kv">
      <Text className="xf-kv__key">{label}</Text>
      <Text className="xf-kv__value" data-testid={testId}>
        {children}
      </Text>
    </View>
  );
}
