import { Text } from '@tarojs/components';
import { badgeText } from './unread';
import './UnreadBadge.scss';

/** The count of unread messages on a tab or a link; nothing when there are none. Its parent names it for screen readers. */
export function UnreadBadge({ count, testId }: { count: number; testId?: string }) {
  if (count <= 0) return null;
  return (
    <Text className="xf-badge" aria-hidden="true" data-testid={testId}>
      {badgeText(count)}
    </Text>
  );
}
