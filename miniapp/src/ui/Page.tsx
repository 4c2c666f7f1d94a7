import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { PrivacyDialog } from '@/features/privacy/PrivacyDialog';
import { useLargeText } from '@/reach/use-large-text';
import { heading } from './a11y';
import { BottomNav, type NavTab } from './BottomNav';
import { TextSizeToggle } from './TextSizeToggle';
import './ui.scss';

/**
 * Every page's frame: the title as the page's one level-1 heading, the large-text switch, the
 * content as the main landmark, and the bottom bar on the main pages. Large text applies here, to
 * the whole page, through the `xf-large` class. In WeChat the page also hosts the privacy
 * agreement's dialog, so it is asked for wherever the person is (features/privacy).
 */
export function Page({
  title,
  children,
  nav,
  testId,
  className: extra,
}: {
  title: string;
  children: ReactNode;
  nav?: NavTab;
  testId?: string;
  /** A class for the whole page (the staff pages use it for their wider desktop layout). */
  className?: string;
}) {
  const [large, toggle] = useLargeText();
  const className = ['xf-page', large ? 'xf-large' : '', nav ? 'xf-page--with-nav' : '', extra ?? '']
    .filter(Boolean)
    .join(' ');
  return (
    <View className={className} data-testid={testId ?? 'page'} data-large={String(large)}>
      <View className="xf-page__header" role="banner">
        <Text className="xf-page__title" {...heading(1)}>
          {title}
        </Text>
        <TextSizeToggle large={large} onToggle={toggle} />
      </View>
      <View className="xf-page__body" role="main">
        {children}
      </View>
      {nav && <BottomNav current={nav} />}
      <PrivacyDialog />
    </View>
  );
}
