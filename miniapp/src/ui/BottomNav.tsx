import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { messagesCopy } from '@/copy/messages';
import { copy } from '@/copy/zh-CN';
import { UnreadBadge } from '@/features/notifications/UnreadBadge';
import { useUnread } from '@/features/notifications/unread';
import { routes } from '@/routes';
import { pressable } from './a11y';

export type NavTab = 'home' | 'mine' | 'me';

const TABS: { tab: NavTab; label: string; url: string }[] = [
  { tab: 'home', label: copy.nav.home, url: routes.home },
  { tab: 'mine', label: copy.nav.mine, url: routes.mine },
  { tab: 'me', label: copy.nav.me, url: routes.me },
];

/**
 * The bar of the three main-package pages. Drawn by the app rather than WeChat's tab bar so that it
 * is labelled and focusable in h5 and sized for large text.
 */
export function BottomNav({ current }: { current: NavTab }) {
  // Unread messages show on "我的", where the message centre is.
  const unread = useUnread();
  return (
    <View className="xf-nav" role="navigation" aria-label={copy.nav.label} data-testid="bottom-nav">
      {TABS.map(({ tab, label, url }) => (
        <View
          key={tab}
          className={`xf-nav__item${tab === current ? ' xf-nav__item--current' : ''}`}
          data-testid={`nav-${tab}`}
          {...pressable(
            tab === 'me' && unread > 0 ? `${label}，${messagesCopy.badge.label(unread)}` : label,
            () => (tab === current ? undefined : Taro.reLaunch({ url })),
            { role: 'link', current: tab === current },
          )}
        >
          <Text>{label}</Text>
          {tab === 'me' && <UnreadBadge count={unread} testId="nav-unread" />}
        </View>
      ))}
    </View>
  );
}
