import { Text, View } from '@tarojs/components';
import { type ReactNode, useState } from 'react';
import { pressable } from './a11y';

/**
 * A heading that opens and closes what is under it: the legal basis on the petitioner's pages, the
 * filters of the staff inbox. Closed at first, unless told otherwise.
 */
export function FoldOut({
  title,
  children,
  testId,
  initiallyOpen = false,
}: {
  title: string;
  children: ReactNode;
  testId?: string;
  initiallyOpen?: boolean;
}) {
  const [open, setOpen] = useState(initiallyOpen);
  return (
    <View className={`xf-fold${open ? ' xf-fold--open' : ''}`} data-testid={testId}>
      <View
        className="xf-fold__toggle"
        data-testid={testId ? `${testId}-toggle` : undefined}
        {...pressable(null, () => setOpen(!open), { expanded: open })}
      >
        <Text className="xf-fold__title">{title}</Text>
        <Text className="xf-fold__mark" aria-hidden="true">
          {open ? '收起 ▴' : '展开 ▾'}
        </Text>
      </View>
      {open && <View className="xf-fold__body">{children}</View>}
    </View>
  );
}
