import { Text } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { staffCopy } from '@/copy/staff';
import { pressable } from '@/ui/a11y';
import { staffRoutes } from '../routes';
import { unreachedNotices } from './api';

/**
 * The inbox's reminder of statutory notices that reached nobody: shown only when there are some,
 * a tap opens the list; counted again each time the inbox shows. A failure shows nothing: the list
 * itself says what went wrong.
 */
export function UnreachedBadge() {
  const [total, setTotal] = useState(0);
  const count = useCallback(() => {
    unreachedNotices(1)
      .then((list) => setTotal(list.total))
      .catch(() => setTotal(0));
  }, []);
  useEffect(count, [count]);
  const shownOnce = useRef(false);
  useDidShow(() => {
    if (shownOnce.current) count();
    shownOnce.current = true;
  });
  if (total === 0) return null;
  return (
    <Text
      className="xf-notice xf-notice--warn xf-notice--tap"
      data-testid="staff-unreached-badge"
      {...pressable(null, () => void Taro.navigateTo({ url: staffRoutes.unreached }), { role: 'link' })}
    >
      {staffCopy.unreached.badge(total)}
    </Text>
  );
}
