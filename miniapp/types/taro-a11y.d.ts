import type { BaseTouchEvent, ITouchEvent } from '@tarojs/components/types/common';

declare module '@tarojs/components/types/common' {
  // Merged declarations must repeat the original type parameters exactly.
  // biome-ignore lint/suspicious/noExplicitAny: mirrors Taro's own declaration
  interface StandardProps<T = any, TouchEvent extends BaseTouchEvent<any> = ITouchEvent> {
    /** ARIA role. The h5 build renders it on the component's element, where assistive tools and tests find it. */
    role?: string;
  }
}
